//! The `GetBooksByAuthorQueryHandler` Lambda function (see the crate documentation and `template.yaml`).

use approach_04_full_separation::GET_BOOKS_BY_AUTHOR_QUERY_HANDLER;
use library::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    GET_BOOKS_BY_AUTHOR_QUERY_HANDLER.run().await
}
