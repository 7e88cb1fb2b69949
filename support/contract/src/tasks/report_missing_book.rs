//! `POST /book/{bookId}/missing`: only by the user holding the book (D9); the book becomes
//! MISSING, the user SUSPENDED with the reason, the rental goes, all at once or not at all.

use serde_json::json;

use super::{
    add_book, book_view, books_by_author, borrow, borrowed_by, create_user, fake_id, missing_books,
    report_missing, rule, user, validation,
};
use crate::Api;

pub async fn reports_a_missing_book(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    borrow(api, &book_id, &user_id).await.expect(200);
    let reply = report_missing(api, &book_id, &author_id, &user_id)
        .await
        .expect(200);
    assert_eq!(
        reply.body,
        json!({"success": true, "bookId": book_id, "userId": user_id})
    );

    assert_eq!(
        missing_books(api).await,
        json!([book_view(&book_id, &author_id, "MISSING")])
    );
    let suspended = user(api, &user_id).await;
    assert_eq!(suspended["status"], "SUSPENDED");
    let comment = suspended["comment"].as_str().unwrap_or_default();
    let prefix = format!("Suspended due to missing book {book_id} at ");
    assert!(comment.starts_with(&prefix), "comment: {comment}");
    let at = &comment[prefix.len()..];
    assert!(
        at.len() == 24 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
        "comment ends with a UTC timestamp with milliseconds: {comment}"
    );
    assert_eq!(
        borrowed_by(api, &user_id).await,
        json!([]),
        "the rental is closed"
    );
}

pub async fn unknown_book_is_not_found(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    borrow(api, &book_id, &user_id).await.expect(200);
    report_missing(api, &fake_id(), &author_id, &user_id)
        .await
        .expect_error(404, "Entity Not Found: Book");
    report_missing(api, &book_id, &fake_id(), &user_id)
        .await
        .expect_error(404, "Entity Not Found: Book");
    assert_eq!(missing_books(api).await, json!([]));
    assert_eq!(user(api, &user_id).await["status"], "NOT_VERIFIED");
}

pub async fn unknown_user_is_not_found(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    borrow(api, &book_id, &user_id).await.expect(200);
    report_missing(api, &book_id, &author_id, &fake_id())
        .await
        .expect_error(404, "Entity Not Found: User");
    assert_eq!(missing_books(api).await, json!([]));
}

/// A user who does not hold the book cannot report it (the original suspended whoever reported
/// any borrowed book).
pub async fn only_the_borrower_can_report(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let (holder, bystander) = (create_user(api).await, create_user(api).await);
    report_missing(api, &book_id, &author_id, &bystander)
        .await
        .expect_error(
            409,
            &rule(&format!(
                "Book {book_id} is not borrowed by user {bystander}"
            )),
        );
    borrow(api, &book_id, &holder).await.expect(200);
    report_missing(api, &book_id, &author_id, &bystander)
        .await
        .expect_error(
            409,
            &rule(&format!(
                "Book {book_id} is not borrowed by user {bystander}"
            )),
        );

    assert_eq!(missing_books(api).await, json!([]), "nothing changed");
    assert_eq!(user(api, &bystander).await["status"], "NOT_VERIFIED");
    assert_eq!(
        borrowed_by(api, &holder).await,
        json!([book_view(&book_id, &author_id, "NOT_AVAILABLE")])
    );
}

pub async fn a_book_goes_missing_once(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    borrow(api, &book_id, &user_id).await.expect(200);
    report_missing(api, &book_id, &author_id, &user_id)
        .await
        .expect(200);
    report_missing(api, &book_id, &author_id, &user_id)
        .await
        .expect_error(
            409,
            &rule(&format!("Book {book_id} is not borrowed by user {user_id}")),
        );
    assert_eq!(missing_books(api).await.as_array().map(Vec::len), Some(1));
}

pub async fn reported_user_cannot_borrow_again(api: &Api) {
    let (lost, author_id) = add_book(api).await;
    let (other, _) = add_book(api).await;
    let user_id = create_user(api).await;
    borrow(api, &lost, &user_id).await.expect(200);
    report_missing(api, &lost, &author_id, &user_id)
        .await
        .expect(200);
    borrow(api, &other, &user_id)
        .await
        .expect_error(409, &rule(&format!("User {user_id} is suspended")));
}

pub async fn validation_messages(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    borrow(api, &book_id, &user_id).await.expect(200);
    let path = format!("/book/{book_id}/missing");
    for (body, message) in [
        (json!({}), "Field `userId` is required"),
        (json!({"authorId": author_id}), "Field `userId` is required"),
        (json!({"userId": user_id}), "Field `authorId` is required"),
        (
            json!({"userId": "x", "authorId": author_id}),
            "The provided user ID must be a valid KSUID",
        ),
        (
            json!({"userId": user_id, "authorId": "x"}),
            "The provided author ID must be a valid KSUID",
        ),
        (
            json!({"userId": user_id, "authorId": 7}),
            "Field `authorId` must be a string",
        ),
    ] {
        api.post(&path, &body)
            .await
            .expect_error(400, &validation(message));
    }
    report_missing(api, "abc", &author_id, &user_id)
        .await
        .expect_error(
            400,
            &validation("The provided book ID must be a valid KSUID"),
        );
    assert_eq!(missing_books(api).await, json!([]));
    assert_eq!(
        books_by_author(api, &author_id).await[0]["status"],
        "NOT_AVAILABLE"
    );
}
