//! `step-11-ports-and-adapters`: serves the step on `PORT` (default 3000) against the DynamoDB the standard AWS
//! configuration points at (`AWS_ENDPOINT_URL_DYNAMODB` for a local one).

use step_11_ports_and_adapters::{AppState, router};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    plumbing::server::run(|db, tables| router(AppState::new(db, tables))).await
}
