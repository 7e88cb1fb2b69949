use serde_json::{Value, json};

use super::{fake_id, user_fixture, validation};
use crate::Api;

fn expected(id: &str) -> Value {
    json!({"id": id, "name": "James Doe", "email": "jd@example.com", "status": "NOT_VERIFIED", "comment": ""})
}

/// Every field but the status, which the task-based steps leave to the tasks.
const FULL_UPDATE: (&str, &str, &str) =
    ("Jane Doe", "update+test@example.com", "This is a comment.");

fn full_update() -> Value {
    json!({"name": FULL_UPDATE.0, "email": FULL_UPDATE.1, "comment": FULL_UPDATE.2})
}

pub async fn create_validation(api: &Api) {
    api.post("/user", &json!({})).await.expect_error(
        400,
        &validation("Field `name` is required and should be a non-empty string"),
    );
}

pub async fn create_user(api: &Api) {
    let reply = api.post("/user", &user_fixture()).await.expect(200);
    let id = reply.field("id");
    assert_eq!(reply.body, expected(&id));
    let keys = crate::field_names(&reply.body);
    assert_eq!(keys, ["id", "name", "email", "status", "comment"]);
}

pub async fn list_users(api: &Api) {
    let id = super::create_user(api).await;
    assert_eq!(
        api.get("/user").await.expect(200).body,
        json!([expected(&id)])
    );
}

pub async fn get_user(api: &Api) {
    let id = super::create_user(api).await;
    assert_eq!(
        api.get(&format!("/user/{id}")).await.expect(200).body,
        expected(&id)
    );
}

pub async fn get_unknown_user(api: &Api) {
    super::create_user(api).await;
    api.get(&format!("/user/{}", fake_id()))
        .await
        .expect_error(404, "Entity Not Found: User");
}

pub async fn update_user(api: &Api) {
    let id = super::create_user(api).await;
    let reply = api
        .put(&format!("/user/{id}"), &full_update())
        .await
        .expect(200);
    assert_eq!(
        reply.body,
        json!({"id": id, "name": FULL_UPDATE.0, "email": FULL_UPDATE.1, "status": "NOT_VERIFIED", "comment": FULL_UPDATE.2})
    );
}

/// Plain CRUD sets a status like any field.
pub async fn update_user_status(api: &Api) {
    let id = super::create_user(api).await;
    let reply = api
        .put(&format!("/user/{id}"), &json!({"status": "SUSPENDED"}))
        .await
        .expect(200);
    assert_eq!(reply.field("status"), "SUSPENDED");
    let reply = api
        .put(&format!("/user/{id}"), &json!({"status": "VERIFIED"}))
        .await
        .expect(200);
    assert_eq!(reply.field("status"), "VERIFIED");
}

pub async fn update_user_partially(api: &Api) {
    let id = super::create_user(api).await;
    let path = format!("/user/{id}");
    api.put(&path, &full_update()).await.expect(200);
    let reply = api
        .put(&path, &json!({"name": "Jane Foe"}))
        .await
        .expect(200);
    assert_eq!(
        reply.body,
        json!({"id": id, "name": "Jane Foe", "email": FULL_UPDATE.1, "status": "NOT_VERIFIED", "comment": FULL_UPDATE.2})
    );
}

pub async fn update_unknown_user(api: &Api) {
    api.put(
        &format!("/user/{}", fake_id()),
        &json!({"name": "John Test"}),
    )
    .await
    .expect_error(404, "Entity Not Found: User");
    assert!(
        api.get("/user").await.expect(200).items().is_empty(),
        "an update never creates"
    );
}

pub async fn update_user_without_fields(api: &Api) {
    api.put(&format!("/user/{}", fake_id()), &json!({}))
        .await
        .expect_error(400, &validation("No Fields To Update"));
}

pub async fn delete_user(api: &Api) {
    let id = super::create_user(api).await;
    assert_eq!(
        api.delete(&format!("/user/{id}")).await.expect(200).body,
        json!({"id": id})
    );
    api.get(&format!("/user/{id}")).await.expect(404);
}

pub async fn delete_unknown_user(api: &Api) {
    api.delete(&format!("/user/{}", fake_id()))
        .await
        .expect_error(404, "Entity Not Found: User");
}

pub async fn list_users_after_delete_is_empty(api: &Api) {
    let id = super::create_user(api).await;
    api.delete(&format!("/user/{id}")).await.expect(200);
    assert!(api.get("/user").await.expect(200).items().is_empty());
}

pub async fn validation_messages(api: &Api) {
    api.post("/user", &json!({"name": "Ann"}))
        .await
        .expect_error(
            400,
            &validation("Field `email` is required and should be a non-empty string"),
        );
    api.post("/user", &json!({"name": "Ann", "email": ["a@b.c"]}))
        .await
        .expect_error(400, &validation("Field `email` must be a string"));
    let invalid_id = validation("The provided ID must be a valid KSUID");
    api.get("/user/123").await.expect_error(400, &invalid_id);
    api.put("/user/123", &json!({"name": "Ann"}))
        .await
        .expect_error(400, &invalid_id);
    api.delete("/user/123").await.expect_error(400, &invalid_id);
    let id = super::create_user(api).await;
    api.put(&format!("/user/{id}"), &json!({"email": ""}))
        .await
        .expect_error(
            400,
            &validation("Field `email` should be a non-empty string"),
        );
    // A comment may be empty, but like every text field holds no control character.
    api.put(&format!("/user/{id}"), &json!({"comment": "lost\u{9b}"}))
        .await
        .expect_error(
            400,
            &validation("Field `comment` must not contain control characters"),
        );
    assert_eq!(
        api.get(&format!("/user/{id}")).await.expect(200).body,
        expected(&id)
    );
    assert_eq!(api.get("/user").await.expect(200).items().len(), 1);
}

/// Status values are checked (the original ignored unknown ones); create forces its defaults.
pub async fn status_validation(api: &Api) {
    let id = super::create_user(api).await;
    api.put(&format!("/user/{id}"), &json!({"status": "verified"}))
        .await
        .expect_error(
            400,
            &validation("Field `status` must be one of NOT_VERIFIED, VERIFIED, SUSPENDED"),
        );
    let reply = api
        .post(
            "/user",
            &json!({"name": "N", "email": "e@x.org", "status": "SUSPENDED", "comment": "x"}),
        )
        .await
        .expect(200);
    assert_eq!(reply.field("status"), "NOT_VERIFIED");
    assert_eq!(reply.field("comment"), "");
}
