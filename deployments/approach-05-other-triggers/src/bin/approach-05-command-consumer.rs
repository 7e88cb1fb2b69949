//! The `CommandConsumer` Lambda function (see the crate documentation and `template.yaml`).

use approach_05_other_triggers::COMMAND_CONSUMER;
use library::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    COMMAND_CONSUMER.run().await
}
