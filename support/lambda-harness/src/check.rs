//! The check every approach runs on its functions, and what it compares against.

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Body as AxumBody;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, Request};
use base64::Engine as _;
use embedded_dynamodb::{Engine, EngineProxy};
use lambda_http::Body;
use lambda_http::aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayProxyResponse};
use library::adapters::lambda::{Deployed, IGNORE_STAGE_IN_PATH};
use library::core::ports::Storage;
use library::core::{App, Operation};
use library::router;
use plumbing::clock::FixedClock;
use plumbing::dynamodb::TableConfig;
use plumbing::http::tolerate_trailing_slash;
use sam::{READ_ACTIONS, write_actions};
use serde_json::{Value, json};
use time::macros::datetime;
use tower::ServiceExt as _;

use crate::fixtures::{Fixture, fixtures};
use crate::invoke::invoke;
use crate::seed::seed;

/// What a client sees of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
}

impl Answer {
    fn read(status: u16, headers: &HeaderMap, body: &[u8]) -> Self {
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        Self {
            status,
            content_type,
            body: serde_json::from_slice(body).unwrap_or(Value::Null),
        }
    }

    pub(crate) fn from_proxy(response: &ApiGatewayProxyResponse) -> Self {
        let body: &[u8] = match &response.body {
            Some(Body::Text(text)) => text.as_bytes(),
            Some(Body::Binary(bytes)) => bytes,
            _ => b"",
        };
        let status = u16::try_from(response.status_code).unwrap_or_default();
        Self::read(status, &response.multi_value_headers, body)
    }
}

/// Every fixture, on every function: the function serving the fixture's operation answers as
/// the library's HTTP API answers the same request on the same data (and every fixture is a
/// request that succeeds); every other function answers 404 `No Route Found` without touching
/// the table. Each operation must be served by exactly one function, and its fixtures together
/// write with exactly the item actions `sam::write_actions` lists for it, which the templates'
/// check grants and no more.
pub async fn assert_functions(functions: &[&dyn Deployed]) {
    let fixtures = fixtures().unwrap_or_else(|e| panic!("the fixtures: {e}"));
    // The write actions each operation's fixtures really used, against what the templates grant.
    let mut written: BTreeMap<Operation, BTreeSet<String>> = BTreeMap::new();
    assert!(
        fixtures.len() >= 8,
        "one fixture per operation, and variants"
    );
    let stage_ignored = std::env::var_os(IGNORE_STAGE_IN_PATH).is_some();
    for fixture in &fixtures {
        let event: ApiGatewayProxyRequest = serde_json::from_str(&fixture.event)
            .unwrap_or_else(|e| panic!("{}: not a REST API event: {e}", fixture.name));
        assert_stage_handling(fixture, &event, stage_ignored);
        let owners: Vec<&str> = functions
            .iter()
            .filter(|f| f.operations().contains(&fixture.operation))
            .map(|f| f.name())
            .collect();
        assert_eq!(
            owners.len(),
            1,
            "{} must be served by exactly one function, not {owners:?}",
            fixture.operation
        );

        let expected = reference_answer(fixture, &event).await;
        assert_eq!(
            expected.status, 200,
            "{}: the fixtures are requests that succeed, but the library's API answers {expected:?}",
            fixture.name
        );
        let engine = Engine::with_table()
            .await
            .unwrap_or_else(|e| panic!("embedded DynamoDB: {e}"));
        let proxy = EngineProxy::start(&engine)
            .await
            .unwrap_or_else(|e| panic!("a proxy in front of DynamoDB: {e}"));
        let app = deterministic(App::new(proxy.client(), TableConfig::default()));
        let app = seed(app, fixture.operation)
            .await
            .unwrap_or_else(|e| panic!("seeding for {}: {e}", fixture.name));
        proxy.take_actions();
        // Those that refuse first: a refusal must leave the data as the serving function finds it.
        let mut in_order: Vec<&dyn Deployed> = functions.to_vec();
        in_order.sort_by_key(|f| f.operations().contains(&fixture.operation));
        for function in in_order {
            let response = invoke(function.on_dynamodb(app.clone()), &fixture.event)
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", fixture.name));
            let answer = Answer::from_proxy(&response);
            let actions = proxy.take_actions();
            if function.operations().contains(&fixture.operation) {
                let writes: BTreeSet<String> = actions
                    .into_iter()
                    .filter(|action| !READ_ACTIONS.contains(&action.as_str()))
                    .collect();
                let allowed = write_actions(fixture.operation);
                assert!(
                    writes.iter().all(|w| allowed.contains(&w.as_str())),
                    "{} wrote with {writes:?}, but sam::write_actions allows {allowed:?}: the \
                     templates would deny it",
                    fixture.name
                );
                written.entry(fixture.operation).or_default().extend(writes);
                assert_eq!(
                    answer,
                    expected,
                    "{} on {}: not what the library's API answers",
                    fixture.name,
                    function.name()
                );
            } else {
                assert!(
                    actions.is_empty(),
                    "{} on {}, which does not serve it, reached the table: {actions:?}",
                    fixture.name,
                    function.name()
                );
                assert_eq!(
                    answer,
                    Answer {
                        status: 404,
                        content_type: "application/json".to_owned(),
                        body: json!({"message": "No Route Found"}),
                    },
                    "{} on {}, which does not serve {}",
                    fixture.name,
                    function.name(),
                    fixture.operation
                );
            }
        }
    }
    assert_writes_granted(&written);
}

/// Each operation's fixtures together wrote with exactly what `sam::write_actions` grants it.
fn assert_writes_granted(written: &BTreeMap<Operation, BTreeSet<String>>) {
    for (operation, used) in written {
        let granted: BTreeSet<String> = write_actions(*operation)
            .iter()
            .map(|action| (*action).to_owned())
            .collect();
        assert_eq!(
            used, &granted,
            "{operation}: its fixtures wrote with {used:?}; sam::write_actions (what the templates \
             must grant, and no more) says {granted:?}"
        );
    }
}

/// Whether `lambda_http` really put the stage in front of the path (or not) in this process: the
/// functions must route either way.
fn assert_stage_handling(fixture: &Fixture, event: &ApiGatewayProxyRequest, stage_ignored: bool) {
    let path = event.path.clone().unwrap_or_default();
    let stage = event.request_context.stage.as_deref().unwrap_or_default();
    let converted = lambda_http::request::from_str(&fixture.event)
        .unwrap_or_else(|e| panic!("{}: {e}", fixture.name));
    let with_stage = if path.starts_with(&format!("/{stage}/")) {
        path.clone()
    } else {
        format!("/{stage}{path}")
    };
    let expected = if stage_ignored { path } else { with_stage };
    assert_eq!(converted.uri().path(), expected, "{}", fixture.name);
}

/// The same clock and ids everywhere, so two runs of one request answer the same ids.
pub(crate) fn deterministic<S>(app: App<S>) -> App<S> {
    app.with_clock(FixedClock(datetime!(2023-11-27 10:15 UTC)))
}

/// What the library's HTTP API (the whole API, in memory) answers to the fixture's request (its
/// `event`, parsed), on the data the fixture expects. The request is rebuilt from the event's
/// parts (the operation's route with the path parameters, the query string parameters, the body,
/// decoded if need be) rather than from its `path`, so the Lambda path (stage, conversion) is
/// what the comparison tests.
pub(crate) async fn reference_answer(fixture: &Fixture, event: &ApiGatewayProxyRequest) -> Answer {
    let app = seed(deterministic(App::in_memory()), fixture.operation)
        .await
        .unwrap_or_else(|e| panic!("seeding for {}: {e}", fixture.name));
    answer(app, request(fixture.operation, event)).await
}

fn request(operation: Operation, event: &ApiGatewayProxyRequest) -> Request<AxumBody> {
    let route = sam::operation_routes()
        .iter()
        .find(|route| route.operation == operation)
        .unwrap_or_else(|| panic!("{operation} has a route"));
    let mut path = route.path.clone();
    for (name, value) in &event.path_parameters {
        path = path.replace(&format!("{{{name}}}"), value);
    }
    let query = event.query_string_parameters.to_query_string();
    let uri = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    let body = match &event.body {
        Some(body) if event.is_base64_encoded => base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap_or_else(|e| panic!("{uri}: a base64 body that is not base64: {e}")),
        Some(body) => body.clone().into_bytes(),
        None => Vec::new(),
    };
    Request::builder()
        .method(route.method.as_str())
        .uri(uri)
        .header(CONTENT_TYPE, "application/json")
        .body(AxumBody::from(body))
        .unwrap_or_else(|e| panic!("a request for {operation}: {e}"))
}

async fn answer<S: Storage>(app: App<S>, request: Request<AxumBody>) -> Answer {
    let response = tolerate_trailing_slash(router(app))
        .oneshot(request)
        .await
        .unwrap_or_else(|never| match never {});
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    Answer::read(parts.status.as_u16(), &parts.headers, &bytes)
}

/// Runs the test `name` of this test binary again, in a child process with
/// `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH=true` (what the templates set), and asserts it passes.
/// `lambda_http` reads the variable from the process environment, which a test cannot change while
/// others run.
#[track_caller]
pub fn rerun_with_stage_ignored(name: &str) {
    if std::env::var_os(IGNORE_STAGE_IN_PATH).is_some() {
        return; // already the child, or a run with the variable set: nothing to add
    }
    let binary = std::env::current_exe().unwrap_or_else(|e| panic!("this test binary: {e}"));
    let output = std::process::Command::new(binary)
        .args([name, "--exact", "--nocapture"])
        .env(IGNORE_STAGE_IN_PATH, "true")
        .output()
        .unwrap_or_else(|e| panic!("rerunning {name}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("test result: ok. 1 passed"),
        "{name} with {IGNORE_STAGE_IN_PATH}=true:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
