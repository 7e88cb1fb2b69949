//! Step 15 over real HTTP: the contract's author, user and task suites on both storage adapters
//! (a fresh embedded DynamoDB per test, and memory), commands through the queue adapter, plus
//! what the commands write to the table and that a cancelled transaction writes nothing.

mod architecture;
mod atomicity;
mod queue;
mod routing;
mod snapshots;
mod storage;
mod tasks;

use contract::Running;
use embedded_dynamodb::Engine;
use plumbing::dynamodb::TableConfig;
use step_15_commands_from_a_queue::core::ports::Storage;
use step_15_commands_from_a_queue::{App, router, serve};
use tokio::net::TcpListener;

/// A fresh embedded engine with the table.
pub async fn engine() -> Engine {
    Engine::with_table()
        .await
        .expect("embedded DynamoDB starts")
}

/// Serves `state` on an ephemeral port.
pub async fn serve_state<S: Storage>(state: App<S>) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(serve(listener, router(state), std::future::pending()));
    Running::new(url).keep_task(server)
}

/// Starts an engine with the table, and the app on an ephemeral port.
pub async fn start() -> (Running, aws_sdk_dynamodb::Client) {
    let engine = engine().await;
    let db = engine.client();
    let state = App::new(db.clone(), TableConfig::default());
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

/// The same suites on the other adapter: the core cannot tell the difference.
mod in_memory {
    use step_15_commands_from_a_queue::App;

    pub async fn spawn() -> contract::Running {
        crate::serve_state(App::in_memory()).await
    }

    contract::author_suite!(crate::in_memory::spawn);
    contract::user_suite!(crate::in_memory::spawn);
    contract::tasks_suite!(crate::in_memory::spawn);
    contract::idempotency_suite!(crate::in_memory::spawn);
}
