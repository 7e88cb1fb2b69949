//! Step 08 over real HTTP, against a fresh embedded DynamoDB per test: the contract's author,
//! user and task suites, plus what the commands write and that a cancelled transaction writes
//! nothing.

mod atomicity;
mod snapshots;
mod storage;
mod tasks;

use contract::Running;
use embedded_dynamodb::Engine;
use plumbing::dynamodb::TableConfig;
use step_08_validated_commands::{AppState, router, serve};
use tokio::net::TcpListener;

/// A fresh embedded engine with the table.
pub async fn engine() -> Engine {
    Engine::with_table()
        .await
        .expect("embedded DynamoDB starts")
}

/// Serves `state` on an ephemeral port.
pub async fn serve_state(state: AppState) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(serve(listener, router(state), std::future::pending()));
    Running::new(url).keep_task(server)
}

/// Starts an engine with the table, and the app on an ephemeral port.
pub async fn start() -> (Running, aws_sdk_dynamodb::Client) {
    let engine = engine().await;
    let db = engine.client();
    let state = AppState::new(db.clone(), TableConfig::default());
    (serve_state(state).await.keep(engine), db)
}

pub async fn spawn() -> Running {
    let (running, db) = start().await;
    running.with_db(db)
}

contract::author_suite!(crate::spawn);
contract::user_suite!(crate::spawn);
contract::tasks_suite!(crate::spawn);
contract::idempotency_suite!(crate::spawn);
contract::stored_suite!(crate::spawn; a_page_ends_where_the_storage_page_does);
