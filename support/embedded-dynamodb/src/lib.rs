//! Development support shared by tests and `cargo xtask`; never linked into a shipped binary.
//!
//! - [`table`]: the one definition of the library table (keys, GSIs, billing) and the calls that
//!   create and destroy it through the real `aws-sdk-dynamodb` client.
//! - [`sample`]: the sample library with fixed ids (what `cargo xtask db seed` writes and the
//!   Lambda event fixtures name).
//! - [`Engine`]: the `dynoxide` DynamoDB emulator serving the real DynamoDB JSON protocol on a
//!   loopback listener inside the calling process, in memory or backed by a SQLite file.
//! - [`EngineProxy`]: an endpoint in front of an engine that lets a test slip a change in right
//!   before a transaction, to reproduce races.

mod engine;
mod proxy;
pub mod sample;
pub mod table;

pub use engine::{Engine, EngineError, local_client};
pub use proxy::EngineProxy;
pub use table::{TableError, TableNames};
