//! The adapters: everything the core does not know about.
//!
//! - [`http`]: axum in front of the core: requests into payloads, errors into status codes, the
//!   OpenAPI document;
//! - [`dynamodb`]: the core's storage ports on the DynamoDB table, one transaction per command.

pub mod dynamodb;
pub mod http;
