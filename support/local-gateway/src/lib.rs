//! Dev-only: an approach's API on localhost, the way API Gateway and Lambda serve it.
//!
//! The gateway reads the approach's `template.yaml` and routes each of its API routes to the
//! function the template names: one handler per function, built from the approach's function
//! table with the Lambda adapter's service, exactly what the function's binary runs. Each HTTP
//! request becomes a real API Gateway REST (v1) proxy event, which `lambda_http` converts as it
//! does on Lambda; the function's proxy response becomes the HTTP answer, with an
//! `x-lambda-function` header naming the function, and a log line saying the same.
//!
//! Where API Gateway would answer itself, the gateway answers like the library's API does, so the
//! API contract holds over it: an unknown path is 404 `No Route Found` and a known path with
//! another method is 405 (API Gateway answers both with 403 `Missing Authentication Token`).
//! It also describes itself: `GET /` and `GET /openapi.json` (the operations it routes).
//!
//! No approach deploys the author and user CRUD routes (other contexts), but `BorrowBook` needs a
//! user: [`Options::with_crud`] serves those routes, on the same storage, for requests no
//! template route matches (what the contract suite and a demo need), or seed the table with
//! `cargo xtask db seed`.
//!
//! Approach 05 has no REST API: [`triggers`] plays its AppSync API and its SQS queue instead.

mod approaches;
pub mod bench;
mod event;
mod gateway;
pub mod triggers;

pub use approaches::{APPROACHES, Approach, approach};
pub use event::{BODY_LIMIT, proxy_event, response_from_proxy};
pub use gateway::{GatewayError, Options, Route, router};
