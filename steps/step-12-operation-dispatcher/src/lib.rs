//! Step 12, the operation dispatcher: the same API, but each operation is a type the HTTP adapter
//! can route ([`adapters::http::dispatcher::Endpoint`]: the command or query it runs), and
//! [`router_for`] serves any set of them, with an OpenAPI document of just that set. What one
//! Lambda function serves is such a set, chosen when it is compiled. (The imports the previous
//! step's move kept working now name the core and the adapters.)

pub mod adapters;
pub mod core;

use std::sync::Arc;

use crate::core::commands::Command;
use crate::core::queries::Query;
use adapters::http::dispatcher::{Endpoints, Everything};
use adapters::http::openapi;
use axum::Router;
use axum::routing::get;
use plumbing::clock::{Clock, SystemClock, Timestamp};
use plumbing::dynamodb::TableConfig;
use plumbing::ksuid::{IdGenerator, RandomKsuids};

use adapters::dynamodb::table::Table;
pub use adapters::http::error::ApiError;
pub use plumbing::http::serve;

/// What every handler needs: the storage adapter, and the id generator and clock (injected so
/// tests and transcripts can be deterministic).
#[derive(Clone)]
pub struct AppState {
    pub storage: Table,
    pub ids: Arc<dyn IdGenerator>,
    pub clock: Arc<dyn Clock>,
}

impl AppState {
    /// Production wiring: the DynamoDB table through `db`, random KSUIDs and the system clock.
    pub fn new(db: aws_sdk_dynamodb::Client, tables: TableConfig) -> Self {
        Self {
            storage: Table::new(db, tables),
            ids: Arc::new(RandomKsuids),
            clock: Arc::new(SystemClock),
        }
    }

    #[must_use]
    pub fn with_ids(mut self, ids: impl IdGenerator + 'static) -> Self {
        self.ids = Arc::new(ids);
        self
    }

    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Carries out `command` on the write side.
    pub async fn execute<C: Command<Table>>(&self, command: C) -> Result<C::Outcome, ApiError> {
        Ok(command.handle(&self.storage, self.now()).await?)
    }

    /// Answers `query` on the read side.
    pub async fn answer<Q: Query<Table>>(&self, query: Q) -> Result<Q::Answer, ApiError> {
        Ok(query.handle(&self.storage).await?)
    }
}

/// The OpenAPI 3.1 document of the whole API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    openapi::document(&Everything::operations())
}

/// The application: what the binary serves and what the tests drive.
pub fn router(state: AppState) -> Router {
    router_for::<Everything>(state)
}

/// A router serving exactly the operations of `E` (a Lambda function's share, say), plus `GET /`
/// and `GET /openapi.json` describing them. Any other route answers 404 `No Route Found`.
pub fn router_for<E: Endpoints>(state: AppState) -> Router {
    let routes = E::add_to(Router::new())
        .route("/", get(plumbing::openapi::version))
        .merge(plumbing::openapi::serve(
            openapi::document(&E::operations()),
        ));
    plumbing::http::harden(routes).with_state(state)
}
