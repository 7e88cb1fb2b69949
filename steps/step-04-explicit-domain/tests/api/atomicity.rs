//! Each command's writes are all or nothing. A command checks the state it reads, then writes;
//! another request may change that state in between. The transaction's conditions catch that:
//! DynamoDB cancels it, and nothing at all is written. A storage that lets "another request"
//! change the table right before the command's transaction reproduces the race on demand.

use std::collections::BTreeMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_dynamodb::types::AttributeValue;
use contract::{Api, Running};
use serde_json::json;
use step_04_explicit_domain::item::Item;
use step_04_explicit_domain::pagination::{Listed, Page};
use step_04_explicit_domain::storage::{
    IndexQuery, Key, ReadStorage, StorageFuture, Write, WriteStorage,
};
use step_04_explicit_domain::table::DynamoDbTable;
use step_04_explicit_domain::{AppState, Config};

use crate::{engine, serve_state};

type Row = BTreeMap<String, AttributeValue>;
type Change = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Every item of the table, in a stable order.
async fn table(db: &aws_sdk_dynamodb::Client) -> Vec<Row> {
    let output = db
        .scan()
        .table_name("library-system-database")
        .send()
        .await
        .expect("scan");
    let mut rows: Vec<Row> = output
        .items()
        .iter()
        .map(|item| item.clone().into_iter().collect())
        .collect();
    rows.sort_by_key(|row| format!("{row:?}"));
    rows
}

/// The DynamoDB adapter, with a change slipped in right before the next transaction.
struct Meddling {
    table: DynamoDbTable,
    db: aws_sdk_dynamodb::Client,
    change: Mutex<Option<Change>>,
    /// The whole table right after the change: what the transaction must leave as it is.
    after_change: Mutex<Option<Vec<Row>>>,
}

impl Meddling {
    fn before_next_transaction(&self, change: impl Future<Output = ()> + Send + 'static) {
        *self.change.lock().unwrap_or_else(PoisonError::into_inner) = Some(Box::pin(change));
    }

    fn after_change(&self) -> Option<Vec<Row>> {
        self.after_change
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

impl ReadStorage for Meddling {
    fn get(&self, key: Key) -> StorageFuture<'_, Option<Item>> {
        self.table.get(key)
    }
    fn query(&self, query: IndexQuery, page: Page) -> StorageFuture<'_, Listed<Item>> {
        self.table.query(query, page)
    }
}

impl WriteStorage for Meddling {
    fn put_new(&self, key: Key, attributes: Item) -> StorageFuture<'_, ()> {
        self.table.put_new(key, attributes)
    }
    fn update(&self, key: Key, changes: Vec<(&'static str, String)>) -> StorageFuture<'_, Item> {
        self.table.update(key, changes)
    }
    fn delete(&self, key: Key) -> StorageFuture<'_, ()> {
        self.table.delete(key)
    }
    fn transact(&self, writes: Vec<Write>) -> StorageFuture<'_, ()> {
        let change = self
            .change
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        Box::pin(async move {
            if let Some(change) = change {
                change.await;
                let rows = table(&self.db).await;
                *self
                    .after_change
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner) = Some(rows);
            }
            self.table.transact(writes).await
        })
    }
}

/// The app on a fresh table, through a [`Meddling`] storage.
async fn meddled() -> (Running, Arc<Meddling>, aws_sdk_dynamodb::Client) {
    let engine = engine().await;
    let db = engine.client();
    let meddling = Arc::new(Meddling {
        table: DynamoDbTable::new(db.clone(), Config::default()),
        db: db.clone(),
        change: Mutex::new(None),
        after_change: Mutex::new(None),
    });
    let mut state = AppState::new(db.clone(), Config::default());
    state.reads = meddling.clone();
    state.writes = meddling.clone();
    (serve_state(state).await.keep(engine), meddling, db)
}

/// A new book lent to a new user: `(book_id, author_id, user_id)`.
async fn lent(api: &Api) -> (String, String, String) {
    let reply = api
        .post(
            "/book/new",
            &json!({"author": {"name": "Ann", "birthdate": "1966-03-02"}, "title": "T", "isbn": "I"}),
        )
        .await
        .expect(200);
    let (book_id, author_id) = (reply.field("bookId"), reply.field("authorId"));
    let user_id = api
        .post("/user", &json!({"name": "U", "email": "u@x.org"}))
        .await
        .expect(200)
        .field("id");
    api.post(
        &format!("/book/{book_id}/borrow"),
        &json!({"userId": user_id}),
    )
    .await
    .expect(200);
    (book_id, author_id, user_id)
}

fn key(pk: &str, sk: &str) -> [(&'static str, AttributeValue); 2] {
    [
        ("resourceId", AttributeValue::S(pk.to_owned())),
        ("subResourceId", AttributeValue::S(sk.to_owned())),
    ]
}

/// Sets `status` on an item, the way another request would.
fn set_status(
    db: &aws_sdk_dynamodb::Client,
    [pk, sk]: [(&'static str, AttributeValue); 2],
    status: &str,
) -> impl Future<Output = ()> + Send + 'static {
    let request = db
        .update_item()
        .table_name("library-system-database")
        .key(pk.0, pk.1)
        .key(sk.0, sk.1)
        .update_expression("SET #status = :status")
        .expression_attribute_names("#status", "status")
        .expression_attribute_values(":status", AttributeValue::S(status.to_owned()));
    async move {
        request.send().await.expect("status set");
    }
}

#[tokio::test]
async fn a_missing_report_whose_user_was_deleted_meanwhile_writes_nothing() {
    let (running, meddling, db) = meddled().await;
    let api = &running.api;
    let (book_id, author_id, user_id) = lent(api).await;
    let [pk, sk] = key(&format!("User#{user_id}"), &format!("User#{user_id}"));
    let delete = db
        .delete_item()
        .table_name("library-system-database")
        .key(pk.0, pk.1)
        .key(sk.0, sk.1);
    meddling.before_next_transaction(async move {
        delete.send().await.expect("deleted");
    });
    api.post(
        &format!("/book/{book_id}/missing"),
        &json!({"userId": user_id, "authorId": author_id}),
    )
    .await
    .expect_error(
        409,
        "Conflict: User changed while the request ran; nothing was written",
    );
    let untouched = meddling.after_change().expect("the change ran");
    assert_eq!(table(&db).await, untouched, "the book is not MISSING");
}

#[tokio::test]
async fn a_missing_report_whose_book_changed_meanwhile_writes_nothing() {
    let (running, meddling, db) = meddled().await;
    let api = &running.api;
    let (book_id, author_id, user_id) = lent(api).await;
    let book = key(&format!("Book#{book_id}"), &format!("Author#{author_id}"));
    // Another report of the same loss got there first.
    meddling.before_next_transaction(set_status(&db, book, "MISSING"));
    api.post(
        &format!("/book/{book_id}/missing"),
        &json!({"userId": user_id, "authorId": author_id}),
    )
    .await
    .expect_error(
        409,
        &format!("Business Rule Violated: Book {book_id} is not borrowed by user {user_id}"),
    );
    let untouched = meddling.after_change().expect("the change ran");
    assert_eq!(
        table(&db).await,
        untouched,
        "the user is not suspended, the rental still there"
    );
}

#[tokio::test]
async fn a_borrowing_whose_user_was_suspended_meanwhile_writes_nothing() {
    let (running, meddling, db) = meddled().await;
    let api = &running.api;
    let (_, author_id, _) = lent(api).await;
    let book_id = api
        .post(
            "/book/new",
            &json!({"author": {"id": author_id}, "title": "T2", "isbn": "I2"}),
        )
        .await
        .expect(200)
        .field("bookId");
    let user_id = api
        .post("/user", &json!({"name": "V", "email": "v@x.org"}))
        .await
        .expect(200)
        .field("id");
    let user = key(&format!("User#{user_id}"), &format!("User#{user_id}"));
    meddling.before_next_transaction(set_status(&db, user, "SUSPENDED"));
    api.post(
        &format!("/book/{book_id}/borrow"),
        &json!({"userId": user_id}),
    )
    .await
    .expect_error(
        409,
        "Conflict: User changed while the request ran; nothing was written",
    );
    let untouched = meddling.after_change().expect("the change ran");
    assert_eq!(
        table(&db).await,
        untouched,
        "no rental, and the book still AVAILABLE"
    );
}
