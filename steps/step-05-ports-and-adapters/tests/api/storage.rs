//! What the commands write to DynamoDB: exactly the item layout of the design (reference 2.2),
//! `createdAt` on create, `updatedAt` on every write, nothing else. A ticking clock and
//! sequential ids make every value predictable.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, Ordering};

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::json;
use step_05_ports_and_adapters::core::model::Timestamp;
use step_05_ports_and_adapters::core::ports::{Clock, IdGenerator};
use step_05_ports_and_adapters::{Operation, SequentialKsuids};
use time::macros::datetime;

use crate::{dynamodb_app, serve_app};

/// 2023-11-27T10:00:01.000Z on the first call, one second later on each call after.
#[derive(Default)]
struct TickingClock(AtomicI64);

impl Clock for TickingClock {
    fn now(&self) -> Timestamp {
        let tick = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        (datetime!(2023-11-27 10:00 UTC) + time::Duration::seconds(tick)).into()
    }
}

fn at(second: u8) -> String {
    format!("2023-11-27T10:00:{second:02}.000Z")
}

type Attributes = BTreeMap<String, String>;

async fn item(db: &aws_sdk_dynamodb::Client, pk: &str, sk: &str) -> Option<Attributes> {
    let output = db
        .get_item()
        .table_name("library-system-database")
        .key("resourceId", AttributeValue::S(pk.into()))
        .key("subResourceId", AttributeValue::S(sk.into()))
        .send()
        .await
        .expect("get item");
    output.item.map(|item| {
        item.into_iter()
            .map(|(k, v)| (k, v.as_s().cloned().expect("every attribute is a string")))
            .collect()
    })
}

fn attributes(pairs: &[(&str, &str)]) -> Attributes {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// The keys of one author's book lent to one user, and the items expected under them.
struct Expected {
    author: String,
    book: String,
    user: String,
}

impl Expected {
    fn author(&self) -> Attributes {
        attributes(&[
            ("resourceId", &self.author),
            ("subResourceId", &self.author),
            ("type", "Author"),
            ("name", "Ann"),
            ("birthdate", "1966-03-02T00:00:00.000Z"),
            ("createdAt", &at(1)),
            ("updatedAt", &at(1)),
        ])
    }

    fn book(&self, status: &str, updated: u8) -> Attributes {
        attributes(&[
            ("resourceId", &self.book),
            ("subResourceId", &self.author),
            ("type", "Book"),
            ("title", "T"),
            ("isbn", "I"),
            ("status", status),
            ("createdAt", &at(1)),
            ("updatedAt", &at(updated)),
        ])
    }

    fn rental(&self, user_id: &str) -> Attributes {
        attributes(&[
            ("resourceId", &self.book),
            ("subResourceId", &self.user),
            ("type", "Rental"),
            ("status", "BORROWED"),
            ("comment", &format!("Borrowed by {user_id} at {}", at(3))),
            ("createdAt", &at(3)),
            ("updatedAt", &at(3)),
        ])
    }

    fn suspended_user(&self, book_id: &str) -> Attributes {
        attributes(&[
            ("resourceId", &self.user),
            ("subResourceId", &self.user),
            ("type", "User"),
            ("name", "U"),
            ("email", "u@x.org"),
            ("status", "SUSPENDED"),
            (
                "comment",
                &format!("Suspended due to missing book {book_id} at {}", at(4)),
            ),
            ("createdAt", &at(2)),
            ("updatedAt", &at(4)),
        ])
    }
}

#[tokio::test]
async fn commands_write_the_design_layout() {
    let (app, engine) = dynamodb_app().await;
    let db = engine.client();
    let app = app
        .with_clock(TickingClock::default())
        .with_ids(SequentialKsuids::default());
    let running = serve_app(app, &Operation::ALL).await;
    let api = &running.api;
    let expected_ids = SequentialKsuids::default();
    let [author, book, user] = [(); 3].map(|()| expected_ids.next_id().as_str().to_owned());
    let expected = Expected {
        author: format!("Author#{author}"),
        book: format!("Book#{book}"),
        user: format!("User#{user}"),
    };
    let Expected {
        author: author_key,
        book: book_key,
        user: user_key,
    } = &expected;

    // t=1: AddNewBook with a new author; the author's id is drawn first.
    let reply = api
        .post(
            "/book/new",
            &json!({"author": {"name": "Ann", "birthdate": "1966-03-02"}, "title": "T",
                    "isbn": "I", "id": "ignored"}),
        )
        .await
        .expect(200);
    assert_eq!(
        reply.body,
        json!({"success": true, "bookId": book, "authorId": author})
    );
    assert_eq!(
        item(&db, author_key, author_key).await,
        Some(expected.author())
    );
    let stored_book = || item(&db, book_key, author_key);
    assert_eq!(stored_book().await, Some(expected.book("AVAILABLE", 1)));

    // t=2: a user. t=3: BorrowBook.
    api.post("/user", &json!({"name": "U", "email": "u@x.org"}))
        .await
        .expect(200);
    api.post(&format!("/book/{book}/borrow"), &json!({"userId": user}))
        .await
        .expect(200);
    assert_eq!(stored_book().await, Some(expected.book("NOT_AVAILABLE", 3)));
    let stored_rental = || item(&db, book_key, user_key);
    assert_eq!(stored_rental().await, Some(expected.rental(&user)));

    // t=4: ReportMissingBook.
    api.post(
        &format!("/book/{book}/missing"),
        &json!({"userId": user, "authorId": author}),
    )
    .await
    .expect(200);
    assert_eq!(stored_book().await, Some(expected.book("MISSING", 4)));
    assert_eq!(
        item(&db, user_key, user_key).await,
        Some(expected.suspended_user(&book))
    );
    assert_eq!(stored_rental().await, None, "the rental is deleted");
}

#[tokio::test]
async fn crud_updates_touch_updated_at_only() {
    let (app, engine) = dynamodb_app().await;
    let db = engine.client();
    let running = serve_app(app.with_clock(TickingClock::default()), &Operation::ALL).await;
    let api = &running.api;
    let id = api
        .post("/author", &json!({"name": "A", "birthdate": "1975-02-15"}))
        .await
        .expect(200)
        .field("id");
    api.put(&format!("/author/{id}"), &json!({"name": "B"}))
        .await
        .expect(200);
    let key = format!("Author#{id}");
    let stored = item(&db, &key, &key).await.expect("stored");
    assert_eq!(stored.get("name").map(String::as_str), Some("B"));
    assert_eq!(stored.get("createdAt"), Some(&at(1)));
    assert_eq!(stored.get("updatedAt"), Some(&at(2)));
    assert_eq!(stored.len(), 7, "no new attributes: {stored:?}");
}

/// The contract's `every_page_is_read` only proves something if the data really spans pages:
/// check that DynamoDB itself stops after the first megabyte of these books.
#[tokio::test]
async fn big_answers_span_several_storage_pages() {
    const BOOKS: usize = 20;
    let (app, engine) = dynamodb_app().await;
    let db = engine.client();
    let running = serve_app(app, &Operation::ALL).await;
    let api = &running.api;
    let author = api
        .post("/author", &json!({"name": "A", "birthdate": "1975-02-15"}))
        .await
        .expect(200)
        .field("id");
    let title = "T".repeat(60 * 1024);
    for _ in 0..BOOKS {
        api.post(
            "/book/new",
            &json!({"author": {"id": author}, "title": title, "isbn": "I"}),
        )
        .await
        .expect(200);
    }
    let first_page = db
        .query()
        .table_name("library-system-database")
        .index_name("entity-type")
        .key_condition_expression("#type = :type AND #sk = :sk")
        .expression_attribute_names("#type", "type")
        .expression_attribute_names("#sk", "subResourceId")
        .expression_attribute_values(":type", AttributeValue::S("Book".into()))
        .expression_attribute_values(":sk", AttributeValue::S(format!("Author#{author}")))
        .send()
        .await
        .expect("query");
    assert!(first_page.items().len() < BOOKS);
    assert!(
        first_page.last_evaluated_key().is_some(),
        "more pages follow"
    );
    let books = api
        .get(&format!("/book/by-author/{author}"))
        .await
        .expect(200);
    assert_eq!(books.items().len(), BOOKS);
}

/// The code reads the names the templates set and defaults to the table the tests create: the
/// SAM checks hold the templates to `embedded_dynamodb::table`, this holds the code to it.
#[test]
fn configuration_matches_the_table_definition() {
    use embedded_dynamodb::table::{self, ENTITY_STATUS_INDEX, ENTITY_TYPE_INDEX};
    use step_05_ports_and_adapters::TableConfig;

    assert_eq!(TableConfig::TABLE_NAME_ENV, table::TABLE_NAME_ENV);
    assert_eq!(
        TableConfig::ENTITY_TYPE_INDEX_ENV,
        ENTITY_TYPE_INDEX.name_env
    );
    assert_eq!(
        TableConfig::ENTITY_STATUS_INDEX_ENV,
        ENTITY_STATUS_INDEX.name_env
    );
    let defaults = TableConfig::default();
    let names = embedded_dynamodb::TableNames::default();
    assert_eq!(
        (
            defaults.table,
            defaults.entity_type_index,
            defaults.entity_status_index
        ),
        (
            names.table,
            names.entity_type_index,
            names.entity_status_index
        )
    );
}
