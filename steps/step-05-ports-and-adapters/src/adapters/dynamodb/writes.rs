//! The write port on DynamoDB: CRUD as single conditional calls, each Book Management command as
//! one transaction.

use crate::adapters::dynamodb::expression::Condition;
use crate::adapters::dynamodb::{DynamoDb, author, book, rental, user};
use crate::core::Entity;
use crate::core::model::{
    Author, AuthorChanges, AuthorId, Status, Timestamp, User, UserChanges, UserId, UserStatus,
};
use crate::core::ports::{
    BookAuthor, Borrowing, LibraryWrites, MissingReport, NewBook, StorageError,
};

impl LibraryWrites for DynamoDb {
    async fn create_author(&self, author: &Author, at: Timestamp) -> Result<(), StorageError> {
        self.put_new(Entity::Author, author::to_item(author), at)
            .await
    }

    async fn update_author(
        &self,
        id: &AuthorId,
        changes: &AuthorChanges,
        at: Timestamp,
    ) -> Result<Author, StorageError> {
        let changes = author::changes(changes);
        self.update(
            Entity::Author,
            author::key(id),
            changes,
            at,
            author::from_item,
        )
        .await
    }

    async fn delete_author(&self, id: &AuthorId) -> Result<(), StorageError> {
        self.delete(Entity::Author, author::key(id)).await
    }

    async fn create_user(&self, user: &User, at: Timestamp) -> Result<(), StorageError> {
        self.put_new(Entity::User, user::to_item(user), at).await
    }

    async fn update_user(
        &self,
        id: &UserId,
        changes: &UserChanges,
        at: Timestamp,
    ) -> Result<User, StorageError> {
        let changes = user::changes(changes);
        self.update(Entity::User, user::key(id), changes, at, user::from_item)
            .await
    }

    async fn delete_user(&self, id: &UserId) -> Result<(), StorageError> {
        self.delete(Entity::User, user::key(id)).await
    }

    /// A new author is put with the book; a known one is only checked to still be there.
    async fn add_book(&self, new: &NewBook, at: Timestamp) -> Result<(), StorageError> {
        let transaction = self.transaction(at);
        let transaction = match &new.author {
            BookAuthor::New(author) => transaction.put(Entity::Author, author::to_item(author)),
            BookAuthor::Existing(id) => {
                transaction.check(Entity::Author, author::key(id), Condition::Present)
            }
        };
        transaction
            .put(Entity::Book, book::to_item(&new.book))
            .commit()
            .await
    }

    async fn record_borrowing(
        &self,
        borrowing: &Borrowing,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        let lending = &borrowing.book;
        self.transaction(at)
            .update(
                Entity::Book,
                book::transition_key(lending),
                book::transition_changes(lending),
                Condition::StatusIs(lending.from.as_str()),
            )
            .put(Entity::Rental, rental::to_item(&borrowing.rental))
            // The user rule ("not SUSPENDED") in DynamoDB's words.
            .check(
                Entity::User,
                user::key(&borrowing.rental.user_id),
                Condition::PresentAndStatusIsNot(UserStatus::Suspended.as_str()),
            )
            .commit()
            .await
    }

    async fn record_missing_book(
        &self,
        report: &MissingReport,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        let missing = &report.book;
        let lost = &report.rental;
        self.transaction(at)
            .update(
                Entity::Book,
                book::transition_key(missing),
                book::transition_changes(missing),
                Condition::StatusIs(missing.from.as_str()),
            )
            .update(
                Entity::User,
                user::key(&report.suspension.user_id),
                user::suspension_changes(&report.suspension),
                Condition::Present,
            )
            .delete(
                Entity::Rental,
                rental::key(&lost.book_id, &lost.user_id),
                Condition::StatusIs(lost.status.as_str()),
            )
            .commit()
            .await
    }
}
