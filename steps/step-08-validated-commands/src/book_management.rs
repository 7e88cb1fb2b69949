//! Book Management's writes on the table: each command's writes in one transaction. Every write
//! re-checks with its condition what the command decided on; when one does not hold, DynamoDB
//! cancels them all and nothing at all is written. A command's receipt, when it has one, is one
//! more write of the same transaction.

use plumbing::clock::Timestamp;
use plumbing::dynamodb::expression::Condition;

use crate::author::Author;
use crate::book::Book;
use crate::item::s;
use crate::records::Record;
use crate::rental::Rental;
use crate::repository::{
    BookAuthor, BookManagement, Borrowing, Entity, MissingReport, NewBook, StorageError,
};
use crate::status::{BookStatus, RentalStatus, Status, UserStatus};
use crate::table::{Table, new_item};
use crate::user::User;

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
        let lent = vec![("status", s(BookStatus::NotAvailable.as_str()))];
        let available = Condition::StatusIs(BookStatus::Available.as_str());
        let user = User::key(&borrowing.rental.user_id);
        let not_suspended = Condition::PresentAndStatusIsNot(UserStatus::Suspended.as_str());
        self.transaction(at)
            .update(Book::NAME, Book::key(&borrowing.book), lent, available)
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
        let missing = vec![("status", s(BookStatus::Missing.as_str()))];
        let lent = Condition::StatusIs(BookStatus::NotAvailable.as_str());
        let suspended = vec![
            ("status", s(UserStatus::Suspended.as_str())),
            ("comment", s(&report.comment)),
        ];
        let user = User::key(&report.rental.user_id);
        let borrowed = Condition::StatusIs(RentalStatus::Borrowed.as_str());
        self.transaction(at)
            .update(Book::NAME, Book::key(&report.book), missing, lent)
            .update(User::NAME, user, suspended, Condition::Present)
            .delete(Rental::NAME, Rental::key(&report.rental), borrowed)
            .receipt(report.receipt.as_ref())
            .commit()
            .await
    }
}
