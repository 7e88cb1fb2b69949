//! The shipped binaries, run as Lambda runs them: each started as a process with Lambda's
//! environment, against the Runtime API on loopback and an embedded DynamoDB, fed the fixtures
//! of `deployments/events/sqs` and `deployments/events/appsync` through `invocation/next`.

use approach_05_other_triggers::{COMMAND_CONSUMER, QUERY_RESOLVER};
use embedded_dynamodb::Engine;
use lambda_harness::bootstrap::{Bootstrap, binary};
use lambda_harness::runtime_api::Outcome;
use lambda_harness::{seeded, trigger_event as event};
use library::Table;
use library::core::{App, Operation};
use serde_json::{Value, json};

fn response(outcome: Outcome) -> Value {
    match outcome {
        Outcome::Response(value) => value,
        Outcome::Error(report) => panic!("an invocation error: {report:?}"),
    }
}

/// The function `name`'s binary, polling the Runtime API, on a table seeded for `operation`.
async fn started(
    name: &str,
    binary_name: &str,
    operation: Operation,
) -> (App<Table>, Engine, Bootstrap) {
    let (app, engine) = seeded(operation).await;
    let function = Bootstrap::start(
        &binary(binary_name),
        name,
        Some(engine.endpoint()),
        &[],
        &[],
    )
    .await;
    function.ready(name).await;
    (app, engine, function)
}

/// A batch, the same batch again (a duplicate delivery), a batch with two bad messages, then an
/// event that is no SQS batch; the process serves each, and the next one.
#[tokio::test]
async fn the_consumer_binary_consumes_batches_through_the_runtime_api() {
    let (app, _engine, function) = started(
        COMMAND_CONSUMER.name,
        COMMAND_CONSUMER.binary,
        Operation::BorrowBook,
    )
    .await;
    let none = json!({"batchItemFailures": []});
    for delivery in ["first", "duplicate"] {
        let answer = response(function.invoke(&event("sqs/BorrowBook.json")).await);
        assert_eq!(answer, none, "{delivery} delivery");
    }
    let partial = response(function.invoke(&event("sqs/partial-failure.json")).await);
    assert_eq!(
        partial,
        json!({"batchItemFailures": [
            {"itemIdentifier": "c80e8021-a70a-42c7-a470-796e1186f753"},
            {"itemIdentifier": "7a1b6f1e-3c2d-4e5f-9a8b-0c1d2e3f4a5b"}
        ]})
    );
    let not_a_batch = function.invoke("[1, 2]").await;
    assert!(matches!(not_a_batch, Outcome::Error(_)), "{not_a_batch:?}");
    let answer = response(function.invoke(&event("sqs/BorrowBook.json")).await);
    assert_eq!(answer, none, "still serving, and still once");

    // One rental, however often the message came.
    let reader = library::core::model::UserId::parse(embedded_dynamodb::sample::JAMES_DOE);
    let page = plumbing::page::Page {
        size: 100,
        order: plumbing::page::SortOrder::Ascending,
        after: None,
    };
    let query = library::core::queries::GetBorrowedBooksForUser {
        user_id: reader.expect("a KSUID"),
        page,
    };
    let held = app.answer(query).await.expect("answered");
    assert_eq!(held.items.len(), 1);
}

/// Each field's event answers its value; a field that cannot be answered is an invocation error
/// whose type AppSync shows.
#[tokio::test]
async fn the_resolver_binary_resolves_appsync_events_through_the_runtime_api() {
    let (_, _engine, function) = started(
        QUERY_RESOLVER.name,
        QUERY_RESOLVER.binary,
        Operation::GetMissingBooks,
    )
    .await;
    let missing = response(
        function
            .invoke(&event("appsync/GetMissingBooks.json"))
            .await,
    );
    assert_eq!(
        missing["items"][0]["bookId"],
        embedded_dynamodb::sample::FIRST_BOOK
    );
    assert_eq!(missing["items"][0]["status"], "MISSING");
    let by_author = response(
        function
            .invoke(&event("appsync/GetBooksByAuthor.json"))
            .await,
    );
    assert!(
        by_author["items"]
            .as_array()
            .is_some_and(|books| books.len() >= 2)
    );

    let mut refused: Value =
        serde_json::from_str(&event("appsync/GetBooksByAuthor.json")).expect("JSON");
    refused["arguments"] = json!({"authorId": "not-a-ksuid"});
    match function.invoke(&refused.to_string()).await {
        Outcome::Error(report) => {
            assert_eq!(report.body["errorType"], "Bad Request");
            assert_eq!(
                report.message(),
                "Validation Error: 'The provided author ID must be a valid KSUID'"
            );
        }
        answer @ Outcome::Response(_) => panic!("expected an invocation error, got {answer:?}"),
    }
}
