//! Approach 01: a commands dispatcher and a queries dispatcher. The first split: two functions,
//! so the query side can only read the table and scales on its own.
//!
//! The function table below is the approach: its binaries run it, its tests check it against
//! `template.yaml`, and the local gateway serves it. See the README for routes, IAM and when to
//! pick this shape.

use step_05_ports_and_adapters::Operation;
use step_05_ports_and_adapters::adapters::lambda::Function;

/// The approach's name, as `cargo xtask` and the local gateway know it.
pub const NAME: &str = env!("CARGO_PKG_NAME");

/// The approach's SAM template.
pub const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/template.yaml");

/// Every function of the approach: one binary each, one resource each in `template.yaml`.
pub const FUNCTIONS: [Function; 2] = [COMMANDS_DISPATCHER, QUERIES_DISPATCHER];

/// `CommandsDispatcher`: the three commands; writes the table.
pub const COMMANDS_DISPATCHER: Function = Function {
    name: "CommandsDispatcher",
    binary: "approach-01-commands-dispatcher",
    operations: &Operation::BOOK_COMMANDS,
};

/// `QueriesDispatcher`: the three queries; only reads.
pub const QUERIES_DISPATCHER: Function = Function {
    name: "QueriesDispatcher",
    binary: "approach-01-queries-dispatcher",
    operations: &Operation::BOOK_QUERIES,
};

// The checks live here rather than in `tests/`: an integration test would make `cargo test` link
// every function's binary too, for nothing (clippy still checks them).
#[cfg(test)]
mod tests {
    use super::FUNCTIONS;

    /// The template against the function table and the binaries (see `support/sam`).
    #[test]
    fn the_template_deploys_exactly_the_function_table() {
        sam::assert_approach(env!("CARGO_MANIFEST_DIR"), &FUNCTIONS);
    }

    /// Every event fixture of `deployments/events/` on every function (see
    /// `support/lambda-harness`).
    #[tokio::test]
    async fn every_function_answers_every_fixture() {
        lambda_harness::assert_functions(&FUNCTIONS).await;
    }

    #[test]
    fn the_same_with_the_stage_left_out_of_the_path() {
        lambda_harness::rerun_with_stage_ignored("tests::every_function_answers_every_fixture");
    }
}
