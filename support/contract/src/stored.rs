//! Items the API did not write, put straight into the table: by another tool, an older version,
//! a hand in the console. The API reads them back or says it cannot, item by item.

use aws_sdk_dynamodb::types::AttributeValue;

use crate::Api;

const TABLE: &str = "library-system-database";

fn s(text: &str) -> AttributeValue {
    AttributeValue::S(text.to_owned())
}

/// An author stored with a number for a name: every step reads `name` as a string.
async fn put_unreadable_author(db: &aws_sdk_dynamodb::Client, id: &str) {
    let key = format!("Author#{id}");
    db.put_item()
        .table_name(TABLE)
        .item("resourceId", s(&key))
        .item("subResourceId", s(&key))
        .item("type", s("Author"))
        .item("name", AttributeValue::N("7".to_owned()))
        .item("birthdate", s("1975-02-15T10:10:00.000Z"))
        .item("createdAt", s("2023-11-27T10:15:30.123Z"))
        .item("updatedAt", s("2023-11-27T10:15:30.123Z"))
        .send()
        .await
        .expect("the item is stored");
}

pub async fn an_unreadable_item_is_skipped_or_refused(api: &Api, db: &aws_sdk_dynamodb::Client) {
    let readable = super::crud::create_author(api).await;
    let unreadable = "2ZzBvRFbQJ7GQpVx5uQ3jvB3vKc";
    put_unreadable_author(db, unreadable).await;

    let listed = api.get("/author").await.expect(200);
    let ids: Vec<&str> = listed
        .items()
        .iter()
        .filter_map(|author| author["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [readable.as_str()],
        "the page leaves out only the unreadable author"
    );

    api.get(&format!("/author/{unreadable}"))
        .await
        .expect_error(
            409,
            "Entity Unreadable: the stored item does not fit the model",
        );
    api.get(&format!("/author/{readable}")).await.expect(200);
}
