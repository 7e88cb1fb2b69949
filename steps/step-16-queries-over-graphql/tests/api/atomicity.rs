//! Each command's writes are all or nothing. A command checks the state it reads, then writes;
//! another request may change that state in between. The transaction's conditions catch that:
//! DynamoDB cancels it, and nothing at all is written. A proxy in front of the engine lets
//! "another request" change the table right before the command's transaction, on demand.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_dynamodb::types::AttributeValue;
use contract::{Api, Running};
use embedded_dynamodb::EngineProxy;
use plumbing::dynamodb::TableConfig;
use serde_json::json;
use step_16_queries_over_graphql::App;

use crate::{engine, serve_state};

type Row = BTreeMap<String, AttributeValue>;

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

/// The app on a fresh table behind a proxy, and a client that goes straight to the engine.
async fn meddled() -> (Running, EngineProxy, aws_sdk_dynamodb::Client) {
    let engine = engine().await;
    let db = engine.client();
    let proxy = EngineProxy::start(&engine).await.expect("proxy starts");
    let state = App::new(proxy.client(), TableConfig::default());
    (serve_state(state).await.keep(engine), proxy, db)
}

/// Runs `change` right before the next transaction; answers the whole table right after the
/// change, which the transaction must leave as it is.
fn meddle(
    proxy: &EngineProxy,
    db: &aws_sdk_dynamodb::Client,
    change: impl Future<Output = ()> + Send + 'static,
) -> Arc<Mutex<Option<Vec<Row>>>> {
    let after_change = Arc::new(Mutex::new(None));
    let (slot, db) = (Arc::clone(&after_change), db.clone());
    proxy.before_next_transaction(async move {
        change.await;
        let rows = table(&db).await;
        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(rows);
    });
    after_change
}

fn taken(after_change: &Mutex<Option<Vec<Row>>>) -> Vec<Row> {
    let rows = after_change
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    rows.expect("the change ran")
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

/// Sets `status` on an item, or deletes it, the way another request would.
fn change(
    db: &aws_sdk_dynamodb::Client,
    pk: String,
    sk: String,
    status: Option<&str>,
) -> impl Future<Output = ()> + Send + 'static {
    let (pk, sk) = (AttributeValue::S(pk), AttributeValue::S(sk));
    let table = "library-system-database";
    let (update, delete) = (db.update_item(), db.delete_item());
    let status = status.map(|status| AttributeValue::S(status.to_owned()));
    async move {
        let done = match status {
            Some(status) => update
                .table_name(table)
                .key("resourceId", pk)
                .key("subResourceId", sk)
                .update_expression("SET #status = :status")
                .expression_attribute_names("#status", "status")
                .expression_attribute_values(":status", status)
                .send()
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
            None => delete
                .table_name(table)
                .key("resourceId", pk)
                .key("subResourceId", sk)
                .send()
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
        };
        done.expect("changed");
    }
}

#[tokio::test]
async fn a_missing_report_whose_user_was_deleted_meanwhile_writes_nothing() {
    let (running, proxy, db) = meddled().await;
    let api = &running.api;
    let (book_id, author_id, user_id) = lent(api).await;
    let user = format!("User#{user_id}");
    let after_change = meddle(&proxy, &db, change(&db, user.clone(), user, None));
    api.post(
        &format!("/book/{book_id}/missing"),
        &json!({"userId": user_id, "authorId": author_id}),
    )
    .await
    .expect_error(
        409,
        "Conflict: User changed while the request ran; nothing was written",
    );
    assert_eq!(
        table(&db).await,
        taken(&after_change),
        "the book is not MISSING"
    );
}

#[tokio::test]
async fn a_missing_report_whose_book_changed_meanwhile_writes_nothing() {
    let (running, proxy, db) = meddled().await;
    let api = &running.api;
    let (book_id, author_id, user_id) = lent(api).await;
    // Another report of the same loss got there first.
    let (book, author) = (format!("Book#{book_id}"), format!("Author#{author_id}"));
    let after_change = meddle(&proxy, &db, change(&db, book, author, Some("MISSING")));
    api.post(
        &format!("/book/{book_id}/missing"),
        &json!({"userId": user_id, "authorId": author_id}),
    )
    .await
    .expect_error(
        409,
        &format!("Business Rule Violated: Book {book_id} is not borrowed by user {user_id}"),
    );
    let untouched = taken(&after_change);
    assert_eq!(
        table(&db).await,
        untouched,
        "the user not suspended, the rental still there"
    );
}

#[tokio::test]
async fn a_borrowing_whose_user_was_suspended_meanwhile_writes_nothing() {
    let (running, proxy, db) = meddled().await;
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
    let user = format!("User#{user_id}");
    let after_change = meddle(
        &proxy,
        &db,
        change(&db, user.clone(), user, Some("SUSPENDED")),
    );
    api.post(
        &format!("/book/{book_id}/borrow"),
        &json!({"userId": user_id}),
    )
    .await
    .expect_error(
        409,
        "Conflict: User changed while the request ran; nothing was written",
    );
    let untouched = taken(&after_change);
    assert_eq!(
        table(&db).await,
        untouched,
        "no rental, and the book still AVAILABLE"
    );
}
