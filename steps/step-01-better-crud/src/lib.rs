//! Step 01, better CRUD: the same API as step 00, but the handlers no longer know the table.
//! Each one reads its request and calls the repository of its entity ([`repository`]), which owns
//! the key layout, the ids and the mapping to and from stored items, and reaches DynamoDB only
//! through the storage port ([`storage`]) and its one adapter ([`table`]).

pub mod author;
pub mod book;
pub mod clock;
pub mod config;
pub mod error;
pub mod ids;
pub mod item;
pub mod openapi;
pub mod pagination;
pub mod rental;
pub mod repository;
pub mod request;
pub mod status;
pub mod storage;
pub mod table;
pub mod user;

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use tokio::net::TcpListener;
use tower_http::normalize_path::NormalizePathLayer;
use utoipa_axum::router::OpenApiRouter;

pub use clock::{Clock, FixedClock, SystemClock};
pub use config::Config;
pub use error::ApiError;
pub use ids::{IdGenerator, RandomKsuids, SequentialKsuids};
use repository::{AuthorRepository, BookRepository, Records, RentalRepository, UserRepository};
use storage::Storage;
use table::DynamoDbTable;

/// What the repositories are made of: the storage, and the id generator and clock (injected so
/// tests and transcripts can be deterministic).
#[derive(Clone)]
pub struct AppState {
    pub storage: Arc<dyn Storage>,
    pub ids: Arc<dyn IdGenerator>,
    pub clock: Arc<dyn Clock>,
}

impl AppState {
    /// Production wiring: the DynamoDB table through `db`, random KSUIDs and the system clock.
    pub fn new(db: aws_sdk_dynamodb::Client, config: Config) -> Self {
        Self {
            storage: Arc::new(DynamoDbTable::new(db, config)),
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

    pub fn authors(&self) -> AuthorRepository {
        AuthorRepository::new(self.records(), Arc::clone(&self.ids))
    }

    pub fn books(&self) -> BookRepository {
        BookRepository::new(self.records(), Arc::clone(&self.ids))
    }

    pub fn rentals(&self) -> RentalRepository {
        RentalRepository::new(self.records())
    }

    pub fn users(&self) -> UserRepository {
        UserRepository::new(self.records(), Arc::clone(&self.ids))
    }

    fn records<E: repository::Entity>(&self) -> Records<E> {
        Records::new(Arc::clone(&self.storage), Arc::clone(&self.clock))
    }
}

/// The routes of this step, with the OpenAPI document that describes them.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::document())
        .routes(utoipa_axum::routes!(openapi::version))
        .merge(author::routes())
        .merge(book::routes())
        .merge(rental::routes())
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
