//! Approach 00: the monolithic dispatcher. The whole Book Management context, unchanged, in one
//! Lambda function behind every route of the API (a "Lambdalith").
//!
//! The function table below is the approach: its binary runs it, its tests check it against
//! `template.yaml`, and the local gateway serves it. See the README for routes, IAM and when to
//! pick this shape.

use step_05_ports_and_adapters::Operation;
use step_05_ports_and_adapters::adapters::lambda::Function;

/// The approach's name, as `cargo xtask` and the local gateway know it.
pub const NAME: &str = env!("CARGO_PKG_NAME");

/// The approach's SAM template.
pub const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/template.yaml");

/// Every function of the approach: one binary each, one resource each in `template.yaml`.
pub const FUNCTIONS: [Function; 1] = [MONOLITHIC_DISPATCHER];

/// `MonolithicDispatcher`: every command and query: the original single entry point, whose
/// dispatcher sent `GET` to the queries and everything else to the commands. Here the router picks
/// by method and path.
pub const MONOLITHIC_DISPATCHER: Function = Function {
    name: "MonolithicDispatcher",
    binary: "approach-00-monolithic-dispatcher",
    operations: &Operation::BOOK_MANAGEMENT,
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
