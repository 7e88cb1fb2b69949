//! A DynamoDB endpoint in front of an [`Engine`] that lets a test get in the way: it runs a change
//! of the test's right before the next `TransactWriteItems` request reaches the engine. That is
//! the race a command's transaction must survive (another request changes what the command read,
//! after it read it), reproduced on demand instead of by luck. It also notes the IAM action each
//! request needs ([`EngineProxy::actions`]), so a test can hold a template's policy to what the
//! code really calls.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

use aws_sdk_dynamodb::Client;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::engine::{Engine, EngineError, local_client};

type Change = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The proxy's state: where requests go, and the change waiting for the next transaction.
#[derive(Clone)]
struct Forwarding {
    engine: String,
    http: reqwest::Client,
    change: Arc<Mutex<Option<Change>>>,
    actions: Actions,
}

type Actions = Arc<Mutex<BTreeSet<String>>>;

/// Stops when dropped.
pub struct EngineProxy {
    client: Client,
    change: Arc<Mutex<Option<Change>>>,
    actions: Actions,
    task: JoinHandle<()>,
}

impl EngineProxy {
    /// A proxy on an ephemeral loopback port, forwarding every request to `engine`.
    pub async fn start(engine: &Engine) -> Result<Self, EngineError> {
        let addr = SocketAddr::from(([127, 0, 0, 1], 0));
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| EngineError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| EngineError::Bind { addr, source })?;
        let change = Arc::new(Mutex::new(None));
        let actions = Actions::default();
        let forwarding = Forwarding {
            engine: engine.endpoint().to_owned(),
            http: reqwest::Client::new(),
            change: Arc::clone(&change),
            actions: Arc::clone(&actions),
        };
        let app = axum::Router::new().fallback(forward).with_state(forwarding);
        let task = tokio::spawn(async move {
            // The proxy ends with its test; a failing accept loop only fails that test's requests.
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            client: local_client(&format!("http://{addr}")),
            change,
            actions,
            task,
        })
    }

    /// An SDK client that talks to the engine through the proxy.
    pub fn client(&self) -> Client {
        self.client.clone()
    }

    /// Runs `change` (to completion) right before the next transaction is forwarded.
    pub fn before_next_transaction(&self, change: impl Future<Output = ()> + Send + 'static) {
        *self.change.lock().unwrap_or_else(PoisonError::into_inner) = Some(Box::pin(change));
    }

    /// The IAM actions the requests since the last call needed (`dynamodb:GetItem`; for a
    /// `TransactWriteItems`, one per kind of item action in it: `dynamodb:PutItem`, ...), and
    /// forgets them.
    pub fn take_actions(&self) -> BTreeSet<String> {
        std::mem::take(&mut *self.actions.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// What IAM must allow for a request to `target` (`DynamoDB_20120810.GetItem`) with `body`: a
/// transaction needs no action of its own, only those of the item actions inside it.
fn actions_of(target: &str, body: &[u8]) -> Vec<String> {
    let operation = target.rsplit('.').next().unwrap_or(target);
    if operation != "TransactWriteItems" {
        return vec![format!("dynamodb:{operation}")];
    }
    let request: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let items = request["TransactItems"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    items
        .iter()
        .filter_map(|item| item.as_object()?.keys().next().cloned())
        .map(|kind| match kind.as_str() {
            "ConditionCheck" => "dynamodb:ConditionCheckItem".to_owned(),
            other => format!("dynamodb:{other}Item"),
        })
        .collect()
}

impl Drop for EngineProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn forward(State(forwarding): State<Forwarding>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let target = parts
        .headers
        .get(HeaderName::from_static("x-amz-target"))
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    if target.ends_with(".TransactWriteItems") {
        let change = forwarding
            .change
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(change) = change {
            change.await;
        }
    }
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if !target.is_empty() {
        forwarding
            .actions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(actions_of(target, &body));
    }
    let mut headers = parts.headers;
    headers.remove(header::HOST);
    let sent = forwarding
        .http
        .post(format!("{}{}", forwarding.engine, parts.uri.path()))
        .headers(headers)
        .body(body)
        .send()
        .await;
    let Ok(answer) = sent else {
        return StatusCode::BAD_GATEWAY.into_response();
    };
    let status = answer.status();
    let headers = answer.headers().clone();
    match answer.bytes().await {
        Ok(bytes) => (status, headers, Body::from(bytes)).into_response(),
        Err(_) => StatusCode::BAD_GATEWAY.into_response(),
    }
}
