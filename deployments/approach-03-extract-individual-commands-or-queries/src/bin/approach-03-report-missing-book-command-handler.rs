//! The `ReportBookAsMissingCommandHandler` Lambda function (see the crate documentation and `template.yaml`).

use approach_03_extract_individual_commands_or_queries::REPORT_BOOK_AS_MISSING_COMMAND_HANDLER;
use library::adapters::lambda::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    REPORT_BOOK_AS_MISSING_COMMAND_HANDLER.run().await
}
