//! Dev-only: Lambda functions in process, the way API Gateway and the Lambda runtime drive them.
//!
//! - [`fixtures`]: the API Gateway REST (v1) proxy events of `deployments/events/`, one per
//!   operation plus variants (the stage in the path, a base64 body).
//! - [`invoke`]: one invocation: an event through `lambda_http`'s own conversion into a request,
//!   the function's service, and its answer as the proxy integration's response.
//! - [`seed`]: the data the fixtures name (`embedded_dynamodb::sample`, what `cargo xtask db
//!   seed` writes), written through the library's `App`.
//! - [`assert_functions`]: what every approach checks of its functions: each fixture answers on
//!   the function that serves its operation exactly as the library's HTTP API does, and 404 on
//!   every other function.
//! - [`runtime_api`] and [`bootstrap`]: the same check on the real binaries, run as Lambda runs
//!   them, against the Runtime API on loopback; [`linked`]: what each binary holds.

pub mod bootstrap;
mod check;
mod fixtures;
mod invoke;
pub mod linked;
pub mod runtime_api;
mod seed;

pub use check::{Answer, assert_functions, rerun_with_stage_ignored};
pub use fixtures::{EVENTS_DIR, Fixture, FixtureError, fixture, fixtures, trigger_event};
pub use invoke::{InvokeError, invoke};
pub use seed::{seed, seeded};

/// The tests every approach runs, written once: `lambda_harness::approach_tests!(FUNCTIONS);` in
/// the approach's `lib.rs` (with `sam` and `lambda-harness` as dev-dependencies, and `tokio`,
/// which its binaries use anyway). They live in the library rather than `tests/` so `cargo test`
/// does not link every function's binary too.
#[macro_export]
macro_rules! approach_tests {
    ($functions:ident) => {
        #[cfg(test)]
        mod tests {
            /// The template against the function table and the binaries (see `support/sam`).
            #[test]
            fn the_template_deploys_exactly_the_function_table() {
                ::sam::assert_approach(env!("CARGO_MANIFEST_DIR"), &super::$functions);
            }

            /// Every event fixture of `deployments/events/` on every function.
            #[tokio::test]
            async fn every_function_answers_every_fixture() {
                $crate::assert_functions(&super::$functions).await;
            }

            #[test]
            fn the_same_with_the_stage_left_out_of_the_path() {
                $crate::rerun_with_stage_ignored("tests::every_function_answers_every_fixture");
            }
        }
    };
}

/// The tests of an approach's shipped binaries, written once: `tests/bootstrap.rs` holds
/// `lambda_harness::bootstrap_tests!(<approach crate>::FUNCTIONS);`. An integration test, so cargo
/// builds the binaries it runs.
#[macro_export]
macro_rules! bootstrap_tests {
    ($functions:path) => {
        /// Every fixture on every function's binary, through the Runtime API; then an event it
        /// cannot read, and one more it can.
        #[tokio::test]
        async fn every_binary_answers_every_fixture_through_the_runtime_api() {
            $crate::bootstrap::assert_bootstraps(&$functions).await;
        }

        /// A function that cannot reach its table, or has no region, reports `init/error`.
        #[tokio::test]
        async fn a_binary_that_cannot_start_says_why_on_init_error() {
            $crate::bootstrap::assert_init_errors($functions[0]).await;
        }

        /// Each binary links its own operations' handlers only; a query function no write path.
        #[test]
        fn each_binary_holds_only_its_own_operations() {
            $crate::linked::assert_holds_only_its_operations(
                &$functions,
                $crate::bootstrap::binary,
            );
        }
    };
}
