//! AWS SDK errors as one readable line (the SDK's own `Display` hides the cause).

use aws_sdk_dynamodb::error::DisplayErrorContext;

pub fn error(error: impl std::error::Error) -> anyhow::Error {
    anyhow::anyhow!("{}", DisplayErrorContext(error))
}
