//! What to try on the sample library (`embedded_dynamodb::sample`, written by
//! `cargo xtask db seed` and by `serve --fresh`): requests with its fixed ids, in an order that
//! succeeds once on a freshly seeded table. `cargo xtask serve` prints them as `curl` lines.

use embedded_dynamodb::sample::{FIRST_BOOK, JAMES_DOE, JOHN_DOE};

use crate::Method::{Get, Post, Put};
use crate::{Scenario, Step};

/// John Doe wrote the first book; James Doe is a verified user.
const GIVEN: &[(&str, &str)] = &[
    ("authorId", JOHN_DOE),
    ("bookId", FIRST_BOOK),
    ("userId", JAMES_DOE),
];

/// The CRUD API: borrowing is two writes the client must remember.
pub const SAMPLE_CRUD: Scenario = Scenario {
    name: "sample-crud",
    summary: "the sample library through the CRUD API",
    given: GIVEN,
    steps: &[
        Step {
            title: "the authors",
            method: Get,
            path: "/author",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "John Doe's books",
            method: Get,
            path: "/book/{authorId}",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "James Doe borrows the first book: a rental",
            method: Post,
            path: "/rental/{userId}/{bookId}",
            body: Some("{}"),
            expect: 200,
            capture: &[],
        },
        Step {
            title: "... and a second write the client must remember",
            method: Put,
            path: "/book/{authorId}/{bookId}",
            body: Some(r#"{"status": "NOT_AVAILABLE"}"#),
            expect: 200,
            capture: &[],
        },
        Step {
            title: "James Doe's rentals",
            method: Get,
            path: "/rental/{userId}",
            body: None,
            expect: 200,
            capture: &[],
        },
    ],
};

/// The task-based API: the same story as commands and queries.
pub const SAMPLE_TASKS: Scenario = Scenario {
    name: "sample-tasks",
    summary: "the sample library through Book Management's commands and queries",
    given: GIVEN,
    steps: &[
        Step {
            title: "GetBooksByAuthor: John Doe's books",
            method: Get,
            path: "/book/by-author/{authorId}",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "BorrowBook: James Doe takes the first book",
            method: Post,
            path: "/book/{bookId}/borrow",
            body: Some(r#"{"userId": "{userId}"}"#),
            expect: 200,
            capture: &[],
        },
        Step {
            title: "GetBorrowedBooksForUser: what James Doe holds",
            method: Get,
            path: "/book/by-user/{userId}?status=borrowed",
            body: None,
            expect: 200,
            capture: &[],
        },
        Step {
            title: "ReportMissingBook: James Doe lost it",
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
    ],
};
