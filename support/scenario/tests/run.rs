//! The runner against a tiny HTTP server: captures flow into later requests, headers and bodies
//! are recorded, and every way a run can fail is named.

use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use scenario::Method::{Get, Post};
use scenario::{Error, Scenario, Step};
use serde_json::{Value, json};

async fn serve() -> String {
    let app = axum::Router::new()
        .route(
            "/thing",
            post(|Json(body): Json<Value>| async move {
                Json(json!({"id": "T 1", "n": 7, "name": body["name"]}))
            }),
        )
        .route(
            "/thing/{id}",
            get(|Path(id): Path<String>| async move {
                let mut headers = HeaderMap::new();
                headers.insert("x-next-token", "abc".parse().expect("header value"));
                (headers, Json(json!([{"id": id}])))
            }),
        )
        .route("/text", get(|| async { "plain" }))
        .route(
            "/gone",
            get(|| async {
                (StatusCode::NOT_FOUND, Json(json!({"message": "gone"}))).into_response()
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

const fn step(title: &'static str, method: scenario::Method, path: &'static str) -> Step {
    Step {
        title,
        method,
        path,
        body: None,
        expect: 200,
        capture: &[],
    }
}

#[tokio::test]
async fn captures_fill_later_requests_and_answers_are_recorded() {
    const SCENARIO: Scenario = Scenario {
        name: "ok",
        summary: "",
        given: &[],
        steps: &[
            Step {
                body: Some(r#"{"name": "first"}"#),
                capture: &[("thingId", "/id"), ("count", "/n")],
                ..step("create", Post, "/thing")
            },
            step("read", Get, "/thing/{thingId}?n={count}"),
            step("text", Get, "/text"),
        ],
    };
    let url = serve().await;
    let mut seen = Vec::new();
    let exchanges = scenario::run_each(&SCENARIO, &url, async |exchange| seen.push(exchange.step))
        .await
        .expect("runs");
    assert_eq!(seen, ["create", "read", "text"]);
    assert_eq!(exchanges[0].request.body, Some(json!({"name": "first"})));
    assert_eq!(exchanges[0].response.body["name"], "first");
    assert_eq!(exchanges[1].request.path, "/thing/T%201?n=7");
    assert_eq!(exchanges[1].request.body, None);
    assert_eq!(exchanges[1].response.body, json!([{"id": "T 1"}]));
    assert_eq!(exchanges[1].response.next_token.as_deref(), Some("abc"));
    assert_eq!(
        exchanges[1].response.content_type.as_deref(),
        Some("application/json")
    );
    assert_eq!(exchanges[2].response.body, json!("plain"));
    assert_eq!(exchanges[2].response.next_token, None);
}

#[tokio::test]
async fn an_unexpected_status_stops_the_run_after_showing_the_exchange() {
    const SCENARIO: Scenario = Scenario {
        name: "gone",
        summary: "",
        given: &[],
        steps: &[step("gone", Get, "/gone"), step("never", Get, "/text")],
    };
    let url = serve().await;
    let mut seen = Vec::new();
    let error = scenario::run_each(&SCENARIO, &url, async |exchange| seen.push(exchange.step))
        .await
        .expect_err("404 is not 200");
    assert_eq!(seen, ["gone"]);
    assert_eq!(
        error.to_string(),
        r#"`gone` (GET /gone) answered 404, expected 200: {"message":"gone"}"#
    );
}

#[tokio::test]
async fn unbound_placeholders_missing_captures_and_dead_servers_are_errors() {
    const UNBOUND: Scenario = Scenario {
        name: "unbound",
        summary: "",
        given: &[],
        steps: &[Step {
            body: Some(r#"{"name": "{nothing}x"}"#),
            ..step("unbound", Post, "/thing")
        }],
    };
    const CAPTURE: Scenario = Scenario {
        name: "capture",
        summary: "",
        given: &[],
        steps: &[Step {
            body: Some("{}"),
            capture: &[("missing", "/nope")],
            ..step("create", Post, "/thing")
        }],
    };
    let url = serve().await;
    let error = scenario::run(&UNBOUND, &url).await.expect_err("unbound");
    assert!(
        matches!(error, Error::Unbound { ref name, .. } if name == "nothing"),
        "{error}"
    );

    let error = scenario::run(&CAPTURE, &url).await.expect_err("no /nope");
    assert_eq!(
        error.to_string(),
        "`create`: the answer has no string or number at `/nope` to remember as `missing`"
    );

    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let error = scenario::run(&CAPTURE, &dead)
        .await
        .expect_err("nobody listens");
    assert!(matches!(error, Error::NoAnswer { .. }), "{error}");
}
