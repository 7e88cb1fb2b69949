//! Approach 05 served by the local gateway on an embedded DynamoDB holding the sample library:
//! queries over GraphQL answered by `QueryResolver`, commands through the queue consumed by
//! `CommandConsumer`, a redelivery that changes nothing and a poison message that ends in the
//! dead-letter queue.

use std::future::pending;
use std::time::Duration;

use contract::{Api, Running};
use embedded_dynamodb::sample::{FIRST_BOOK, JAMES_DOE, JOHN_DOE};
use library::core::Operation;
use local_gateway::triggers;
use plumbing::http::serve;
use serde_json::{Value, json};
use tokio::net::TcpListener;

async fn spawn() -> Running {
    let (app, engine) = lambda_harness::seeded(Operation::BorrowBook).await;
    let router = triggers::router(app).expect("the template loads");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(serve(listener, router, pending()));
    Running::new(url).keep(engine).keep_task(server)
}

async fn held_by_james(api: &Api) -> Value {
    let query = json!({"query": format!(
        "{{ getBorrowedBooksForUser(userId: \"{JAMES_DOE}\") {{ items {{ bookId status }} }} }}"
    )});
    let reply = api.post("/graphql", &query).await.expect(200);
    assert_eq!(
        reply.header("x-lambda-function").as_deref(),
        Some("QueryResolver")
    );
    reply.body["data"]["getBorrowedBooksForUser"]["items"].clone()
}

async fn enqueue(api: &Api, body: &Value) -> String {
    let reply = api.post("/queue", body).await.expect(200);
    assert_eq!(
        reply.header("x-lambda-function").as_deref(),
        Some("CommandConsumer")
    );
    reply.field("messageId")
}

/// Waits until the message is where `list` (`done`, `deadLetters`) says; the queue's state then.
async fn settled(api: &Api, message_id: &str, list: &str) -> Value {
    for _ in 0..200 {
        let queues = api.get("/queue").await.expect(200).body;
        let there = queues[list]
            .as_array()
            .is_some_and(|messages| messages.iter().any(|m| m["messageId"] == message_id));
        if there {
            return queues;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("{message_id} never reached `{list}`")
}

#[tokio::test]
async fn graphql_queries_are_resolved_by_the_resolver_function() {
    let running = spawn().await;
    let query = json!({"query": format!(
        "{{ getBooksByAuthor(authorId: \"{JOHN_DOE}\", pageSize: 1) {{ items {{ bookId authorId }} next }} }}"
    )});
    let reply = running.api.post("/graphql", &query).await.expect(200);
    assert_eq!(
        reply.header("x-lambda-function").as_deref(),
        Some("QueryResolver")
    );
    let page = &reply.body["data"]["getBooksByAuthor"];
    assert_eq!(page["items"][0]["authorId"], JOHN_DOE);
    assert!(page["next"].is_string(), "John Doe has two books: {page}");
    let refused = json!({"query": "{ getBooksByAuthor(authorId: \"nope\") { next } }"});
    let reply = running.api.post("/graphql", &refused).await.expect(200);
    assert_eq!(
        reply.body["errors"][0]["extensions"]["errorType"],
        "Bad Request"
    );
}

/// A queued `BorrowBook` is consumed; delivered again, it changes nothing (answered from its
/// receipt, not refused, so it does not end in the dead-letter queue either).
#[tokio::test]
async fn a_queued_command_runs_once_however_often_delivered() {
    let running = spawn().await;
    let api = &running.api;
    assert_eq!(held_by_james(api).await, json!([]));
    let borrow = json!({"command": "BorrowBook", "bookId": FIRST_BOOK, "userId": JAMES_DOE});
    let message_id = enqueue(api, &borrow).await;
    settled(api, &message_id, "done").await;
    let held = json!([{"bookId": FIRST_BOOK, "status": "NOT_AVAILABLE"}]);
    assert_eq!(held_by_james(api).await, held);

    let again = api
        .post(&format!("/queue/{message_id}/redeliver"), &json!({}))
        .await
        .expect(200);
    assert_eq!(again.field("messageId"), message_id);
    let queues = settled(api, &message_id, "done").await;
    assert_eq!(queues["done"][0]["receiveCount"], 2, "{queues}");
    assert_eq!(queues["deadLetters"], json!([]));
    assert_eq!(held_by_james(api).await, held);
    api.post("/queue/nope/redeliver", &json!({}))
        .await
        .expect(404);
}

/// A message that cannot run is delivered `maxReceiveCount` times, then waits in the
/// dead-letter queue; the messages beside it are not held up.
#[tokio::test]
async fn a_poison_message_ends_in_the_dead_letter_queue() {
    let running = spawn().await;
    let api = &running.api;
    let poison = enqueue(api, &json!({"command": "BurnBook"})).await;
    let borrow = json!({"command": "BorrowBook", "bookId": FIRST_BOOK, "userId": JAMES_DOE});
    let good = enqueue(api, &borrow).await;
    let queues = settled(api, &poison, "deadLetters").await;
    let dead = &queues["deadLetters"][0];
    assert_eq!(dead["body"], r#"{"command":"BurnBook"}"#);
    assert_eq!(dead["receiveCount"], 3, "the template's maxReceiveCount");
    settled(api, &good, "done").await;
}
