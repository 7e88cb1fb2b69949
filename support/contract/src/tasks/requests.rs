//! Bad input on every route of the task-based API: malformed, empty, oversized or mistyped
//! bodies, invalid ids, routes and methods that do not exist. Always a 4xx JSON answer.

use reqwest::Method;
use serde_json::json;

use super::{add_book, create_user, fake_id, missing_books, validation};
use crate::Api;

/// The command routes, with a book that exists.
async fn command_paths(api: &Api) -> [String; 3] {
    let (book_id, _) = add_book(api).await;
    [
        "/book/new".to_owned(),
        format!("/book/{book_id}/borrow"),
        format!("/book/{book_id}/missing"),
    ]
}

pub async fn malformed_json(api: &Api) {
    for path in command_paths(api).await {
        for body in [
            "{",
            "{\"userId\": \"x\",}",
            "nul",
            "{\"userId\": \"x\"} trailing",
        ] {
            let reply = api.send_raw(Method::POST, &path, body).await.expect(400);
            assert!(
                reply
                    .message()
                    .starts_with("Validation Error: 'Request body is not valid JSON"),
                "{path} {body:?}: {}",
                reply.message()
            );
        }
    }
}

pub async fn non_object_bodies(api: &Api) {
    for path in command_paths(api).await {
        for body in ["[]", "[{\"userId\": \"x\"}]", "\"x\"", "42", "null", "true"] {
            api.send_raw(Method::POST, &path, body)
                .await
                .expect_error(400, &validation("Request body must be a JSON object"));
        }
    }
}

pub async fn empty_bodies(api: &Api) {
    let [add, borrow, report] = command_paths(api).await;
    for (path, message) in [
        (add, "Field `author` is required"),
        (borrow, "Field `userId` is required"),
        (report, "Field `userId` is required"),
    ] {
        for body in ["", "  \n", "{}"] {
            api.send_raw(Method::POST, &path, body)
                .await
                .expect_error(400, &validation(message));
        }
    }
}

pub async fn wrong_field_types(api: &Api) {
    let [add, borrow, report] = command_paths(api).await;
    let cases = [
        (
            &add,
            json!({"author": "Ann"}),
            "Field `author` must be an object",
        ),
        (
            &add,
            json!({"author": ["Ann"]}),
            "Field `author` must be an object",
        ),
        (
            &add,
            json!({"author": {"id": 1}}),
            "Field `author.id` must be a string",
        ),
        (
            &add,
            json!({"author": {"name": "Ann", "birthdate": 1975}}),
            "Field `author.birthdate` must be a string",
        ),
        (
            &add,
            json!({"author": {"id": fake_id()}, "title": true}),
            "Field `title` must be a string",
        ),
        (
            &add,
            json!({"author": {"id": fake_id()}, "title": "T", "isbn": 9_788_090_273_416_u64}),
            "Field `isbn` must be a string",
        ),
        (
            &borrow,
            json!({"userId": {"id": "x"}}),
            "Field `userId` must be a string",
        ),
        (
            &report,
            json!({"userId": false}),
            "Field `userId` must be a string",
        ),
    ];
    for (path, body, message) in cases {
        api.post(path, &body)
            .await
            .expect_error(400, &validation(message));
    }
}

pub async fn invalid_ids(api: &Api) {
    let user_id = create_user(api).await;
    let book = validation("The provided book ID must be a valid KSUID");
    for bad in [
        "x",
        "2Yd7vFcSkFQDzu1LSDybhCXV1w",
        "2Yd7vFcSkFQDzu1LSDybhCXV1w_",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzz",
    ] {
        api.post(&format!("/book/{bad}/borrow"), &json!({"userId": user_id}))
            .await
            .expect_error(400, &book);
        api.post(
            &format!("/book/{bad}/missing"),
            &json!({"userId": user_id, "authorId": fake_id()}),
        )
        .await
        .expect_error(400, &book);
        api.get(&format!("/book/by-author/{bad}"))
            .await
            .expect_error(
                400,
                &validation("The provided author ID must be a valid KSUID"),
            );
        api.get(&format!("/book/by-user/{bad}?status=borrowed"))
            .await
            .expect_error(
                400,
                &validation("The provided user ID must be a valid KSUID"),
            );
        api.post(
            "/book/new",
            &json!({"author": {"id": bad}, "title": "T", "isbn": "I"}),
        )
        .await
        .expect_error(
            400,
            &validation("The provided author ID must be a valid KSUID"),
        );
    }
}

pub async fn oversized_bodies(api: &Api) {
    let huge = "A".repeat(70 * 1024);
    for path in command_paths(api).await {
        let body = json!({"author": {"name": huge, "birthdate": "1975-02-15"}, "title": "T",
                          "isbn": "I", "userId": huge});
        let reply = api.post(&path, &body).await.expect(413);
        assert!(
            reply.message().starts_with("Payload Too Large"),
            "{path}: {}",
            reply.message()
        );
    }
    assert_eq!(
        api.get("/author").await.expect(200).items().len(),
        1,
        "no author was added by a refused AddNewBook"
    );
    assert_eq!(missing_books(api).await, json!([]));
}

/// Book Management is task-based now: the CRUD routes for books and rentals are gone.
pub async fn book_and_rental_crud_routes_are_gone(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    let book = format!("/book/{author_id}/{book_id}");
    let rental = format!("/rental/{user_id}/{book_id}");
    let gone = [
        (Method::POST, format!("/book/{author_id}")),
        (Method::GET, format!("/book/{author_id}")),
        (Method::GET, book.clone()),
        (Method::PUT, book.clone()),
        (Method::DELETE, book),
        (Method::GET, "/rental".to_owned()),
        (Method::GET, format!("/rental/{user_id}")),
        (Method::POST, rental.clone()),
        (Method::GET, rental.clone()),
        (Method::PUT, rental.clone()),
        (Method::DELETE, rental),
        (Method::GET, "/books".to_owned()),
        (Method::GET, "/book/by-author".to_owned()),
    ];
    for (method, path) in gone {
        api.send_raw(method, &path, "{}")
            .await
            .expect_error(404, "No Route Found");
    }
}

pub async fn wrong_methods(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    for (method, path) in [
        (Method::GET, "/book/new".to_owned()),
        (Method::PUT, "/book/new".to_owned()),
        (Method::GET, format!("/book/{book_id}/borrow")),
        (Method::DELETE, format!("/book/{book_id}/missing")),
        (Method::POST, "/book".to_owned()),
        (Method::POST, format!("/book/by-author/{author_id}")),
        (Method::PATCH, format!("/book/by-user/{author_id}")),
    ] {
        api.send_raw(method, &path, "")
            .await
            .expect_error(405, "Method Not Allowed");
    }
}

/// `GET /` still answers, and the OpenAPI document names the operations in domain words.
pub async fn root_and_openapi(api: &Api) {
    let reply = api.get("/").await.expect(200);
    assert!(reply.message().starts_with("API v"), "{}", reply.body);
    let document = api.get("/openapi.json").await.expect(200).body;
    assert_eq!(document["openapi"], "3.1.0");
    for (path, method, operation) in [
        ("/book/new", "post", "AddNewBook"),
        ("/book/{bookId}/borrow", "post", "BorrowBook"),
        ("/book/{bookId}/missing", "post", "ReportMissingBook"),
        ("/book/by-author/{authorId}", "get", "GetBooksByAuthor"),
        ("/book/by-user/{userId}", "get", "GetBorrowedBooksForUser"),
        ("/book", "get", "GetMissingBooks"),
    ] {
        assert_eq!(
            document["paths"][path][method]["operationId"], operation,
            "{method} {path}"
        );
    }
    assert!(
        document["paths"].get("/rental").is_none(),
        "no rental CRUD any more"
    );
}
