//! The three queries: each answers every matching book as `{bookId, authorId, title, isbn,
//! status}`, ordered by book id (KSUIDs sort by creation time, to the second), with its `status`
//! in any case (D1, D2, D3, D19).

use serde_json::{Value, json};

use super::{
    add_book, add_book_by, book_ids, book_view, books_by_author, borrow, borrowed_by,
    create_author, create_user, fake_id, missing_books, report_missing, sorted, validation,
};
use crate::Api;

pub async fn books_of_an_author(api: &Api) {
    let author_id = create_author(api).await;
    let first = add_book_by(api, &author_id).await;
    let second = add_book_by(api, &author_id).await;
    add_book(api).await;

    let reply = api
        .get(&format!("/book/by-author/{author_id}"))
        .await
        .expect(200);
    let in_order = sorted(&[&first, &second]);
    assert_eq!(
        book_ids(&reply.body),
        in_order,
        "only the author's books, by id"
    );
    let keys = crate::field_names(&reply.body[0]);
    assert_eq!(keys, ["bookId", "authorId", "title", "isbn", "status"]);
    assert_eq!(
        reply.body[0],
        book_view(&in_order[0], &author_id, "AVAILABLE")
    );

    assert_eq!(books_by_author(api, &fake_id()).await, json!([]));
    api.get("/book/by-author/not-a-ksuid").await.expect_error(
        400,
        &validation("The provided author ID must be a valid KSUID"),
    );
}

pub async fn books_a_user_holds(api: &Api) {
    let author_id = create_author(api).await;
    let books: Vec<String> = {
        let mut books = Vec::new();
        for _ in 0..3 {
            books.push(add_book_by(api, &author_id).await);
        }
        books
    };
    let (reader, other) = (create_user(api).await, create_user(api).await);
    borrow(api, &books[0], &reader).await.expect(200);
    borrow(api, &books[1], &reader).await.expect(200);
    borrow(api, &books[2], &other).await.expect(200);

    let held = borrowed_by(api, &reader).await;
    assert_eq!(book_ids(&held), sorted(&[&books[0], &books[1]]));
    assert!(
        held.as_array()
            .is_some_and(|books| books.iter().all(|b| b["status"] == "NOT_AVAILABLE"))
    );

    // A book reported missing is no longer held: its rental is gone.
    report_missing(api, &books[0], &author_id, &reader)
        .await
        .expect(200);
    assert_eq!(
        book_ids(&borrowed_by(api, &reader).await),
        [books[1].clone()]
    );
    assert_eq!(
        book_ids(&borrowed_by(api, &other).await),
        [books[2].clone()]
    );
    assert_eq!(borrowed_by(api, &fake_id()).await, json!([]));
    api.get("/book/by-user/nope?status=borrowed")
        .await
        .expect_error(
            400,
            &validation("The provided user ID must be a valid KSUID"),
        );
}

pub async fn only_missing_books(api: &Api) {
    assert_eq!(missing_books(api).await, json!([]));
    let (lost, author_id) = add_book(api).await;
    let (lent, _) = add_book(api).await;
    add_book(api).await;
    let (loser, reader) = (create_user(api).await, create_user(api).await);
    borrow(api, &lost, &loser).await.expect(200);
    borrow(api, &lent, &reader).await.expect(200);
    report_missing(api, &lost, &author_id, &loser)
        .await
        .expect(200);
    assert_eq!(
        missing_books(api).await,
        json!([book_view(&lost, &author_id, "MISSING")]),
        "only MISSING books, not the lent or available ones"
    );
}

pub async fn status_is_required_in_any_case(api: &Api) {
    let (lost, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    borrow(api, &lost, &user_id).await.expect(200);
    report_missing(api, &lost, &author_id, &user_id)
        .await
        .expect(200);
    for path in [
        "/book?status=missing",
        "/book?status=MISSING",
        "/book?status=Missing",
        "/book/?status=missing",
    ] {
        assert_eq!(
            book_ids(&api.get(path).await.expect(200).body),
            std::slice::from_ref(&lost),
            "{path}"
        );
    }
    let invalid = validation("Invalid status provided for GetMissingBooks query");
    for path in [
        "/book",
        "/book?status=",
        "/book?status=borrowed",
        "/book?status=lost",
    ] {
        api.get(path).await.expect_error(400, &invalid);
    }

    let reader = create_user(api).await;
    let (lent, _) = add_book(api).await;
    borrow(api, &lent, &reader).await.expect(200);
    for status in ["borrowed", "BORROWED", "Borrowed"] {
        let path = format!("/book/by-user/{reader}?status={status}");
        assert_eq!(
            book_ids(&api.get(&path).await.expect(200).body),
            std::slice::from_ref(&lent)
        );
    }
    let invalid = validation("Invalid status provided for GetBorrowedBooksForUser query");
    for query in ["", "?status=", "?status=missing", "?status=returned"] {
        api.get(&format!("/book/by-user/{reader}{query}"))
            .await
            .expect_error(400, &invalid);
    }
}

/// The queries always answer everything: a paging parameter would silently do nothing, so any
/// parameter they do not take is refused.
pub async fn unknown_parameters_are_refused(api: &Api) {
    let (_, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    for path in [
        "/book?status=missing&pageSize=10".to_owned(),
        "/book?status=missing&next=abc".to_owned(),
        format!("/book/by-user/{user_id}?status=borrowed&sortOrder=descending"),
        format!("/book/by-author/{author_id}?status=available"),
    ] {
        let reply = api.get(&path).await.expect(400);
        assert!(
            reply.message().starts_with("Validation Error: '"),
            "{path}: {}",
            reply.message()
        );
    }
}

/// More than one storage page of results (DynamoDB pages at 1 MB): the queries follow every
/// page (the original stopped at the first).
pub async fn every_page_is_read(api: &Api) {
    const BOOKS: usize = 20;
    let author_id = create_author(api).await;
    let long_title = "T".repeat(60 * 1024);
    let mut added = Vec::with_capacity(BOOKS);
    for _ in 0..BOOKS {
        let reply = api
            .post(
                "/book/new",
                &json!({"author": {"id": author_id}, "title": long_title, "isbn": "I"}),
            )
            .await
            .expect(200);
        added.push(reply.field("bookId"));
    }
    added.sort();
    let books: Value = books_by_author(api, &author_id).await;
    assert_eq!(book_ids(&books), added, "all {BOOKS} books, about 1.2 MB");

    for book_id in &added {
        let user_id = create_user(api).await;
        borrow(api, book_id, &user_id).await.expect(200);
        report_missing(api, book_id, &author_id, &user_id)
            .await
            .expect(200);
    }
    assert_eq!(book_ids(&missing_books(api).await), added);
}
