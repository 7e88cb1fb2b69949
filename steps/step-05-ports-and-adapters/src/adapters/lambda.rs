//! The Lambda adapter: the HTTP adapter's router behind API Gateway (a REST API, v1 proxy events)
//! and AWS Lambda. Only built with the `lambda` feature, which the phase 2 deployments enable.
//!
//! A Lambda function is a set of operations ([`Function`]). At a cold start, [`run`] builds the
//! [`App`] once, so every invocation the instance serves shares one SDK client (its connections
//! and credentials), and hands [`service`] to `lambda_http::run`, which turns each event into an
//! `http::Request` (decoding `isBase64Encoded` bodies) and each answer into the proxy
//! integration's response.
//!
//! What [`service`] adds around `router(app, operations)`:
//!
//! - **The stage.** For REST API events `lambda_http` puts the stage in front of the path
//!   (`/prod/book/new`) unless `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH` is set. Every template sets
//!   it, and the service strips a leading `/<stage>` anyway (when the event's request context
//!   names that stage), so a function routes the same with or without the variable, and behind a
//!   custom domain whose base path repeats the stage.
//! - **Trailing slashes** tolerated, as the HTTP server does.
//! - **A JSON content type** on every answer, whatever produced it.
//!
//! An operation the function does not serve answers 404 `{"message":"No Route Found"}`, like any
//! router built from a subset of operations: API Gateway decides which function gets which route,
//! and a function given someone else's route refuses it instead of guessing.

#![cfg(feature = "lambda")]

use std::convert::Infallible;

use axum::http::header::CONTENT_TYPE;
use axum::http::uri::{PathAndQuery, Uri};
use axum::http::{HeaderValue, Request};
use axum::response::Response;
use lambda_http::request::RequestContext;
use lambda_http::{Body, RequestExt as _};
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;

pub use lambda_http::Error;

use crate::adapters::http::{router, tolerate_trailing_slash};
use crate::core::ports::Storage;
use crate::core::{App, Operation};

/// The environment variable that keeps `lambda_http` from putting the stage in the path.
pub const IGNORE_STAGE_IN_PATH: &str = "AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH";

/// One Lambda function of a deployment: its logical id in the SAM template, the binary built for
/// it (`BuildProperties: Binary`), and the operations it serves. A deployment approach is a table
/// of these; its binaries, its tests and the local gateway all read that one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Function {
    pub name: &'static str,
    pub binary: &'static str,
    pub operations: &'static [Operation],
}

impl Function {
    /// Whether this function serves `operation`.
    pub fn serves(&self, operation: Operation) -> bool {
        self.operations.contains(&operation)
    }

    /// The function's handler on `app`, for tests and local gateways.
    pub fn service<S: Storage>(&self, app: App<S>) -> FunctionService {
        service(app, self.operations)
    }

    /// The function's `main`: a cold start, then every invocation until Lambda stops it.
    pub async fn run(&self) -> Result<(), Error> {
        run(self.operations).await
    }
}

/// What a function runs: a `tower::Service` from `lambda_http`'s request to an HTTP response
/// (which `lambda_http` turns into the proxy integration's answer). Cheap to clone.
pub type FunctionService =
    tower::util::BoxCloneSyncService<lambda_http::Request, Response, Infallible>;

/// The handler of a function serving `operations` on `app`: `router(app, operations)` with the
/// stage stripped from the path, trailing slashes tolerated and a JSON content type always.
///
/// Drive it in process with an event, as Lambda would:
///
/// ```no_run
/// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
/// use step_05_ports_and_adapters::adapters::lambda::service;
/// use step_05_ports_and_adapters::{App, Operation};
/// use tower::ServiceExt as _;
///
/// let event = std::fs::read_to_string("deployments/events/GetMissingBooks.json")?;
/// let request = lambda_http::request::from_str(&event)?;
/// let function = service(App::in_memory(), &Operation::BOOK_QUERIES);
/// let response = function.oneshot(request).await?;
/// assert_eq!(response.status(), 200);
/// # Ok(())
/// # }
/// ```
pub fn service<S: Storage>(app: App<S>, operations: &[Operation]) -> FunctionService {
    let json = HeaderValue::from_static("application/json");
    let function = ServiceBuilder::new()
        .map_request(without_stage)
        .layer(SetResponseHeaderLayer::if_not_present(CONTENT_TYPE, json))
        .service(tolerate_trailing_slash(router(app, operations)));
    FunctionService::new(function)
}

/// A cold start: tracing set up the Lambda way (`AWS_LAMBDA_LOG_LEVEL`, else `RUST_LOG`; JSON
/// lines when the function's log format is JSON), the app built once from the environment
/// ([`App::from_env`]), then every invocation served until Lambda stops the instance.
pub async fn run(operations: &[Operation]) -> Result<(), Error> {
    lambda_http::tracing::init_default_subscriber();
    let app = App::from_env().await;
    lambda_http::run(service(app, operations)).await
}

/// The request with a leading `/<stage>` removed from its path, when the event's request
/// context names that stage.
fn without_stage(mut request: Request<Body>) -> Request<Body> {
    let stage = match request.request_context_ref() {
        Some(RequestContext::ApiGatewayV1(context)) => context.stage.clone(),
        _ => None,
    };
    let Some(stage) = stage else {
        return request;
    };
    let uri = request.uri();
    let Some(path) = strip_stage(uri.path(), &stage) else {
        return request;
    };
    let path_and_query = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    let mut parts = uri.clone().into_parts();
    // A suffix of a valid path stays valid; should that ever fail, the original path is still
    // answered (with 404 at worst) rather than refused here.
    if let Ok(path_and_query) = PathAndQuery::try_from(path_and_query) {
        parts.path_and_query = Some(path_and_query);
        if let Ok(uri) = Uri::from_parts(parts) {
            *request.uri_mut() = uri;
        }
    }
    request
}

/// `path` without its first segment when that segment is `stage`: `/prod/book` is `/book`,
/// `/prod` is `/`, while `/production/book` and `/book` have no stage to strip.
fn strip_stage<'a>(path: &'a str, stage: &str) -> Option<&'a str> {
    if stage.is_empty() {
        return None;
    }
    let rest = path.strip_prefix('/')?.strip_prefix(stage)?;
    if rest.is_empty() {
        Some("/")
    } else if rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};
    use tower::ServiceExt as _;

    use super::*;

    #[test]
    fn strips_exactly_a_leading_stage_segment() {
        assert_eq!(strip_stage("/prod/book/new", "prod"), Some("/book/new"));
        assert_eq!(strip_stage("/prod", "prod"), Some("/"));
        assert_eq!(strip_stage("/prod/", "prod"), Some("/"));
        assert_eq!(strip_stage("/production/book", "prod"), None);
        assert_eq!(strip_stage("/book/prod", "prod"), None);
        assert_eq!(strip_stage("/book", "prod"), None);
        assert_eq!(strip_stage("/book", ""), None);
    }

    /// A minimal REST API event; the full, real-looking ones live in `deployments/events/`.
    fn event(path: &str, stage: &str, query: &Value, body: Option<&str>, base64: bool) -> String {
        let method = if body.is_some() { "POST" } else { "GET" };
        json!({
            "resource": "/book",
            "path": path,
            "httpMethod": method,
            "headers": {"Host": "abcdef1234.execute-api.eu-west-1.amazonaws.com"},
            "queryStringParameters": query,
            "requestContext": {"stage": stage, "httpMethod": method, "resourcePath": "/book"},
            "body": body,
            "isBase64Encoded": base64,
        })
        .to_string()
    }

    async fn call(operations: &[Operation], event: &str) -> (u16, String, Value) {
        let request = lambda_http::request::from_str(event).expect("a REST API event");
        let response = service(App::in_memory(), operations)
            .oneshot(request)
            .await
            .unwrap_or_else(|never| match never {});
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        let body = serde_json::from_slice(&bytes).expect("a JSON body");
        (status, content_type, body)
    }

    // Whether `lambda_http` adds the stage depends on a process-wide variable the tests leave
    // unset, so the stage is in the path here: both `/book` (`lambda_http` adds `/prod`) and
    // `/prod/book` (already there) must route. The deployments' fixture tests also run with the
    // variable set.
    #[tokio::test]
    async fn routes_with_or_without_the_stage_in_the_path() {
        let query = json!({"status": "missing"});
        for path in ["/book", "/prod/book", "/book/", "/prod/book/"] {
            let (status, content_type, body) = call(
                &[Operation::GetMissingBooks],
                &event(path, "prod", &query, None, false),
            )
            .await;
            assert_eq!((status, body), (200, json!([])), "{path}");
            assert_eq!(content_type, "application/json");
        }
    }

    #[tokio::test]
    async fn base64_bodies_are_decoded() {
        use base64::Engine as _;
        let body = json!({"author": {"name": "Ann Leckie", "birthdate": "1966-03-02"},
                          "title": "Ancillary Justice", "isbn": "978-0-316-24662-0"})
        .to_string();
        let encoded = base64::engine::general_purpose::STANDARD.encode(body);
        let mut event: Value = serde_json::from_str(&event(
            "/book/new",
            "prod",
            &Value::Null,
            Some(&encoded),
            true,
        ))
        .expect("JSON");
        event["resource"] = json!("/book/new");
        let (status, _, answer) = call(&[Operation::AddNewBook], &event.to_string()).await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["success"], true);
    }

    #[tokio::test]
    async fn operations_the_function_does_not_serve_are_not_found() {
        let query = json!({"status": "missing"});
        let (status, content_type, body) = call(
            &Operation::BOOK_COMMANDS,
            &event("/book", "prod", &query, None, false),
        )
        .await;
        assert_eq!(
            (status, content_type.as_str(), body),
            (
                404,
                "application/json",
                json!({"message": "No Route Found"})
            )
        );
    }
}
