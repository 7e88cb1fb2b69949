//! The read port on DynamoDB.

use crate::adapters::dynamodb::item::reference;
use crate::adapters::dynamodb::table::Lookup;
use crate::adapters::dynamodb::{DynamoDb, author, book, rental, user};
use crate::core::Entity;
use crate::core::model::{
    Author, AuthorId, Book, BookId, BookStatus, Rental, Status, User, UserId,
};
use crate::core::ports::{LibraryReads, Listing, Page, StorageError};

impl LibraryReads for DynamoDb {
    async fn author(&self, id: &AuthorId) -> Result<Option<Author>, StorageError> {
        self.get(author::key(id), author::from_item).await
    }

    async fn authors(&self, page: Page) -> Result<Listing<Author>, StorageError> {
        let every = Lookup::Type {
            entity: Entity::Author,
            sort_key: None,
        };
        self.page(&every, page, author::from_item).await
    }

    async fn user(&self, id: &UserId) -> Result<Option<User>, StorageError> {
        self.get(user::key(id), user::from_item).await
    }

    async fn users(&self, page: Page) -> Result<Listing<User>, StorageError> {
        let every = Lookup::Type {
            entity: Entity::User,
            sort_key: None,
        };
        self.page(&every, page, user::from_item).await
    }

    async fn book(&self, id: &BookId, author: &AuthorId) -> Result<Option<Book>, StorageError> {
        self.get(book::key(id, author), book::from_item).await
    }

    /// The book's partition holds the book (sort key `Author#...`) and its rentals (`User#...`).
    async fn find_book(&self, id: &BookId) -> Result<Option<Book>, StorageError> {
        let partition = Lookup::Partition {
            resource_id: reference(Entity::Book, id),
            prefix: format!("{}#", Entity::Author),
        };
        let books = self.all(&partition, book::from_item).await?;
        Ok(books.into_iter().next())
    }

    async fn books_by_author(&self, author: &AuthorId) -> Result<Vec<Book>, StorageError> {
        let of_author = Lookup::Type {
            entity: Entity::Book,
            sort_key: Some(reference(Entity::Author, author)),
        };
        self.all(&of_author, book::from_item).await
    }

    async fn books_in_status(&self, status: BookStatus) -> Result<Vec<Book>, StorageError> {
        let in_status = Lookup::Status {
            entity: Entity::Book,
            status: status.as_str(),
        };
        self.all(&in_status, book::from_item).await
    }

    async fn rental(&self, book: &BookId, user: &UserId) -> Result<Option<Rental>, StorageError> {
        self.get(rental::key(book, user), rental::from_item).await
    }

    async fn rentals_of_user(&self, user: &UserId) -> Result<Vec<Rental>, StorageError> {
        let of_user = Lookup::Type {
            entity: Entity::Rental,
            sort_key: Some(reference(Entity::User, user)),
        };
        self.all(&of_user, rental::from_item).await
    }
}
