//! Changes to users: create, update and delete.

use super::{Command, Writer, changed};
use crate::error::Error;
use crate::model::{Status, User, UserChanges, UserDetails, UserId};
use crate::repository::user::key;

/// A new user, under a new id, `NOT_VERIFIED` with an empty comment.
#[derive(Debug)]
pub struct CreateUser {
    pub user: UserDetails,
}

impl Command for CreateUser {
    /// The new user, which `POST /user` answers.
    type Outcome = User;

    async fn handle(self, writer: &Writer) -> Result<User, Error> {
        let user = self.user.into_user(writer.new_id().into());
        writer.create(user).await
    }
}

#[derive(Debug)]
pub struct UpdateUser {
    pub id: UserId,
    pub changes: UserChanges,
}

impl Command for UpdateUser {
    /// The user after the change, which `PUT /user/{id}` answers.
    type Outcome = User;

    async fn handle(self, writer: &Writer) -> Result<User, Error> {
        let fields = changed([
            ("name", self.changes.name),
            ("email", self.changes.email),
            ("status", self.changes.status.map(|s| s.as_str().to_owned())),
            ("comment", self.changes.comment),
        ]);
        writer.update(key(&self.id), fields).await
    }
}

#[derive(Debug)]
pub struct DeleteUser {
    pub id: UserId,
}

impl Command for DeleteUser {
    type Outcome = ();

    async fn handle(self, writer: &Writer) -> Result<(), Error> {
        writer.delete::<User>(key(&self.id)).await
    }
}
