//! The adapters: everything the core does not know about.
//!
//! - [`http`]: axum. Reads requests into the core's payloads, maps the core's errors to HTTP in
//!   one place, describes itself in OpenAPI, and holds the dispatcher (operation to handler).
//! - [`dynamodb`]: the storage ports on DynamoDB, one `TransactWriteItems` per command.
//! - [`memory`]: the same ports in one mutex-guarded map, with the same all-or-nothing writes.
//! - [`clock`] and [`ids`]: the system clock and random KSUIDs, plus deterministic stand-ins.

pub mod clock;
pub mod dynamodb;
pub mod http;
pub mod ids;
pub mod lambda;
pub mod memory;
