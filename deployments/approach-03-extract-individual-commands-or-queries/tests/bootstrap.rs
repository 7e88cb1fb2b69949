//! The shipped binaries, run as Lambda runs them (see `lambda_harness::bootstrap`).

lambda_harness::bootstrap_tests!(approach_03_extract_individual_commands_or_queries::FUNCTIONS);
