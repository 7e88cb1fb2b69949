//! The API as reviewed data, in `snapshots/`: the OpenAPI document, and the transcript of this
//! step's walk-through (`support/scenario`) over real HTTP, with deterministic ids and clock.
//! Every step has this file; only the crate name on the next line differs.
use plumbing::clock::FixedClock;
use plumbing::dynamodb::TableConfig;
use plumbing::ksuid::SequentialKsuids;
use step_15_commands_from_a_queue::{self as step, App};

#[test]
fn openapi() {
    insta::assert_yaml_snapshot!("openapi", step::openapi());
}

#[test]
fn openapi_is_valid_openapi_3_1() {
    let document = serde_json::to_value(step::openapi()).expect("the document is JSON");
    if let Err(problem) = scenario::openapi::validate(&document) {
        panic!("{problem}");
    }
}

#[tokio::test]
async fn transcript() {
    let engine = embedded_dynamodb::Engine::with_table()
        .await
        .expect("DynamoDB starts");
    let state = App::new(engine.client(), TableConfig::default())
        .with_ids(SequentialKsuids::default())
        .with_clock(FixedClock(time::macros::datetime!(2023-11-27 10:00 UTC)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let app = tokio::spawn(step::serve(
        listener,
        step::router(state),
        std::future::pending(),
    ));
    let scenario = scenario::for_step(env!("CARGO_PKG_NAME")).expect("this step has a scenario");
    let exchanges = scenario::run(scenario, &url).await;
    app.abort();
    insta::assert_yaml_snapshot!("transcript", exchanges.expect("the walk-through runs"));
}
