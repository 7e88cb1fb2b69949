//! Step 10, explicit domain: the same API, but the library's rules are methods of its entities
//! (`book.lend()`, `book.report_missing()`, `user.ensure_may_borrow()`, `user.suspend()`), and a
//! refusal is a [`model::Rule`] in the domain's words. Commands and queries fail with the
//! domain's [`model::Error`]; [`error::ApiError`] turns it into HTTP, once.

pub mod author;
pub mod book;
pub mod book_management;
pub mod commands;
pub mod error;
pub mod item;
pub mod model;
pub mod openapi;
pub mod queries;
pub mod records;
pub mod repository;
pub mod table;
pub mod transaction;
pub mod user;

use std::sync::Arc;

use axum::Router;
use commands::Command;
use plumbing::clock::{Clock, SystemClock, Timestamp};
use plumbing::dynamodb::TableConfig;
use plumbing::ksuid::{IdGenerator, RandomKsuids};
use queries::Query;
use utoipa_axum::router::OpenApiRouter;

pub use error::ApiError;
pub use plumbing::http::serve;
use table::Table;

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

/// The routes of this step, with the OpenAPI document that describes them.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::document())
        .routes(utoipa_axum::routes!(plumbing::openapi::version))
        .merge(author::routes())
        .merge(book::routes())
        .merge(user::routes())
}

/// The OpenAPI 3.1 document of this step, generated from the routes themselves.
pub fn openapi() -> utoipa::openapi::OpenApi {
    plumbing::openapi::finish(api().into_openapi())
}

/// The application: what the binary serves and what the tests drive.
pub fn router(state: AppState) -> Router {
    let (router, document) = api().split_for_parts();
    let document = plumbing::openapi::finish(document);
    plumbing::http::harden(router.merge(plumbing::openapi::serve(document))).with_state(state)
}
