//! Book Management's writes on the table: each command's writes, one after the other. Every
//! write re-checks with its condition what the command decided on, so of two borrowers of one
//! book only one gets it; but a write that fails after an earlier one succeeded leaves the
//! earlier one in place.

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
use crate::table::{Table, delete, new_item, put_new, update};
use crate::user::{User, UserId};

impl BookManagement for Table {
    async fn add_book(&self, new: &NewBook, at: Timestamp) -> Result<(), StorageError> {
        if let BookAuthor::New(author) = &new.author {
            put_new(self, Author::NAME, new_item(author), at).await?;
        }
        put_new(self, Book::NAME, new_item(&new.book), at).await
    }

    async fn record_borrowing(
        &self,
        borrowing: &Borrowing,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        let lent = vec![("status", s(BookStatus::NotAvailable.as_str()))];
        let available = Condition::StatusIs(BookStatus::Available.as_str());
        let book = Book::key(&borrowing.book);
        update(self, Book::NAME, book, lent, available, at).await?;
        put_new(self, Rental::NAME, new_item(&borrowing.rental), at).await
    }

    async fn record_missing_book(
        &self,
        report: &MissingReport,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        let missing = vec![("status", s(BookStatus::Missing.as_str()))];
        let lent = Condition::StatusIs(BookStatus::NotAvailable.as_str());
        let book = Book::key(&report.book);
        update(self, Book::NAME, book, missing, lent, at).await?;
        let suspended = vec![
            ("status", s(UserStatus::Suspended.as_str())),
            ("comment", s(&report.comment)),
        ];
        let user = User::key(&UserId {
            id: report.rental.user_id.clone(),
        });
        update(self, User::NAME, user, suspended, Condition::Present, at).await?;
        let borrowed = Condition::StatusIs(RentalStatus::Borrowed.as_str());
        delete(self, Rental::NAME, Rental::key(&report.rental), borrowed).await
    }
}
