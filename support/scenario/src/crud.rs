//! The CRUD API of steps 00 to 04: every change is a row written by the client.

use crate::Method::{Delete, Get, Post, Put};
use crate::{CREATE_A_USER, CREATE_AN_AUTHOR, Scenario, Step};

/// Create an author, a user, a book and a rental; list; update; get; delete; then a validation
/// error and an unknown route. Borrowing and returning a book take one request per table row,
/// and nothing but the client keeps them consistent.
pub const CRUD: Scenario = Scenario {
    name: "crud",
    summary: "create, list, update, get and delete rows of four tables",
    given: &[],
    steps: &[
        CREATE_AN_AUTHOR,
        CREATE_A_USER,
        Step {
            title: "create a book of that author",
            method: Post,
            path: "/book/{authorId}",
            body: Some(r#"{"title": "Ancillary Justice", "isbn": "978-0-316-24662-0"}"#),
            expect: 200,
            capture: &[("bookId", "/bookId")],
        },
        Step {
            title: "create a rental: the user borrows the book",
            method: Post,
            path: "/rental/{userId}/{bookId}",
            body: Some("{}"),
            expect: 200,
            capture: &[],
        },
        Step {
            title: "list the authors",
            method: Get,
            path: "/author",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "list the books that are not available, in any case",
            method: Get,
            path: "/book?status=not_available",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "list the rentals of the user",
            method: Get,
            path: "/rental/{userId}",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "update the rental: the book is returned",
            method: Put,
            path: "/rental/{userId}/{bookId}",
            body: Some(r#"{"status": "RETURNED", "comment": "back on time"}"#),
            expect: 200,
            capture: &[],
        },
        Step {
            title: "update the book: the client must remember to make it available",
            method: Put,
            path: "/book/{authorId}/{bookId}",
            body: Some(r#"{"status": "AVAILABLE"}"#),
            expect: 200,
            capture: &[],
        },
        Step {
            title: "get the book",
            method: Get,
            path: "/book/{authorId}/{bookId}",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "delete the rental",
            method: Delete,
            path: "/rental/{userId}/{bookId}",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "get the deleted rental",
            method: Get,
            path: "/rental/{userId}/{bookId}",
            body: None,
            expect: 404,
            capture: &[],
        },
        Step {
            title: "create an author without a name: a validation error",
            method: Post,
            path: "/author",
            body: Some(r#"{"name": "", "birthdate": "1966-03-02"}"#),
            expect: 400,
            capture: &[],
        },
        Step {
            title: "an unknown route",
            method: Get,
            path: "/library/books",
            body: None,
            expect: 404,
            capture: &[],
        },
    ],
};
