//! The Lambda adapter: the HTTP adapter's router behind API Gateway (a REST API, v1 proxy events)
//! and AWS Lambda.
//!
//! A Lambda function is a set of operations, chosen when its binary is compiled
//! ([`Function<E>`], `E` a set of [`Endpoints`]): a function serving queries contains no command
//! handler, so it could not write even with a wider IAM role. At a cold start, [`Function::run`]
//! builds the [`App`] once, so every invocation the instance serves shares one SDK client, and
//! hands the function's service to the Lambda runtime through `plumbing::api_gateway`, which
//! turns each event into an `http::Request` as `lambda_http` does (decoding `isBase64Encoded`
//! bodies, refusing with a 400 what `lambda_http` would panic on) and each answer into the proxy
//! integration's response. A function that cannot start (no region, a table that does not
//! answer) tells Lambda why on the Runtime API's `init/error` and exits, so the cold start fails
//! once with its reason instead of every invocation failing.
//!
//! What the service adds around the router:
//!
//! - **The stage.** For REST API events `lambda_http` puts the stage in front of the path
//!   (`/prod/book/new`) unless `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH` is set. Every template sets
//!   it, and the service strips a leading `/<stage>` anyway (when the event's request context
//!   names that stage), so a function routes the same with or without the variable.
//! - **Trailing slashes** tolerated, as the HTTP server does.
//! - **A JSON content type** on every answer, whatever produced it.
//!
//! An operation the function does not serve answers 404 `{"message":"No Route Found"}`: API
//! Gateway decides which function gets which route, and a function given someone else's route
//! refuses it instead of guessing.

use std::convert::Infallible;
use std::marker::PhantomData;

use axum::http::header::CONTENT_TYPE;
use axum::http::uri::{PathAndQuery, Uri};
use axum::http::{HeaderValue, Request};
use axum::response::Response;
use lambda_http::request::RequestContext;
use lambda_http::{Body, RequestExt as _};
use plumbing::api_gateway;
use plumbing::http::tolerate_trailing_slash;
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;

pub use lambda_http::Error;

use crate::adapters::dynamodb::StartError;
use crate::adapters::dynamodb::table::Table;
use crate::adapters::http::dispatcher::Endpoints;
use crate::adapters::memory::InMemory;
use crate::core::ports::Storage;
use crate::core::{App, Operation};
use crate::router_for;

/// The environment variable that keeps `lambda_http` from putting the stage in the path.
pub const IGNORE_STAGE_IN_PATH: &str = "AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH";

/// One Lambda function of a deployment: its logical id in the SAM template, the binary built for
/// it (`BuildProperties: Binary`), and the operations `E` it serves.
pub struct Function<E> {
    pub name: &'static str,
    pub binary: &'static str,
    endpoints: PhantomData<fn() -> E>,
}

impl<E: Endpoints> Function<E> {
    pub const fn new(name: &'static str, binary: &'static str) -> Self {
        Self {
            name,
            binary,
            endpoints: PhantomData,
        }
    }

    /// The function's handler on `app`.
    pub fn service<S: Storage>(&self, app: App<S>) -> FunctionService {
        service::<E, S>(app)
    }

    /// The function's `main`: tracing set up the Lambda way (`AWS_LAMBDA_LOG_LEVEL`, else
    /// `RUST_LOG`; JSON lines when the function's log format is JSON), the app built once from
    /// the environment, then every invocation served until Lambda stops the instance.
    pub async fn run(&self) -> Result<(), Error> {
        let app = start().await?;
        lambda_http::lambda_runtime::run(api_gateway::handler(self.service(app))).await
    }
}

/// A cold start, whatever triggers the function: tracing set up, the app built from the
/// environment, or the reason it cannot be told to Lambda.
pub async fn start() -> Result<App<Table>, Error> {
    lambda_http::tracing::init_default_subscriber();
    match App::checked_from_env().await {
        Ok(app) => Ok(app),
        Err(error) => {
            report_init_error(&error).await;
            Err(error.into())
        }
    }
}

/// `POST /2018-06-01/runtime/init/error`, as the Runtime API documents it. A report that cannot
/// be sent is logged: the process exits with the error either way.
async fn report_init_error(error: &StartError) {
    tracing::error!(%error, "the function cannot start");
    let body = serde_json::json!({"errorType": "StartError", "errorMessage": error.to_string()});
    let sent = async {
        let client = lambda_runtime_api_client::Client::builder().build()?;
        let request = lambda_runtime_api_client::build_request()
            .method("POST")
            .uri("/2018-06-01/runtime/init/error")
            .header("lambda-runtime-function-error-type", "Runtime.StartError")
            .body(body.to_string().into())?;
        client.call(request).await?;
        Ok::<(), Error>(())
    };
    if let Err(failure) = sent.await {
        tracing::error!(%failure, "cannot report the init error to the Runtime API");
    }
}

/// A function whatever it serves, for what reads a deployment's table of functions: its
/// templates' checks, its tests, a local gateway. (A binary only runs its own [`Function`].)
pub trait Deployed: Sync {
    fn name(&self) -> &'static str;

    fn binary(&self) -> &'static str;

    fn operations(&self) -> Vec<Operation>;

    fn on_dynamodb(&self, app: App<Table>) -> FunctionService;

    fn in_memory(&self, app: App<InMemory>) -> FunctionService;
}

impl<E: Endpoints> Deployed for Function<E> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn binary(&self) -> &'static str {
        self.binary
    }

    fn operations(&self) -> Vec<Operation> {
        E::operations()
    }

    fn on_dynamodb(&self, app: App<Table>) -> FunctionService {
        self.service(app)
    }

    fn in_memory(&self, app: App<InMemory>) -> FunctionService {
        self.service(app)
    }
}

/// What a function runs: a `tower::Service` from `lambda_http`'s request to an HTTP response
/// (which `lambda_http` turns into the proxy integration's answer). Cheap to clone.
pub type FunctionService =
    tower::util::BoxCloneSyncService<lambda_http::Request, Response, Infallible>;

/// The handler of a function serving `E` on `app`: its router with the stage stripped from the
/// path, trailing slashes tolerated and a JSON content type always.
pub fn service<E: Endpoints, S: Storage>(app: App<S>) -> FunctionService {
    let json = HeaderValue::from_static("application/json");
    let function = ServiceBuilder::new()
        .map_request(without_stage)
        .layer(SetResponseHeaderLayer::if_not_present(CONTENT_TYPE, json))
        .service(tolerate_trailing_slash(router_for::<E, S>(app)));
    FunctionService::new(function)
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
    use crate::adapters::http::dispatcher::BookCommands;
    use crate::core::commands::AddNewBook;
    use crate::core::queries::GetMissingBooks;

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
            "headers": {
                "Host": "abcdef1234.execute-api.eu-west-1.amazonaws.com",
                "Content-Type": "application/json"
            },
            "queryStringParameters": query,
            "requestContext": {"stage": stage, "httpMethod": method, "resourcePath": "/book"},
            "body": body,
            "isBase64Encoded": base64,
        })
        .to_string()
    }

    async fn call<E: Endpoints>(event: &str) -> (u16, String, Value) {
        let request = lambda_http::request::from_str(event).expect("a REST API event");
        let response = service::<E, _>(App::in_memory())
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
            let (status, content_type, body) =
                call::<GetMissingBooks>(&event(path, "prod", &query, None, false)).await;
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
        let event = event("/book/new", "prod", &Value::Null, Some(&encoded), true);
        let (status, _, answer) = call::<AddNewBook>(&event).await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["success"], true);
    }

    #[tokio::test]
    async fn operations_the_function_does_not_serve_are_not_found() {
        let query = json!({"status": "missing"});
        let (status, content_type, body) =
            call::<BookCommands>(&event("/book", "prod", &query, None, false)).await;
        let not_found = json!({"message": "No Route Found"});
        assert_eq!(
            (status, content_type.as_str(), body),
            (404, "application/json", not_found)
        );
    }
}
