//! Rules every route shares: errors are JSON, bodies are bounded, unknown routes are JSON 404s.

use reqwest::Method;
use serde_json::json;

use super::validation;
use crate::Api;

pub async fn malformed_json(api: &Api) {
    for body in [
        "{",
        "{\"name\": \"Ann\",}",
        "nul",
        "{\"name\": \"Ann\"} trailing",
    ] {
        let reply = api
            .send_raw(Method::POST, "/author", body)
            .await
            .expect(400);
        assert!(
            reply
                .message()
                .starts_with("Validation Error: 'Request body is not valid JSON"),
            "{body:?}: {}",
            reply.message()
        );
    }
    assert!(api.get("/author").await.expect(200).items().is_empty());
}

pub async fn non_object_json(api: &Api) {
    for body in [
        "[]",
        "[{\"name\": \"Ann\"}]",
        "\"Ann\"",
        "42",
        "null",
        "true",
    ] {
        api.send_raw(Method::POST, "/user", body)
            .await
            .expect_error(400, &validation("Request body must be a JSON object"));
    }
}

pub async fn wrong_field_types(api: &Api) {
    for (field, value) in [
        ("name", json!(1)),
        ("name", json!(true)),
        ("name", json!({"first": "A"})),
        ("birthdate", json!(19_750_215)),
    ] {
        let mut body = json!({"name": "Ann", "birthdate": "1975-02-15"});
        body[field] = value;
        api.post("/author", &body).await.expect_error(
            400,
            &validation(&format!("Field `{field}` must be a string")),
        );
    }
    // `null` is treated as absent.
    api.post("/author", &json!({"name": null, "birthdate": "1975-02-15"}))
        .await
        .expect_error(
            400,
            &validation("Field `name` is required and should be a non-empty string"),
        );
}

pub async fn empty_body(api: &Api) {
    api.send_raw(Method::POST, "/author", "")
        .await
        .expect_error(
            400,
            &validation("Field `name` is required and should be a non-empty string"),
        );
}

pub async fn oversized_body(api: &Api) {
    let huge = json!({"name": "A".repeat(70 * 1024), "birthdate": "1975-02-15"});
    let reply = api.post("/author", &huge).await.expect(413);
    assert!(
        reply.message().starts_with("Payload Too Large"),
        "{}",
        reply.message()
    );
    assert!(api.get("/author").await.expect(200).items().is_empty());
}

pub async fn unknown_route(api: &Api) {
    for path in ["/nope", "/author/a/b/c", "/books", "/openapi.yaml"] {
        api.get(path).await.expect_error(404, "No Route Found");
    }
    api.post("/nope", &json!({}))
        .await
        .expect_error(404, "No Route Found");
}

pub async fn wrong_method(api: &Api) {
    api.send_raw(Method::PATCH, "/author", "{}")
        .await
        .expect_error(405, "Method Not Allowed");
    api.send_raw(Method::DELETE, "/author", "")
        .await
        .expect_error(405, "Method Not Allowed");
}

pub async fn root_answers_version(api: &Api) {
    let reply = api.get("/").await.expect(200);
    assert!(reply.message().starts_with("API v"), "{}", reply.body);
    let document = api.get("/openapi.json").await.expect(200);
    assert_eq!(document.body["openapi"], "3.1.0");
}
