//! The HTTP adapter's promises beyond the contract: a router serves exactly the operations it
//! is given (what each Lambda function deploys), every operation is routed where its OpenAPI
//! document says, and an unreachable database is a 503.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};
use step_05_ports_and_adapters::adapters::http;
use step_05_ports_and_adapters::{App, Operation, TableConfig, openapi, router};
use tower::ServiceExt as _;

use crate::serve_app;

fn operation_ids(document: &utoipa::openapi::OpenApi) -> Vec<String> {
    let mut ids: Vec<String> = document
        .paths
        .paths
        .values()
        .flat_map(|item| [&item.get, &item.put, &item.post, &item.delete])
        .filter_map(|operation| operation.as_ref()?.operation_id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_document_names_every_operation_in_domain_words() {
    let mut expected: Vec<String> = Operation::ALL.iter().map(|o| o.name().to_owned()).collect();
    expected.push("GetApiVersion".to_owned());
    expected.sort();
    assert_eq!(operation_ids(&openapi()), expected);
}

#[tokio::test]
async fn a_router_serves_only_its_operations() {
    let operations = [Operation::AddNewBook, Operation::BorrowBook];
    let running = serve_app(App::in_memory(), &operations).await;
    let api = &running.api;
    let added = api
        .post(
            "/book/new",
            &json!({"author": {"name": "Ann", "birthdate": "1966-03-02"}, "title": "T", "isbn": "I"}),
        )
        .await
        .expect(200);
    let book_id = added.field("bookId");
    api.post(&format!("/book/{book_id}/borrow"), &json!({}))
        .await
        .expect(400);
    for path in [
        "/book?status=missing".to_owned(),
        format!("/book/by-author/{}", added.field("authorId")),
        "/author".to_owned(),
        "/user".to_owned(),
    ] {
        api.get(&path).await.expect_error(404, "No Route Found");
    }
    api.post(
        &format!("/book/{book_id}/missing"),
        &json!({"userId": "x", "authorId": "y"}),
    )
    .await
    .expect_error(404, "No Route Found");
    api.get("/").await.expect(200);
    let document = api.get("/openapi.json").await.expect(200).body;
    let paths: Vec<&String> = document["paths"]
        .as_object()
        .map(|paths| paths.keys().collect())
        .unwrap_or_default();
    assert_eq!(paths, ["/", "/book/new", "/book/{bookId}/borrow"]);
}

#[test]
fn listing_an_operation_twice_serves_it_once() {
    let operations = [
        Operation::ListAuthors,
        Operation::ListAuthors,
        Operation::CreateAuthor,
    ];
    let document = http::openapi(&operations);
    assert_eq!(
        operation_ids(&document),
        ["CreateAuthor", "GetApiVersion", "ListAuthors"]
    );
    drop(router(App::in_memory(), &operations));
}

/// For each operation alone: a request at the path and method its document gives reaches a
/// handler (any answer but "no route" or "wrong method"), so the dispatcher and the handlers'
/// annotations agree.
#[tokio::test]
async fn every_operation_is_routed_where_its_document_says() {
    for operation in Operation::ALL {
        let document = http::openapi(&[operation]);
        let document = serde_json::to_value(&document).expect("serializable");
        let mut found = Vec::new();
        for (path, item) in document["paths"].as_object().into_iter().flatten() {
            for (method, details) in item.as_object().into_iter().flatten() {
                if details["operationId"] == operation.name() {
                    found.push((path.clone(), method.clone()));
                }
            }
        }
        let [(path, method)] = found.as_slice() else {
            panic!("{operation} is documented {} times", found.len());
        };
        let concrete = path
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "x"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
        let request = Request::builder()
            .method(method.clone())
            .uri(&concrete)
            .body(Body::from("{}"))
            .expect("a request");
        let response = router(App::in_memory(), &[operation])
            .oneshot(request)
            .await
            .expect("infallible");
        // Every path parameter is the invalid id `x`, so a routed request is answered by its
        // handler (400, or 200 for a listing) before any lookup could say 404.
        let status = response.status();
        assert!(
            ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&status),
            "{operation}: {method} {concrete} answered {status}: not routed"
        );
    }
}

#[tokio::test]
async fn an_unreachable_database_is_a_503_not_a_crash() {
    // A client pointed at a port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let app = App::with_dynamodb(
        embedded_dynamodb::local_client(&dead),
        TableConfig::default(),
    );
    let running = serve_app(app, &Operation::ALL).await;
    for path in ["/author", "/book?status=missing"] {
        let response = reqwest::get(format!("{}{path}", running.api.base_url()))
            .await
            .expect("answer");
        assert_eq!(response.status().as_u16(), 503, "{path}");
        let body: Value = response.json().await.expect("json body");
        assert_eq!(body, json!({"message": "Storage Unavailable"}));
    }
}
