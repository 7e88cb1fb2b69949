//! Between HTTP and Lambda, as API Gateway's proxy integration does it: a request becomes a REST
//! API (v1) proxy event, the function's proxy response becomes the HTTP answer.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{Body as AxumBody, Bytes};
use axum::http::header::HOST;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use base64::Engine as _;
use lambda_http::Body;
use lambda_http::aws_lambda_events::apigw::{
    ApiGatewayProxyRequest, ApiGatewayProxyRequestContext, ApiGatewayProxyResponse,
};
use lambda_http::aws_lambda_events::query_map::QueryMap;

/// The largest request body passed on: Lambda's limit for a synchronous invocation's payload
/// (API Gateway's own, 10 MB, is larger).
pub const BODY_LIMIT: usize = 6 * 1024 * 1024;

/// The event API Gateway sends for `parts` + `body` matched to `resource` (the route's path
/// template, `/book/{bookId}/borrow`) with `path_parameters`, on `stage`.
///
/// Like API Gateway: query string values decoded, the last one of a repeated name in
/// `queryStringParameters` and all of them in `multiValueQueryStringParameters`; a body that is
/// not UTF-8 base64-encoded and flagged so; no body is `null`.
pub fn proxy_event(
    parts: &Parts,
    body: &Bytes,
    resource: &str,
    path_parameters: impl IntoIterator<Item = (String, String)>,
    stage: &str,
    request_id: &str,
) -> ApiGatewayProxyRequest {
    let path = parts.uri.path().to_owned();
    let query: QueryMap = parts
        .uri
        .query()
        .unwrap_or_default()
        .parse()
        .unwrap_or_else(|never| match never {});
    let last_values: HashMap<String, String> = query
        .iter()
        .filter_map(|(name, _)| Some((name.to_owned(), query.all(name)?.last()?.to_string())))
        .collect();

    let mut context = ApiGatewayProxyRequestContext::default();
    context.account_id = Some("123456789012".to_owned());
    context.apiid = Some("local".to_owned());
    context.resource_id = Some("local".to_owned());
    context.stage = Some(stage.to_owned());
    context.request_id = Some(request_id.to_owned());
    context.resource_path = Some(resource.to_owned());
    context.path = Some(format!("/{stage}{path}"));
    context.http_method = parts.method.clone();
    context.protocol = Some(format!("{:?}", parts.version));
    context.domain_name = parts
        .headers
        .get(HOST)
        .and_then(|host| host.to_str().ok())
        .map(str::to_owned);
    context.request_time_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|since| i64::try_from(since.as_millis()).ok())
        .unwrap_or_default();
    context.identity.source_ip = Some("127.0.0.1".to_owned());
    context.identity.user_agent = parts
        .headers
        .get("user-agent")
        .and_then(|agent| agent.to_str().ok())
        .map(str::to_owned);

    let mut event = ApiGatewayProxyRequest::default();
    event.resource = Some(resource.to_owned());
    event.path = Some(path);
    event.http_method = parts.method.clone();
    event.headers = last_headers(&parts.headers);
    event.multi_value_headers = parts.headers.clone();
    event.query_string_parameters = QueryMap::from(last_values);
    event.multi_value_query_string_parameters = query;
    event.path_parameters = path_parameters.into_iter().collect();
    event.request_context = context;
    (event.body, event.is_base64_encoded) = match std::str::from_utf8(body) {
        _ if body.is_empty() => (None, false),
        Ok(text) => (Some(text.to_owned()), false),
        Err(_) => (
            Some(base64::engine::general_purpose::STANDARD.encode(body)),
            true,
        ),
    };
    event
}

/// One value per header name, the last, as API Gateway's `headers` has it.
fn last_headers(headers: &HeaderMap) -> HeaderMap {
    let mut last = HeaderMap::new();
    for (name, value) in headers {
        last.insert(name, value.clone());
    }
    last
}

/// The HTTP answer for a function's proxy response: its status, headers (`headers` and
/// `multiValueHeaders` merged, as API Gateway does) and body. A status that is no HTTP status
/// is API Gateway's 502.
pub fn response_from_proxy(proxy: ApiGatewayProxyResponse) -> Response {
    let status = u16::try_from(proxy.status_code)
        .ok()
        .and_then(|status| StatusCode::from_u16(status).ok());
    let Some(status) = status else {
        return bad_gateway();
    };
    let body = match proxy.body {
        Some(Body::Text(text)) => AxumBody::from(text),
        Some(Body::Binary(bytes)) => AxumBody::from(bytes),
        _ => AxumBody::empty(),
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    for (name, value) in &proxy.multi_value_headers {
        headers.append(name, value.clone());
    }
    for (name, value) in &proxy.headers {
        if !headers.contains_key(name) {
            headers.insert(name, value.clone());
        }
    }
    response
}

/// What API Gateway answers when the function fails rather than answering.
pub(crate) fn bad_gateway() -> Response {
    let mut response = Response::new(AxumBody::from(r#"{"message": "Internal server error"}"#));
    *response.status_mut() = StatusCode::BAD_GATEWAY;
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    response
}

#[cfg(test)]
mod tests {
    use axum::http::Request;
    use serde_json::{Value, json};

    use super::*;

    fn parts(method: &str, uri: &str) -> Parts {
        let (parts, ()) = Request::builder()
            .method(method)
            .uri(uri)
            .header("host", "localhost:3000")
            .header("content-type", "application/json")
            .body(())
            .expect("a request")
            .into_parts();
        parts
    }

    #[test]
    fn a_request_becomes_the_event_api_gateway_sends() {
        let parts = parts(
            "POST",
            "/book/2Yd7vFcSkFQDzu1LSDybhCXV1wj/borrow?a=1&a=2&b=x%20y",
        );
        let event = proxy_event(
            &parts,
            &Bytes::from_static(br#"{"userId":"u"}"#),
            "/book/{bookId}/borrow",
            HashMap::from([(
                "bookId".to_owned(),
                "2Yd7vFcSkFQDzu1LSDybhCXV1wj".to_owned(),
            )]),
            "dev",
            "req-1",
        );
        let json = serde_json::to_value(&event).expect("serialises");
        assert_eq!(json["resource"], "/book/{bookId}/borrow");
        assert_eq!(json["path"], "/book/2Yd7vFcSkFQDzu1LSDybhCXV1wj/borrow");
        assert_eq!(json["httpMethod"], "POST");
        assert_eq!(json["queryStringParameters"], json!({"a": "2", "b": "x y"}));
        assert_eq!(
            json["multiValueQueryStringParameters"]["a"],
            json!(["1", "2"])
        );
        assert_eq!(
            json["pathParameters"]["bookId"],
            "2Yd7vFcSkFQDzu1LSDybhCXV1wj"
        );
        assert_eq!(json["requestContext"]["stage"], "dev");
        assert_eq!(
            json["requestContext"]["path"],
            "/dev/book/2Yd7vFcSkFQDzu1LSDybhCXV1wj/borrow"
        );
        assert_eq!(
            json["requestContext"]["resourcePath"],
            "/book/{bookId}/borrow"
        );
        assert_eq!(json["body"], r#"{"userId":"u"}"#);
        assert_eq!(json["isBase64Encoded"], false);
        assert_eq!(json["headers"]["host"], "localhost:3000");

        // And lambda_http reads it back as the request that was sent.
        let request = lambda_http::request::from_str(&json.to_string()).expect("an event");
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri().path(),
            "/dev/book/2Yd7vFcSkFQDzu1LSDybhCXV1wj/borrow",
            "lambda_http adds the stage unless told otherwise"
        );
    }

    #[test]
    fn bodies_that_are_not_text_are_base64() {
        let event = proxy_event(
            &parts("POST", "/book/new"),
            &Bytes::from_static(&[0xff, 0x00, 0x7b]),
            "/book/new",
            HashMap::new(),
            "dev",
            "req-2",
        );
        assert_eq!(
            (event.body.as_deref(), event.is_base64_encoded),
            (Some("/wB7"), true)
        );
        let empty = proxy_event(
            &parts("GET", "/book"),
            &Bytes::new(),
            "/book",
            HashMap::new(),
            "dev",
            "req-3",
        );
        let json: Value = serde_json::to_value(&empty).expect("serialises");
        assert_eq!(
            (json["body"].clone(), json["isBase64Encoded"].clone()),
            (Value::Null, json!(false))
        );
    }

    #[test]
    fn a_proxy_response_becomes_the_answer() {
        let mut proxy = ApiGatewayProxyResponse::default();
        proxy.status_code = 409;
        proxy
            .multi_value_headers
            .insert("content-type", "application/json".parse().expect("a value"));
        proxy.body = Some(Body::Text(r#"{"message":"no"}"#.to_owned()));
        let response = response_from_proxy(proxy);
        assert_eq!(response.status(), 409);
        assert_eq!(response.headers()["content-type"], "application/json");

        let mut broken = ApiGatewayProxyResponse::default();
        broken.status_code = 42;
        assert_eq!(response_from_proxy(broken).status(), 502);
    }
}
