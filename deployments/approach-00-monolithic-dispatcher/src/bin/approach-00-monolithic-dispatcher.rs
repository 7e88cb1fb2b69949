//! The `MonolithicDispatcher` Lambda function (see the crate documentation and `template.yaml`).

use approach_00_monolithic_dispatcher::MONOLITHIC_DISPATCHER;
use step_05_ports_and_adapters::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    MONOLITHIC_DISPATCHER.run().await
}
