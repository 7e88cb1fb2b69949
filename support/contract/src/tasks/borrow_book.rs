//! `POST /book/{bookId}/borrow`: only an AVAILABLE book, only by a user who is not SUSPENDED
//! (D8), and of many simultaneous borrows exactly one wins.

use serde_json::json;

use super::{
    add_book, book_view, books_by_author, borrow, borrowed_by, create_user, fake_id,
    report_missing, rule, validation,
};
use crate::Api;

pub async fn borrows_an_available_book(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    let reply = borrow(api, &book_id, &user_id).await.expect(200);
    assert_eq!(
        reply.body,
        json!({"success": true, "bookId": book_id, "userId": user_id})
    );
    let lent = book_view(&book_id, &author_id, "NOT_AVAILABLE");
    assert_eq!(borrowed_by(api, &user_id).await, json!([lent]));
    assert_eq!(books_by_author(api, &author_id).await, json!([lent]));
}

pub async fn unknown_book_is_not_found(api: &Api) {
    let user_id = create_user(api).await;
    borrow(api, &fake_id(), &user_id)
        .await
        .expect_error(404, "Entity Not Found: Book");
    assert_eq!(borrowed_by(api, &user_id).await, json!([]));
}

pub async fn unknown_user_is_not_found(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    borrow(api, &book_id, &fake_id())
        .await
        .expect_error(404, "Entity Not Found: User");
    assert_eq!(
        books_by_author(api, &author_id).await,
        json!([book_view(&book_id, &author_id, "AVAILABLE")]),
        "a refused borrow changes nothing"
    );
}

pub async fn lent_book_is_not_available(api: &Api) {
    let (book_id, _) = add_book(api).await;
    let (first, second) = (create_user(api).await, create_user(api).await);
    borrow(api, &book_id, &first).await.expect(200);
    let not_available = rule(&format!("Book {book_id} is not available"));
    borrow(api, &book_id, &second)
        .await
        .expect_error(409, &not_available);
    borrow(api, &book_id, &first)
        .await
        .expect_error(409, &not_available);
    assert_eq!(borrowed_by(api, &second).await, json!([]));
    assert_eq!(
        borrowed_by(api, &first).await.as_array().map(Vec::len),
        Some(1)
    );
}

pub async fn missing_book_is_not_available(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let (loser, next) = (create_user(api).await, create_user(api).await);
    borrow(api, &book_id, &loser).await.expect(200);
    report_missing(api, &book_id, &author_id, &loser)
        .await
        .expect(200);
    borrow(api, &book_id, &next)
        .await
        .expect_error(409, &rule(&format!("Book {book_id} is not available")));
}

pub async fn validation_messages(api: &Api) {
    let (book_id, _) = add_book(api).await;
    let user_id = create_user(api).await;
    let path = format!("/book/{book_id}/borrow");
    for (body, message) in [
        (json!({}), "Field `userId` is required"),
        (json!({"userId": null}), "Field `userId` is required"),
        (
            json!({"userId": "abc"}),
            "The provided user ID must be a valid KSUID",
        ),
        (
            json!({"userId": "zzzzzzzzzzzzzzzzzzzzzzzzzzz"}),
            "The provided user ID must be a valid KSUID",
        ),
        (json!({"userId": 42}), "Field `userId` must be a string"),
        (
            json!({"userId": [user_id]}),
            "Field `userId` must be a string",
        ),
    ] {
        api.post(&path, &body)
            .await
            .expect_error(400, &validation(message));
    }
    for bad in [
        "abc",
        "2Yd89pQbgTAtJeRmhmmMnFIAs4",
        "aWgEPTl1tmebfsQzFP4bxwgy80W",
    ] {
        borrow(api, bad, &user_id).await.expect_error(
            400,
            &validation("The provided book ID must be a valid KSUID"),
        );
    }
    assert_eq!(borrowed_by(api, &user_id).await, json!([]));
}

/// Twenty users borrow one book at the same moment: one wins, nineteen are refused, and the
/// book ends up lent exactly once.
pub async fn concurrent_borrows_have_one_winner(api: &Api) {
    const USERS: usize = 20;
    let (book_id, author_id) = add_book(api).await;
    let mut users = Vec::with_capacity(USERS);
    for _ in 0..USERS {
        users.push(create_user(api).await);
    }
    let attempts: Vec<_> = users
        .iter()
        .map(|user_id| {
            let (api, book_id, user_id) = (api.clone(), book_id.clone(), user_id.clone());
            tokio::spawn(async move { borrow(&api, &book_id, &user_id).await })
        })
        .collect();
    let mut winners = 0;
    for attempt in attempts {
        let reply = attempt
            .await
            .unwrap_or_else(|e| panic!("a borrow panicked: {e}"));
        match reply.status {
            200 => winners += 1,
            409 => assert_eq!(
                reply.message(),
                rule(&format!("Book {book_id} is not available"))
            ),
            other => panic!("a borrow answered {other}: {}", reply.body),
        }
    }
    assert_eq!(winners, 1, "exactly one borrow wins");

    let mut holders = 0;
    for user_id in &users {
        holders += borrowed_by(api, user_id)
            .await
            .as_array()
            .map_or(0, Vec::len);
    }
    assert_eq!(holders, 1, "exactly one rental is stored");
    assert_eq!(
        books_by_author(api, &author_id).await,
        json!([book_view(&book_id, &author_id, "NOT_AVAILABLE")])
    );
}
