//! What the API writes to the table: exactly the item layout of the design, with timestamps,
//! and nothing else (the original's later steps stored stray, mismatching id attributes); and
//! answers that span several pages of the table.

use std::collections::BTreeSet;

use aws_sdk_dynamodb::types::AttributeValue;
use plumbing::dynamodb::TableConfig;
use serde_json::json;
use step_15_commands_from_a_queue::App;

use crate::{serve_state, start};

async fn attributes(
    db: &aws_sdk_dynamodb::Client,
    resource_id: &str,
    sub_resource_id: &str,
) -> Vec<(String, String)> {
    let item = db
        .get_item()
        .table_name("library-system-database")
        .key("resourceId", AttributeValue::S(resource_id.into()))
        .key("subResourceId", AttributeValue::S(sub_resource_id.into()))
        .send()
        .await
        .expect("get item")
        .item
        .expect("item stored");
    let mut pairs: Vec<_> = item
        .into_iter()
        .map(|(k, v)| (k, v.as_s().cloned().expect("every attribute is a string")))
        .collect();
    pairs.sort();
    pairs
}

fn names(pairs: &[(String, String)]) -> BTreeSet<&str> {
    pairs.iter().map(|(k, _)| k.as_str()).collect()
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .expect("attribute present")
}

fn is_timestamp(text: &str) -> bool {
    // 2023-11-27T10:15:30.123Z
    text.len() == 24
        && text.ends_with('Z')
        && text.as_bytes()[10] == b'T'
        && text.as_bytes()[19] == b'.'
}

#[tokio::test]
async fn items_have_the_design_layout_and_timestamps() {
    let (running, db) = start().await;
    let api = &running.api;
    let reply = api
        .post(
            "/book/new",
            &json!({"author": {"name": "Ann", "birthdate": "1966-03-02"}, "title": "T",
                    "isbn": "I", "bookId": "2Yd89pQbgTAtJeRmhmmMnFIAs4u", "extra": 1}),
        )
        .await
        .expect(200);
    let (book_id, author_id) = (reply.field("bookId"), reply.field("authorId"));
    assert_ne!(
        book_id, "2Yd89pQbgTAtJeRmhmmMnFIAs4u",
        "ids come from the server, never the body"
    );
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

    let author = attributes(
        &db,
        &format!("Author#{author_id}"),
        &format!("Author#{author_id}"),
    )
    .await;
    assert_eq!(
        names(&author),
        BTreeSet::from([
            "resourceId",
            "subResourceId",
            "type",
            "name",
            "birthdate",
            "createdAt",
            "updatedAt"
        ])
    );
    assert_eq!(value(&author, "type"), "Author");
    assert_eq!(value(&author, "birthdate"), "1966-03-02T00:00:00.000Z");

    let book = attributes(
        &db,
        &format!("Book#{book_id}"),
        &format!("Author#{author_id}"),
    )
    .await;
    assert_eq!(
        names(&book),
        BTreeSet::from([
            "resourceId",
            "subResourceId",
            "type",
            "title",
            "isbn",
            "status",
            "createdAt",
            "updatedAt"
        ])
    );

    let rental = attributes(&db, &format!("Book#{book_id}"), &format!("User#{user_id}")).await;
    assert_eq!(
        names(&rental),
        BTreeSet::from([
            "resourceId",
            "subResourceId",
            "type",
            "status",
            "comment",
            "createdAt",
            "updatedAt"
        ])
    );

    let user = attributes(&db, &format!("User#{user_id}"), &format!("User#{user_id}")).await;
    assert_eq!(
        names(&user),
        BTreeSet::from([
            "resourceId",
            "subResourceId",
            "type",
            "name",
            "email",
            "status",
            "comment",
            "createdAt",
            "updatedAt"
        ])
    );

    assert_eq!(value(&book, "status"), "NOT_AVAILABLE");
    for item in [&author, &book, &rental, &user] {
        let (created, updated) = (value(item, "createdAt"), value(item, "updatedAt"));
        assert!(is_timestamp(created) && updated >= created, "{item:?}");
    }
}

/// The rest of a book's story: it goes missing, its borrower is suspended, the rental is gone.
#[tokio::test]
async fn a_missing_book_changes_statuses_and_nothing_else() {
    let (running, db) = start().await;
    let api = &running.api;
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
    let book = attributes(
        &db,
        &format!("Book#{book_id}"),
        &format!("Author#{author_id}"),
    )
    .await;
    let user = attributes(&db, &format!("User#{user_id}"), &format!("User#{user_id}")).await;
    api.post(
        &format!("/book/{book_id}/missing"),
        &json!({"userId": user_id, "authorId": author_id}),
    )
    .await
    .expect(200);
    let missing = attributes(
        &db,
        &format!("Book#{book_id}"),
        &format!("Author#{author_id}"),
    )
    .await;
    assert_eq!(value(&missing, "status"), "MISSING");
    assert_eq!(names(&missing), names(&book), "no new attributes");
    let suspended = attributes(&db, &format!("User#{user_id}"), &format!("User#{user_id}")).await;
    assert_eq!(value(&suspended, "status"), "SUSPENDED");
    assert!(value(&suspended, "comment").contains(&book_id));
    assert_eq!(names(&suspended), names(&user), "no new attributes");
    let rental = db
        .get_item()
        .table_name("library-system-database")
        .key("resourceId", AttributeValue::S(format!("Book#{book_id}")))
        .key(
            "subResourceId",
            AttributeValue::S(format!("User#{user_id}")),
        )
        .send()
        .await
        .expect("get item");
    assert_eq!(rental.item, None, "the rental is deleted");
}

#[tokio::test]
async fn updates_touch_updated_at_only() {
    let (running, db) = start().await;
    let api = &running.api;
    let id = api
        .post("/user", &json!({"name": "U", "email": "u@x.org"}))
        .await
        .expect(200)
        .field("id");
    let key = format!("User#{id}");
    let before = attributes(&db, &key, &key).await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    api.put(&format!("/user/{id}"), &json!({"comment": "updated"}))
        .await
        .expect(200);
    let after = attributes(&db, &key, &key).await;
    assert_eq!(value(&before, "createdAt"), value(&after, "createdAt"));
    assert!(value(&after, "updatedAt") > value(&before, "updatedAt"));
    assert_eq!(names(&before), names(&after), "no new attributes");
}

#[tokio::test]
async fn an_unreachable_database_is_a_503_not_a_crash() {
    // A client pointed at a port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let state = App::new(
        embedded_dynamodb::local_client(&dead),
        TableConfig::default(),
    );
    let running = serve_state(state).await;
    let response = reqwest::get(format!("{}/author", running.api.base_url()))
        .await
        .expect("answer");
    assert_eq!(response.status().as_u16(), 503);
    let body: serde_json::Value = response.json().await.expect("json body");
    assert_eq!(body, json!({"message": "Storage Unavailable"}));
}
