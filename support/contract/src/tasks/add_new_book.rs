//! `POST /book/new`: a book with a new author, or for a known one (D7: never for an unknown one).

use serde_json::json;

use super::{
    ISBN, TITLE, add_book, author_fixture, book_by, book_view, books_by_author, create_author,
    fake_id, validation,
};
use crate::Api;

pub async fn adds_a_book_with_a_new_author(api: &Api) {
    let reply = api
        .post(
            "/book/new",
            &json!({"author": {"name": "Ann Leckie", "birthdate": "1966-03-02"}, "title": TITLE, "isbn": ISBN}),
        )
        .await
        .expect(200);
    let keys = crate::field_names(&reply.body);
    assert_eq!(keys, ["success", "bookId", "authorId"]);
    assert_eq!(reply.body["success"], true);
    let (book_id, author_id) = (reply.field("bookId"), reply.field("authorId"));
    assert_eq!((book_id.len(), author_id.len()), (27, 27));

    let author = api.get(&format!("/author/{author_id}")).await.expect(200);
    assert_eq!(
        author.body,
        json!({"id": author_id, "name": "Ann Leckie", "birthdate": "1966-03-02T00:00:00.000Z"}),
        "the new author is stored like CreateAuthor stores one"
    );
    assert_eq!(
        books_by_author(api, &author_id).await,
        json!([book_view(&book_id, &author_id, "AVAILABLE")]),
        "a new book is on the shelf"
    );
}

pub async fn adds_a_book_for_a_known_author(api: &Api) {
    let author_id = create_author(api).await;
    let reply = api
        .post("/book/new", &book_by(&author_id))
        .await
        .expect(200);
    assert_eq!(reply.field("authorId"), author_id);
    let second = api
        .post("/book/new", &book_by(&author_id))
        .await
        .expect(200);
    assert_ne!(second.field("bookId"), reply.field("bookId"));
    // A null is no field: this is the known author's form.
    let body =
        json!({"author": {"id": author_id, "birthdate": null}, "title": TITLE, "isbn": ISBN});
    let mut document = crate::document(api).await;
    assert!(document.admits_body("post", "/book/new", &body));
    api.post("/book/new", &body).await.expect(200);
    assert_eq!(
        api.get("/author").await.expect(200).items().len(),
        1,
        "no author is created for a known one"
    );
    assert_eq!(
        books_by_author(api, &author_id)
            .await
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}

pub async fn unknown_author_is_not_found(api: &Api) {
    let author_id = fake_id();
    api.post("/book/new", &book_by(&author_id))
        .await
        .expect_error(404, "Entity Not Found: Author");
    assert_eq!(books_by_author(api, &author_id).await, json!([]));
    assert!(api.get("/author").await.expect(200).items().is_empty());
}

/// Every refusal of the payload, in the order the checks run; none of them writes anything.
pub async fn validation_messages(api: &Api) {
    let new_author = author_fixture();
    let cases = [
        (
            json!({"title": TITLE, "isbn": ISBN}),
            "Field `author` is required",
        ),
        (
            json!({"author": null, "title": TITLE, "isbn": ISBN}),
            "Field `author` is required",
        ),
        (
            json!({"author": {"id": "not-a-ksuid"}, "title": TITLE, "isbn": ISBN}),
            "The provided author ID must be a valid KSUID",
        ),
        (
            json!({"author": {"id": ""}, "title": TITLE, "isbn": ISBN}),
            "The provided author ID must be a valid KSUID",
        ),
        (
            json!({"author": {"id": fake_id(), "name": "Ann"}, "title": TITLE, "isbn": ISBN}),
            "Field `author` takes either `id` or `name` and `birthdate`, not both",
        ),
        (
            json!({"author": {}, "title": TITLE, "isbn": ISBN}),
            "Field `author.name` is required and should be a non-empty string",
        ),
        (
            json!({"author": {"name": "Ann"}, "title": TITLE, "isbn": ISBN}),
            "Field `author.birthdate` is required",
        ),
        (
            json!({"author": {"name": "Ann", "birthdate": "15/02/1975"}, "title": TITLE, "isbn": ISBN}),
            "Field `author.birthdate` must convert to date and time",
        ),
        (
            json!({"author": new_author, "isbn": ISBN}),
            "Field `title` is required and should be a non-empty string",
        ),
        (
            json!({"author": new_author, "title": "", "isbn": ISBN}),
            "Field `title` is required and should be a non-empty string",
        ),
        (
            json!({"author": new_author, "title": TITLE}),
            "Field `isbn` is required and should be a non-empty string",
        ),
    ];
    let mut document = crate::document(api).await;
    for (body, message) in cases {
        assert!(!document.admits_body("post", "/book/new", &body), "{body}");
        api.post("/book/new", &body)
            .await
            .expect_error(400, &validation(message));
    }
    assert!(
        api.get("/author").await.expect(200).items().is_empty(),
        "refused commands store nothing"
    );
}

/// Ids come from the server and new books are AVAILABLE, whatever the body says.
pub async fn client_ids_are_ignored(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let reply = api
        .post(
            "/book/new",
            &json!({"author": author_fixture(), "title": TITLE, "isbn": ISBN,
                    "bookId": book_id, "authorId": author_id, "status": "MISSING"}),
        )
        .await
        .expect(200);
    assert_ne!(reply.field("bookId"), book_id);
    assert_ne!(reply.field("authorId"), author_id);
    let books = books_by_author(api, &reply.field("authorId")).await;
    assert_eq!(books[0]["status"], "AVAILABLE");
}
