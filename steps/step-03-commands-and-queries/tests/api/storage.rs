//! What the API writes to the table: exactly the item layout of the design, with timestamps,
//! and nothing else (the original's later steps stored stray, mismatching id attributes).

use std::collections::BTreeSet;

use aws_sdk_dynamodb::types::AttributeValue;
use plumbing::dynamodb::TableConfig;
use serde_json::json;
use step_03_commands_and_queries::AppState;

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
    let author_id = api.post("/author", &json!({"name": "Ann", "birthdate": "1966-03-02", "id": "2Yd89pQbgTAtJeRmhmmMnFIAs4u", "extra": 1})).await.expect(200).field("id");
    assert_ne!(
        author_id, "2Yd89pQbgTAtJeRmhmmMnFIAs4u",
        "ids come from the server, never the body"
    );
    let book_id = api
        .post(
            &format!("/book/{author_id}"),
            &json!({"title": "T", "isbn": "I", "bookId": "x"}),
        )
        .await
        .expect(200)
        .field("bookId");
    let user_id = api
        .post("/user", &json!({"name": "U", "email": "u@x.org"}))
        .await
        .expect(200)
        .field("id");
    api.post(&format!("/rental/{user_id}/{book_id}"), &json!({}))
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

    for item in [&author, &book, &rental, &user] {
        assert!(is_timestamp(value(item, "createdAt")), "{item:?}");
        assert_eq!(
            value(item, "createdAt"),
            value(item, "updatedAt"),
            "a new item was never updated"
        );
    }
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
    api.put(&format!("/user/{id}"), &json!({"status": "VERIFIED"}))
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
    let state = AppState::new(
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
