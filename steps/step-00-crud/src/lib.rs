//! Step 00, the "before" picture of the talk: a plain CRUD API over authors, books, rentals and
//! users. Every handler builds its DynamoDB keys and items itself and calls the SDK through the
//! few primitives in [`table`]; there is no repository and no domain layer yet.

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
pub mod request;
pub mod status;
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

/// What every handler needs: one SDK client per process, the table names, and the id generator
/// and clock (injected so tests and transcripts can be deterministic).
#[derive(Clone)]
pub struct AppState {
    pub db: aws_sdk_dynamodb::Client,
    pub config: Arc<Config>,
    pub ids: Arc<dyn IdGenerator>,
    pub clock: Arc<dyn Clock>,
}

impl AppState {
    /// Production wiring: random KSUIDs and the system clock.
    pub fn new(db: aws_sdk_dynamodb::Client, config: Config) -> Self {
        Self {
            db,
            config: Arc::new(config),
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
