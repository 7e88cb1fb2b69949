//! Approach 02: extract subdomains. Split by domain rather than by kind: the missing-books
//! subdomain (its command and its query) gets a function of its own.
//!
//! Fixed from the original, whose missing-books function ran the queries' entry point and so
//! could not serve its command: here it serves both of its operations.
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
pub const FUNCTIONS: [Function; 3] = [
    MISSING_BOOKS_HANDLER,
    REST_OF_COMMANDS_DISPATCHER,
    REST_OF_QUERIES_DISPATCHER,
];

/// `MissingBooksHandler`: the missing-books subdomain: `ReportMissingBook` and `GetMissingBooks`.
/// It serves a command, so it may write.
pub const MISSING_BOOKS_HANDLER: Function = Function {
    name: "MissingBooksHandler",
    binary: "approach-02-missing-books-handler",
    operations: &[Operation::ReportMissingBook, Operation::GetMissingBooks],
};

/// `RestOfCommandsDispatcher`: the other commands: `AddNewBook` and `BorrowBook`.
pub const REST_OF_COMMANDS_DISPATCHER: Function = Function {
    name: "RestOfCommandsDispatcher",
    binary: "approach-02-rest-of-commands-dispatcher",
    operations: &[Operation::AddNewBook, Operation::BorrowBook],
};

/// `RestOfQueriesDispatcher`: the other queries: `GetBooksByAuthor` and `GetBorrowedBooksForUser`;
/// only reads.
pub const REST_OF_QUERIES_DISPATCHER: Function = Function {
    name: "RestOfQueriesDispatcher",
    binary: "approach-02-rest-of-queries-dispatcher",
    operations: &[
        Operation::GetBooksByAuthor,
        Operation::GetBorrowedBooksForUser,
    ],
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
