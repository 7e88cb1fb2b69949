//! The `RestOfCommandsDispatcher` Lambda function (see the crate documentation and `template.yaml`).

use approach_02_extract_subdomains::REST_OF_COMMANDS_DISPATCHER;
use library::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    REST_OF_COMMANDS_DISPATCHER.run().await
}
