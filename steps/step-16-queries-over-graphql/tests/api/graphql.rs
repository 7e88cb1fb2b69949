//! The GraphQL adapter beside the task contract's queries (`over_graphql` in `main.rs`): what
//! only GraphQL has. Errors are the answer's `errors`, with the error type AppSync would show;
//! a body that is not a GraphQL request is the HTTP API's 400; an AppSync event resolves the
//! same fields in process.

use serde_json::{Value, json};
use step_16_queries_over_graphql::App;
use step_16_queries_over_graphql::adapters::graphql::appsync::AppSyncDirectResolverEvent;
use step_16_queries_over_graphql::adapters::graphql::{FieldError, resolve_event};

#[tokio::test]
async fn a_field_error_is_in_the_answer_with_its_type() {
    let running = crate::serve_state(App::in_memory()).await;
    let query = json!({"query": "{ getBooksByAuthor(authorId: \"nope\") { items { bookId } } }"});
    let reply = running.api.post("/graphql", &query).await.expect(200);
    let error = &reply.body["errors"][0];
    assert_eq!(
        error["message"],
        "Validation Error: 'The provided author ID must be a valid KSUID'"
    );
    assert_eq!(error["extensions"]["errorType"], "Bad Request");
    assert_eq!(reply.body["data"], Value::Null);
}

#[tokio::test]
async fn what_is_not_a_graphql_request_is_refused() {
    let running = crate::serve_state(App::in_memory()).await;
    let api = &running.api;
    let reply = api
        .post("/graphql", &json!({"mutation": "{}"}))
        .await
        .expect(400);
    assert!(
        reply
            .message()
            .starts_with("Validation Error: 'Not a GraphQL request"),
        "{}",
        reply.body
    );
    // A request that is GraphQL but not of this schema is GraphQL's own error.
    let unknown = api
        .post("/graphql", &json!({"query": "{ borrowBook }"}))
        .await
        .expect(200);
    assert!(
        unknown.body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("borrowBook"))
    );
    api.send_raw(reqwest::Method::POST, "/graphql", "{")
        .await
        .expect(400);
}

/// Each field is a query of the table: a request cannot ask for hundreds of them.
#[tokio::test]
async fn a_request_asks_for_a_few_fields_not_hundreds() {
    let running = crate::serve_state(App::in_memory()).await;
    let field = |n: usize| format!("m{n}: getMissingBooks {{ items {{ bookId }} next }}");
    let few: Vec<String> = (0..3).map(field).collect();
    let query = json!({"query": format!("{{ {} }}", few.join(" "))});
    let reply = running.api.post("/graphql", &query).await.expect(200);
    assert_eq!(reply.body["data"]["m2"]["items"], json!([]));
    let many: Vec<String> = (0..100).map(field).collect();
    let query = json!({"query": format!("{{ {} }}", many.join(" "))});
    let reply = running.api.post("/graphql", &query).await.expect(200);
    assert_eq!(reply.body["errors"][0]["message"], "Query is too complex.");
}

/// What AppSync sends a direct Lambda resolver: the field and its arguments, with the request,
/// identity and selection it does not need.
fn appsync_event(field: &str, arguments: &Value) -> AppSyncDirectResolverEvent {
    let event = json!({
        "arguments": arguments,
        "identity": null,
        "source": null,
        "request": {"headers": {"x-api-key": "da2-example"}, "domainName": null},
        "info": {"fieldName": field, "parentTypeName": "Query", "variables": {},
            "selectionSetList": ["items", "next"], "selectionSetGraphQL": "{ items { bookId } next }"},
        "prev": null,
        "stash": {}
    });
    serde_json::from_value(event).expect("an AppSync event")
}

#[tokio::test]
async fn an_appsync_event_resolves_its_field() {
    let app = App::in_memory();
    let running = crate::serve_state(app.clone()).await;
    let (book_id, author_id) = contract::tasks::add_book(&running.api).await;
    let event = appsync_event(
        "getBooksByAuthor",
        &json!({"authorId": author_id, "pageSize": 1}),
    );
    let value = resolve_event(&app, event).await.expect("resolved");
    assert_eq!(value["items"][0]["bookId"], book_id.as_str());
    assert_eq!(value["next"], Value::Null, "one book, one page");
    let missing = resolve_event(&app, appsync_event("getMissingBooks", &Value::Null)).await;
    assert_eq!(
        missing.expect("resolved"),
        json!({"items": [], "next": null})
    );

    let refused = resolve_event(
        &app,
        appsync_event("getBooksByAuthor", &json!({"authorId": "x"})),
    );
    let FieldError {
        error_type,
        message,
    } = refused.await.expect_err("not a KSUID");
    assert_eq!(error_type, "Bad Request");
    assert_eq!(
        message,
        "Validation Error: 'The provided author ID must be a valid KSUID'"
    );
    let unknown = resolve_event(&app, appsync_event("borrowBook", &json!({}))).await;
    assert_eq!(
        unknown.map_err(|e| e.error_type),
        Err("Bad Request".to_owned())
    );
}
