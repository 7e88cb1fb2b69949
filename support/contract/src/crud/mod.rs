//! The CRUD suite: the 50 cases of the original's Jest suites (reference section 7.1), each made
//! self-contained, plus the cases for what the port fixed (validation, JSON errors, pagination,
//! duplicates).

pub mod author;
pub mod book;
pub mod http;
pub mod rental;
pub mod user;

use std::hash::{BuildHasher, Hasher};

use serde_json::{Value, json};

use crate::Api;

pub fn author_fixture() -> Value {
    json!({"name": "John Doe", "birthdate": "1975-02-15T10:10:00.000Z"})
}

pub fn book_fixture() -> Value {
    json!({"title": "Yet Another Book About Something", "isbn": "80-902734-1-6"})
}

pub fn user_fixture() -> Value {
    json!({"name": "James Doe", "email": "jd@example.com"})
}

/// A fresh, valid KSUID that nothing in the table uses (the original's "fake" ids).
pub fn fake_id() -> String {
    const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut id = String::with_capacity(27);
    // A leading digit keeps the value below the largest KSUID.
    id.push('1');
    while id.len() < 27 {
        let mut bits = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        for _ in 0..10 {
            if id.len() == 27 {
                break;
            }
            id.push(char::from(BASE62[usize::try_from(bits % 62).unwrap_or(0)]));
            bits /= 62;
        }
    }
    id
}

pub async fn create_author(api: &Api) -> String {
    api.post("/author", &author_fixture())
        .await
        .expect(200)
        .field("id")
}

pub async fn create_user(api: &Api) -> String {
    api.post("/user", &user_fixture())
        .await
        .expect(200)
        .field("id")
}

/// Creates a book for `author_id` and returns its id.
pub async fn create_book(api: &Api, author_id: &str) -> String {
    api.post(&format!("/book/{author_id}"), &book_fixture())
        .await
        .expect(200)
        .field("bookId")
}

pub fn validation(message: &str) -> String {
    format!("Validation Error: '{message}'")
}

#[cfg(test)]
mod tests {
    #[test]
    fn fake_ids_are_ksuids() {
        let id = super::fake_id();
        assert_eq!(id.len(), 27);
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(id, super::fake_id());
    }
}
