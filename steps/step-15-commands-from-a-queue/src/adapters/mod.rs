//! The adapters: everything the core does not know about.
//!
//! - [`http`]: axum in front of the core: requests into payloads, errors into status codes, the
//!   OpenAPI document;
//! - [`dynamodb`]: the core's storage ports on the DynamoDB table, one transaction per command;
//! - [`memory`]: the same ports in memory, with the same all-or-nothing writes;
//! - [`lambda`]: API Gateway and AWS Lambda in front of the HTTP adapter, one function per set of
//!   operations;
//! - [`queue`]: Book Management's commands from an SQS queue, each message once.

pub mod dynamodb;
pub mod http;
pub mod lambda;
pub mod memory;
pub mod queue;
