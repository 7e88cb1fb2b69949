//! Step 05 over real HTTP: the author, user and task suites of the contract against both storage
//! adapters (DynamoDB on an embedded engine, and in memory), plus what only this step promises.

mod architecture;
mod atomicity;
mod routing;
mod snapshots;
mod storage;

use contract::Running;
use embedded_dynamodb::Engine;
use step_05_ports_and_adapters::core::ports::Storage;
use step_05_ports_and_adapters::{App, Operation, TableConfig, router, serve};
use tokio::net::TcpListener;

/// Serves `operations` of `app` on an ephemeral port.
pub async fn serve_app<S: Storage>(app: App<S>, operations: &[Operation]) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(serve(
        listener,
        router(app, operations),
        std::future::pending(),
    ));
    Running::new(url).keep_task(server)
}

/// A fresh embedded engine with the table, and the app on it.
pub async fn dynamodb_app() -> (App<step_05_ports_and_adapters::DynamoDb>, Engine) {
    let engine = Engine::with_table()
        .await
        .expect("embedded DynamoDB starts");
    let app = App::with_dynamodb(engine.client(), TableConfig::default());
    (app, engine)
}

pub mod on_dynamodb {
    pub async fn spawn() -> contract::Running {
        let (app, engine) = crate::dynamodb_app().await;
        crate::serve_app(app, &step_05_ports_and_adapters::Operation::ALL)
            .await
            .keep(engine)
    }

    contract::author_suite!(crate::on_dynamodb::spawn);
    contract::user_suite!(crate::on_dynamodb::spawn);
    contract::tasks_suite!(crate::on_dynamodb::spawn);
}

pub mod in_memory {
    pub async fn spawn() -> contract::Running {
        let app = step_05_ports_and_adapters::App::in_memory();
        crate::serve_app(app, &step_05_ports_and_adapters::Operation::ALL).await
    }

    contract::author_suite!(crate::in_memory::spawn);
    contract::user_suite!(crate::in_memory::spawn);
    contract::tasks_suite!(crate::in_memory::spawn);
}
