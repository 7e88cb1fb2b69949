//! The `MonolithicDispatcher` Lambda function (see the crate documentation and `template.yaml`).

use approach_00_monolithic_dispatcher::MONOLITHIC_DISPATCHER;
use library::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    MONOLITHIC_DISPATCHER.run().await
}
