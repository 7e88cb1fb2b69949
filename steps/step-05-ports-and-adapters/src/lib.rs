//! Step 05, the end of phase 1: ports and adapters. The library every Lambda deployment links.
//!
//! ```text
//!            HTTP (axum) ─┐                         ┌─ DynamoDB
//!   API Gateway + Lambda ─┼─▶ [ core: commands,  ]──┼─ in memory
//!        (a queue, ...)  ─┘   [ queries, model   ]  └─ (clock, ids)
//!                 adapters      ports = traits      adapters
//! ```
//!
//! [`core`] holds the domain: entities with their rules, the six Book Management operations and
//! the author/user CRUD, and the ports it needs (storage, clock, ids). It imports neither axum nor
//! the AWS SDK. [`adapters`] connect it to the world: HTTP with its one error mapping and its
//! dispatcher, DynamoDB, and an in-memory store with the same all-or-nothing writes.
//!
//! The public API, for binaries and deployments:
//!
//! ```no_run
//! # async fn example() -> std::io::Result<()> {
//! use step_05_ports_and_adapters::{App, Operation, router, serve};
//!
//! // Once per process: SDK client from the standard AWS configuration, names from the env.
//! let app = App::from_env().await;
//! // Or: App::with_dynamodb(client, TableConfig::default()), or App::in_memory().
//!
//! // The routes of some operations (a Lambda function), or all of them (a server).
//! let commands = router(app.clone(), &Operation::BOOK_COMMANDS);
//! let everything = router(app, &Operation::ALL);
//!
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! serve(listener, everything, std::future::pending()).await
//! # }
//! ```

pub mod adapters;
pub mod core;

pub use crate::adapters::clock::{FixedClock, SystemClock};
pub use crate::adapters::dynamodb::{DynamoDb, TableConfig};
pub use crate::adapters::http::{router, serve};
pub use crate::adapters::ids::{RandomKsuids, SequentialKsuids};
pub use crate::adapters::memory::InMemory;
pub use crate::core::{App, Operation};

/// The OpenAPI 3.1 document of the whole API (`router(app, &Operation::ALL)`).
pub fn openapi() -> utoipa::openapi::OpenApi {
    adapters::http::openapi(&Operation::ALL)
}
