//! The plumbing every step shares and no step is about.
//!
//! The steps are read as diffs, one idea each. What no idea is about would only blur those
//! diffs if each step carried its own copy, so it lives here, once, and every step (and through
//! the last one, every Lambda function) links it:
//!
//! - [`api_gateway`]: API Gateway events in and proxy responses out, as `lambda_http` converts
//!   them, without its panics on a header or body a client chose;
//! - [`body`], [`extract`]: reading a request defensively, every malformed input a 400 JSON
//!   answer ([`Rejection`]); [`field`]: the checks of a payload's text fields;
//! - [`http`]: the framework's own answers in the same JSON shape (unknown route, wrong method,
//!   oversized body, a panic), the body limit, tracing, and serving a router within limits
//!   (header, body and idle timeouts, a connection limit);
//! - [`openapi`]: the answers every operation can give, `GET /openapi.json` and `GET /`;
//! - [`ksuid`] and [`clock`]: ids and time, behind small injectable ports so tests and
//!   transcripts are deterministic;
//! - [`page`]: list parameters, pages and their continuation token;
//! - [`idempotency`]: the `Idempotency-Key` of a command and the receipt that makes a retry
//!   change nothing;
//! - [`dynamodb`]: the table's configuration, the SDK client, the expressions and the token codec
//!   every DynamoDB adapter needs, and what an SDK failure means ([`Failure`]);
//! - [`server`]: a step's `main`: configuration from the environment, logs, Ctrl-C.

pub mod api_gateway;
pub mod body;
pub mod clock;
pub mod dynamodb;
mod error;
pub mod extract;
pub mod field;
pub mod http;
pub mod idempotency;
pub mod ksuid;
pub mod openapi;
pub mod page;
pub mod server;
mod storage;

pub use error::{ErrorBody, RETRY_AFTER_SECONDS, Rejection, respond};
pub use storage::Failure;
