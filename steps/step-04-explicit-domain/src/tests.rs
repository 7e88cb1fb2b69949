//! Commands and queries against an in-memory storage: the port is what makes this possible, so
//! key layout, mapping, timestamps and error naming are checked without any DynamoDB.

use std::collections::BTreeMap;
use std::future::ready;
use std::sync::{Arc, Mutex, PoisonError};

use time::OffsetDateTime;
use time::macros::datetime;

use crate::clock::{FixedClock, SystemClock};
use crate::commands::author::{CreateAuthor, UpdateAuthor};
use crate::commands::user::{CreateUser, DeleteUser, UpdateUser};
use crate::commands::{
    AddNewBook, AddNewBookPayload, AuthorPayload, BorrowBook, BorrowBookPayload, Command,
    ReportMissingBook, ReportMissingBookPayload, Writer,
};
use crate::error::{Entity, Error, Rule};
use crate::ids::SequentialKsuids;
use crate::item::Item;
use crate::model::{
    AuthorChanges, AuthorDetails, AuthorId, BookId, BookStatus, User, UserChanges, UserDetails,
    UserId, UserStatus,
};
use crate::pagination::{Listed, Page};
use crate::queries::author::{GetAuthor, ListAuthors};
use crate::queries::user::GetUser;
use crate::queries::{GetBooksByAuthor, GetBorrowedBooksForUser, GetMissingBooks, Query, Reader};
use crate::storage::{
    Condition, IndexQuery, Key, ReadStorage, StorageError, StorageFuture, Write, WriteStorage,
};

/// Items by (`resourceId`, `subResourceId`), with the same outcomes as the DynamoDB adapter,
/// transactions included: all or nothing.
#[derive(Default)]
struct Memory {
    items: Mutex<BTreeMap<(String, String), Item>>,
}

impl Memory {
    fn items(&self) -> std::sync::MutexGuard<'_, BTreeMap<(String, String), Item>> {
        self.items.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn stored(&self, resource_id: &str, sub_resource_id: &str) -> Option<Item> {
        self.items()
            .get(&(resource_id.to_owned(), sub_resource_id.to_owned()))
            .cloned()
    }
}

fn index(key: Key) -> (String, String) {
    (key.resource_id, key.sub_resource_id)
}

/// Stores a new item under `key`, with its key attributes, as DynamoDB would.
fn insert(items: &mut BTreeMap<(String, String), Item>, key: Key, mut attributes: Item) {
    attributes.insert("resourceId".to_owned(), key.resource_id.clone());
    attributes.insert("subResourceId".to_owned(), key.sub_resource_id.clone());
    items.insert(index(key), attributes);
}

/// Whether `item` (or its absence) meets `condition`.
fn meets(item: Option<&Item>, condition: &Condition) -> bool {
    let status = item.and_then(|item| item.get("status")).map(String::as_str);
    match condition {
        Condition::Exists => item.is_some(),
        Condition::StatusIs(wanted) => status == Some(*wanted),
        Condition::StatusIsNot(unwanted) => item.is_some() && status != Some(*unwanted),
    }
}

impl WriteStorage for Memory {
    fn put_new(&self, key: Key, attributes: Item) -> StorageFuture<'_, ()> {
        let mut items = self.items();
        let result = if items.contains_key(&index(key.clone())) {
            Err(StorageError::KeyTaken)
        } else {
            insert(&mut items, key, attributes);
            Ok(())
        };
        Box::pin(ready(result))
    }

    fn update(&self, key: Key, changes: Vec<(&'static str, String)>) -> StorageFuture<'_, Item> {
        let result = match self.items().get_mut(&index(key)) {
            Some(item) => {
                for (name, value) in changes {
                    item.insert(name.to_owned(), value);
                }
                Ok(item.clone())
            }
            None => Err(StorageError::NoSuchItem),
        };
        Box::pin(ready(result))
    }

    fn delete(&self, key: Key) -> StorageFuture<'_, ()> {
        let result = match self.items().remove(&index(key)) {
            Some(_) => Ok(()),
            None => Err(StorageError::NoSuchItem),
        };
        Box::pin(ready(result))
    }

    /// Every condition is checked under one lock before anything is written.
    fn transact(&self, writes: Vec<Write>) -> StorageFuture<'_, ()> {
        let mut items = self.items();
        let failed = writes.iter().position(|write| {
            let (key, condition) = match write {
                Write::Put { key, .. } => {
                    return items.contains_key(&index(key.clone()));
                }
                Write::Check { key, condition }
                | Write::Update { key, condition, .. }
                | Write::Delete { key, condition } => (key, condition),
            };
            !meets(items.get(&index(key.clone())), condition)
        });
        if let Some(position) = failed {
            return Box::pin(ready(Err(StorageError::ConditionFailed(position))));
        }
        for write in writes {
            match write {
                Write::Put { key, attributes } => insert(&mut items, key, attributes),
                Write::Check { .. } => {}
                Write::Update { key, changes, .. } => {
                    if let Some(item) = items.get_mut(&index(key)) {
                        item.extend(changes.into_iter().map(|(k, v)| (k.to_owned(), v)));
                    }
                }
                Write::Delete { key, .. } => {
                    items.remove(&index(key));
                }
            }
        }
        Box::pin(ready(Ok(())))
    }
}

impl ReadStorage for Memory {
    fn get(&self, key: Key) -> StorageFuture<'_, Option<Item>> {
        Box::pin(ready(Ok(self.items().get(&index(key)).cloned())))
    }

    fn query(&self, query: IndexQuery, _page: Page) -> StorageFuture<'_, Listed<Item>> {
        let items = self
            .items()
            .values()
            .filter(|item| {
                let prefixed = query.prefix.as_ref().is_none_or(|(name, prefix)| {
                    item.get(*name)
                        .is_some_and(|value| value.starts_with(prefix))
                });
                prefixed
                    && query
                        .conditions
                        .iter()
                        .all(|(name, value)| item.get(*name) == Some(value))
            })
            .cloned()
            .collect();
        Box::pin(ready(Ok(Listed { items, next: None })))
    }
}

/// A storage that is never there: any call reaching it fails.
struct Unreachable;

fn down<T: Send + 'static>() -> StorageFuture<'static, T> {
    Box::pin(ready(Err(StorageError::Unavailable("down".to_owned()))))
}

impl WriteStorage for Unreachable {
    fn put_new(&self, _: Key, _: Item) -> StorageFuture<'_, ()> {
        down()
    }
    fn update(&self, _: Key, _: Vec<(&'static str, String)>) -> StorageFuture<'_, Item> {
        down()
    }
    fn delete(&self, _: Key) -> StorageFuture<'_, ()> {
        down()
    }
    fn transact(&self, _: Vec<Write>) -> StorageFuture<'_, ()> {
        down()
    }
}

impl ReadStorage for Unreachable {
    fn get(&self, _: Key) -> StorageFuture<'_, Option<Item>> {
        down()
    }
    fn query(&self, _: IndexQuery, _: Page) -> StorageFuture<'_, Listed<Item>> {
        down()
    }
}

/// Only the read half of `Memory`: all the read side is ever given.
struct ReadOnly(Arc<Memory>);

impl ReadStorage for ReadOnly {
    fn get(&self, key: Key) -> StorageFuture<'_, Option<Item>> {
        self.0.get(key)
    }
    fn query(&self, query: IndexQuery, page: Page) -> StorageFuture<'_, Listed<Item>> {
        self.0.query(query, page)
    }
}

const CREATED: &str = "2023-11-27T10:00:00.000Z";
const CREATED_AT: OffsetDateTime = datetime!(2023-11-27 10:00 UTC);
const UPDATED: &str = "2023-11-28T10:00:00.000Z";
const UPDATED_AT: OffsetDateTime = datetime!(2023-11-28 10:00 UTC);

/// The write side on `storage`, with a clock that says `at`.
fn writer(storage: &Arc<Memory>, at: OffsetDateTime) -> Writer {
    Writer::new(
        storage.clone(),
        Arc::new(SequentialKsuids::default()),
        Arc::new(FixedClock(at)),
    )
}

fn reader(storage: &Arc<Memory>) -> Reader {
    Reader::new(storage.clone())
}

fn page() -> Page {
    Page {
        limit: 100,
        forward: true,
        start: None,
    }
}

fn author() -> AuthorDetails {
    AuthorDetails::parse("", Some("Ann Leckie".into()), Some("1966-03-02".into())).expect("valid")
}

fn user() -> UserDetails {
    UserDetails::parse(Some("James".into()), Some("jd@example.com".into())).expect("valid")
}

fn id<T>(parse: fn(&str) -> Result<T, crate::model::InvalidId>, text: &str) -> T {
    parse(text).unwrap_or_else(|_| panic!("{text} is a KSUID"))
}

fn names(item: &Item) -> Vec<&str> {
    let mut names: Vec<&str> = item.keys().map(String::as_str).collect();
    names.sort_unstable();
    names
}

#[tokio::test]
async fn an_author_is_stored_in_the_design_layout_and_reads_back() {
    let storage = Arc::new(Memory::default());
    let created = CreateAuthor { author: author() }
        .handle(&writer(&storage, CREATED_AT))
        .await
        .expect("created");

    let key = format!("Author#{}", created.id);
    let item = storage.stored(&key, &key).expect("stored");
    assert_eq!(
        names(&item),
        [
            "birthdate",
            "createdAt",
            "name",
            "resourceId",
            "subResourceId",
            "type",
            "updatedAt"
        ]
    );
    assert_eq!(item["type"], "Author");
    assert_eq!(item["birthdate"], "1966-03-02T00:00:00.000Z");
    assert_eq!(
        (&*item["createdAt"], &*item["updatedAt"]),
        (CREATED, CREATED)
    );

    let reader = reader(&storage);
    let id = created.id.clone();
    let found = GetAuthor { id }.handle(&reader).await.expect("found");
    assert_eq!(found, created);
    let listed = ListAuthors { page: page() }.handle(&reader).await;
    assert_eq!(listed.expect("listed").items, [created]);
}

/// `AddNewBook`'s payload with the author given as `author`.
fn new_book(author: AuthorPayload) -> AddNewBook {
    let payload = AddNewBookPayload {
        author: Some(author),
        title: Some("Ancillary Justice".to_owned()),
        isbn: Some("978-0-316-24662-0".to_owned()),
    };
    AddNewBook::parse(payload).expect("valid")
}

fn new_author() -> AuthorPayload {
    AuthorPayload {
        name: Some("Ann Leckie".into()),
        birthdate: Some("1966-03-02".into()),
        ..AuthorPayload::default()
    }
}

fn known_author(id: &AuthorId) -> AuthorPayload {
    AuthorPayload {
        id: Some(id.to_string()),
        ..AuthorPayload::default()
    }
}

#[tokio::test]
async fn a_new_book_is_available_and_filed_under_its_author() {
    let storage = Arc::new(Memory::default());
    let writer = writer(&storage, CREATED_AT);
    let added = new_book(new_author()).handle(&writer).await.expect("added");
    let author_key = format!("Author#{}", added.author_id);
    assert!(
        storage.stored(&author_key, &author_key).is_some(),
        "with its author"
    );
    let item = storage
        .stored(&format!("Book#{}", added.book_id), &author_key)
        .expect("stored");
    assert_eq!(item["status"], "AVAILABLE");
    assert_eq!(item["createdAt"], CREATED);

    let second = new_book(known_author(&added.author_id))
        .handle(&writer)
        .await
        .expect("added");
    assert_eq!(second.author_id, added.author_id);
    let books = GetBooksByAuthor {
        author_id: added.author_id,
    };
    let books = books.handle(&reader(&storage)).await.expect("listed");
    assert_eq!(books.len(), 2);

    let unknown = id(AuthorId::parse, "2Yd89pQbgTAtJeRmhmmMnFIAs4u");
    let refused = new_book(known_author(&unknown)).handle(&writer).await;
    assert!(matches!(refused, Err(Error::NotFound(Entity::Author))));
}

/// Adds a book and a user, and lends the one to the other: `(book_id, author_id, user_id)`.
async fn lend(storage: &Arc<Memory>, writer: &Writer) -> (BookId, AuthorId, UserId) {
    let added = new_book(new_author()).handle(writer).await.expect("added");
    let user = CreateUser { user: user() }
        .handle(writer)
        .await
        .expect("created");
    borrow(&added.book_id, &user.id)
        .handle(writer)
        .await
        .expect("borrowed");
    let book_key = format!("Book#{}", added.book_id);
    let rental = storage.stored(&book_key, &format!("User#{}", user.id));
    assert_eq!(rental.expect("a rental")["status"], "BORROWED");
    (added.book_id, added.author_id, user.id)
}

fn borrow(book_id: &BookId, user_id: &UserId) -> BorrowBook {
    let payload = BorrowBookPayload {
        user_id: Some(user_id.to_string()),
    };
    BorrowBook::parse(book_id.as_str(), payload).expect("valid")
}

#[tokio::test]
async fn borrowing_lends_the_book_once() {
    let storage = Arc::new(Memory::default());
    let writer = writer(&storage, CREATED_AT);
    let (book_id, author_id, user_id) = lend(&storage, &writer).await;
    let book = storage.stored(&format!("Book#{book_id}"), &format!("Author#{author_id}"));
    assert_eq!(book.expect("stored")["status"], "NOT_AVAILABLE");
    let held = GetBorrowedBooksForUser {
        user_id: user_id.clone(),
    };
    let held = held.handle(&reader(&storage)).await.expect("listed");
    assert_eq!(held.len(), 1);

    let refused = borrow(&book_id, &user_id).handle(&writer).await;
    assert!(matches!(
        refused,
        Err(Error::RuleViolated(Rule::BookNotAvailable(_)))
    ));
}

#[tokio::test]
async fn a_missing_book_suspends_its_borrower() {
    let storage = Arc::new(Memory::default());
    let writer = writer(&storage, CREATED_AT);
    let (book_id, author_id, user_id) = lend(&storage, &writer).await;
    let payload = ReportMissingBookPayload {
        user_id: Some(user_id.to_string()),
        author_id: Some(author_id.to_string()),
    };
    let report = ReportMissingBook::parse(book_id.as_str(), payload).expect("valid");
    report.handle(&writer).await.expect("reported");
    let reader = reader(&storage);
    let missing = GetMissingBooks.handle(&reader).await.expect("listed");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].status, BookStatus::Missing);
    let user = GetUser {
        id: user_id.clone(),
    }
    .handle(&reader)
    .await;
    let user = user.expect("found");
    assert_eq!(user.status, UserStatus::Suspended);
    assert_eq!(
        user.comment,
        format!("Suspended due to missing book {book_id} at {CREATED}")
    );
    let key = format!("Book#{book_id}");
    assert!(storage.stored(&key, &format!("User#{user_id}")).is_none());
}

/// A transaction whose last condition fails names that entity and writes none of the others.
#[tokio::test]
async fn a_refused_transaction_writes_nothing() {
    let storage = Arc::new(Memory::default());
    let writer = writer(&storage, CREATED_AT);
    let user: User = user().into_user(id(UserId::parse, "2Yd89Ain8o95ISdO9xxYK1xxLUO"));
    let absent = id(UserId::parse, "2Yd89pQbgTAtJeRmhmmMnFIAs4u");
    let refused = writer
        .transaction(writer.now())
        .create(&user)
        .check::<User>(
            crate::repository::user::key(&absent),
            Condition::StatusIsNot("SUSPENDED"),
        )
        .commit()
        .await;
    assert!(matches!(refused, Err(Error::Conflict(Entity::User))));
    let key = format!("User#{}", user.id);
    assert!(storage.stored(&key, &key).is_none());
}

#[tokio::test]
async fn an_update_sets_the_given_fields_and_updated_at_only() {
    let storage = Arc::new(Memory::default());
    let created = CreateUser { user: user() }
        .handle(&writer(&storage, CREATED_AT))
        .await
        .expect("created");
    let changes = UserChanges::parse(None, None, Some("VERIFIED".into()), None).expect("valid");
    let update = UpdateUser {
        id: created.id.clone(),
        changes,
    };
    let updated = update
        .handle(&writer(&storage, UPDATED_AT))
        .await
        .expect("updated");
    assert_eq!(
        (updated.status, &*updated.name),
        (UserStatus::Verified, "James")
    );

    let key = format!("User#{}", created.id);
    let item = storage.stored(&key, &key).expect("stored");
    assert_eq!(
        (&*item["createdAt"], &*item["updatedAt"]),
        (CREATED, UPDATED)
    );
}

/// Nothing to update is input validation: refused when the command is parsed, before any
/// storage could be asked.
#[tokio::test]
async fn nothing_to_update_is_refused_before_any_storage_call() {
    let refused = AuthorChanges::parse(None, None);
    assert!(matches!(refused, Err(Error::Invalid(_))));
    let unreachable = Arc::new(Unreachable);
    let writer = Writer::new(
        unreachable.clone(),
        Arc::new(SequentialKsuids::default()),
        Arc::new(SystemClock),
    );
    let some = id(AuthorId::parse, "2Yd89pQbgTAtJeRmhmmMnFIAs4u");
    let update = UpdateAuthor {
        id: some.clone(),
        changes: AuthorChanges::parse(Some("B".into()), None).expect("valid"),
    };
    let unavailable = update.handle(&writer).await;
    assert!(matches!(unavailable, Err(Error::StorageUnavailable(_))));
    let unavailable = GetAuthor { id: some }
        .handle(&Reader::new(unreachable))
        .await;
    assert!(matches!(unavailable, Err(Error::StorageUnavailable(_))));
}

#[tokio::test]
async fn storage_outcomes_are_named_after_the_entity() {
    let storage = Arc::new(Memory::default());
    let (writer, reader) = (writer(&storage, CREATED_AT), reader(&storage));
    let id = id(UserId::parse, "2Yd89Ain8o95ISdO9xxYK1xxLUO");
    let missing = GetUser { id: id.clone() }.handle(&reader).await;
    assert!(matches!(missing, Err(Error::NotFound(Entity::User))));
    let update = UpdateUser {
        id: id.clone(),
        changes: UserChanges::parse(None, None, None, Some("c".into())).expect("valid"),
    };
    let missing = update.handle(&writer).await;
    assert!(matches!(missing, Err(Error::NotFound(Entity::User))));
    let missing = DeleteUser { id }.handle(&writer).await;
    assert!(matches!(missing, Err(Error::NotFound(Entity::User))));

    // Each writer counts its ids from the same start, so the second one's first id is taken.
    CreateUser { user: user() }
        .handle(&writer)
        .await
        .expect("created");
    let twice = CreateUser { user: user() }
        .handle(&self::writer(&storage, CREATED_AT))
        .await;
    assert!(matches!(twice, Err(Error::AlreadyExists(Entity::User))));
}

#[tokio::test]
async fn a_stored_item_that_does_not_map_is_a_server_fault() {
    let storage = Arc::new(Memory::default());
    let (book, author) = ("2Yd7vFcSkFQDzu1LSDybhCXV1wj", "2Yd89pQbgTAtJeRmhmmMnFIAs4u");
    let mut item = Item::new();
    for (name, value) in [
        ("type", "Book"),
        ("subResourceId", &format!("Author#{author}")),
        ("title", "T"),
        ("isbn", "I"),
    ] {
        item.insert(name.to_owned(), value.to_owned());
    }
    item.insert("status".to_owned(), "LOST".to_owned());
    let key = Key::new(format!("Book#{book}"), format!("Author#{author}"));
    storage.put_new(key, item).await.expect("stored");
    let get = GetBooksByAuthor {
        author_id: id(AuthorId::parse, author),
    };
    let malformed = get.handle(&reader(&storage)).await;
    assert!(matches!(malformed, Err(Error::Internal(_))));
}

/// CQS in the types: the read side is handed nothing that could write, and needs nothing more.
#[tokio::test]
async fn queries_run_on_a_storage_that_cannot_write() {
    let storage = Arc::new(Memory::default());
    let created = CreateAuthor { author: author() }
        .handle(&writer(&storage, CREATED_AT))
        .await
        .expect("created");
    let reader = Reader::new(Arc::new(ReadOnly(storage)));
    let listed = ListAuthors { page: page() }.handle(&reader).await;
    assert_eq!(listed.expect("listed").items, [created]);
}
