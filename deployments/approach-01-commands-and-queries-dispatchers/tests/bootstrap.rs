//! The shipped binaries, run as Lambda runs them (see `lambda_harness::bootstrap`).

lambda_harness::bootstrap_tests!(approach_01_commands_and_queries_dispatchers::FUNCTIONS);
