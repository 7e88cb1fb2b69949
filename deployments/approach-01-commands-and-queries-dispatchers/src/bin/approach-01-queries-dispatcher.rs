//! The `QueriesDispatcher` Lambda function (see the crate documentation and `template.yaml`).

use approach_01_commands_and_queries_dispatchers::QUERIES_DISPATCHER;
use library::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    QUERIES_DISPATCHER.run().await
}
