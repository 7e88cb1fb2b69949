//! Changes to authors: create, update and delete.

use utoipa::ToSchema;

use super::{Command, Writer, changed};
use crate::error::ApiError;
use crate::repository::author::{Author, key};

/// Both fields are required. `birthdate` is RFC 3339 or a bare date (UTC midnight).
#[derive(Debug, ToSchema)]
pub struct NewAuthor {
    pub name: String,
    pub birthdate: String,
}

/// Any of the fields; the others stay as they are.
#[derive(Debug, Default, ToSchema)]
pub struct AuthorChanges {
    pub name: Option<String>,
    pub birthdate: Option<String>,
}

/// A new author, under a new id.
#[derive(Debug)]
pub struct CreateAuthor {
    pub author: NewAuthor,
}

impl Command for CreateAuthor {
    /// The new author, which `POST /author` answers.
    type Outcome = Author;

    async fn handle(self, writer: &Writer) -> Result<Author, ApiError> {
        let author = Author {
            id: writer.new_id(),
            name: self.author.name,
            birthdate: self.author.birthdate,
        };
        Ok(writer.create(author).await?)
    }
}

#[derive(Debug)]
pub struct UpdateAuthor {
    pub id: String,
    pub changes: AuthorChanges,
}

impl Command for UpdateAuthor {
    /// The author after the change, which `PUT /author/{id}` answers.
    type Outcome = Author;

    async fn handle(self, writer: &Writer) -> Result<Author, ApiError> {
        let fields = changed([
            ("name", self.changes.name),
            ("birthdate", self.changes.birthdate),
        ]);
        Ok(writer.update(key(&self.id), fields).await?)
    }
}

#[derive(Debug)]
pub struct DeleteAuthor {
    pub id: String,
}

impl Command for DeleteAuthor {
    type Outcome = ();

    async fn handle(self, writer: &Writer) -> Result<(), ApiError> {
        Ok(writer.delete::<Author>(key(&self.id)).await?)
    }
}
