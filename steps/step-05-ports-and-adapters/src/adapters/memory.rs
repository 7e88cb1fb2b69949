//! The storage ports in memory: the teaching example of swapping an adapter, and fast tests.
//!
//! All data sits in one map per entity behind one mutex. Each write takes the lock once, checks
//! every condition of its change first and only then applies it, so it is all or nothing and
//! isolated from every other write: the same guarantees one DynamoDB `TransactWriteItems` gives,
//! checked in the same order, reported with the same [`StorageError::ConditionFailed`].
//!
//! Timestamps are not kept: nothing reads them back, they only matter to whoever looks at the
//! DynamoDB table itself.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::ops::Bound;
use std::sync::{Arc, Mutex, MutexGuard};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::adapters::clock::SystemClock;
use crate::adapters::ids::RandomKsuids;
use crate::core::model::{
    Author, AuthorChanges, AuthorId, Book, BookId, BookStatus, BookTransition, InvalidId, Rental,
    Timestamp, User, UserChanges, UserId,
};
use crate::core::ports::{
    BookAuthor, Borrowing, Cursor, LibraryReads, LibraryWrites, Listing, MissingReport, NewBook,
    Page, SortOrder, StorageError,
};
use crate::core::{App, Entity};

/// Storage that lives as long as the process. Clones share the same data.
#[derive(Clone, Default)]
pub struct InMemory {
    tables: Arc<Mutex<Tables>>,
}

#[derive(Default)]
struct Tables {
    authors: BTreeMap<AuthorId, Author>,
    books: BTreeMap<BookId, Book>,
    rentals: BTreeMap<(BookId, UserId), Rental>,
    users: BTreeMap<UserId, User>,
}

impl InMemory {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> Result<MutexGuard<'_, Tables>, StorageError> {
        // Writes never panic between checking and applying, so a poisoned lock means a bug;
        // refuse to serve possibly half-changed data rather than guess.
        self.tables
            .lock()
            .map_err(|_| StorageError::Failed("in-memory storage poisoned by a panic".to_owned()))
    }
}

impl App<InMemory> {
    /// The app on empty in-memory storage, with the system clock and random ids: no DynamoDB
    /// needed.
    pub fn in_memory() -> Self {
        Self::new(InMemory::new(), SystemClock, RandomKsuids)
    }
}

impl LibraryReads for InMemory {
    async fn author(&self, id: &AuthorId) -> Result<Option<Author>, StorageError> {
        Ok(self.lock()?.authors.get(id).cloned())
    }

    async fn authors(&self, page: Page) -> Result<Listing<Author>, StorageError> {
        listing(&self.lock()?.authors, &page, AuthorId::parse)
    }

    async fn user(&self, id: &UserId) -> Result<Option<User>, StorageError> {
        Ok(self.lock()?.users.get(id).cloned())
    }

    async fn users(&self, page: Page) -> Result<Listing<User>, StorageError> {
        listing(&self.lock()?.users, &page, UserId::parse)
    }

    async fn book(&self, id: &BookId, author: &AuthorId) -> Result<Option<Book>, StorageError> {
        let tables = self.lock()?;
        Ok(tables
            .books
            .get(id)
            .filter(|book| &book.author_id == author)
            .cloned())
    }

    async fn find_book(&self, id: &BookId) -> Result<Option<Book>, StorageError> {
        Ok(self.lock()?.books.get(id).cloned())
    }

    async fn books_by_author(&self, author: &AuthorId) -> Result<Vec<Book>, StorageError> {
        let tables = self.lock()?;
        let books = tables.books.values();
        Ok(books.filter(|b| &b.author_id == author).cloned().collect())
    }

    async fn books_in_status(&self, status: BookStatus) -> Result<Vec<Book>, StorageError> {
        let tables = self.lock()?;
        let books = tables.books.values();
        Ok(books.filter(|b| b.status == status).cloned().collect())
    }

    async fn rental(&self, book: &BookId, user: &UserId) -> Result<Option<Rental>, StorageError> {
        let key = (book.clone(), user.clone());
        Ok(self.lock()?.rentals.get(&key).cloned())
    }

    async fn rentals_of_user(&self, user: &UserId) -> Result<Vec<Rental>, StorageError> {
        let tables = self.lock()?;
        let rentals = tables.rentals.values();
        Ok(rentals.filter(|r| &r.user_id == user).cloned().collect())
    }
}

impl LibraryWrites for InMemory {
    async fn create_author(&self, author: &Author, _at: Timestamp) -> Result<(), StorageError> {
        let mut tables = self.lock()?;
        insert_new(&mut tables.authors, &author.id, author, Entity::Author)
    }

    async fn update_author(
        &self,
        id: &AuthorId,
        changes: &AuthorChanges,
        _at: Timestamp,
    ) -> Result<Author, StorageError> {
        let mut tables = self.lock()?;
        let author = existing(&mut tables.authors, id, Entity::Author)?;
        if let Some(name) = &changes.name {
            author.name.clone_from(name);
        }
        if let Some(birthdate) = changes.birthdate {
            author.birthdate = birthdate;
        }
        Ok(author.clone())
    }

    async fn delete_author(&self, id: &AuthorId) -> Result<(), StorageError> {
        let mut tables = self.lock()?;
        remove(&mut tables.authors, id, Entity::Author)
    }

    async fn create_user(&self, user: &User, _at: Timestamp) -> Result<(), StorageError> {
        let mut tables = self.lock()?;
        insert_new(&mut tables.users, &user.id, user, Entity::User)
    }

    async fn update_user(
        &self,
        id: &UserId,
        changes: &UserChanges,
        _at: Timestamp,
    ) -> Result<User, StorageError> {
        let mut tables = self.lock()?;
        let user = existing(&mut tables.users, id, Entity::User)?;
        if let Some(name) = &changes.name {
            user.name.clone_from(name);
        }
        if let Some(email) = &changes.email {
            user.email.clone_from(email);
        }
        if let Some(status) = changes.status {
            user.status = status;
        }
        if let Some(comment) = &changes.comment {
            user.comment.clone_from(comment);
        }
        Ok(user.clone())
    }

    async fn delete_user(&self, id: &UserId) -> Result<(), StorageError> {
        let mut tables = self.lock()?;
        remove(&mut tables.users, id, Entity::User)
    }

    async fn add_book(&self, new: &NewBook, _at: Timestamp) -> Result<(), StorageError> {
        let mut tables = self.lock()?;
        let author_known = match &new.author {
            BookAuthor::New(author) => !tables.authors.contains_key(&author.id),
            BookAuthor::Existing(id) => tables.authors.contains_key(id),
        };
        require(author_known, Entity::Author)?;
        require(!tables.books.contains_key(&new.book.id), Entity::Book)?;

        if let BookAuthor::New(author) = &new.author {
            tables.authors.insert(author.id.clone(), author.clone());
        }
        tables.books.insert(new.book.id.clone(), new.book.clone());
        Ok(())
    }

    async fn record_borrowing(
        &self,
        borrowing: &Borrowing,
        _at: Timestamp,
    ) -> Result<(), StorageError> {
        let mut tables = self.lock()?;
        let rental = &borrowing.rental;
        let rental_key = (rental.book_id.clone(), rental.user_id.clone());
        tables.check(&borrowing.book)?;
        require(!tables.rentals.contains_key(&rental_key), Entity::Rental)?;
        let borrower = tables.users.get(&rental.user_id);
        // The same rule the handler checked, re-checked under the lock.
        require(
            borrower.is_some_and(|user| user.ensure_may_borrow().is_ok()),
            Entity::User,
        )?;

        tables.apply(&borrowing.book);
        tables.rentals.insert(rental_key, rental.clone());
        Ok(())
    }

    async fn record_missing_book(
        &self,
        report: &MissingReport,
        _at: Timestamp,
    ) -> Result<(), StorageError> {
        let mut tables = self.lock()?;
        let suspension = &report.suspension;
        let rental_key = (report.rental.book_id.clone(), report.rental.user_id.clone());
        tables.check(&report.book)?;
        require(tables.users.contains_key(&suspension.user_id), Entity::User)?;
        let rental_status = tables.rentals.get(&rental_key).map(|r| r.status);
        require(rental_status == Some(report.rental.status), Entity::Rental)?;

        tables.apply(&report.book);
        if let Some(user) = tables.users.get_mut(&suspension.user_id) {
            user.status = suspension.status;
            user.comment.clone_from(&suspension.comment);
        }
        tables.rentals.remove(&rental_key);
        Ok(())
    }
}

impl Tables {
    /// A transition's condition: the book is still in its `from` status.
    fn check(&self, transition: &BookTransition) -> Result<(), StorageError> {
        let book = self.books.get(&transition.book_id);
        let unchanged = book.is_some_and(|book| {
            book.author_id == transition.author_id && book.status == transition.from
        });
        require(unchanged, Entity::Book)
    }

    fn apply(&mut self, transition: &BookTransition) {
        if let Some(book) = self.books.get_mut(&transition.book_id) {
            book.status = transition.to;
        }
    }
}

fn require(condition: bool, entity: Entity) -> Result<(), StorageError> {
    if condition {
        Ok(())
    } else {
        Err(StorageError::ConditionFailed(entity))
    }
}

fn insert_new<I: Ord + Clone, T: Clone>(
    rows: &mut BTreeMap<I, T>,
    id: &I,
    value: &T,
    entity: Entity,
) -> Result<(), StorageError> {
    require(!rows.contains_key(id), entity)?;
    rows.insert(id.clone(), value.clone());
    Ok(())
}

fn existing<'a, I: Ord, T>(
    rows: &'a mut BTreeMap<I, T>,
    id: &I,
    entity: Entity,
) -> Result<&'a mut T, StorageError> {
    rows.get_mut(id)
        .ok_or(StorageError::ConditionFailed(entity))
}

fn remove<I: Ord, T>(
    rows: &mut BTreeMap<I, T>,
    id: &I,
    entity: Entity,
) -> Result<(), StorageError> {
    rows.remove(id)
        .map(drop)
        .ok_or(StorageError::ConditionFailed(entity))
}

/// One page of `rows` in id order; the cursor is the last id of the page, base64url-encoded.
fn listing<I, T>(
    rows: &BTreeMap<I, T>,
    page: &Page,
    parse: fn(&str) -> Result<I, InvalidId>,
) -> Result<Listing<T>, StorageError>
where
    I: Ord + Display,
    T: Clone,
{
    let after = page
        .after
        .as_ref()
        .map(|cursor| decode_cursor(cursor, parse))
        .transpose()?;
    let rows: Box<dyn Iterator<Item = (&I, &T)>> = match (page.order, &after) {
        (SortOrder::Ascending, None) => Box::new(rows.iter()),
        (SortOrder::Ascending, Some(after)) => {
            Box::new(rows.range((Bound::Excluded(after), Bound::Unbounded)))
        }
        (SortOrder::Descending, None) => Box::new(rows.iter().rev()),
        (SortOrder::Descending, Some(after)) => Box::new(rows.range(..after).rev()),
    };
    let size = usize::try_from(page.size).unwrap_or(usize::MAX);
    let mut taken: Vec<_> = rows.take(size.saturating_add(1)).collect();
    let more = taken.len() > size;
    taken.truncate(size);
    let next = more
        .then(|| taken.last())
        .flatten()
        .map(|(id, _)| Cursor(URL_SAFE_NO_PAD.encode(id.to_string())));
    Ok(Listing {
        items: taken.into_iter().map(|(_, value)| value.clone()).collect(),
        next,
    })
}

fn decode_cursor<I>(
    cursor: &Cursor,
    parse: fn(&str) -> Result<I, InvalidId>,
) -> Result<I, StorageError> {
    URL_SAFE_NO_PAD
        .decode(&cursor.0)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| parse(&text).ok())
        .ok_or(StorageError::InvalidCursor)
}
