//! The `MissingBooksHandler` Lambda function (see the crate documentation and `template.yaml`).

use approach_02_extract_subdomains::MISSING_BOOKS_HANDLER;
use library::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    MISSING_BOOKS_HANDLER.run().await
}
