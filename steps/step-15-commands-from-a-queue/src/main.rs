//! `step-15-commands-from-a-queue`: serves the whole API on `PORT` (default 3000) against the
//! DynamoDB the standard AWS configuration points at (`AWS_ENDPOINT_URL_DYNAMODB` for a local
//! one), or, with `LIBRARY_STORAGE=memory`, in memory: the same core, another adapter.

use std::process::ExitCode;

use plumbing::server;
use step_15_commands_from_a_queue::{App, router};

#[tokio::main]
async fn main() -> ExitCode {
    match std::env::var("LIBRARY_STORAGE").as_deref() {
        Ok("memory") => {
            server::init_tracing();
            tracing::info!("storage: in memory (gone when the process ends)");
            let listening = server::listen().await;
            server::exit(match listening {
                Ok(listener) => server::serve(listener, router(App::in_memory())).await,
                Err(message) => Err(message),
            })
        }
        Ok("dynamodb") | Err(_) => server::run(|db, tables| router(App::new(db, tables))).await,
        Ok(other) => server::exit(Err(format!(
            "LIBRARY_STORAGE must be `dynamodb` (default) or `memory`, not `{other}`"
        ))),
    }
}
