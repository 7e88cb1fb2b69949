//! The `RestOfQueriesDispatcher` Lambda function (see the crate documentation and `template.yaml`).

use approach_03_extract_individual_commands_or_queries::REST_OF_QUERIES_DISPATCHER;
use library::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    REST_OF_QUERIES_DISPATCHER.run().await
}
