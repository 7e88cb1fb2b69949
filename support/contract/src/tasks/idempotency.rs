//! `Idempotency-Key` on the three commands: a client that got no answer sends the same request
//! again with the same key; the command ran at most once, and the retry answers what the first
//! run answered. A key names one request: sent with another, 409.

use serde_json::json;

use super::{
    add_book, book_by, book_view, books_by_author, borrowed_by, create_author, create_user,
    missing_books, rule, validation,
};
use crate::{Api, Reply};

const KEY: &str = "5f0c7d1e-8a1b-4c43-9b1e-2a6f3c9d8e70";

async fn borrow_with_key(api: &Api, book_id: &str, user_id: &str, key: &str) -> Reply {
    let path = format!("/book/{book_id}/borrow");
    api.post_with_key(&path, &json!({"userId": user_id}), key)
        .await
}

pub async fn a_retried_add_answers_the_same_book(api: &Api) {
    let author_id = create_author(api).await;
    let first = api
        .post_with_key("/book/new", &book_by(&author_id), KEY)
        .await
        .expect(200);
    let retry = api
        .post_with_key("/book/new", &book_by(&author_id), KEY)
        .await
        .expect(200);
    assert_eq!(retry.body, first.body, "the first answer, the same book id");
    let book_id = first.field("bookId");
    assert_eq!(
        books_by_author(api, &author_id).await,
        json!([book_view(&book_id, &author_id, "AVAILABLE")]),
        "one book, not two"
    );
    // Without a key, the same request is a new one.
    api.post("/book/new", &book_by(&author_id))
        .await
        .expect(200);
}

pub async fn a_retried_borrow_changes_nothing(api: &Api) {
    let (book_id, _) = add_book(api).await;
    let user_id = create_user(api).await;
    let first = borrow_with_key(api, &book_id, &user_id, KEY)
        .await
        .expect(200);
    let retry = borrow_with_key(api, &book_id, &user_id, KEY)
        .await
        .expect(200);
    assert_eq!(retry.body, first.body);
    assert_eq!(
        borrowed_by(api, &user_id).await.as_array().map(Vec::len),
        Some(1)
    );
    // The same borrow without the key is a second borrow, which the rules refuse.
    let path = format!("/book/{book_id}/borrow");
    api.post(&path, &json!({"userId": user_id}))
        .await
        .expect_error(409, &rule(&format!("Book {book_id} is not available")));
}

pub async fn a_retried_report_changes_nothing(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    borrow_with_key(api, &book_id, &user_id, "borrow")
        .await
        .expect(200);
    let path = format!("/book/{book_id}/missing");
    let body = json!({"userId": user_id, "authorId": author_id});
    let first = api.post_with_key(&path, &body, KEY).await.expect(200);
    let retry = api.post_with_key(&path, &body, KEY).await.expect(200);
    assert_eq!(retry.body, first.body);
    assert_eq!(
        missing_books(api).await,
        json!([book_view(&book_id, &author_id, "MISSING")])
    );
}

pub async fn a_key_names_one_request(api: &Api) {
    let (first_book, _) = add_book(api).await;
    let (other_book, _) = add_book(api).await;
    let user_id = create_user(api).await;
    borrow_with_key(api, &first_book, &user_id, KEY)
        .await
        .expect(200);
    borrow_with_key(api, &other_book, &user_id, KEY)
        .await
        .expect_error(409, "Entity Already Exists: Idempotency-Key");
    assert_eq!(
        borrowed_by(api, &user_id).await.as_array().map(Vec::len),
        Some(1),
        "the other book stays on the shelf"
    );
}

pub async fn a_malformed_key_is_refused(api: &Api) {
    let (book_id, _) = add_book(api).await;
    let user_id = create_user(api).await;
    let refused = validation("Header `Idempotency-Key` must be 1 to 255 visible ASCII characters");
    for key in ["", "two words", &"k".repeat(256)] {
        borrow_with_key(api, &book_id, &user_id, key)
            .await
            .expect_error(400, &refused);
    }
    borrow_with_key(api, &book_id, &user_id, KEY)
        .await
        .expect(200);
}
