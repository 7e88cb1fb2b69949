//! The repositories against an in-memory storage: the port is what makes this possible, so key
//! layout, mapping, timestamps and error naming are checked without any DynamoDB.

use std::collections::BTreeMap;
use std::future::ready;
use std::sync::{Arc, Mutex, PoisonError};

use super::author::{AuthorChanges, NewAuthor};
use super::book::NewBook;
use super::user::{NewUser, UserChanges};
use super::{
    AuthorRepository, BookRepository, Records, RentalRepository, RepositoryError, UserRepository,
};
use crate::clock::{FixedClock, SystemClock, parse_date_time};
use crate::ids::SequentialKsuids;
use crate::item::Item;
use crate::pagination::{Listed, Page};
use crate::status::{BookStatus, UserStatus};
use crate::storage::{Key, Query, Storage, StorageError, StorageFuture};

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

impl Storage for Memory {
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

    fn get(&self, key: Key) -> StorageFuture<'_, Option<Item>> {
        Box::pin(ready(Ok(self.items().get(&index(key)).cloned())))
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

    fn query(&self, query: Query, _page: Page) -> StorageFuture<'_, Listed<Item>> {
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

impl Storage for Unreachable {
    fn put_new(&self, _: Key, _: Item) -> StorageFuture<'_, ()> {
        down()
    }
    fn get(&self, _: Key) -> StorageFuture<'_, Option<Item>> {
        down()
    }
    fn update(&self, _: Key, _: Vec<(&'static str, String)>) -> StorageFuture<'_, Item> {
        down()
    }
    fn delete(&self, _: Key) -> StorageFuture<'_, ()> {
        down()
    }
    fn query(&self, _: Query, _: Page) -> StorageFuture<'_, Listed<Item>> {
        down()
    }
}

const CREATED: &str = "2023-11-27T10:00:00.000Z";
const UPDATED: &str = "2023-11-28T10:00:00.000Z";

/// Records in `storage` whose clock says `at`.
fn records<E: super::Entity>(storage: &Arc<Memory>, at: &str) -> Records<E> {
    let at = parse_date_time(at).expect("a timestamp");
    Records::new(storage.clone(), Arc::new(FixedClock(at)))
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
    let authors = AuthorRepository::new(
        records(&storage, CREATED),
        Arc::new(SequentialKsuids::default()),
    );
    let created = authors.create(author()).await.expect("created");

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

    assert_eq!(authors.get(&created.id).await.expect("found"), created);
    let listed = authors.list(page()).await.expect("listed");
    assert_eq!(listed.items, [created]);
}

#[tokio::test]
async fn books_are_keyed_under_their_author_and_found_by_status() {
    let storage = Arc::new(Memory::default());
    let books = BookRepository::new(
        records(&storage, CREATED),
        Arc::new(SequentialKsuids::default()),
    );
    let new = || NewBook {
        title: "Ancillary Justice".to_owned(),
        isbn: "978-0-316-24662-0".to_owned(),
    };
    let book = books.create("A1".to_owned(), new()).await.expect("created");
    books.create("A2".to_owned(), new()).await.expect("created");

    let item = storage
        .stored(&format!("Book#{}", book.book_id), "Author#A1")
        .expect("stored");
    assert_eq!(item["status"], "NOT_AVAILABLE");
    let by_author = books.list_by_author("A1", page()).await.expect("listed");
    assert_eq!(by_author.items, [book]);
    let not_available = books.list(Some(BookStatus::NotAvailable), page()).await;
    assert_eq!(not_available.expect("listed").items.len(), 2);
    let missing = books.list(Some(BookStatus::Missing), page()).await;
    assert!(missing.expect("listed").items.is_empty());
}

#[tokio::test]
async fn an_update_sets_the_given_fields_and_updated_at_only() {
    let storage = Arc::new(Memory::default());
    let ids = Arc::new(SequentialKsuids::default());
    let created = UserRepository::new(records(&storage, CREATED), ids.clone())
        .create(NewUser {
            name: "James".to_owned(),
            email: "jd@example.com".to_owned(),
        })
        .await
        .expect("created");
    let later = UserRepository::new(records(&storage, UPDATED), ids);
    let changes = UserChanges {
        status: Some(UserStatus::Verified),
        ..UserChanges::default()
    };
    let updated = later.update(&created.id, changes).await.expect("updated");
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
    let authors = AuthorRepository::new(
        Records::new(Arc::new(Unreachable), Arc::new(SystemClock)),
        Arc::new(SequentialKsuids::default()),
    );
    let refused = authors.update("A1", AuthorChanges::default()).await;
    assert!(matches!(refused, Err(RepositoryError::NoFieldsToUpdate)));
    let unreachable = authors.get("A1").await;
    assert!(matches!(
        unreachable,
        Err(RepositoryError::Storage(StorageError::Unavailable(_)))
    ));
}

#[tokio::test]
async fn storage_outcomes_are_named_after_the_entity() {
    let storage = Arc::new(Memory::default());
    let rentals = RentalRepository::new(records(&storage, CREATED));
    let missing = rentals.get("U1", "B1").await;
    assert!(matches!(missing, Err(RepositoryError::NotFound("Rental"))));
    let changes = super::rental::RentalChanges {
        comment: Some("c".to_owned()),
        ..Default::default()
    };
    let missing = rentals.update("U1", "B1", changes).await;
    assert!(matches!(missing, Err(RepositoryError::NotFound("Rental"))));
    let missing = rentals.delete("U1", "B1").await;
    assert!(matches!(missing, Err(RepositoryError::NotFound("Rental"))));

    rentals
        .create("U1".to_owned(), "B1".to_owned())
        .await
        .expect("created");
    assert!(storage.stored("Book#B1", "User#U1").is_some());
    let twice = rentals.create("U1".to_owned(), "B1".to_owned()).await;
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
    let books = BookRepository::new(
        records(&storage, CREATED),
        Arc::new(SequentialKsuids::default()),
    );
    let malformed = books.get("A1", "B1").await;
    assert!(matches!(malformed, Err(RepositoryError::Malformed(_))));
}
