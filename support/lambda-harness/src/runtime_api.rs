//! The Lambda Runtime API on loopback: what a bootstrap talks to in AWS, so the binaries the
//! templates deploy can run here exactly as Lambda runs them.
//!
//! The documented endpoints, under `/2018-06-01/runtime/`: `invocation/next` (a long poll that
//! answers with the next event and its `Lambda-Runtime-*` headers), `invocation/{id}/response`,
//! `invocation/{id}/error` and `init/error`. A test queues an event with [`RuntimeApi::invoke`]
//! and gets back what the function posted for it.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;
use tokio::sync::{Notify, oneshot};

/// How long a function has for one invocation, as `Lambda-Runtime-Deadline-Ms` tells it.
const DEADLINE: Duration = Duration::from_secs(30);

/// What a function posted for an invocation, or at init.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// `invocation/{id}/response`: the body, as JSON.
    Response(Value),
    /// `invocation/{id}/error` or `init/error`.
    Error(ErrorReport),
}

/// An error a function reported: the `Lambda-Runtime-Function-Error-Type` header and the body
/// (`{"errorType": ..., "errorMessage": ...}`).
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorReport {
    pub header: Option<String>,
    pub body: Value,
}

impl ErrorReport {
    pub fn message(&self) -> &str {
        self.body["errorMessage"].as_str().unwrap_or_default()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RuntimeApiError {
    #[error("cannot listen on loopback: {0}")]
    Listen(#[from] std::io::Error),
    #[error("the function did not answer invocation {0} within {1:?}")]
    NoAnswer(String, Duration),
}

#[derive(Default)]
struct Shared {
    /// Events no `invocation/next` has taken yet: request id and body.
    queued: Mutex<VecDeque<(String, String)>>,
    queued_changed: Notify,
    /// Who waits for each invocation taken but not answered.
    waiting: Mutex<HashMap<String, oneshot::Sender<Outcome>>>,
    /// When the function first asked for an event: its init is over.
    first_poll: Mutex<Option<Instant>>,
    polled: Notify,
    init_error: Mutex<Option<ErrorReport>>,
    init_failed: Notify,
    count: Mutex<u64>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A test that panicked while holding a lock has already failed; its data is still readable.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A Runtime API serving on a loopback port until dropped.
pub struct RuntimeApi {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl RuntimeApi {
    pub async fn start() -> Result<Self, RuntimeApiError> {
        let shared = Arc::new(Shared::default());
        let routes = Router::new()
            .route("/2018-06-01/runtime/invocation/next", get(next))
            .route(
                "/2018-06-01/runtime/invocation/{id}/response",
                post(response),
            )
            .route("/2018-06-01/runtime/invocation/{id}/error", post(error))
            .route("/2018-06-01/runtime/init/error", post(init_error))
            .with_state(Arc::clone(&shared));
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, routes).await;
        });
        Ok(Self {
            addr,
            shared,
            server,
        })
    }

    /// What `AWS_LAMBDA_RUNTIME_API` is set to: `host:port`, no scheme.
    pub fn address(&self) -> String {
        self.addr.to_string()
    }

    /// Hands `event` to the function's next `invocation/next` and waits up to `within` for what
    /// it posts back.
    pub async fn invoke(&self, event: &str, within: Duration) -> Result<Outcome, RuntimeApiError> {
        let id = {
            let mut count = lock(&self.shared.count);
            *count += 1;
            format!("local-{:08}", *count)
        };
        let (answer, answered) = oneshot::channel();
        lock(&self.shared.waiting).insert(id.clone(), answer);
        lock(&self.shared.queued).push_back((id.clone(), event.to_owned()));
        self.shared.queued_changed.notify_waiters();
        if let Ok(Ok(outcome)) = tokio::time::timeout(within, answered).await {
            return Ok(outcome);
        }
        lock(&self.shared.waiting).remove(&id);
        Err(RuntimeApiError::NoAnswer(id, within))
    }

    /// When the function first asked for an event (its init done), waiting up to `within`.
    pub async fn ready(&self, within: Duration) -> Option<Instant> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let polled = self.shared.polled.notified();
            if let Some(at) = *lock(&self.shared.first_poll) {
                return Some(at);
            }
            if tokio::time::timeout_at(deadline, polled).await.is_err() {
                return None;
            }
        }
    }

    /// What the function posted to `init/error`, waiting up to `within`.
    pub async fn init_error(&self, within: Duration) -> Option<ErrorReport> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let failed = self.shared.init_failed.notified();
            if let Some(report) = lock(&self.shared.init_error).clone() {
                return Some(report);
            }
            if tokio::time::timeout_at(deadline, failed).await.is_err() {
                return None;
            }
        }
    }
}

/// `GET invocation/next`: the next queued event, once there is one.
async fn next(State(shared): State<Arc<Shared>>) -> Response {
    lock(&shared.first_poll).get_or_insert_with(Instant::now);
    shared.polled.notify_waiters();
    loop {
        let changed = shared.queued_changed.notified();
        let taken = lock(&shared.queued).pop_front();
        if let Some((id, event)) = taken {
            return event_response(&id, event);
        }
        changed.await;
    }
}

fn event_response(id: &str, event: String) -> Response {
    let deadline = SystemTime::now()
        .checked_add(DEADLINE)
        .and_then(|at| at.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_millis());
    let mut headers = HeaderMap::new();
    let mut set = |name: &'static str, value: String| {
        if let Ok(value) = HeaderValue::try_from(value) {
            headers.insert(name, value);
        }
    };
    set("content-type", "application/json".to_owned());
    set("lambda-runtime-aws-request-id", id.to_owned());
    set("lambda-runtime-deadline-ms", deadline.to_string());
    set(
        "lambda-runtime-invoked-function-arn",
        "arn:aws:lambda:us-east-1:000000000000:function:local".to_owned(),
    );
    set(
        "lambda-runtime-trace-id",
        format!("Root=1-00000000-{id:0>24};Parent=0000000000000000;Sampled=0"),
    );
    (StatusCode::OK, headers, event).into_response()
}

/// `POST invocation/{id}/response`.
async fn response(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> StatusCode {
    let body = serde_json::from_slice(&body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
    answer(&shared, &id, Outcome::Response(body))
}

/// `POST invocation/{id}/error`.
async fn error(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    answer(&shared, &id, Outcome::Error(report(&headers, &body)))
}

/// `POST init/error`.
async fn init_error(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    *lock(&shared.init_error) = Some(report(&headers, &body));
    shared.init_failed.notify_waiters();
    StatusCode::ACCEPTED
}

fn report(headers: &HeaderMap, body: &[u8]) -> ErrorReport {
    ErrorReport {
        header: headers
            .get("lambda-runtime-function-error-type")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
        body: serde_json::from_slice(body).unwrap_or(Value::Null),
    }
}

/// 202 for an invocation someone waits for; 400 for an unknown id, as Lambda answers.
fn answer(shared: &Shared, id: &str, outcome: Outcome) -> StatusCode {
    match lock(&shared.waiting).remove(id) {
        Some(waiting) => {
            let _ = waiting.send(outcome);
            StatusCode::ACCEPTED
        }
        None => StatusCode::BAD_REQUEST,
    }
}
