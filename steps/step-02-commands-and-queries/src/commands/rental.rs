//! Changes to rentals: create, update and delete.

use utoipa::ToSchema;

use super::{Command, Writer, changed};
use crate::repository::RepositoryError;
use crate::repository::rental::{Rental, key};
use crate::status::{RentalStatus, Status};

/// Any of the fields; the others stay as they are. `comment` may be empty.
#[derive(Debug, Default, ToSchema)]
pub struct RentalChanges {
    pub status: Option<RentalStatus>,
    pub comment: Option<String>,
}

/// A new rental of a book by a user, `BORROWED` with an empty comment. Both ids come from the
/// path, so this command makes none.
#[derive(Debug)]
pub struct CreateRental {
    pub user_id: String,
    pub book_id: String,
}

impl Command for CreateRental {
    /// The new rental, which `POST /rental/{userId}/{bookId}` answers.
    type Outcome = Rental;

    async fn handle(self, writer: &Writer) -> Result<Rental, RepositoryError> {
        let rental = Rental {
            book_id: self.book_id,
            user_id: self.user_id,
            status: RentalStatus::Borrowed,
            comment: String::new(),
        };
        writer.create(rental).await
    }
}

#[derive(Debug)]
pub struct UpdateRental {
    pub user_id: String,
    pub book_id: String,
    pub changes: RentalChanges,
}

impl Command for UpdateRental {
    /// The rental after the change, which `PUT /rental/{userId}/{bookId}` answers.
    type Outcome = Rental;

    async fn handle(self, writer: &Writer) -> Result<Rental, RepositoryError> {
        let fields = changed([
            ("status", self.changes.status.map(|s| s.as_str().to_owned())),
            ("comment", self.changes.comment),
        ]);
        writer
            .update(key(&self.user_id, &self.book_id), fields)
            .await
    }
}

#[derive(Debug)]
pub struct DeleteRental {
    pub user_id: String,
    pub book_id: String,
}

impl Command for DeleteRental {
    type Outcome = ();

    async fn handle(self, writer: &Writer) -> Result<(), RepositoryError> {
        writer
            .delete::<Rental>(key(&self.user_id, &self.book_id))
            .await
    }
}
