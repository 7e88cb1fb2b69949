//! The task-based suite: Book Management as three commands and three queries (reference section
//! 5, with the design's decisions D1 to D9), over real HTTP. Authors and users are created through
//! their CRUD routes, which the task-based steps keep.

pub mod add_new_book;
pub mod borrow_book;
pub mod crud_rules;
pub mod idempotency;
pub mod queries;
pub mod report_missing_book;
pub mod requests;

use serde_json::{Value, json};

use crate::Api;
pub use crate::crud::{author_fixture, create_author, create_user, fake_id, validation};

pub const TITLE: &str = "Yet Another Testing Book";
pub const ISBN: &str = "80-902734-1-6";

/// The payload of `AddNewBook` for a known author.
pub fn book_by(author_id: &str) -> Value {
    json!({"author": {"id": author_id}, "title": TITLE, "isbn": ISBN})
}

/// Adds a book for a known author; returns its id.
pub async fn add_book_by(api: &Api, author_id: &str) -> String {
    api.post("/book/new", &book_by(author_id))
        .await
        .expect(200)
        .field("bookId")
}

/// Adds a book with a new author; returns `(book_id, author_id)`.
pub async fn add_book(api: &Api) -> (String, String) {
    let reply = api
        .post(
            "/book/new",
            &json!({"author": author_fixture(), "title": TITLE, "isbn": ISBN}),
        )
        .await
        .expect(200);
    (reply.field("bookId"), reply.field("authorId"))
}

pub async fn borrow(api: &Api, book_id: &str, user_id: &str) -> crate::Reply {
    api.post(
        &format!("/book/{book_id}/borrow"),
        &json!({"userId": user_id}),
    )
    .await
}

pub async fn report_missing(
    api: &Api,
    book_id: &str,
    author_id: &str,
    user_id: &str,
) -> crate::Reply {
    api.post(
        &format!("/book/{book_id}/missing"),
        &json!({"userId": user_id, "authorId": author_id}),
    )
    .await
}

/// The book as every query shows it.
pub fn book_view(book_id: &str, author_id: &str, status: &str) -> Value {
    json!({"bookId": book_id, "authorId": author_id, "title": TITLE, "isbn": ISBN, "status": status})
}

pub async fn books_by_author(api: &Api, author_id: &str) -> Value {
    api.get(&format!("/book/by-author/{author_id}"))
        .await
        .expect(200)
        .body
}

pub async fn borrowed_by(api: &Api, user_id: &str) -> Value {
    api.get(&format!("/book/by-user/{user_id}?status=borrowed"))
        .await
        .expect(200)
        .body
}

pub async fn missing_books(api: &Api) -> Value {
    api.get("/book?status=missing").await.expect(200).body
}

pub async fn user(api: &Api, user_id: &str) -> Value {
    api.get(&format!("/user/{user_id}")).await.expect(200).body
}

pub fn rule(message: &str) -> String {
    format!("Business Rule Violated: {message}")
}

/// `ids` in ascending order, the order every query answers books in.
pub fn sorted(ids: &[&str]) -> Vec<String> {
    let mut ids: Vec<String> = ids.iter().map(|id| (*id).to_owned()).collect();
    ids.sort();
    ids
}

/// The `bookId`s of a query's answer, in its order.
pub fn book_ids(books: &Value) -> Vec<String> {
    books
        .as_array()
        .map(|books| {
            books
                .iter()
                .filter_map(|book| book["bookId"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
