//! Changes to users: create, update and delete.

use utoipa::ToSchema;

use super::{Command, Writer, changed};
use crate::error::ApiError;
use crate::repository::user::{User, key};
use crate::status::{Status, UserStatus};

/// Both fields are required. A new user is `NOT_VERIFIED` with an empty comment.
#[derive(Debug, ToSchema)]
pub struct NewUser {
    pub name: String,
    pub email: String,
}

/// Any of the fields; the others stay as they are. `comment` may be empty.
#[derive(Debug, Default, ToSchema)]
pub struct UserChanges {
    pub name: Option<String>,
    pub email: Option<String>,
    pub status: Option<UserStatus>,
    pub comment: Option<String>,
}

/// A new user, under a new id, `NOT_VERIFIED` with an empty comment.
#[derive(Debug)]
pub struct CreateUser {
    pub user: NewUser,
}

impl Command for CreateUser {
    /// The new user, which `POST /user` answers.
    type Outcome = User;

    async fn handle(self, writer: &Writer) -> Result<User, ApiError> {
        let user = User {
            id: writer.new_id(),
            name: self.user.name,
            email: self.user.email,
            status: UserStatus::NotVerified,
            comment: String::new(),
        };
        Ok(writer.create(user).await?)
    }
}

#[derive(Debug)]
pub struct UpdateUser {
    pub id: String,
    pub changes: UserChanges,
}

impl Command for UpdateUser {
    /// The user after the change, which `PUT /user/{id}` answers.
    type Outcome = User;

    async fn handle(self, writer: &Writer) -> Result<User, ApiError> {
        let fields = changed([
            ("name", self.changes.name),
            ("email", self.changes.email),
            ("status", self.changes.status.map(|s| s.as_str().to_owned())),
            ("comment", self.changes.comment),
        ]);
        Ok(writer.update(key(&self.id), fields).await?)
    }
}

#[derive(Debug)]
pub struct DeleteUser {
    pub id: String,
}

impl Command for DeleteUser {
    type Outcome = ();

    async fn handle(self, writer: &Writer) -> Result<(), ApiError> {
        Ok(writer.delete::<User>(key(&self.id)).await?)
    }
}
