//! The approach, checked: its template against its function table and binaries (see
//! `support/sam`), and every function driven in process by the API Gateway event fixtures of
//! `deployments/events/` (see `support/lambda-harness`).

use approach_03_extract_individual_commands_or_queries::FUNCTIONS;

#[test]
fn the_template_deploys_exactly_the_function_table() {
    sam::assert_approach(env!("CARGO_MANIFEST_DIR"), &FUNCTIONS);
}

#[tokio::test]
async fn every_function_answers_every_fixture() {
    lambda_harness::assert_functions(&FUNCTIONS).await;
}

#[test]
fn the_same_with_the_stage_left_out_of_the_path() {
    lambda_harness::rerun_with_stage_ignored("every_function_answers_every_fixture");
}
