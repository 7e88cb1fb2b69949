//! Events `lambda_http` panics on are refused with a JSON 400 before it converts them, and every
//! event the check lets through converts without a panic: the check is `lambda_http`'s own
//! conversion, step by step, over generated headers and paths.

use std::panic::{AssertUnwindSafe, catch_unwind};

use axum::Router;
use axum::http::{HeaderName, HeaderValue};
use axum::routing::get;
use lambda_http::Body;
use lambda_http::aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayProxyResponse};
use lambda_http::request::LambdaRequest;
use plumbing::api_gateway::{answer, refusal};
use proptest::prelude::*;

fn event(path: &str, headers: &[(&str, &str)]) -> ApiGatewayProxyRequest {
    let mut event = ApiGatewayProxyRequest::default();
    event.path = Some(path.to_owned());
    event.http_method = axum::http::Method::GET;
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            event.headers.insert(name, value);
        }
    }
    event
}

/// Whether `lambda_http` itself converts `event` without panicking.
fn converts(event: &ApiGatewayProxyRequest) -> bool {
    let event = event.clone();
    catch_unwind(AssertUnwindSafe(move || {
        let _: lambda_http::Request = LambdaRequest::ApiGatewayV1(event).into();
    }))
    .is_ok()
}

fn router() -> Router {
    Router::new().route("/book", get(|| async { r#"{"books":[]}"# }))
}

async fn answered(event: ApiGatewayProxyRequest) -> ApiGatewayProxyResponse {
    answer(router(), LambdaRequest::ApiGatewayV1(event), None).await
}

fn text(body: Option<&Body>) -> String {
    match body {
        Some(Body::Text(text)) => text.clone(),
        other => format!("{other:?}"),
    }
}

#[tokio::test]
async fn what_lambda_http_panics_on_is_a_json_400() {
    let mut not_base64 = event("/book", &[("host", "example.com")]);
    not_base64.is_base64_encoded = true;
    not_base64.body = Some("not base64!".to_owned());
    let cases = [
        event(
            "/book",
            &[("host", "example.com"), ("x-forwarded-proto", "1")],
        ),
        event("/book", &[("host", "exa mple.com")]),
        not_base64,
    ];
    for case in cases {
        assert!(!converts(&case), "lambda_http would panic on {case:?}");
        let refused = answered(case).await;
        assert_eq!(refused.status_code, 400);
        let body = text(refused.body.as_ref());
        assert!(
            body.starts_with(r#"{"message":"Validation Error: "#),
            "{body}"
        );
        assert_eq!(
            refused
                .multi_value_headers
                .get("content-type")
                .map(HeaderValue::as_bytes),
            Some(&b"application/json"[..])
        );
    }
}

#[tokio::test]
async fn a_good_event_is_served() {
    let served = answered(event(
        "/book",
        &[("host", "example.com"), ("x-forwarded-proto", "https")],
    ))
    .await;
    assert_eq!(served.status_code, 200);
    assert_eq!(text(served.body.as_ref()), r#"{"books":[]}"#);
}

proptest! {
    #[test]
    fn the_check_refuses_exactly_what_lambda_http_cannot_convert(
        host in "[a-z.:@\\[\\]0-9 %/?#-]{0,12}",
        proto in "https?|[a-z0-9+.: -]{0,6}",
        path in "/[a-z/?#% .:@-]{0,10}",
        base64 in any::<bool>(),
        body in "[A-Za-z0-9+/=!]{0,8}",
    ) {
        let mut event = event(&path, &[("host", &host), ("x-forwarded-proto", &proto)]);
        event.is_base64_encoded = base64;
        event.body = Some(body);
        prop_assert_eq!(refusal(&event).is_none(), converts(&event), "{:?}", event);
    }
}
