//! The original's rental suite uses random user and book ids and creates neither.

use serde_json::{Value, json};

use super::{fake_id, validation};
use crate::Api;

struct Rental {
    user_id: String,
    book_id: String,
}

impl Rental {
    fn path(&self) -> String {
        format!("/rental/{}/{}", self.user_id, self.book_id)
    }

    fn json(&self, status: &str, comment: &str) -> Value {
        json!({"bookId": self.book_id, "userId": self.user_id, "status": status, "comment": comment})
    }
}

async fn create(api: &Api) -> Rental {
    let rental = Rental {
        user_id: fake_id(),
        book_id: fake_id(),
    };
    api.post(&rental.path(), &json!({})).await.expect(200);
    rental
}

fn unknown_user(rental: &Rental) -> String {
    format!("/rental/{}/{}", fake_id(), rental.book_id)
}

pub async fn create_rental(api: &Api) {
    let rental = Rental {
        user_id: fake_id(),
        book_id: fake_id(),
    };
    let reply = api.post(&rental.path(), &json!({})).await.expect(200);
    assert_eq!(reply.body, rental.json("BORROWED", ""));
    let keys = crate::field_names(&reply.body);
    assert_eq!(keys, ["bookId", "userId", "status", "comment"]);
}

pub async fn list_rentals(api: &Api) {
    let rental = create(api).await;
    assert_eq!(
        api.get("/rental").await.expect(200).body,
        json!([rental.json("BORROWED", "")])
    );
}

pub async fn list_rentals_by_user(api: &Api) {
    let rental = create(api).await;
    create(api).await;
    let reply = api
        .get(&format!("/rental/{}", rental.user_id))
        .await
        .expect(200);
    assert_eq!(reply.body, json!([rental.json("BORROWED", "")]));
}

pub async fn get_rental(api: &Api) {
    let rental = create(api).await;
    assert_eq!(
        api.get(&rental.path()).await.expect(200).body,
        rental.json("BORROWED", "")
    );
}

pub async fn get_unknown_rental(api: &Api) {
    let rental = create(api).await;
    api.get(&unknown_user(&rental))
        .await
        .expect_error(404, "Entity Not Found: Rental");
}

pub async fn update_rental(api: &Api) {
    let rental = create(api).await;
    let reply = api
        .put(
            &rental.path(),
            &json!({"status": "RETURNED", "comment": "This is a comment"}),
        )
        .await
        .expect(200);
    assert_eq!(reply.body, rental.json("RETURNED", "This is a comment"));
}

pub async fn update_rental_partially(api: &Api) {
    let rental = create(api).await;
    api.put(
        &rental.path(),
        &json!({"status": "RETURNED", "comment": "First"}),
    )
    .await
    .expect(200);
    let reply = api
        .put(&rental.path(), &json!({"comment": "This is a comment"}))
        .await
        .expect(200);
    assert_eq!(reply.body, rental.json("RETURNED", "This is a comment"));
}

pub async fn update_unknown_rental(api: &Api) {
    let rental = create(api).await;
    api.put(
        &unknown_user(&rental),
        &json!({"comment": "Testing comment."}),
    )
    .await
    .expect_error(404, "Entity Not Found: Rental");
}

pub async fn update_rental_without_fields(api: &Api) {
    let rental = create(api).await;
    api.put(&unknown_user(&rental), &json!({}))
        .await
        .expect_error(400, &validation("No Fields To Update"));
}

pub async fn delete_rental(api: &Api) {
    let rental = create(api).await;
    let reply = api.delete(&rental.path()).await.expect(200);
    assert_eq!(
        reply.body,
        json!({"userId": rental.user_id, "bookId": rental.book_id})
    );
}

pub async fn delete_unknown_rental(api: &Api) {
    let rental = create(api).await;
    api.delete(&unknown_user(&rental))
        .await
        .expect_error(404, "Entity Not Found: Rental");
}

pub async fn list_rentals_after_delete_is_empty(api: &Api) {
    let rental = create(api).await;
    api.delete(&rental.path()).await.expect(200);
    assert!(api.get("/rental").await.expect(200).items().is_empty());
}

/// The original silently reset an existing rental; creates never overwrite here.
pub async fn create_rental_twice_conflicts(api: &Api) {
    let rental = create(api).await;
    api.put(&rental.path(), &json!({"status": "RETURNED"}))
        .await
        .expect(200);
    api.post(&rental.path(), &json!({}))
        .await
        .expect_error(409, "Entity Already Exists: Rental");
    assert_eq!(
        api.get(&rental.path()).await.expect(200).field("status"),
        "RETURNED"
    );
}

/// The path is `/rental/:userId/:bookId` but the book id is checked first.
pub async fn id_validation_messages(api: &Api) {
    let invalid_book = validation("The provided book ID must be a valid KSUID");
    let invalid_user = validation("The provided user ID must be a valid KSUID");
    let (good, bad) = (fake_id(), "nope");
    for (user_id, book_id, message) in [
        (bad, bad, &invalid_book),
        (good.as_str(), bad, &invalid_book),
        (bad, good.as_str(), &invalid_user),
    ] {
        let path = format!("/rental/{user_id}/{book_id}");
        api.post(&path, &json!({})).await.expect_error(400, message);
        api.get(&path).await.expect_error(400, message);
        api.put(&path, &json!({"comment": "c"}))
            .await
            .expect_error(400, message);
        api.delete(&path).await.expect_error(400, message);
    }
    api.get(&format!("/rental/{bad}"))
        .await
        .expect_error(400, &invalid_user);
    assert!(api.get("/rental").await.expect(200).items().is_empty());
}

pub async fn status_validation(api: &Api) {
    let rental = create(api).await;
    api.put(&rental.path(), &json!({"status": "LOST", "comment": "c"}))
        .await
        .expect_error(
            400,
            &validation("Field `status` must be one of BORROWED, RETURNED"),
        );
    api.put(&rental.path(), &json!({"comment": 7}))
        .await
        .expect_error(400, &validation("Field `comment` must be a string"));
    assert_eq!(
        api.get(&rental.path()).await.expect(200).body,
        rental.json("BORROWED", "")
    );
}

/// A comment is an annotation: setting it to "" clears it (unlike name-like fields).
pub async fn comment_may_be_cleared(api: &Api) {
    let rental = create(api).await;
    api.put(&rental.path(), &json!({"comment": "note"}))
        .await
        .expect(200);
    let reply = api
        .put(&rental.path(), &json!({"comment": ""}))
        .await
        .expect(200);
    assert_eq!(reply.field("comment"), "");
}
