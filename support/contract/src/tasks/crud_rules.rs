//! The tasks' rules hold against the author and user CRUD the task-based steps keep: a status
//! changes only through the tasks (no update lifts a suspension), and nothing is deleted from
//! under a book: not the author of one, not a user who holds one.

use serde_json::json;

use super::{
    add_book, add_book_by, book_view, books_by_author, borrow, create_author, create_user,
    report_missing, rule,
};
use crate::Api;

pub async fn status_changes_only_through_the_tasks(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    let path = format!("/user/{user_id}");
    let refused = rule("A user's status changes only through the library's tasks");
    api.put(&path, &json!({"status": "VERIFIED"}))
        .await
        .expect_error(409, &refused);

    borrow(api, &book_id, &user_id).await.expect(200);
    report_missing(api, &book_id, &author_id, &user_id)
        .await
        .expect(200);
    for status in ["VERIFIED", "NOT_VERIFIED"] {
        api.put(&path, &json!({"status": status, "name": "Lifted"}))
            .await
            .expect_error(409, &refused);
    }
    let user = api.get(&path).await.expect(200);
    assert_eq!(user.field("status"), "SUSPENDED", "the suspension holds");
    assert_eq!(
        user.field("name"),
        "James Doe",
        "a refused update changes nothing"
    );

    let other = add_book_by(api, &author_id).await;
    borrow(api, &other, &user_id)
        .await
        .expect_error(409, &rule(&format!("User {user_id} is suspended")));
    let renamed = api
        .put(&path, &json!({"name": "Renamed"}))
        .await
        .expect(200);
    assert_eq!(renamed.field("status"), "SUSPENDED");
}

pub async fn a_user_who_holds_books_stays(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let user_id = create_user(api).await;
    borrow(api, &book_id, &user_id).await.expect(200);
    let path = format!("/user/{user_id}");
    api.delete(&path).await.expect_error(
        409,
        &rule("User has books in the library and cannot be deleted"),
    );
    api.get(&path).await.expect(200);
    assert_eq!(
        books_by_author(api, &author_id).await,
        json!([book_view(&book_id, &author_id, "NOT_AVAILABLE")])
    );

    // Reporting the book missing ends the rental: nothing holds the user any more.
    report_missing(api, &book_id, &author_id, &user_id)
        .await
        .expect(200);
    api.delete(&path).await.expect(200);
}

pub async fn an_author_with_books_stays(api: &Api) {
    let (book_id, author_id) = add_book(api).await;
    let path = format!("/author/{author_id}");
    api.delete(&path).await.expect_error(
        409,
        &rule("Author has books in the library and cannot be deleted"),
    );
    api.get(&path).await.expect(200);
    assert_eq!(
        books_by_author(api, &author_id).await,
        json!([book_view(&book_id, &author_id, "AVAILABLE")])
    );

    let bookless = create_author(api).await;
    api.delete(&format!("/author/{bookless}")).await.expect(200);
}
