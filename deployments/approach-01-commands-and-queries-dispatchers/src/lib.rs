//! Approach 01: a commands dispatcher and a queries dispatcher. The first split: two functions,
//! so the query side can only read the table and scales on its own.
//!
//! The function table below is the approach: its binaries run it, its tests check it against
//! `template.yaml`, and the local gateway serves it. See the README for routes, IAM and when to
//! pick this shape.

use library::adapters::http::dispatcher::{BookCommands, BookQueries};
use library::adapters::lambda::{Deployed, Function};

/// The approach's name, as `cargo xtask` and the local gateway know it.
pub const NAME: &str = env!("CARGO_PKG_NAME");

/// The approach's SAM template.
pub const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/template.yaml");

// region: function-table
/// Every function of the approach: one binary each, one resource each in `template.yaml`.
pub const FUNCTIONS: [&dyn Deployed; 2] = [&COMMANDS_DISPATCHER, &QUERIES_DISPATCHER];

/// `CommandsDispatcher`: the three commands; writes the table.
pub const COMMANDS_DISPATCHER: Function<BookCommands> =
    Function::new("CommandsDispatcher", "approach-01-commands-dispatcher");

/// `QueriesDispatcher`: the three queries; only reads.
pub const QUERIES_DISPATCHER: Function<BookQueries> =
    Function::new("QueriesDispatcher", "approach-01-queries-dispatcher");
// endregion: function-table

// The tests every approach runs: the template against this table, every fixture on every function.
#[cfg(test)]
lambda_harness::approach_tests!(FUNCTIONS);
