//! Approach 05: other triggers. The talk ends phase 2 with "nothing stops you from introducing
//! other kinds of triggers": here Book Management's commands arrive from an SQS queue and its
//! queries over GraphQL, through AWS AppSync. The same library, two more of its adapters, two
//! functions. See the README for the queue, the schema and IAM.

use library::adapters::graphql::Resolver;
use library::adapters::queue::Consumer;

/// The approach's name, as `cargo xtask` knows it.
pub const NAME: &str = env!("CARGO_PKG_NAME");

/// The approach's SAM template.
pub const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/template.yaml");

/// The GraphQL schema the template deploys: the library's, written by `cargo xtask api update`
/// and checked by this crate's tests.
pub const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");

/// `CommandConsumer`: `AddNewBook`, `BorrowBook` and `ReportMissingBook`, from `CommandQueue`.
pub const COMMAND_CONSUMER: Consumer = Consumer {
    name: "CommandConsumer",
    binary: "approach-05-command-consumer",
};

/// `QueryResolver`: the GraphQL API's three fields, `GetBooksByAuthor`,
/// `GetBorrowedBooksForUser` and `GetMissingBooks`; only reads.
pub const QUERY_RESOLVER: Resolver = Resolver {
    name: "QueryResolver",
    binary: "approach-05-query-resolver",
};

#[cfg(test)]
mod tests {
    use lambda_harness::{seeded, trigger_event};
    use library::adapters::graphql::{self, resolve_event};
    use library::adapters::queue;
    use library::core::Operation;
    use sam::Function;
    use serde_json::{Value, json};

    use super::*;

    /// An event of `deployments/events/`, read as the function's handler reads it.
    fn event<T: serde::de::DeserializeOwned>(path: &str) -> T {
        serde_json::from_str(&trigger_event(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The queue's commands on the consumer, the schema's fields on the resolver.
    #[test]
    fn the_template_deploys_the_consumer_and_the_resolver() {
        let consumer = Function::consumer(&COMMAND_CONSUMER);
        let resolver = Function::resolver(&QUERY_RESOLVER);
        sam::assert_triggers(env!("CARGO_MANIFEST_DIR"), &[consumer], &[resolver]);
    }

    /// The schema AppSync deploys is the library's. `UPDATE_SCHEMA=1` writes it.
    #[test]
    fn the_deployed_schema_is_the_library_schema() {
        let schema = graphql::sdl();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(SCHEMA, &schema).unwrap_or_else(|e| panic!("{SCHEMA}: {e}"));
        }
        let deployed = std::fs::read_to_string(SCHEMA).unwrap_or_default();
        assert!(
            deployed == schema,
            "{SCHEMA} is not the library's GraphQL schema: run \
             UPDATE_SCHEMA=1 cargo test -p approach-05-other-triggers deployed_schema"
        );
    }

    fn failed(response: &queue::sqs::SqsBatchResponse) -> Vec<&str> {
        let failures = response.batch_item_failures.iter();
        failures.map(|f| f.item_identifier.as_str()).collect()
    }

    #[tokio::test]
    async fn the_sqs_fixtures_run_on_the_consumer() {
        let (app, _engine) = seeded(Operation::BorrowBook).await;
        let borrow = queue::consume(&app, event("sqs/BorrowBook.json")).await;
        assert_eq!(failed(&borrow), Vec::<&str>::new());
        // Delivered again: answered from its receipt, not refused as "not available".
        let again = queue::consume(&app, event("sqs/BorrowBook.json")).await;
        assert_eq!(failed(&again), Vec::<&str>::new());
        let partial = queue::consume(&app, event("sqs/partial-failure.json")).await;
        assert_eq!(
            failed(&partial),
            [
                "c80e8021-a70a-42c7-a470-796e1186f753",
                "7a1b6f1e-3c2d-4e5f-9a8b-0c1d2e3f4a5b"
            ],
            "the poison message and the unknown user; the new book is added"
        );
    }

    #[tokio::test]
    async fn the_appsync_fixtures_resolve_on_the_resolver() {
        for (name, operation) in [
            ("GetBooksByAuthor", Operation::GetBooksByAuthor),
            (
                "GetBorrowedBooksForUser",
                Operation::GetBorrowedBooksForUser,
            ),
            ("GetMissingBooks", Operation::GetMissingBooks),
        ] {
            let (app, _engine) = seeded(operation).await;
            let value = resolve_event(&app, event(&format!("appsync/{name}.json")))
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let items = value["items"].as_array().map_or(0, Vec::len);
            assert!(items > 0, "{name}: the seeded books, got {value}");
            assert_eq!(value["next"], Value::Null, "{name}: one page");
            let first = &value["items"][0];
            assert_eq!(
                first
                    .as_object()
                    .map(|o| o.keys().cloned().collect::<Vec<_>>()),
                Some(
                    ["bookId", "authorId", "title", "isbn", "status"]
                        .map(String::from)
                        .to_vec()
                )
            );
        }
        let (app, _engine) = seeded(Operation::GetMissingBooks).await;
        let mut refused: library::adapters::graphql::appsync::AppSyncDirectResolverEvent =
            event("appsync/GetBooksByAuthor.json");
        refused.arguments = Some(json!({"authorId": "not-a-ksuid"}));
        let error = resolve_event(&app, refused).await.expect_err("not a KSUID");
        assert_eq!(error.error_type, "Bad Request");
    }
}
