//! Approach 00: the monolithic dispatcher. The whole Book Management context, unchanged, in one
//! Lambda function behind every route of the API (a "Lambdalith").
//!
//! The function table below is the approach: its binary runs it, its tests check it against
//! `template.yaml`, and the local gateway serves it. See the README for routes, IAM and when to
//! pick this shape.

use library::adapters::http::dispatcher::BookManagement;
use library::adapters::lambda::{Deployed, Function};

/// The approach's name, as `cargo xtask` and the local gateway know it.
pub const NAME: &str = env!("CARGO_PKG_NAME");

/// The approach's SAM template.
pub const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/template.yaml");

// region: function-table
/// Every function of the approach: one binary each, one resource each in `template.yaml`.
pub const FUNCTIONS: [&dyn Deployed; 1] = [&MONOLITHIC_DISPATCHER];

/// `MonolithicDispatcher`: every command and query: the original single entry point, whose
/// dispatcher sent `GET` to the queries and everything else to the commands. Here the router picks
/// by method and path.
pub const MONOLITHIC_DISPATCHER: Function<BookManagement> =
    Function::new("MonolithicDispatcher", "approach-00-monolithic-dispatcher");
// endregion: function-table

// The tests every approach runs: the template against this table, every fixture on every function.
#[cfg(test)]
lambda_harness::approach_tests!(FUNCTIONS);
