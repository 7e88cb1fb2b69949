//! The shipped bootstraps, run as Lambda runs them: each function's binary started as a process
//! with Lambda's environment, against a [`RuntimeApi`] on loopback and an embedded DynamoDB, and
//! fed every fixture through `invocation/next`. What it posts back must be what the in-process
//! check expects of it; an event it cannot read must come back as an invocation error, with the
//! process still serving; a function that cannot start must say why on `init/error`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use embedded_dynamodb::Engine;
use embedded_dynamodb::sample::{AUTHORS, BOOKS, USERS};
use embedded_dynamodb::table::{self, TableNames};
use lambda_http::aws_lambda_events::apigw::ApiGatewayProxyResponse;
use library::adapters::lambda::{Deployed, IGNORE_STAGE_IN_PATH};
use library::core::App;
use plumbing::dynamodb::TableConfig;
use plumbing::ksuid;
use serde_json::{Value, json};

use crate::check::{Answer, deterministic, reference_answer};
use crate::fixtures::{Fixture, fixtures};
use crate::runtime_api::{ErrorReport, Outcome, RuntimeApi};
use crate::seed::seed;

/// Long enough for a debug build's cold start on a busy machine; short enough that a function
/// that never polls fails the test instead of hanging it.
const READY_WITHIN: Duration = Duration::from_secs(60);
const ANSWER_WITHIN: Duration = Duration::from_secs(30);

/// The binary called `name` that cargo built for this package's integration tests: next to the
/// `deps/` folder the running test binary is in.
pub fn binary(name: &str) -> PathBuf {
    let test = std::env::current_exe().unwrap_or_else(|e| panic!("this test binary: {e}"));
    let folder = test
        .parent()
        .and_then(Path::parent)
        .unwrap_or_else(|| panic!("{} is not in target/<profile>/deps", test.display()));
    let binary = folder.join(name);
    assert!(
        binary.is_file(),
        "{} is not built: the test must be an integration test (tests/) of the package whose \
         binary it is",
        binary.display()
    );
    binary
}

/// A bootstrap process, killed when dropped.
pub struct Bootstrap {
    child: tokio::process::Child,
    pub runtime: RuntimeApi,
    /// When it was spawned: its cold start counts from here.
    pub spawned: Instant,
}

impl Bootstrap {
    /// Starts `binary` as the function `name` with what Lambda's environment and the templates
    /// set, the AWS SDK pointed at `dynamodb` (no endpoint: the SDK's own), `extra` on top and
    /// `remove` left out.
    pub async fn start(
        binary: &Path,
        name: &str,
        dynamodb: Option<&str>,
        extra: &[(&str, &str)],
        remove: &[&str],
    ) -> Self {
        let runtime = RuntimeApi::start()
            .await
            .unwrap_or_else(|e| panic!("the Runtime API: {e}"));
        let mut command = tokio::process::Command::new(binary);
        // Only what Lambda gives a function: nothing of this machine's AWS configuration.
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("AWS_LAMBDA_RUNTIME_API", runtime.address())
            .env("AWS_LAMBDA_FUNCTION_NAME", name)
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
            .env("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{name}"))
            .env("AWS_LAMBDA_LOG_STREAM_NAME", "local")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ACCESS_KEY_ID", "local")
            .env("AWS_SECRET_ACCESS_KEY", "local")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env(IGNORE_STAGE_IN_PATH, "true")
            .env("RUST_LOG", "warn")
            .kill_on_drop(true)
            .stdin(Stdio::null());
        if let Some(endpoint) = dynamodb {
            command.env("AWS_ENDPOINT_URL_DYNAMODB", endpoint);
        }
        command.envs(extra.iter().copied());
        for name in remove {
            command.env_remove(name);
        }
        let spawned = Instant::now();
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", binary.display()));
        Self {
            child,
            runtime,
            spawned,
        }
    }

    /// Waits for its first `invocation/next`; panics with its `init/error`, if it sent one.
    pub async fn ready(&self, name: &str) -> Duration {
        if let Some(at) = self.runtime.ready(READY_WITHIN).await {
            return at.duration_since(self.spawned);
        }
        let report = self.runtime.init_error(Duration::ZERO).await;
        panic!("{name} never asked for an event; init error: {report:?}")
    }

    pub async fn invoke(&self, event: &str) -> Outcome {
        self.runtime
            .invoke(event, ANSWER_WITHIN)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Waits for the process to end, up to `within`: its exit status.
    pub async fn exit(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        tokio::time::timeout(within, self.child.wait())
            .await
            .ok()
            .and_then(Result::ok)
    }

    /// The process id, for reading its memory.
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }
}

/// The answer an invocation posted, read as API Gateway reads the proxy integration's response.
pub fn read_answer(outcome: &Outcome) -> Result<Answer, String> {
    match outcome {
        Outcome::Response(body) => serde_json::from_value::<ApiGatewayProxyResponse>(body.clone())
            .map(|proxy| Answer::from_proxy(&proxy))
            .map_err(|e| format!("not a proxy integration response: {e}: {body}")),
        Outcome::Error(report) => Err(format!("an invocation error: {report:?}")),
    }
}

/// Every fixture on every function's real binary, one process per function, the table reset and
/// seeded before each fixture as the in-process check does; then an unreadable event and the
/// events `lambda_http` would panic on, each followed by a good one on the same process.
pub async fn assert_bootstraps(functions: &[&dyn Deployed]) {
    let fixtures = fixtures().unwrap_or_else(|e| panic!("the fixtures: {e}"));
    for function in functions {
        let engine = Engine::with_table()
            .await
            .unwrap_or_else(|e| panic!("embedded DynamoDB: {e}"));
        let bootstrap = Bootstrap::start(
            &binary(function.binary()),
            function.name(),
            Some(engine.endpoint()),
            &[],
            &[],
        )
        .await;
        bootstrap.ready(function.name()).await;
        for fixture in &fixtures {
            let expected = if function.operations().contains(&fixture.operation) {
                reference_answer(fixture, &event_of(fixture)).await
            } else {
                not_served()
            };
            reset(&engine, fixture).await;
            let outcome = bootstrap.invoke(&fixture.event).await;
            let answer = read_answer(&outcome)
                .unwrap_or_else(|e| panic!("{} on {}: {e}", fixture.name, function.name()));
            assert_eq!(
                without_new_ids(answer),
                without_new_ids(expected),
                "{} on the {} binary: not what the in-process check expects",
                fixture.name,
                function.name()
            );
        }
        assert_survives_an_unreadable_event(&bootstrap, function.name(), &fixtures).await;
    }
}

/// `[]` is no event `lambda_http` knows: an invocation error, and the next event is served.
async fn assert_survives_an_unreadable_event(
    bootstrap: &Bootstrap,
    name: &str,
    fixtures: &[Fixture],
) {
    match bootstrap.invoke("[]").await {
        Outcome::Error(ErrorReport { body, .. }) => assert!(
            body["errorType"].is_string() && body["errorMessage"].is_string(),
            "{name}: the invocation error says what went wrong: {body}"
        ),
        Outcome::Response(body) => panic!("{name} answered an unreadable event: {body}"),
    }
    let fixture = fixtures.first().unwrap_or_else(|| panic!("no fixtures"));
    let outcome = bootstrap.invoke(&fixture.event).await;
    assert!(
        read_answer(&outcome).is_ok(),
        "{name} stopped serving after an unreadable event: {outcome:?}"
    );
    for (what, event) in events_lambda_http_panics_on(fixture) {
        let answer = read_answer(&bootstrap.invoke(&event.to_string()).await)
            .unwrap_or_else(|e| panic!("{name}, {what}: {e}"));
        assert_eq!(answer.status, 400, "{name}, {what}: {answer:?}");
        assert_eq!(answer.content_type, "application/json", "{name}, {what}");
        let outcome = bootstrap.invoke(&fixture.event).await;
        assert!(
            read_answer(&outcome).is_ok(),
            "{name} stopped serving after {what}: {outcome:?}"
        );
    }
}

/// `fixture`'s event with what a client can send and `lambda_http` panics on converting.
fn events_lambda_http_panics_on(fixture: &Fixture) -> Vec<(&'static str, Value)> {
    let event: Value = serde_json::from_str(&fixture.event)
        .unwrap_or_else(|e| panic!("{}: not JSON: {e}", fixture.name));
    let with_header = |name: &str, value: &str| {
        let mut event = event.clone();
        event["headers"][name] = json!(value);
        event["multiValueHeaders"][name] = json!([value]);
        event
    };
    let mut not_base64 = event.clone();
    not_base64["isBase64Encoded"] = json!(true);
    not_base64["body"] = json!("not base64!");
    vec![
        (
            "an X-Forwarded-Proto of `1`",
            with_header("X-Forwarded-Proto", "1"),
        ),
        ("a Host with a space", with_header("Host", "exa mple.com")),
        ("a body flagged base64 that is not", not_base64),
    ]
}

fn event_of(fixture: &Fixture) -> lambda_http::aws_lambda_events::apigw::ApiGatewayProxyRequest {
    serde_json::from_str(&fixture.event)
        .unwrap_or_else(|e| panic!("{}: not a REST API event: {e}", fixture.name))
}

fn not_served() -> Answer {
    Answer {
        status: 404,
        content_type: "application/json".to_owned(),
        body: json!({"message": "No Route Found"}),
    }
}

/// The table as the fixture expects it: emptied, then seeded as the in-process check seeds it.
async fn reset(engine: &Engine, fixture: &Fixture) {
    let client = engine.client();
    let names = TableNames::default();
    table::destroy(&client, &names)
        .await
        .and(table::create(&client, &names).await)
        .unwrap_or_else(|e| panic!("resetting the table for {}: {e}", fixture.name));
    let app = deterministic(App::new(client, TableConfig::default()));
    seed(app, fixture.operation)
        .await
        .unwrap_or_else(|e| panic!("seeding for {}: {e}", fixture.name));
}

/// The answer with every id the function made up itself (a KSUID the sample library does not
/// have) written as `<new id>`: a binary draws its own ids, the in-process check counts them.
fn without_new_ids(mut answer: Answer) -> Answer {
    let known: BTreeSet<&str> = AUTHORS
        .iter()
        .map(|author| author.id)
        .chain(BOOKS.iter().map(|book| book.id))
        .chain(USERS.iter().map(|user| user.id))
        .collect();
    replace_new_ids(&mut answer.body, &known);
    answer
}

fn replace_new_ids(value: &mut Value, known: &BTreeSet<&str>) {
    match value {
        Value::String(text) if ksuid::is_valid(text) && !known.contains(text.as_str()) => {
            "<new id>".clone_into(text);
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| replace_new_ids(item, known)),
        Value::Object(fields) => fields
            .values_mut()
            .for_each(|item| replace_new_ids(item, known)),
        _ => {}
    }
}

/// A function that cannot reach its table, or has no region, says so on `init/error` and exits,
/// instead of answering every invocation with an error.
pub async fn assert_init_errors(function: &dyn Deployed) {
    let binary = binary(function.binary());
    // Nothing listens on a port just released.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .unwrap_or_else(|e| panic!("a free port: {e}"));
    let cases: [(&str, Option<String>, &[&str], &str); 2] = [
        (
            "an unreachable table",
            Some(format!("http://{closed}")),
            &[],
            "library-system-database",
        ),
        ("no region", None, &["AWS_REGION"], "AWS_REGION"),
    ];
    for (case, endpoint, remove, says) in cases {
        let mut bootstrap =
            Bootstrap::start(&binary, function.name(), endpoint.as_deref(), &[], remove).await;
        let report = bootstrap
            .runtime
            .init_error(READY_WITHIN)
            .await
            .unwrap_or_else(|| panic!("{}, {case}: no init/error", function.name()));
        assert!(
            report.message().contains(says),
            "{}, {case}: the init error names {says}: {report:?}",
            function.name()
        );
        assert!(
            report.header.is_some() && report.body["errorType"].is_string(),
            "{}, {case}: an error type, as Lambda expects: {report:?}",
            function.name()
        );
        let status = bootstrap.exit(READY_WITHIN).await;
        assert!(
            status.is_some_and(|status| !status.success()),
            "{}, {case}: a failed init ends the process with a failure: {status:?}",
            function.name()
        );
    }
}
