//! Step 04, an explicit domain: the same API as step 03, with the library's rules in its own
//! types ([`model`]). Ids are parsed once into newtypes; a book is lent with `Book::lend` and
//! goes missing with `Book::report_missing`, which refuse with a [`error::Rule`]; a suspended
//! user is refused by `User::ensure_may_borrow`. Each operation parses its payload into a
//! validated command or query first (input validation), then its handler lets the model decide
//! (business validation); [`error::Error`] says what went wrong in the library's words.

pub mod author;
pub mod book;
pub mod clock;
pub mod commands;
pub mod config;
pub mod error;
pub mod ids;
pub mod item;
pub mod model;
pub mod openapi;
pub mod pagination;
pub mod queries;
pub mod repository;
pub mod request;
pub mod storage;
pub mod table;
pub mod user;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use tokio::net::TcpListener;
use tower_http::normalize_path::NormalizePathLayer;
use utoipa_axum::router::OpenApiRouter;

pub use clock::{Clock, FixedClock, SystemClock};
use commands::{Command, Writer};
pub use config::Config;
pub use error::{ApiError, Error};
pub use ids::{IdGenerator, RandomKsuids, SequentialKsuids};
use queries::{Query, Reader};
use storage::{ReadStorage, WriteStorage};
use table::DynamoDbTable;

/// What the two repositories are made of: each side's half of the storage, and the id generator
/// and clock (injected so tests and transcripts can be deterministic).
#[derive(Clone)]
pub struct AppState {
    pub reads: Arc<dyn ReadStorage>,
    pub writes: Arc<dyn WriteStorage>,
    pub ids: Arc<dyn IdGenerator>,
    pub clock: Arc<dyn Clock>,
}

impl AppState {
    /// Production wiring: both sides on the DynamoDB table through `db`, random KSUIDs and the
    /// system clock.
    pub fn new(db: aws_sdk_dynamodb::Client, config: Config) -> Self {
        let table = Arc::new(DynamoDbTable::new(db, config));
        Self {
            reads: table.clone(),
            writes: table,
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

    /// Carries out `command` on the write side.
    pub async fn execute<C: Command>(&self, command: C) -> Result<C::Outcome, Error> {
        let writer = Writer::new(
            Arc::clone(&self.writes),
            Arc::clone(&self.ids),
            Arc::clone(&self.clock),
        );
        command.handle(&writer).await
    }

    /// Answers `query` on the read side.
    pub async fn answer<Q: Query>(&self, query: Q) -> Result<Q::Answer, Error> {
        query.handle(&Reader::new(Arc::clone(&self.reads))).await
    }
}

/// The routes of this step, with the OpenAPI document that describes them.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::document())
        .routes(utoipa_axum::routes!(openapi::version))
        .merge(author::routes())
        .merge(book::routes())
        .merge(user::routes())
}

/// The OpenAPI 3.1 document of this step, generated from the routes themselves.
pub fn openapi() -> utoipa::openapi::OpenApi {
    openapi::finish(api().into_openapi())
}

/// The application: what the binary serves and what the tests drive.
pub fn router(state: AppState) -> Router {
    let (router, document) = api().split_for_parts();
    let document = openapi::finish(document);
    request::harden(router.merge(openapi::serve(document))).with_state(state)
}

/// Serves `router` on `listener` until `shutdown` resolves.
///
/// Trailing slashes are trimmed before routing (`/book/?status=MISSING` is `/book?status=MISSING`,
/// as in the original Express app); that has to wrap the router from outside, because middleware
/// added with `Router::layer` runs after the route is chosen.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = tower::Layer::layer(&NormalizePathLayer::trim_trailing_slash(), router);
    axum::serve(
        listener,
        axum::ServiceExt::<Request>::into_make_service(app),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
