//! The shipped binaries, run as Lambda runs them (see `lambda_harness::bootstrap`).

lambda_harness::bootstrap_tests!(approach_02_extract_subdomains::FUNCTIONS);
