//! The original's book suite uses a random author id and never creates the author: the CRUD
//! steps have no referential checks.

use serde_json::{Value, json};

use super::{book_fixture, fake_id, validation};
use crate::Api;

fn expected(book_id: &str, author_id: &str) -> Value {
    json!({
        "bookId": book_id,
        "authorId": author_id,
        "title": "Yet Another Book About Something",
        "isbn": "80-902734-1-6",
        "status": "NOT_AVAILABLE",
    })
}

const CHANGED: (&str, &str) = ("Yet Another Changed Title", "960-425-059-0");

async fn change(api: &Api, author_id: &str, book_id: &str) {
    api.put(
        &format!("/book/{author_id}/{book_id}"),
        &json!({"title": CHANGED.0, "isbn": CHANGED.1, "status": "MISSING"}),
    )
    .await
    .expect(200);
}

pub async fn create_validation(api: &Api) {
    api.post(&format!("/book/{}", fake_id()), &json!({}))
        .await
        .expect_error(
            400,
            &validation("Field `title` is required and should be a non-empty string"),
        );
}

pub async fn create_book(api: &Api) {
    let author_id = fake_id();
    let reply = api
        .post(&format!("/book/{author_id}"), &book_fixture())
        .await
        .expect(200);
    let book_id = reply.field("bookId");
    assert_eq!(reply.body, expected(&book_id, &author_id));
    let keys = crate::field_names(&reply.body);
    assert_eq!(keys, ["bookId", "authorId", "title", "isbn", "status"]);
}

pub async fn list_books(api: &Api) {
    let author_id = fake_id();
    let book_id = super::create_book(api, &author_id).await;
    let reply = api.get("/book").await.expect(200);
    assert_eq!(reply.body, json!([expected(&book_id, &author_id)]));
}

pub async fn list_books_by_author(api: &Api) {
    let author_id = fake_id();
    let book_id = super::create_book(api, &author_id).await;
    super::create_book(api, &fake_id()).await;
    let reply = api.get(&format!("/book/{author_id}")).await.expect(200);
    assert_eq!(reply.body, json!([expected(&book_id, &author_id)]));
    assert!(
        api.get(&format!("/book/{}", fake_id()))
            .await
            .expect(200)
            .items()
            .is_empty()
    );
}

pub async fn get_book(api: &Api) {
    let author_id = fake_id();
    let book_id = super::create_book(api, &author_id).await;
    let reply = api
        .get(&format!("/book/{author_id}/{book_id}"))
        .await
        .expect(200);
    assert_eq!(reply.body, expected(&book_id, &author_id));
}

pub async fn get_book_wrong_author(api: &Api) {
    let book_id = super::create_book(api, &fake_id()).await;
    api.get(&format!("/book/{}/{book_id}", fake_id()))
        .await
        .expect_error(404, "Entity Not Found: Book");
}

pub async fn update_book(api: &Api) {
    let author_id = fake_id();
    let book_id = super::create_book(api, &author_id).await;
    let reply = api
        .put(
            &format!("/book/{author_id}/{book_id}"),
            &json!({"title": CHANGED.0, "isbn": CHANGED.1, "status": "MISSING"}),
        )
        .await
        .expect(200);
    assert_eq!(
        reply.body,
        json!({"bookId": book_id, "authorId": author_id, "title": CHANGED.0, "isbn": CHANGED.1, "status": "MISSING"})
    );
}

pub async fn list_books_by_status(api: &Api) {
    let author_id = fake_id();
    let book_id = super::create_book(api, &author_id).await;
    change(api, &author_id, &book_id).await;
    let missing = api.get("/book/?status=MISSING").await.expect(200);
    assert_eq!(
        missing.body,
        json!([{"bookId": book_id, "authorId": author_id, "title": CHANGED.0, "isbn": CHANGED.1, "status": "MISSING"}])
    );
    assert!(
        api.get("/book/?status=AVAILABLE")
            .await
            .expect(200)
            .items()
            .is_empty()
    );
    assert!(
        api.get("/book/?status=NOT_AVAILABLE")
            .await
            .expect(200)
            .items()
            .is_empty()
    );
}

pub async fn update_book_partially(api: &Api) {
    let author_id = fake_id();
    let book_id = super::create_book(api, &author_id).await;
    change(api, &author_id, &book_id).await;
    let reply = api
        .put(
            &format!("/book/{author_id}/{book_id}"),
            &json!({"title": "Yet Another Changed Title"}),
        )
        .await
        .expect(200);
    assert_eq!(reply.field("isbn"), CHANGED.1);
    assert_eq!(reply.field("status"), "MISSING");
}

pub async fn update_unknown_book(api: &Api) {
    let book_id = super::create_book(api, &fake_id()).await;
    api.put(
        &format!("/book/{}/{book_id}", fake_id()),
        &json!({"title": "Testing Title"}),
    )
    .await
    .expect_error(404, "Entity Not Found: Book");
}

pub async fn update_book_without_fields(api: &Api) {
    let book_id = super::create_book(api, &fake_id()).await;
    api.put(&format!("/book/{}/{book_id}", fake_id()), &json!({}))
        .await
        .expect_error(400, &validation("No Fields To Update"));
}

pub async fn delete_book(api: &Api) {
    let author_id = fake_id();
    let book_id = super::create_book(api, &author_id).await;
    let reply = api
        .delete(&format!("/book/{author_id}/{book_id}"))
        .await
        .expect(200);
    assert_eq!(
        reply.body,
        json!({"bookId": book_id, "authorId": author_id})
    );
}

pub async fn delete_unknown_book(api: &Api) {
    let book_id = super::create_book(api, &fake_id()).await;
    api.delete(&format!("/book/{}/{book_id}", fake_id()))
        .await
        .expect_error(404, "Entity Not Found: Book");
    assert_eq!(api.get("/book").await.expect(200).items().len(), 1);
}

pub async fn list_books_after_delete_is_empty(api: &Api) {
    let author_id = fake_id();
    let book_id = super::create_book(api, &author_id).await;
    api.delete(&format!("/book/{author_id}/{book_id}"))
        .await
        .expect(200);
    assert!(api.get("/book").await.expect(200).items().is_empty());
}

/// Which id is checked first, and each message.
pub async fn id_validation_messages(api: &Api) {
    let invalid_book = validation("The provided book ID must be a valid KSUID");
    let invalid_author = validation("The provided author ID must be a valid KSUID");
    let (good, bad) = (fake_id(), "not-a-ksuid");
    for (author_id, book_id, message) in [
        (bad, bad, &invalid_book),
        (good.as_str(), bad, &invalid_book),
        (bad, good.as_str(), &invalid_author),
    ] {
        let path = format!("/book/{author_id}/{book_id}");
        api.get(&path).await.expect_error(400, message);
        api.put(&path, &json!({"title": "T"}))
            .await
            .expect_error(400, message);
        api.delete(&path).await.expect_error(400, message);
    }
    api.post(&format!("/book/{bad}"), &book_fixture())
        .await
        .expect_error(400, &invalid_author);
    api.get(&format!("/book/{bad}"))
        .await
        .expect_error(400, &invalid_author);
    api.post(&format!("/book/{good}"), &json!({"title": "T"}))
        .await
        .expect_error(
            400,
            &validation("Field `isbn` is required and should be a non-empty string"),
        );
    assert!(
        api.get("/book").await.expect(200).items().is_empty(),
        "refused creates store nothing"
    );
}

pub async fn status_validation(api: &Api) {
    let author_id = fake_id();
    let book_id = super::create_book(api, &author_id).await;
    let path = format!("/book/{author_id}/{book_id}");
    let message = validation("Field `status` must be one of AVAILABLE, NOT_AVAILABLE, MISSING");
    api.put(&path, &json!({"status": "LOST"}))
        .await
        .expect_error(400, &message);
    api.put(&path, &json!({"title": "Changed", "status": "LOST"}))
        .await
        .expect_error(400, &message);
    api.get("/book?status=LOST")
        .await
        .expect_error(400, &message);
    let book = api.get(&path).await.expect(200);
    assert_eq!(
        book.body,
        expected(&book_id, &author_id),
        "a refused update changes nothing"
    );
    // Client-supplied status on create is overwritten: new CRUD books are NOT_AVAILABLE.
    let reply = api
        .post(
            &format!("/book/{author_id}"),
            &json!({"title": "T", "isbn": "I", "status": "MISSING"}),
        )
        .await
        .expect(200);
    assert_eq!(reply.field("status"), "NOT_AVAILABLE");
}

/// The README's own `GET /book?status=missing` works (the original compared case-sensitively).
pub async fn status_filter_ignores_case_and_trailing_slash(api: &Api) {
    let author_id = fake_id();
    let book_id = super::create_book(api, &author_id).await;
    change(api, &author_id, &book_id).await;
    let mut document = crate::document(api).await;
    for path in [
        "/book?status=missing",
        "/book/?status=Missing",
        "/book?status=MISSING",
    ] {
        assert_eq!(api.get(path).await.expect(200).items().len(), 1, "{path}");
    }
    for status in ["missing", "Missing", "not_Available", ""] {
        assert!(
            document.admits_query("get", "/book", "status", status),
            "{status}"
        );
        api.get(&format!("/book?status={status}")).await.expect(200);
    }
    // Only ASCII letters change case: `ı` (dotless i) is not an `i`.
    for status in ["lost", "m\u{131}ssing", " missing"] {
        assert!(
            !document.admits_query("get", "/book", "status", status),
            "{status}"
        );
        let path = format!("/book?status={}", status.replace(' ', "%20"));
        api.get(&path).await.expect(400);
    }
    assert_eq!(
        api.get(&format!("/book/{author_id}/"))
            .await
            .expect(200)
            .items()
            .len(),
        1
    );
}
