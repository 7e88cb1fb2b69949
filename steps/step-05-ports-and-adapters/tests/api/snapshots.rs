//! The API as reviewed data, in `snapshots/`: the OpenAPI document, and the transcript of this
//! step's walk-through (`support/scenario`) over real HTTP, with deterministic ids and clock.
//! Every step has this file; here the app is built from the core's `App` instead of step 00's
//! `AppState`.
use step_05_ports_and_adapters::{self as step, App, FixedClock, Operation, SequentialKsuids};

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
    let (app, engine) = crate::dynamodb_app().await;
    let app: App<_> = app
        .with_ids(SequentialKsuids::default())
        .with_clock(FixedClock(time::macros::datetime!(2023-11-27 10:00 UTC)));
    let running = crate::serve_app(app, &Operation::ALL).await;
    let scenario = scenario::for_step(env!("CARGO_PKG_NAME")).expect("this step has a scenario");
    let exchanges = scenario::run(scenario, running.api.base_url()).await;
    drop((running, engine));
    insta::assert_yaml_snapshot!("transcript", exchanges.expect("the walk-through runs"));
}
