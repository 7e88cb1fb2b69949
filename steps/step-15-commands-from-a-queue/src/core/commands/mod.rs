//! The write side. A command asks for a change: its handler makes it through the write half of
//! the storage port, and answers no more than the API needs back: an acknowledgement, or the
//! changed entity where the CRUD API answers with it (create and update). A command may read what
//! it decides on, and may refuse: a rule of the library forbids the change. Answering questions
//! is the other side's business, in [`crate::core::queries`].
//!
//! Book Management's commands are tasks, one module each; authors and users stay CRUD, with the
//! three commands below. A task sent with an `Idempotency-Key` runs once: its receipt is written
//! with its changes, and a retry answers from it.

pub mod add_new_book;
pub mod borrow_book;
pub mod report_missing_book;

pub use add_new_book::{AddNewBook, AddNewBookPayload, AuthorChoice, AuthorPayload, BookAdded};
pub use borrow_book::{BookBorrowed, BorrowBook, BorrowBookPayload};
pub use report_missing_book::{MissingBookReported, ReportMissingBook, ReportMissingBookPayload};

use plumbing::clock::Timestamp;
use plumbing::idempotency::{IdempotencyKey, Receipt};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::core::model::Error;
use crate::core::ports::{Entity, Receipts, Writes};

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

/// What the run sent with `key` answered, if one ran: its retry answers the same and changes
/// nothing. The key sent with another request is refused.
async fn done_before<S: Receipts, O: DeserializeOwned>(
    storage: &S,
    key: Option<&IdempotencyKey>,
    request: &str,
    at: Timestamp,
) -> Result<Option<O>, Error> {
    let Some(key) = key else {
        return Ok(None);
    };
    match storage.receipt(key).await? {
        Some(receipt) if receipt.is_live(at) => Ok(Some(receipt.answer_to(request)?)),
        _ => Ok(None),
    }
}

/// The receipt a run sent with `key` leaves with its writes: what it was asked, what it answers.
fn receipt(
    key: Option<IdempotencyKey>,
    request: String,
    outcome: &impl Serialize,
    at: Timestamp,
) -> Result<Option<Receipt>, Error> {
    let receipt = key.map(|key| Receipt::new(key, request, outcome, at));
    Ok(receipt.transpose()?)
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
