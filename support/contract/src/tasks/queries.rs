//! The three queries: each answers a page of the matching books as `{bookId, authorId, title,
//! isbn, status}`, ordered by book id (KSUIDs sort by creation time, to the second), with its
//! `status` in any case (D1, D2, D3, D19).

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
    let mut document = crate::document(api).await;
    for status in ["missing", "MISSING", "Missing"] {
        assert!(
            document.admits_query("get", "/book", "status", status),
            "{status}"
        );
    }
    let invalid = validation("Invalid status provided for GetMissingBooks query");
    api.get("/book").await.expect_error(400, &invalid);
    // Only ASCII letters change case: `ı` (dotless i) is not an `i`.
    for status in ["", "borrowed", "lost", "m\u{131}ssing"] {
        assert!(
            !document.admits_query("get", "/book", "status", status),
            "{status}"
        );
        api.get(&format!("/book?status={status}"))
            .await
            .expect_error(400, &invalid);
    }

    let reader = create_user(api).await;
    let (lent, _) = add_book(api).await;
    borrow(api, &lent, &reader).await.expect(200);
    for status in ["borrowed", "BORROWED", "Borrowed"] {
        assert!(document.admits_query("get", "/book/by-user/{userId}", "status", status));
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
        "/book?status=missing&sortOrder=descending".to_owned(),
        format!("/book/by-author/{author_id}?sortOrder=ascending"),
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

/// The queries page like the lists: at most `pageSize` books a page (each page by id), and
/// `x-next-token` until the last; together the pages hold every book exactly once.
pub async fn queries_page_like_the_lists(api: &Api) {
    const BOOKS: usize = 5;
    let author_id = create_author(api).await;
    let user_id = create_user(api).await;
    let mut added = Vec::with_capacity(BOOKS);
    for _ in 0..BOOKS {
        let book_id = add_book_by(api, &author_id).await;
        borrow(api, &book_id, &user_id).await.expect(200);
        added.push(book_id);
    }
    added.sort();
    let by_user = format!("/book/by-user/{user_id}?status=borrowed");
    let by_author = format!("/book/by-author/{author_id}");
    for path in [by_author.as_str(), by_user.as_str()] {
        let (books, pages) = api.every_page(path, 2).await;
        assert_eq!(
            book_ids(&Value::from(books)),
            added,
            "{path}: every book once"
        );
        assert_eq!(pages, 3, "{path}: pages of 2, 2 and 1");
    }
    // Suspended by the first report, the user still reports what they hold.
    for book_id in &added[..3] {
        report_missing(api, book_id, &author_id, &user_id)
            .await
            .expect(200);
    }
    let (missing, pages) = api.every_page("/book?status=missing", 2).await;
    assert_eq!(book_ids(&Value::from(missing)), &added[..3]);
    assert_eq!(pages, 2);
    api.get(&format!("{by_user}&pageSize=0"))
        .await
        .expect_error(
            400,
            &validation("Parameter `pageSize` must be between 1 and 1000"),
        );
    api.get(&format!("{by_author}?next=garbled"))
        .await
        .expect_error(
            400,
            &validation("Parameter `next` must be an `x-next-token` this API gives"),
        );
}
