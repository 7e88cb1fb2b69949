//! The write side. A command asks for a change: its handler makes it through the write half of
//! the storage port, and answers no more than the API needs back: an acknowledgement, or the
//! changed entity where the CRUD API answers with it (create and update). A command may read what
//! it decides on, and may refuse: a rule of the library forbids the change. Answering questions
//! is the other side's business, in [`crate::core::queries`].
//!
//! Book Management's commands are tasks, one module each; authors and users stay CRUD, with the
//! three commands below.

pub mod add_new_book;
pub mod borrow_book;
pub mod report_missing_book;

pub use add_new_book::{AddNewBook, AddNewBookPayload, AuthorChoice, AuthorPayload, BookAdded};
pub use borrow_book::{BookBorrowed, BorrowBook, BorrowBookPayload};
pub use report_missing_book::{MissingBookReported, ReportMissingBook, ReportMissingBookPayload};

use plumbing::clock::Timestamp;

use crate::core::model::Error;
use crate::core::ports::{Entity, Writes};

/// A change to make, with its handler; `S` is the storage it is made in.
pub trait Command<S>: Send {
    /// What the API answers once the change is made.
    type Outcome;

    /// Makes the change, stamped `at`.
    fn handle(
        self,
        storage: &S,
        at: Timestamp,
    ) -> impl Future<Output = Result<Self::Outcome, Error>> + Send;
}

/// A new entity, under an id its caller chose.
pub struct Create<E>(pub E);

impl<E: Entity, S: Writes<E>> Command<S> for Create<E> {
    /// The new entity, which `POST` answers.
    type Outcome = E;

    async fn handle(self, storage: &S, at: Timestamp) -> Result<E, Error> {
        Ok(storage.create(self.0, at).await?)
    }
}

pub struct Update<E: Entity> {
    pub id: E::Id,
    pub changes: E::Changes,
}

impl<E: Entity, S: Writes<E>> Command<S> for Update<E> {
    /// The entity after the change, which `PUT` answers.
    type Outcome = E;

    async fn handle(self, storage: &S, at: Timestamp) -> Result<E, Error> {
        Ok(storage.update(&self.id, &self.changes, at).await?)
    }
}

pub struct Delete<E: Entity>(pub E::Id);

impl<E: Entity, S: Writes<E>> Command<S> for Delete<E> {
    /// The deleted entity's id, which `DELETE` answers.
    type Outcome = E::Id;

    async fn handle(self, storage: &S, _at: Timestamp) -> Result<E::Id, Error> {
        storage.delete(&self.0).await?;
        Ok(self.0)
    }
}
