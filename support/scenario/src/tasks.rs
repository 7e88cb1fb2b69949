//! The task-based API of steps 05 to 14: the client says what happens, the API keeps the rows
//! consistent.

use crate::Method::{Get, Post};
use crate::{CREATE_A_USER, CREATE_AN_AUTHOR, Scenario, Step};

/// Authors and users still have CRUD routes (other contexts); books are managed by tasks: add a
/// new book (of a known or a new author), borrow it, report it missing, and the three queries.
pub const TASKS: Scenario = Scenario {
    name: "tasks",
    summary: "add, borrow and report books missing with commands; read them with queries",
    given: &[],
    steps: &[
        CREATE_AN_AUTHOR,
        CREATE_A_USER,
        Step {
            title: "AddNewBook by a known author",
            method: Post,
            path: "/book/new",
            body: Some(
                r#"{"author": {"id": "{authorId}"}, "title": "Ancillary Justice", "isbn": "978-0-316-24662-0"}"#,
            ),
            expect: 200,
            capture: &[("bookId", "/bookId")],
        },
        Step {
            title: "AddNewBook by a new author",
            method: Post,
            path: "/book/new",
            body: Some(
                r#"{"author": {"name": "Martha Wells", "birthdate": "1964-09-01"}, "title": "All Systems Red", "isbn": "978-0-765-39753-9"}"#,
            ),
            expect: 200,
            capture: &[("newAuthorId", "/authorId")],
        },
        Step {
            title: "GetBooksByAuthor",
            method: Get,
            path: "/book/by-author/{authorId}",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "BorrowBook",
            method: Post,
            path: "/book/{bookId}/borrow",
            body: Some(r#"{"userId": "{userId}"}"#),
            expect: 200,
            capture: &[],
        },
        Step {
            title: "GetBorrowedBooksForUser",
            method: Get,
            path: "/book/by-user/{userId}?status=borrowed",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "BorrowBook again: the book is not available",
            method: Post,
            path: "/book/{bookId}/borrow",
            body: Some(r#"{"userId": "{userId}"}"#),
            expect: 409,
            capture: &[],
        },
        Step {
            title: "ReportMissingBook",
            method: Post,
            path: "/book/{bookId}/missing",
            body: Some(r#"{"userId": "{userId}", "authorId": "{authorId}"}"#),
            expect: 200,
            capture: &[],
        },
        Step {
            title: "GetMissingBooks",
            method: Get,
            path: "/book?status=missing",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "get the user: suspended for the missing book",
            method: Get,
            path: "/user/{userId}",
            body: None,
            expect: 200,
            capture: &[],
        },
    ],
};
