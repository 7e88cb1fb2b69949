//! Dev-only: Lambda functions in process, the way API Gateway and the Lambda runtime drive them.
//!
//! - [`fixtures`]: the API Gateway REST (v1) proxy events of `deployments/events/`, one per
//!   operation plus variants (the stage in the path, a base64 body).
//! - [`invoke`]: one invocation: an event through `lambda_http`'s own conversion into a request,
//!   the function's service, and its answer as the proxy integration's response.
//! - [`seed`]: the data the fixtures name (the ids of `cargo xtask db seed`), written through
//!   the step-05 `App`.
//! - [`assert_functions`]: what every approach checks of its functions: each fixture answers on
//!   the function that serves its operation exactly as the step-05 HTTP API does, and 404 on
//!   every other function.

mod check;
mod fixtures;
mod invoke;
mod seed;

pub use check::{Answer, assert_functions, reference_answer, rerun_with_stage_ignored};
pub use fixtures::{EVENTS_DIR, Fixture, FixtureError, fixture, fixtures};
pub use invoke::{InvokeError, invoke};
pub use seed::{FIRST_BOOK, JAMES_DOE, JOHN_DOE, SECOND_BOOK, seed};
