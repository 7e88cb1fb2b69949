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

/// Twenty books of 60 KB: more than the megabyte DynamoDB reads for one query. Stored directly,
/// since the API keeps titles short; a page ends where the storage's does, says so with
/// `x-next-token`, and the pages hold every book.
pub async fn a_page_ends_where_the_storage_page_does(api: &Api, db: &aws_sdk_dynamodb::Client) {
    const BOOKS: usize = 20;
    let author_id = super::crud::create_author(api).await;
    let title = "T".repeat(60 * 1024);
    let mut stored = Vec::with_capacity(BOOKS);
    for n in 0..BOOKS {
        let book_id = format!("2ZzBvRFbQJ7GQpVx5uQ3jvB3v{n:02}");
        db.put_item()
            .table_name(TABLE)
            .item("resourceId", s(&format!("Book#{book_id}")))
            .item("subResourceId", s(&format!("Author#{author_id}")))
            .item("type", s("Book"))
            .item("title", s(&title))
            .item("isbn", s("I"))
            .item("status", s("AVAILABLE"))
            .item("createdAt", s("2023-11-27T10:15:30.123Z"))
            .item("updatedAt", s("2023-11-27T10:15:30.123Z"))
            .send()
            .await
            .expect("the book is stored");
        stored.push(book_id);
    }
    let path = format!("/book/by-author/{author_id}");
    let first = api.get(&path).await.expect(200);
    assert!(first.items().len() < BOOKS, "the storage page ends first");
    assert!(
        first.header("x-next-token").is_some(),
        "and says more follow"
    );
    let (books, pages) = api.every_page(&path, 100).await;
    let mut ids: Vec<&str> = books.iter().filter_map(|b| b["bookId"].as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, stored, "every book, in {pages} pages");
}
