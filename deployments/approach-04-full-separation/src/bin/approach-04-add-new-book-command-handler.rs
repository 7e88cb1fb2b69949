//! The `AddNewBookCommandHandler` Lambda function (see the crate documentation and `template.yaml`).

use approach_04_full_separation::ADD_NEW_BOOK_COMMAND_HANDLER;
use library::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    ADD_NEW_BOOK_COMMAND_HANDLER.run().await
}
