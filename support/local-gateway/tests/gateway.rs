//! Every approach served by the local gateway on an embedded DynamoDB: the task-based API
//! contract holds over it, unchanged, and each route is served by the function its template
//! names.

use std::future::pending;

use contract::Running;
use embedded_dynamodb::Engine;
use library::App;
use library::core::Operation;
use local_gateway::{APPROACHES, Approach, Options};
use plumbing::dynamodb::TableConfig;
use plumbing::http::serve;
use serde_json::json;
use tokio::net::TcpListener;

/// The gateway for `approach` on a fresh embedded DynamoDB, on an ephemeral port, with `options`.
async fn spawn_with(approach: &str, options: Options) -> Running {
    spawn_on(approach, options, false).await
}

/// [`spawn_with`], the table holding the sample library when `seeded`.
async fn spawn_on(approach: &str, options: Options, seeded: bool) -> Running {
    let approach = local_gateway::approach(approach).expect("a known approach");
    let engine = Engine::with_table()
        .await
        .expect("embedded DynamoDB starts");
    let mut app = App::new(engine.client(), TableConfig::default());
    if seeded {
        // BorrowBook's fixtures find the sample library and nothing more.
        app = lambda_harness::seed(app, Operation::BorrowBook)
            .await
            .expect("the sample library is written");
    }
    let (router, _) = local_gateway::router(approach, &app, options).expect("the template loads");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(serve(listener, router, pending()));
    Running::new(url).keep(engine).keep_task(server)
}

/// The contract's task suite needs users and authors, which live in the CRUD context no approach
/// deploys: the gateway serves those routes on the same storage, and nothing else changes.
async fn spawn(approach: &str) -> Running {
    spawn_with(approach, Options { with_crud: true }).await
}

macro_rules! contract_over_the_gateway {
    ($($module:ident => $approach:literal),* $(,)?) => {
        $(
            mod $module {
                pub async fn spawn() -> contract::Running {
                    crate::spawn($approach).await
                }

                contract::tasks_suite!(crate::$module::spawn);
            }
        )*
    };
}

contract_over_the_gateway! {
    approach_00 => "approach-00-monolithic-dispatcher",
    approach_01 => "approach-01-commands-and-queries-dispatchers",
    approach_02 => "approach-02-extract-subdomains",
    approach_03 => "approach-03-extract-individual-commands-or-queries",
    approach_04 => "approach-04-full-separation",
}

#[test]
fn the_suites_cover_every_approach() {
    assert_eq!(APPROACHES.len(), 5);
}

/// A request for every Book Management route, with ids that need not exist.
fn requests() -> [(Operation, reqwest::Method, String, serde_json::Value); 6] {
    let id = "2Yd7vFcSkFQDzu1LSDybhCXV1wj";
    [
        (
            Operation::AddNewBook,
            reqwest::Method::POST,
            "/book/new".to_owned(),
            json!({}),
        ),
        (
            Operation::BorrowBook,
            reqwest::Method::POST,
            format!("/book/{id}/borrow"),
            json!({}),
        ),
        (
            Operation::ReportMissingBook,
            reqwest::Method::POST,
            format!("/book/{id}/missing"),
            json!({}),
        ),
        (
            Operation::GetBooksByAuthor,
            reqwest::Method::GET,
            format!("/book/by-author/{id}"),
            json!(null),
        ),
        (
            Operation::GetBorrowedBooksForUser,
            reqwest::Method::GET,
            format!("/book/by-user/{id}?status=borrowed"),
            json!(null),
        ),
        (
            Operation::GetMissingBooks,
            reqwest::Method::GET,
            "/book?status=missing".to_owned(),
            json!(null),
        ),
    ]
}

fn owner(approach: &Approach, operation: Operation) -> &'static str {
    let owners: Vec<&str> = approach
        .functions
        .iter()
        .filter(|f| f.operations().contains(&operation))
        .map(|f| f.name())
        .collect();
    assert_eq!(owners.len(), 1, "{}: {operation} {owners:?}", approach.name);
    owners[0]
}

/// What `cargo xtask lambda serve --fresh` prints to try succeeds, in order, on a seeded table,
/// each answer from the function the template names.
#[tokio::test]
async fn the_sample_requests_succeed_on_the_sample_library() {
    let approach = local_gateway::approach("approach-04-full-separation").expect("known");
    let running = spawn_on(approach.name, Options { with_crud: false }, true).await;
    let exchanges = scenario::run(&scenario::SAMPLE_TASKS, running.api.base_url())
        .await
        .expect("every sample request answers as expected");
    let functions: Vec<Option<&str>> = exchanges
        .iter()
        .map(|exchange| exchange.response.function.as_deref())
        .collect();
    assert_eq!(
        functions,
        [
            Some("GetBooksByAuthorQueryHandler"),
            Some("BorrowBookCommandHandler"),
            Some("GetBorrowedBooksForUserQueryHandler"),
            Some("ReportBookAsMissingCommandHandler"),
            Some("GetMissingBooksQueryHandler"),
        ]
    );
    let missing = &exchanges[4].response.body;
    assert_eq!(
        missing[0]["bookId"],
        embedded_dynamodb::sample::FIRST_BOOK,
        "{missing}"
    );
}

#[tokio::test]
async fn each_route_is_served_by_the_function_the_template_names() {
    for approach in &APPROACHES {
        let running = spawn_with(approach.name, Options::default()).await;
        for (operation, method, path, body) in requests() {
            let body = if body.is_null() {
                String::new()
            } else {
                body.to_string()
            };
            let reply = running.api.send_raw(method, &path, body).await;
            assert!(
                reply.status == 200 || reply.status == 400,
                "{} {path}: the function answered {} {}",
                approach.name,
                reply.status,
                reply.body
            );
            assert_eq!(
                reply.header("x-lambda-function").as_deref(),
                Some(owner(approach, operation)),
                "{} {path}",
                approach.name
            );
        }
    }
}

#[tokio::test]
async fn what_no_route_matches_is_answered_by_the_gateway() {
    let running = spawn_with(APPROACHES[1].name, Options::default()).await;
    let api = &running.api;
    for path in ["/author", "/user", "/rental", "/book/by-author"] {
        let reply = api.get(path).await.expect_error(404, "No Route Found");
        assert_eq!(reply.header("x-lambda-function"), None, "{path}");
    }
    let reply = api
        .send_raw(reqwest::Method::DELETE, "/book/new", "")
        .await
        .expect_error(405, "Method Not Allowed");
    assert_eq!(reply.header("x-lambda-function"), None);

    let document = api.get("/openapi.json").await.expect(200).body;
    let mut paths: Vec<&String> = document["paths"]
        .as_object()
        .map(|paths| paths.keys().collect())
        .unwrap_or_default();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/",
            "/book",
            "/book/by-author/{authorId}",
            "/book/by-user/{userId}",
            "/book/new",
            "/book/{bookId}/borrow",
            "/book/{bookId}/missing"
        ],
        "only what the template routes"
    );
}

#[tokio::test]
async fn with_crud_the_other_contexts_answer_and_serve_no_function() {
    let running = spawn(APPROACHES[4].name).await;
    let reply = running.api.get("/user").await.expect(200);
    assert_eq!(reply.header("x-lambda-function"), None);
    running
        .api
        .get("/book/by-author")
        .await
        .expect_error(404, "No Route Found");
}

/// `lambda_http` panics converting an event whose `X-Forwarded-Proto` or `Host` makes no URL: the
/// gateway passes the client's headers on, and the function refuses them with a 400 instead,
/// then goes on serving.
#[tokio::test]
async fn headers_lambda_http_would_panic_on_are_a_400_and_the_gateway_goes_on() {
    let running = spawn_with(APPROACHES[4].name, Options::default()).await;
    let url = format!("{}/book?status=missing", running.api.base_url());
    let client = reqwest::Client::new();
    for (name, value) in [("x-forwarded-proto", "1"), ("host", "exa mple.com")] {
        let response = client
            .get(&url)
            .header(name, value)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{name}: no answer: {e}"));
        assert_eq!(response.status().as_u16(), 400, "{name}: {value}");
        let body: serde_json::Value = response.json().await.expect("a JSON body");
        assert!(
            body["message"]
                .as_str()
                .is_some_and(|m| m.contains("must make a URL")),
            "{body}"
        );
        running.api.get("/book?status=missing").await.expect(200);
    }
}

/// HTTP lets a header value hold bytes that are not UTF-8, but an event is JSON: the gateway
/// refuses such a request with a JSON 400 rather than failing to build the event (a 502), and
/// goes on serving.
#[tokio::test]
async fn a_header_that_is_not_utf8_is_a_400() {
    let running = spawn_with(APPROACHES[4].name, Options::default()).await;
    let url = format!(
        "{}/book/{}/borrow",
        running.api.base_url(),
        contract::crud::fake_id()
    );
    let value = reqwest::header::HeaderValue::from_bytes(b"caf\xe9").expect("a header value");
    let response = reqwest::Client::new()
        .post(&url)
        .header("idempotency-key", value)
        .json(&serde_json::json!({"userId": contract::crud::fake_id()}))
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status().as_u16(), 400);
    let body: serde_json::Value = response.json().await.expect("a JSON body");
    assert_eq!(body["message"], "Header values must be UTF-8");
    running.api.get("/book?status=missing").await.expect(200);
}
