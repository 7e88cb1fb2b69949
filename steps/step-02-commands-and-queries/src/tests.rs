//! Commands and queries against an in-memory storage: the port is what makes this possible, so
//! key layout, mapping, timestamps and error naming are checked without any DynamoDB.

use std::collections::BTreeMap;
use std::future::ready;
use std::sync::{Arc, Mutex, PoisonError};

use crate::clock::{FixedClock, SystemClock, parse_date_time};
use crate::commands::author::{AuthorChanges, CreateAuthor, NewAuthor, UpdateAuthor};
use crate::commands::book::{CreateBook, NewBook};
use crate::commands::rental::{CreateRental, DeleteRental, RentalChanges, UpdateRental};
use crate::commands::user::{CreateUser, NewUser, UpdateUser, UserChanges};
use crate::commands::{Command, Writer};
use crate::ids::SequentialKsuids;
use crate::item::Item;
use crate::pagination::{Listed, Page};
use crate::queries::author::{GetAuthor, ListAuthors};
use crate::queries::book::{GetBook, ListBooks, ListBooksByAuthor};
use crate::queries::rental::GetRental;
use crate::queries::{Query, Reader};
use crate::repository::RepositoryError;
use crate::status::{BookStatus, UserStatus};
use crate::storage::{IndexQuery, Key, ReadStorage, StorageError, StorageFuture, WriteStorage};

/// Items by (`resourceId`, `subResourceId`), with the same outcomes as the DynamoDB adapter.
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

impl WriteStorage for Memory {
    fn put_new(&self, key: Key, mut attributes: Item) -> StorageFuture<'_, ()> {
        let mut items = self.items();
        let result = if items.contains_key(&index(key.clone())) {
            Err(StorageError::KeyTaken)
        } else {
            attributes.insert("resourceId".to_owned(), key.resource_id.clone());
            attributes.insert("subResourceId".to_owned(), key.sub_resource_id.clone());
            items.insert(index(key), attributes);
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
                query
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
const UPDATED: &str = "2023-11-28T10:00:00.000Z";

/// The write side on `storage`, with a clock that says `at`.
fn writer(storage: &Arc<Memory>, at: &str) -> Writer {
    let at = parse_date_time(at).expect("a timestamp");
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

fn author() -> NewAuthor {
    NewAuthor {
        name: "Ann Leckie".to_owned(),
        birthdate: "1966-03-02T00:00:00.000Z".to_owned(),
    }
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
        .handle(&writer(&storage, CREATED))
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

#[tokio::test]
async fn books_are_keyed_under_their_author_and_found_by_status() {
    let storage = Arc::new(Memory::default());
    let writer = writer(&storage, CREATED);
    let create = |author_id: &str| CreateBook {
        author_id: author_id.to_owned(),
        book: NewBook {
            title: "Ancillary Justice".to_owned(),
            isbn: "978-0-316-24662-0".to_owned(),
        },
    };
    let book = create("A1").handle(&writer).await.expect("created");
    create("A2").handle(&writer).await.expect("created");

    let item = storage
        .stored(&format!("Book#{}", book.book_id), "Author#A1")
        .expect("stored");
    assert_eq!(item["status"], "NOT_AVAILABLE");
    let reader = reader(&storage);
    let by_author = ListBooksByAuthor {
        author_id: "A1".to_owned(),
        page: page(),
    };
    assert_eq!(
        by_author.handle(&reader).await.expect("listed").items,
        [book]
    );
    let in_status = |status| ListBooks {
        status: Some(status),
        page: page(),
    };
    let not_available = in_status(BookStatus::NotAvailable).handle(&reader).await;
    assert_eq!(not_available.expect("listed").items.len(), 2);
    let missing = in_status(BookStatus::Missing).handle(&reader).await;
    assert!(missing.expect("listed").items.is_empty());
}

#[tokio::test]
async fn an_update_sets_the_given_fields_and_updated_at_only() {
    let storage = Arc::new(Memory::default());
    let user = NewUser {
        name: "James".to_owned(),
        email: "jd@example.com".to_owned(),
    };
    let created = CreateUser { user }
        .handle(&writer(&storage, CREATED))
        .await
        .expect("created");
    let changes = UserChanges {
        status: Some(UserStatus::Verified),
        ..UserChanges::default()
    };
    let update = UpdateUser {
        id: created.id.clone(),
        changes,
    };
    let updated = update
        .handle(&writer(&storage, UPDATED))
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

#[tokio::test]
async fn nothing_to_update_is_refused_before_any_storage_call() {
    let unreachable = Arc::new(Unreachable);
    let writer = Writer::new(
        unreachable.clone(),
        Arc::new(SequentialKsuids::default()),
        Arc::new(SystemClock),
    );
    let update = UpdateAuthor {
        id: "A1".to_owned(),
        changes: AuthorChanges::default(),
    };
    let refused = update.handle(&writer).await;
    assert!(matches!(refused, Err(RepositoryError::NoFieldsToUpdate)));
    let get = GetAuthor {
        id: "A1".to_owned(),
    };
    let unavailable = get.handle(&Reader::new(unreachable)).await;
    assert!(matches!(
        unavailable,
        Err(RepositoryError::Storage(StorageError::Unavailable(_)))
    ));
}

#[tokio::test]
async fn storage_outcomes_are_named_after_the_entity() {
    let storage = Arc::new(Memory::default());
    let (writer, reader) = (writer(&storage, CREATED), reader(&storage));
    let (user_id, book_id) = ("U1".to_owned(), "B1".to_owned());
    let get = GetRental {
        user_id: user_id.clone(),
        book_id: book_id.clone(),
    };
    let missing = get.handle(&reader).await;
    assert!(matches!(missing, Err(RepositoryError::NotFound("Rental"))));
    let update = UpdateRental {
        user_id: user_id.clone(),
        book_id: book_id.clone(),
        changes: RentalChanges {
            comment: Some("c".to_owned()),
            ..RentalChanges::default()
        },
    };
    let missing = update.handle(&writer).await;
    assert!(matches!(missing, Err(RepositoryError::NotFound("Rental"))));
    let delete = DeleteRental {
        user_id: user_id.clone(),
        book_id: book_id.clone(),
    };
    let missing = delete.handle(&writer).await;
    assert!(matches!(missing, Err(RepositoryError::NotFound("Rental"))));

    let create = || CreateRental {
        user_id: user_id.clone(),
        book_id: book_id.clone(),
    };
    create().handle(&writer).await.expect("created");
    assert!(storage.stored("Book#B1", "User#U1").is_some());
    let twice = create().handle(&writer).await;
    assert!(matches!(
        twice,
        Err(RepositoryError::AlreadyExists("Rental"))
    ));
}

#[tokio::test]
async fn a_stored_item_that_does_not_map_is_a_server_fault() {
    let storage = Arc::new(Memory::default());
    let mut item = Item::new();
    for (name, value) in [("type", "Book"), ("title", "T"), ("isbn", "I")] {
        item.insert(name.to_owned(), value.to_owned());
    }
    item.insert("status".to_owned(), "LOST".to_owned());
    let key = Key::new("Book#B1".to_owned(), "Author#A1".to_owned());
    storage.put_new(key, item).await.expect("stored");
    let get = GetBook {
        author_id: "A1".to_owned(),
        book_id: "B1".to_owned(),
    };
    let malformed = get.handle(&reader(&storage)).await;
    assert!(matches!(malformed, Err(RepositoryError::Malformed(_))));
}

/// CQS in the types: the read side is handed nothing that could write, and needs nothing more.
#[tokio::test]
async fn queries_run_on_a_storage_that_cannot_write() {
    let storage = Arc::new(Memory::default());
    let created = CreateAuthor { author: author() }
        .handle(&writer(&storage, CREATED))
        .await
        .expect("created");
    let reader = Reader::new(Arc::new(ReadOnly(storage)));
    let listed = ListAuthors { page: page() }.handle(&reader).await;
    assert_eq!(listed.expect("listed").items, [created]);
}
