//! The `QueryResolver` Lambda function (see the crate documentation and `template.yaml`).

use approach_05_other_triggers::QUERY_RESOLVER;
use library::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    QUERY_RESOLVER.run().await
}
