//! The queue adapter: Book Management's commands from an Amazon SQS queue, on AWS Lambda. The
//! talk's "other triggers": a producer that need not wait for the library sends a command as a
//! message, and a function consumes the queue in batches.
//!
//! A message names its command and carries the command's JSON body, with the book's id where
//! the HTTP route has it in the path:
//!
//! ```json
//! {"command": "BorrowBook", "bookId": "2Yd7vFcSkFQDzu1LSDybhCXV1wj", "userId": "2Yd89Ain8o95ISdO9xxYK1xxLUO"}
//! ```
//!
//! - **Once, however often delivered.** SQS delivers a message at least once. The message id is
//!   the command's idempotency key, so its receipt is written in the command's own transaction,
//!   and a redelivery answers from it without changing anything.
//! - **Partial batch failures.** Every message of a batch runs; the ones that fail are reported
//!   (`ReportBatchItemFailures`), so only they come back, not the whole batch.
//! - **Not retried forever.** A message that fails (invalid, a rule that refuses, a database that
//!   does not answer) is delivered again until the queue's `maxReceiveCount`, then the queue moves
//!   it to its dead-letter queue, where it waits to be looked at.

use aws_lambda_events::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use lambda_http::lambda_runtime::{self, LambdaEvent, service_fn};
use plumbing::Rejection;
use plumbing::body::JsonObject;
use plumbing::idempotency::IdempotencyKey;
use serde::Serialize;
use serde_json::Value;

pub use aws_lambda_events::sqs;

use crate::adapters::http::book::{
    AddNewBookResponse, BookUserResponse, add_new_book_command, borrow_book_command,
    report_missing_book_command,
};
use crate::adapters::http::error::ApiError;
use crate::adapters::lambda::{Error, start};
use crate::core::commands::{AddNewBook, BorrowBook, ReportMissingBook};
use crate::core::ports::Storage;
use crate::core::{App, Operation};

/// The commands a message may name.
pub const COMMANDS: [Operation; 3] = [
    Operation::AddNewBook,
    Operation::BorrowBook,
    Operation::ReportMissingBook,
];

/// A function fed by a queue: its logical id in the SAM template and its binary.
pub struct Consumer {
    pub name: &'static str,
    pub binary: &'static str,
}

impl Consumer {
    /// The function's `main`: the app built once at the cold start, then every batch consumed.
    pub async fn run(&self) -> Result<(), Error> {
        let app = start().await?;
        let consume = service_fn(|event: LambdaEvent<SqsEvent>| {
            let app = app.clone();
            async move { Ok::<_, Error>(consume(&app, event.payload).await) }
        });
        lambda_runtime::run(consume).await
    }
}

/// Runs every message of `batch`, in order, and names the ones that failed.
pub async fn consume<S: Storage>(app: &App<S>, batch: SqsEvent) -> SqsBatchResponse {
    let mut response = SqsBatchResponse::default();
    for message in &batch.records {
        let id = message.message_id.clone().unwrap_or_default();
        match run(app, message).await {
            Ok(answer) => tracing::info!(message_id = %id, %answer, "command done"),
            Err(error) => {
                let status = error.status().as_u16();
                tracing::warn!(message_id = %id, status, %error, "command failed");
                let mut failure = BatchItemFailure::default();
                failure.item_identifier = id;
                response.batch_item_failures.push(failure);
            }
        }
    }
    response
}

/// One message's command, run with the message id as its idempotency key.
async fn run<S: Storage>(app: &App<S>, message: &SqsMessage) -> Result<Value, ApiError> {
    let body = JsonObject::parse(message.body.as_deref().unwrap_or_default().as_bytes())?;
    let key = match &message.message_id {
        Some(id) => Some(IdempotencyKey::parse(&format!("sqs:{id}"))?),
        None => None,
    };
    let book_id = || body.required_string("bookId");
    match body.required_string("command")?.parse() {
        Ok(Operation::AddNewBook) => {
            let command = AddNewBook {
                idempotency_key: key,
                ..add_new_book_command(&body, &*app.ids)?
            };
            Ok(json(AddNewBookResponse::from(app.execute(command).await?)))
        }
        Ok(Operation::BorrowBook) => {
            let command = BorrowBook {
                idempotency_key: key,
                ..borrow_book_command(&book_id()?, &body)?
            };
            Ok(json(BookUserResponse::from(app.execute(command).await?)))
        }
        Ok(Operation::ReportMissingBook) => {
            let command = ReportMissingBook {
                idempotency_key: key,
                ..report_missing_book_command(&book_id()?, &body)?
            };
            Ok(json(BookUserResponse::from(app.execute(command).await?)))
        }
        _ => Err(Rejection::invalid(format!(
            "Field `command` must be one of {}",
            COMMANDS.map(Operation::name).join(", ")
        ))
        .into()),
    }
}

/// An answer, for the log: the answers are plain structs, which always serialize.
fn json(answer: impl Serialize) -> Value {
    serde_json::to_value(answer).unwrap_or_default()
}
