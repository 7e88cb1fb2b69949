//! Commands through the queue adapter, as Lambda hands it SQS batches: each message's command
//! runs once however often it is delivered, and a batch names exactly the messages that failed
//! (what SQS then delivers again, and after `maxReceiveCount` moves to the dead-letter queue).
//! On DynamoDB, with the HTTP API beside it to look at the library.

use contract::tasks::{
    add_book, books_by_author, borrowed_by, create_author, create_user, missing_books, user,
};
use contract::{Api, Running};
use serde_json::{Value, json};
use step_16_queries_over_graphql::App;
use step_16_queries_over_graphql::adapters::dynamodb::table::Table;
use step_16_queries_over_graphql::adapters::queue::consume;
use step_16_queries_over_graphql::adapters::queue::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};

fn message(id: &str, body: &impl ToString) -> SqsMessage {
    let mut message = SqsMessage::default();
    message.message_id = Some(id.to_owned());
    message.body = Some(body.to_string());
    message
}

/// Delivers `messages` as one batch; the ids of the messages it reports failed.
async fn deliver(app: &App<Table>, messages: Vec<SqsMessage>) -> Vec<String> {
    let mut batch = SqsEvent::default();
    batch.records = messages;
    let SqsBatchResponse {
        batch_item_failures,
        ..
    } = consume(app, batch).await;
    batch_item_failures
        .into_iter()
        .map(|failure| failure.item_identifier)
        .collect()
}

async fn start() -> (App<Table>, Running) {
    let engine = crate::engine().await;
    let app = App::new(engine.client(), plumbing::dynamodb::TableConfig::default());
    (app.clone(), crate::serve_state(app).await.keep(engine))
}

fn borrow(book_id: &str, user_id: &str) -> Value {
    json!({"command": "BorrowBook", "bookId": book_id, "userId": user_id})
}

fn add_new_book(author_id: &str) -> Value {
    json!({"command": "AddNewBook", "author": {"id": author_id}, "title": "Dune", "isbn": "0441172717"})
}

const NONE: [String; 0] = [];

#[tokio::test]
async fn each_command_runs_from_a_message() {
    let (app, running) = start().await;
    let api = &running.api;
    let author_id = create_author(api).await;
    let reader = create_user(api).await;
    assert_eq!(
        deliver(&app, vec![message("m1", &add_new_book(&author_id))]).await,
        NONE
    );
    let books = books_by_author(api, &author_id).await;
    let book_id = books[0]["bookId"]
        .as_str()
        .expect("the new book")
        .to_owned();

    assert_eq!(
        deliver(&app, vec![message("m2", &borrow(&book_id, &reader))]).await,
        NONE
    );
    assert_eq!(
        borrowed_by(api, &reader).await[0]["bookId"],
        book_id.as_str()
    );

    let report = json!({"command": "ReportMissingBook", "bookId": book_id, "userId": reader,
        "authorId": author_id});
    assert_eq!(deliver(&app, vec![message("m3", &report)]).await, NONE);
    assert_eq!(missing_books(api).await[0]["bookId"], book_id.as_str());
    assert_eq!(user(api, &reader).await["status"], "SUSPENDED");
}

/// SQS delivers at least once: the second delivery of a message answers from the first one's
/// receipt, so the book is not added twice and the borrow does not fail as "not available".
#[tokio::test]
async fn a_duplicate_delivery_changes_nothing() {
    let (app, running) = start().await;
    let api = &running.api;
    let author_id = create_author(api).await;
    for _ in 0..2 {
        assert_eq!(
            deliver(&app, vec![message("add", &add_new_book(&author_id))]).await,
            NONE
        );
    }
    assert_eq!(
        books_by_author(api, &author_id)
            .await
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    let (book_id, _) = add_book(api).await;
    let reader = create_user(api).await;
    let before = user(api, &reader).await;
    for _ in 0..2 {
        assert_eq!(
            deliver(&app, vec![message("borrow", &borrow(&book_id, &reader))]).await,
            NONE
        );
    }
    let held = borrowed_by(api, &reader).await;
    assert_eq!(held.as_array().map(Vec::len), Some(1));
    assert_eq!(user(api, &reader).await, before);
    // Another message with the same command is another command: the book is lent already.
    let again = deliver(
        &app,
        vec![message("borrow-again", &borrow(&book_id, &reader))],
    )
    .await;
    assert_eq!(again, ["borrow-again"]);
}

/// Every message of a batch runs; only the failed ones are reported, in order.
#[tokio::test]
async fn a_partial_batch_failure_reports_only_the_failed_messages() {
    let (app, running) = start().await;
    let api = &running.api;
    let author_id = create_author(api).await;
    let reader = create_user(api).await;
    let batch = vec![
        message("good", &add_new_book(&author_id)),
        message("poison", &"{\"command\": "),
        message("unknown", &json!({"command": "BurnBook"})),
        message(
            "no-such-book",
            &borrow(&contract::tasks::fake_id(), &reader),
        ),
        message("no-command", &json!({"bookId": "x"})),
        message("also-good", &add_new_book(&author_id)),
    ];
    let failed = deliver(&app, batch).await;
    assert_eq!(failed, ["poison", "unknown", "no-such-book", "no-command"]);
    assert_eq!(
        books_by_author(api, &author_id)
            .await
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

/// A message that cannot run fails the same way on each delivery and writes nothing: the queue
/// gives up on it after `maxReceiveCount` deliveries and moves it to the dead-letter queue.
#[tokio::test]
async fn a_poison_message_fails_every_delivery_and_writes_nothing() {
    let (app, running) = start().await;
    let api: &Api = &running.api;
    let author_id = create_author(api).await;
    let poison = json!({"command": "AddNewBook", "author": {"id": author_id}, "title": " ",
        "isbn": "0441172717"});
    for _ in 0..3 {
        assert_eq!(
            deliver(&app, vec![message("poison", &poison)]).await,
            ["poison"]
        );
    }
    assert_eq!(books_by_author(api, &author_id).await, json!([]));
}
