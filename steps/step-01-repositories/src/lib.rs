//! Step 01, repositories: the same CRUD API as step 00, but the handlers no longer know the
//! table. Each reads its request and asks the [`repository`] of its entity, which turns the
//! entity into an item and back through the entity's [`records`] and calls the primitives in
//! [`table`].

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
use plumbing::clock::{Clock, SystemClock};
use plumbing::dynamodb::TableConfig;
use plumbing::ksuid::{IdGenerator, RandomKsuids};
use utoipa_axum::router::OpenApiRouter;

use author::Author;
use book::Book;
pub use error::ApiError;
pub use plumbing::http::serve;
use rental::Rental;
use repository::Repository;
use user::User;

/// What every handler needs: one SDK client per process, the table names, and the id generator
/// and clock (injected so tests and transcripts can be deterministic).
#[derive(Clone)]
pub struct AppState {
    pub db: aws_sdk_dynamodb::Client,
    pub tables: Arc<TableConfig>,
    pub ids: Arc<dyn IdGenerator>,
    pub clock: Arc<dyn Clock>,
}

impl AppState {
    /// Production wiring: random KSUIDs and the system clock.
    pub fn new(db: aws_sdk_dynamodb::Client, tables: TableConfig) -> Self {
        Self {
            db,
            tables: Arc::new(tables),
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

    pub fn authors(&self) -> Repository<Author> {
        Repository::new(self.clone())
    }

    pub fn books(&self) -> Repository<Book> {
        Repository::new(self.clone())
    }

    pub fn rentals(&self) -> Repository<Rental> {
        Repository::new(self.clone())
    }

    pub fn users(&self) -> Repository<User> {
        Repository::new(self.clone())
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
