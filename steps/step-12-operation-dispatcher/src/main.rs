//! `step-12-operation-dispatcher`: serves the step on `PORT` (default 3000) against the DynamoDB the standard AWS
//! configuration points at (`AWS_ENDPOINT_URL_DYNAMODB` for a local one).

use step_12_operation_dispatcher::{AppState, router};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    plumbing::server::run(|db, tables| router(AppState::new(db, tables))).await
}
