//! Changes to authors: create, update and delete.

use super::{Command, Writer, changed};
use crate::error::Error;
use crate::model::{Author, AuthorChanges, AuthorDetails, AuthorId};
use crate::repository::author::key;

/// A new author, under a new id.
#[derive(Debug)]
pub struct CreateAuthor {
    pub author: AuthorDetails,
}

impl Command for CreateAuthor {
    /// The new author, which `POST /author` answers.
    type Outcome = Author;

    async fn handle(self, writer: &Writer) -> Result<Author, Error> {
        let author = self.author.into_author(writer.new_id().into());
        writer.create(author).await
    }
}

#[derive(Debug)]
pub struct UpdateAuthor {
    pub id: AuthorId,
    pub changes: AuthorChanges,
}

impl Command for UpdateAuthor {
    /// The author after the change, which `PUT /author/{id}` answers.
    type Outcome = Author;

    async fn handle(self, writer: &Writer) -> Result<Author, Error> {
        let fields = changed([
            ("name", self.changes.name),
            ("birthdate", self.changes.birthdate.map(|at| at.to_string())),
        ]);
        writer.update(key(&self.id), fields).await
    }
}

#[derive(Debug)]
pub struct DeleteAuthor {
    pub id: AuthorId,
}

impl Command for DeleteAuthor {
    type Outcome = ();

    async fn handle(self, writer: &Writer) -> Result<(), Error> {
        writer.delete::<Author>(key(&self.id)).await
    }
}
