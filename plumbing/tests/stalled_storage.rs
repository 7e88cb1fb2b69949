//! A DynamoDB that accepts connections and never answers (a frozen engine, a black-holed
//! network): calls fail within the operation timeout, as "unavailable", which answers 503 with
//! `Retry-After`, instead of hanging the request.

use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::config::{Credentials, Region};
use aws_sdk_dynamodb::types::AttributeValue;
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use plumbing::Failure;
use plumbing::dynamodb::{OPERATION_TIMEOUT, with_timeouts};

/// Accepts every connection and holds it open, reading nothing.
async fn stalled_endpoint() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_stalled_database_is_unavailable_within_the_operation_timeout() {
    let endpoint = stalled_endpoint().await;
    let loader = aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(&endpoint)
        .region(Region::new("local"))
        .credentials_provider(Credentials::new("local", "local", None, None, "test"));
    let client = aws_sdk_dynamodb::Client::new(&with_timeouts(loader).load().await);
    let started = Instant::now();
    let error = client
        .get_item()
        .table_name("library-system-database")
        .key("resourceId", AttributeValue::S("x".to_owned()))
        .key("subResourceId", AttributeValue::S("x".to_owned()))
        .send()
        .await
        .expect_err("nothing answers");
    let elapsed = started.elapsed();
    assert!(
        elapsed <= OPERATION_TIMEOUT + Duration::from_secs(1),
        "gave up after {elapsed:?}"
    );
    let failure = Failure::from(error);
    assert!(matches!(failure, Failure::Unavailable(_)), "{failure:?}");

    let answer = plumbing::respond(StatusCode::SERVICE_UNAVAILABLE, "Storage unreachable");
    assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        answer
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok()),
        Some(plumbing::RETRY_AFTER_SECONDS)
    );
}
