//! Approach 05 on localhost: AppSync and SQS played in process, in front of the approach's two
//! functions.
//!
//! - `POST /graphql` runs the library's schema; each field goes to `QueryResolver` as an AppSync
//!   direct Lambda resolver event, the one its binary reads.
//! - `POST /queue` enqueues its body as a message and answers its id; `CommandConsumer` receives
//!   the queue in batches of up to ten, as SQS events. A message the batch answer names is
//!   delivered again, up to the template's `maxReceiveCount`, then moved to the dead-letter
//!   queue. `GET /queue` shows the queue, what was done and the dead letters;
//!   `POST /queue/{messageId}/redeliver` delivers a done message once more, as SQS may.
//!
//! Every answer names its function in `x-lambda-function`.

use std::collections::VecDeque;
use std::path::Path as FilePath;
use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use library::adapters::graphql::appsync::AppSyncDirectResolverEvent;
use library::adapters::graphql::{self, FieldError, Fields};
use library::adapters::queue::sqs::SqsEvent;
use library::adapters::queue::{self, COMMANDS};
use library::{App, Table};
use plumbing::body::JsonObject;
use serde::Serialize;
use serde_json::{Value, json};
use tokio::sync::Notify;

use crate::gateway::FUNCTION_HEADER;

pub use approach_05_other_triggers::NAME;
use approach_05_other_triggers::{COMMAND_CONSUMER, QUERY_RESOLVER, TEMPLATE};

/// What Lambda hands a consumer at most, and what the template's event source asks for.
const BATCH: usize = 10;
/// The queue the consumer's SQS event reads, in the template.
const QUEUE: &str = "CommandQueue";

/// A message as the queue holds it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub message_id: String,
    pub body: String,
    /// How often it was handed to the consumer.
    pub receive_count: u32,
}

/// The queue and its dead-letter queue, with what the consumer finished.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Queues {
    pub queued: VecDeque<Message>,
    pub in_flight: Vec<Message>,
    pub done: Vec<Message>,
    pub dead_letters: Vec<Message>,
    #[serde(skip)]
    sent: u64,
}

struct Shared {
    app: App<Table>,
    queues: Mutex<Queues>,
    arrived: Notify,
    max_receive_count: u32,
}

impl Shared {
    fn queues(&self) -> std::sync::MutexGuard<'_, Queues> {
        self.queues.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The template's `maxReceiveCount` on the command queue.
fn max_receive_count() -> Result<u32, String> {
    let template = sam::Template::load(FilePath::new(TEMPLATE)).map_err(|e| e.to_string())?;
    let path = [
        "Resources",
        QUEUE,
        "Properties",
        "RedrivePolicy",
        "maxReceiveCount",
    ];
    template
        .get(&path)
        .and_then(sam::expression)
        .and_then(|count| count.parse().ok())
        .ok_or_else(|| format!("{TEMPLATE}: {QUEUE} has no RedrivePolicy maxReceiveCount"))
}

/// The approach's local API on `app`, with its consumer running until the process ends.
pub fn router(app: App<Table>) -> Result<Router, String> {
    let shared = Arc::new(Shared {
        app,
        queues: Mutex::default(),
        arrived: Notify::new(),
        max_receive_count: max_receive_count()?,
    });
    tokio::spawn(consume_forever(Arc::clone(&shared)));
    let routes = Router::new()
        .route("/", get(plumbing::openapi::version))
        .route("/graphql", post(graphql_request))
        .route("/queue", post(enqueue).get(show))
        .route("/queue/{message_id}/redeliver", post(redeliver))
        .with_state(shared);
    Ok(plumbing::http::harden(routes))
}

fn named(function: &'static str, answer: impl IntoResponse) -> Response {
    let mut response = answer.into_response();
    response
        .headers_mut()
        .insert(FUNCTION_HEADER, HeaderValue::from_static(function));
    response
}

/// Resolves each field as AppSync would: an event to the resolver function.
struct AppSync(App<Table>);

impl Fields for AppSync {
    fn resolve<'a>(
        &'a self,
        field: &'a str,
        arguments: Value,
    ) -> std::pin::Pin<Box<dyn Future<Output = Result<Value, FieldError>> + Send + 'a>> {
        Box::pin(async move {
            let mut event = AppSyncDirectResolverEvent::default();
            event.arguments = Some(arguments);
            "Query".clone_into(&mut event.info.parent_type_name);
            field.clone_into(&mut event.info.field_name);
            tracing::info!(function = QUERY_RESOLVER.name, field, "AppSync event");
            graphql::resolve_event(&self.0, event).await
        })
    }
}

async fn graphql_request(State(shared): State<Arc<Shared>>, body: JsonObject) -> Response {
    let fields: Arc<dyn Fields> = Arc::new(AppSync(shared.app.clone()));
    let answer = graphql::execute(fields, body).await.map(Json);
    named(QUERY_RESOLVER.name, answer)
}

async fn enqueue(State(shared): State<Arc<Shared>>, body: String) -> Response {
    let message_id = {
        let mut queues = shared.queues();
        queues.sent += 1;
        let message_id = format!("local-{:08}", queues.sent);
        queues.queued.push_back(Message {
            message_id: message_id.clone(),
            body,
            receive_count: 0,
        });
        message_id
    };
    shared.arrived.notify_one();
    named(
        COMMAND_CONSUMER.name,
        Json(json!({"messageId": message_id})),
    )
}

async fn show(State(shared): State<Arc<Shared>>) -> Response {
    let queues = serde_json::to_value(&*shared.queues()).unwrap_or_default();
    named(COMMAND_CONSUMER.name, Json(queues))
}

async fn redeliver(State(shared): State<Arc<Shared>>, Path(message_id): Path<String>) -> Response {
    let found = {
        let mut queues = shared.queues();
        let at = queues.done.iter().position(|m| m.message_id == message_id);
        at.map(|at| {
            let message = queues.done.remove(at);
            queues.queued.push_back(message);
        })
    };
    let answer = match found {
        Some(()) => {
            shared.arrived.notify_one();
            Json(json!({"messageId": message_id})).into_response()
        }
        None => plumbing::respond(
            StatusCode::NOT_FOUND,
            format!("No done message has the id `{message_id}`"),
        ),
    };
    named(COMMAND_CONSUMER.name, answer)
}

/// The consumer's event source: batches while there are messages, then waits for more.
async fn consume_forever(shared: Arc<Shared>) {
    loop {
        let batch = take(&shared);
        if batch.is_empty() {
            shared.arrived.notified().await;
            continue;
        }
        let event = sqs_event(&batch);
        let response = match serde_json::from_value::<SqsEvent>(event) {
            Ok(event) => queue::consume(&shared.app, event).await,
            Err(error) => {
                tracing::error!(%error, "not an SQS event");
                continue;
            }
        };
        let failed: Vec<String> = response
            .batch_item_failures
            .into_iter()
            .map(|failure| failure.item_identifier)
            .collect();
        settle(&shared, &failed);
    }
}

/// Up to a batch of queued messages, each received once more.
fn take(shared: &Shared) -> Vec<Message> {
    let mut queues = shared.queues();
    let count = queues.queued.len().min(BATCH);
    let batch: Vec<Message> = queues
        .queued
        .drain(..count)
        .map(|mut message| {
            message.receive_count += 1;
            message
        })
        .collect();
    queues.in_flight.clone_from(&batch);
    batch
}

/// What SQS sends the consumer for `batch`.
fn sqs_event(batch: &[Message]) -> Value {
    let records: Vec<Value> = batch
        .iter()
        .map(|message| {
            json!({
                "messageId": message.message_id,
                "receiptHandle": format!("local-receipt-{}-{}", message.message_id, message.receive_count),
                "body": message.body,
                "attributes": {"ApproximateReceiveCount": message.receive_count.to_string()},
                "messageAttributes": {},
                "eventSource": "aws:sqs",
                "eventSourceARN": format!("arn:aws:sqs:local:000000000000:{QUEUE}"),
                "awsRegion": "local"
            })
        })
        .collect();
    tracing::info!(
        function = COMMAND_CONSUMER.name,
        messages = batch.len(),
        "SQS batch"
    );
    json!({ "Records": records })
}

/// The batch answered: the failed messages back in the queue, or to the dead-letter queue once
/// received `maxReceiveCount` times; the others done.
fn settle(shared: &Shared, failed: &[String]) {
    let mut queues = shared.queues();
    for message in std::mem::take(&mut queues.in_flight) {
        if !failed.contains(&message.message_id) {
            queues.done.push(message);
        } else if message.receive_count >= shared.max_receive_count {
            tracing::warn!(message_id = %message.message_id, "moved to the dead-letter queue");
            queues.dead_letters.push(message);
        } else {
            queues.queued.push_back(message);
        }
    }
    drop(queues);
    shared.arrived.notify_one();
}

/// What the start-up banner lists.
pub fn banner() -> Vec<String> {
    vec![
        format!(
            "  POST   /graphql    -> {} (AppSync events)",
            QUERY_RESOLVER.name
        ),
        format!(
            "  POST   /queue      -> {} (SQS batches: {})",
            COMMAND_CONSUMER.name,
            COMMANDS.map(library::core::Operation::name).join(", ")
        ),
        "  GET    /queue      the queue, what was done, the dead-letter queue".to_owned(),
        "  POST   /queue/{messageId}/redeliver".to_owned(),
    ]
}
