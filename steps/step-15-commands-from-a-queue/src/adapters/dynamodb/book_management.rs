//! Book Management's writes on the table: each command's writes in one transaction. Every write
//! re-checks with its condition what the command decided on; when one does not hold, DynamoDB
//! cancels them all and nothing at all is written. A command's receipt, when it has one, is one
//! more write of the same transaction.

use plumbing::clock::Timestamp;
use plumbing::dynamodb::expression::{Change, Condition};

use crate::adapters::dynamodb::item::{Item, s};
use crate::adapters::dynamodb::records::Record;
use crate::adapters::dynamodb::table::{Table, new_item};
use crate::core::model::{
    Author, Book, BookTransition, Rental, RentalStatus, Status, User, UserStatus,
};
use crate::core::ports::{
    BookAuthor, BookManagement, Borrowing, Entity, MissingReport, NewBook, StorageError,
};

impl BookManagement for Table {
    /// A new author is put with the book; a known one is only checked to still be there.
    async fn add_book(&self, new: &NewBook, at: Timestamp) -> Result<(), StorageError> {
        let transaction = self.transaction(at);
        let transaction = match &new.author {
            BookAuthor::New(author) => transaction.put(Author::NAME, new_item(author)),
            BookAuthor::Existing(id) => {
                transaction.check(Author::NAME, Author::key(id), Condition::Present)
            }
        };
        transaction
            .put(Book::NAME, new_item(&new.book))
            .receipt(new.receipt.as_ref())
            .commit()
            .await
    }

    async fn record_borrowing(
        &self,
        borrowing: &Borrowing,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        let (book, changes, still) = transition(&borrowing.book);
        let user = User::key(&borrowing.rental.user_id);
        let not_suspended = Condition::PresentAndStatusIsNot(UserStatus::Suspended.as_str());
        self.transaction(at)
            .update(Book::NAME, book, changes, still)
            .put(Rental::NAME, new_item(&borrowing.rental))
            // The user rule ("not SUSPENDED") as a condition.
            .check(User::NAME, user, not_suspended)
            .receipt(borrowing.receipt.as_ref())
            .commit()
            .await
    }

    async fn record_missing_book(
        &self,
        report: &MissingReport,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        let (book, changes, still) = transition(&report.book);
        let suspension = &report.suspension;
        let suspended = vec![
            ("status", s(suspension.status.as_str())),
            ("comment", s(&suspension.comment)),
        ];
        let user = User::key(&suspension.user_id);
        let borrowed = Condition::StatusIs(RentalStatus::Borrowed.as_str());
        self.transaction(at)
            .update(Book::NAME, book, changes, still)
            .update(User::NAME, user, suspended, Condition::Present)
            .delete(Rental::NAME, Rental::key(&report.rental), borrowed)
            .receipt(report.receipt.as_ref())
            .commit()
            .await
    }
}

/// A book's transition as a write: its key, its new status, and the condition that it is still
/// in the status the command decided on.
fn transition(transition: &BookTransition) -> (Item, Vec<Change>, Condition) {
    let changes = vec![("status", s(transition.to.as_str()))];
    let still = Condition::StatusIs(transition.from.as_str());
    (Book::key(&transition.book), changes, still)
}
