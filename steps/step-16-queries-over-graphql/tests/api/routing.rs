//! A router serves exactly the operations it is given: the others are not there at all, neither
//! as routes nor in its OpenAPI document.

use plumbing::dynamodb::TableConfig;
use serde_json::json;
use step_16_queries_over_graphql::adapters::http::dispatcher::BookQueries;
use step_16_queries_over_graphql::{App, router_for, serve};
use tokio::net::TcpListener;

#[tokio::test]
async fn a_router_of_the_queries_has_no_command() {
    let engine = crate::engine().await;
    let state = App::new(engine.client(), TableConfig::default());
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(serve(
        listener,
        router_for::<BookQueries, _>(state),
        std::future::pending(),
    ));
    let running = contract::Running::new(url).keep_task(server).keep(engine);
    let api = &running.api;
    api.get("/book?status=missing").await.expect(200);
    let body =
        json!({"author": {"name": "A", "birthdate": "1975-02-15"}, "title": "T", "isbn": "I"});
    api.post("/book/new", &body)
        .await
        .expect_error(404, "No Route Found");
    api.get("/author").await.expect_error(404, "No Route Found");
    let document = api.get("/openapi.json").await.expect(200);
    let mut ids: Vec<String> = document.body["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|item| item.as_object().expect("a path item").values())
        .filter_map(|operation| operation["operationId"].as_str().map(str::to_owned))
        .collect();
    ids.sort();
    let expected = [
        "GetApiVersion",
        "GetBooksByAuthor",
        "GetBorrowedBooksForUser",
        "GetMissingBooks",
    ];
    assert_eq!(ids, expected);
}
