//! Step 02, the storage port: the same CRUD API again, but the repository is now a trait, the
//! [`repository::Repository`] of each entity, written in the entities' terms. The handlers depend
//! on that port and on nothing of DynamoDB's; [`table`] is the adapter that implements it for
//! every entity, through the entity's [`records`].

pub mod author;
pub mod book;
pub mod error;
pub mod item;
pub mod openapi;
pub mod records;
pub mod rental;
pub mod repository;
pub mod status;
pub mod table;
pub mod user;

use std::sync::Arc;

use axum::Router;
use plumbing::clock::{Clock, SystemClock, Timestamp};
use plumbing::dynamodb::TableConfig;
use plumbing::ksuid::{IdGenerator, RandomKsuids};
use utoipa_axum::router::OpenApiRouter;

use author::Author;
use book::Book;
pub use error::ApiError;
pub use plumbing::http::serve;
use rental::Rental;
use repository::Repository;
use table::Table;
use user::User;

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

    pub fn authors(&self) -> &impl Repository<Author> {
        &self.storage
    }

    pub fn books(&self) -> &impl Repository<Book> {
        &self.storage
    }

    pub fn rentals(&self) -> &impl Repository<Rental> {
        &self.storage
    }

    pub fn users(&self) -> &impl Repository<User> {
        &self.storage
    }
}

/// The routes of this step, with the OpenAPI document that describes them.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::document())
        .routes(utoipa_axum::routes!(plumbing::openapi::version))
        .merge(author::routes())
        .merge(book::routes())
        .merge(rental::routes())
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
