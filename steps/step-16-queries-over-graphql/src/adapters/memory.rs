//! Storage in memory: the same ports as DynamoDB, on ordered maps behind one lock, with the same
//! all-or-nothing writes and the same conditions. The core cannot tell the difference; tests and
//! demos run without any database. Gone when the process ends.

use std::collections::{BTreeMap, btree_map::Entry};
use std::convert::Infallible;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use plumbing::clock::Timestamp;
use plumbing::idempotency::{IdempotencyKey, Receipt};
use plumbing::page::{Cursor, Listing, Page, Position, SortOrder};

use crate::core::App;
use crate::core::model::{
    Author, AuthorId, Book, BookFilter, BookId, Id, Rental, RentalFilter, RentalStatus, User,
    UserId, UserStatus,
};
use crate::core::ports::{
    BookAuthor, BookManagement, Borrowing, Entity, Every, MissingReport, NewBook, Reads, Receipts,
    StorageError, Writes,
};

/// Clones share the data.
#[derive(Clone, Default)]
pub struct InMemory {
    tables: Arc<Mutex<Tables>>,
}

/// One ordered map per entity, keyed like the table: ids sort by creation time.
#[derive(Default)]
pub struct Tables {
    authors: BTreeMap<AuthorId, Author>,
    books: BTreeMap<(BookId, AuthorId), Book>,
    rentals: BTreeMap<(BookId, UserId), Rental>,
    users: BTreeMap<UserId, User>,
    receipts: BTreeMap<IdempotencyKey, Receipt>,
}

impl App<InMemory> {
    /// The app on an empty memory, with random KSUIDs and the system clock.
    pub fn in_memory() -> Self {
        Self::on(InMemory::default())
    }
}

impl Tables {
    /// A receipt is never overwritten, like any new item: checked with the other conditions,
    /// kept with the other changes.
    fn check(&self, receipt: Option<&Receipt>) -> Result<(), StorageError> {
        match receipt {
            Some(receipt) if self.receipts.contains_key(&receipt.key) => {
                Err(StorageError::ConditionFailed(Receipt::NAME))
            }
            _ => Ok(()),
        }
    }

    fn keep(&mut self, receipt: Option<&Receipt>) {
        if let Some(receipt) = receipt {
            self.receipts.insert(receipt.key.clone(), receipt.clone());
        }
    }
}

impl Receipts for InMemory {
    async fn receipt(&self, key: &IdempotencyKey) -> Result<Option<Receipt>, StorageError> {
        Ok(self.tables().receipts.get(key).cloned())
    }
}

impl InMemory {
    fn tables(&self) -> MutexGuard<'_, Tables> {
        // A panic while holding the lock leaves whole entities: every write below checks first
        // and changes after, so the data is still consistent.
        self.tables.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// How the memory keeps an entity: its map, the key an id names, what a filter keeps, how an
/// update changes it, and whether books keep it from being deleted (as the DynamoDB records say).
pub trait Kept: Entity + Clone {
    type Key: Ord + Clone + Send + Sync + Placed;

    fn key(id: &Self::Id) -> Self::Key;

    fn key_of(&self) -> Self::Key;

    fn map(tables: &mut Tables) -> &mut BTreeMap<Self::Key, Self>;

    fn kept_by(&self, filter: &Self::Filter) -> bool;

    fn change(&mut self, changes: &Self::Changes);

    fn has_books(_id: &Self::Id, _tables: &Tables) -> bool {
        false
    }
}

impl<E: Kept> Reads<E> for InMemory {
    async fn get(&self, id: &E::Id) -> Result<E, StorageError> {
        let mut tables = self.tables();
        let found = E::map(&mut tables).get(&E::key(id)).cloned();
        found.ok_or(StorageError::NotFound(E::NAME))
    }

    /// A token is where the last page stopped; the next starts past it, entity there or not.
    async fn list(&self, filter: &E::Filter, page: Page) -> Result<Listing<E>, StorageError> {
        let mut found = self.all(filter).await?;
        if page.order == SortOrder::Descending {
            found.reverse();
        }
        let start = match &page.after {
            None => 0,
            Some(cursor) => {
                let after = cursor.position().ok_or(StorageError::InvalidCursor)?;
                let past = |entity: &E| match page.order {
                    SortOrder::Ascending => entity.key_of().position() > after,
                    SortOrder::Descending => entity.key_of().position() < after,
                };
                found.iter().position(past).unwrap_or(found.len())
            }
        };
        let size = usize::try_from(page.size).unwrap_or(usize::MAX);
        let end = start.saturating_add(size).min(found.len());
        let last = found[..end].last().filter(|_| end < found.len());
        let next = last.and_then(|last| Cursor::at(&last.key_of().position()));
        Ok(Listing {
            items: found.drain(start..end).collect(),
            next,
        })
    }

    async fn all(&self, filter: &E::Filter) -> Result<Vec<E>, StorageError> {
        let mut tables = self.tables();
        let kept = E::map(&mut tables).values().filter(|e| e.kept_by(filter));
        Ok(kept.cloned().collect())
    }
}

/// A key as a position: its ids (one twice), which sort as the key does, as KSUIDs do as text.
pub trait Placed {
    fn position(&self) -> Position;
}

impl<E> Placed for Id<E> {
    fn position(&self) -> Position {
        Position(self.to_string(), self.to_string())
    }
}

impl<A, B> Placed for (Id<A>, Id<B>) {
    fn position(&self) -> Position {
        Position(self.0.to_string(), self.1.to_string())
    }
}

impl<E: Kept> Writes<E> for InMemory {
    async fn create(&self, entity: E, _at: Timestamp) -> Result<E, StorageError> {
        match E::map(&mut self.tables()).entry(entity.key_of()) {
            Entry::Occupied(_) => Err(StorageError::AlreadyExists(E::NAME)),
            Entry::Vacant(slot) => Ok(slot.insert(entity).clone()),
        }
    }

    async fn update(
        &self,
        id: &E::Id,
        changes: &E::Changes,
        _at: Timestamp,
    ) -> Result<E, StorageError> {
        let mut tables = self.tables();
        let entity = E::map(&mut tables)
            .get_mut(&E::key(id))
            .ok_or(StorageError::NotFound(E::NAME))?;
        entity.change(changes);
        Ok(entity.clone())
    }

    async fn delete(&self, id: &E::Id) -> Result<(), StorageError> {
        let mut tables = self.tables();
        if E::has_books(id, &tables) {
            return Err(StorageError::HasBooks(E::NAME));
        }
        let removed = E::map(&mut tables).remove(&E::key(id));
        removed.map(drop).ok_or(StorageError::NotFound(E::NAME))
    }
}

/// Each command checks all its conditions, in the order the DynamoDB transaction lists them,
/// before it changes anything: all or nothing, like the transaction.
impl BookManagement for InMemory {
    async fn add_book(&self, new: &NewBook, _at: Timestamp) -> Result<(), StorageError> {
        let mut tables = self.tables();
        let author_there = tables.authors.contains_key(new.author.id());
        if author_there == matches!(new.author, BookAuthor::New(_)) {
            return Err(StorageError::ConditionFailed(Author::NAME));
        }
        if tables.books.contains_key(&new.book.key_of()) {
            return Err(StorageError::ConditionFailed(Book::NAME));
        }
        tables.check(new.receipt.as_ref())?;
        if let BookAuthor::New(author) = &new.author {
            tables.authors.insert(author.id.clone(), author.clone());
        }
        tables.books.insert(new.book.key_of(), new.book.clone());
        tables.keep(new.receipt.as_ref());
        Ok(())
    }

    async fn record_borrowing(
        &self,
        borrowing: &Borrowing,
        _at: Timestamp,
    ) -> Result<(), StorageError> {
        let mut tables = self.tables();
        let transition = &borrowing.book;
        let book_key = Book::key(&transition.book);
        let still = |book: &Book| book.status == transition.from;
        if !tables.books.get(&book_key).is_some_and(still) {
            return Err(StorageError::ConditionFailed(Book::NAME));
        }
        let rental = &borrowing.rental;
        if tables.rentals.contains_key(&rental.key_of()) {
            return Err(StorageError::ConditionFailed(Rental::NAME));
        }
        let may_borrow = |user: &User| user.status != UserStatus::Suspended;
        if !tables.users.get(&rental.user_id).is_some_and(may_borrow) {
            return Err(StorageError::ConditionFailed(User::NAME));
        }
        tables.check(borrowing.receipt.as_ref())?;
        if let Some(book) = tables.books.get_mut(&book_key) {
            book.status = transition.to;
        }
        tables.rentals.insert(rental.key_of(), rental.clone());
        tables.keep(borrowing.receipt.as_ref());
        Ok(())
    }

    async fn record_missing_book(
        &self,
        report: &MissingReport,
        _at: Timestamp,
    ) -> Result<(), StorageError> {
        let mut tables = self.tables();
        let transition = &report.book;
        let book_key = Book::key(&transition.book);
        let still = |book: &Book| book.status == transition.from;
        if !tables.books.get(&book_key).is_some_and(still) {
            return Err(StorageError::ConditionFailed(Book::NAME));
        }
        let suspension = &report.suspension;
        if !tables.users.contains_key(&suspension.user_id) {
            return Err(StorageError::ConditionFailed(User::NAME));
        }
        let rental_key = Rental::key(&report.rental);
        let borrowed = |rental: &Rental| rental.status == RentalStatus::Borrowed;
        if !tables.rentals.get(&rental_key).is_some_and(borrowed) {
            return Err(StorageError::ConditionFailed(Rental::NAME));
        }
        tables.check(report.receipt.as_ref())?;
        if let Some(book) = tables.books.get_mut(&book_key) {
            book.status = transition.to;
        }
        if let Some(user) = tables.users.get_mut(&suspension.user_id) {
            user.status = suspension.status;
            user.comment.clone_from(&suspension.comment);
        }
        tables.rentals.remove(&rental_key);
        tables.keep(report.receipt.as_ref());
        Ok(())
    }
}

impl Kept for Author {
    type Key = AuthorId;

    fn key(id: &AuthorId) -> AuthorId {
        id.clone()
    }

    fn key_of(&self) -> AuthorId {
        self.id.clone()
    }

    fn has_books(id: &AuthorId, tables: &Tables) -> bool {
        tables.books.keys().any(|(_, author)| author == id)
    }

    fn map(tables: &mut Tables) -> &mut BTreeMap<AuthorId, Self> {
        &mut tables.authors
    }

    fn kept_by(&self, _: &Every) -> bool {
        true
    }

    fn change(&mut self, changes: &Self::Changes) {
        if let Some(name) = &changes.name {
            self.name.clone_from(name);
        }
        if let Some(birthdate) = &changes.birthdate {
            self.birthdate.clone_from(birthdate);
        }
    }
}

impl Kept for User {
    type Key = UserId;

    fn key(id: &UserId) -> UserId {
        id.clone()
    }

    fn key_of(&self) -> UserId {
        self.id.clone()
    }

    fn has_books(id: &UserId, tables: &Tables) -> bool {
        tables.rentals.keys().any(|(_, user)| user == id)
    }

    fn map(tables: &mut Tables) -> &mut BTreeMap<UserId, Self> {
        &mut tables.users
    }

    fn kept_by(&self, _: &Every) -> bool {
        true
    }

    fn change(&mut self, changes: &Self::Changes) {
        if let Some(name) = &changes.name {
            self.name.clone_from(name);
        }
        if let Some(email) = &changes.email {
            self.email.clone_from(email);
        }
        if let Some(status) = changes.status {
            self.status = status;
        }
        if let Some(comment) = &changes.comment {
            self.comment.clone_from(comment);
        }
    }
}

impl Kept for Book {
    type Key = (BookId, AuthorId);

    fn key(id: &Self::Id) -> Self::Key {
        (id.book_id.clone(), id.author_id.clone())
    }

    fn key_of(&self) -> Self::Key {
        (self.book_id.clone(), self.author_id.clone())
    }

    fn map(tables: &mut Tables) -> &mut BTreeMap<Self::Key, Self> {
        &mut tables.books
    }

    fn kept_by(&self, filter: &BookFilter) -> bool {
        match filter {
            BookFilter::InStatus(status) => self.status == *status,
            BookFilter::ByAuthor(author_id) => self.author_id == *author_id,
            BookFilter::WithId(book_id) => self.book_id == *book_id,
        }
    }

    fn change(&mut self, never: &Infallible) {
        match *never {}
    }
}

impl Kept for Rental {
    type Key = (BookId, UserId);

    fn key(id: &Self::Id) -> Self::Key {
        (id.book_id.clone(), id.user_id.clone())
    }

    fn key_of(&self) -> Self::Key {
        (self.book_id.clone(), self.user_id.clone())
    }

    fn map(tables: &mut Tables) -> &mut BTreeMap<Self::Key, Self> {
        &mut tables.rentals
    }

    fn kept_by(&self, filter: &RentalFilter) -> bool {
        match filter {
            RentalFilter::ByUser(user_id) => self.user_id == *user_id,
        }
    }

    fn change(&mut self, never: &Infallible) {
        match *never {}
    }
}
