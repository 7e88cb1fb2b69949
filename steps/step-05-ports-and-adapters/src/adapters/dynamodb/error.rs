//! SDK failures as [`StorageError`]s. A failed condition of a single-item call names the entity
//! its caller gives ([`conditional`]); a transaction's are read from its cancellation reasons.

use std::fmt::Debug;

use aws_sdk_dynamodb::error::{BuildError, DisplayErrorContext, ProvideErrorMetadata, SdkError};

use crate::core::Entity;
use crate::core::ports::StorageError;

/// Unreachable endpoints and a missing table are "unavailable" (503: retry later, or fix the
/// deployment); everything else is a failure (500). Details go to the log only.
impl<E, R> From<SdkError<E, R>> for StorageError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: Debug + Send + Sync + 'static,
{
    fn from(error: SdkError<E, R>) -> Self {
        let unreachable = matches!(
            error,
            SdkError::DispatchFailure(_) | SdkError::TimeoutError(_)
        );
        let missing_table = error.code() == Some("ResourceNotFoundException");
        let detail = DisplayErrorContext(&error).to_string();
        if unreachable || missing_table {
            Self::Unavailable(detail)
        } else {
            Self::Failed(detail)
        }
    }
}

/// A request the SDK refused to build (a required field missing): a bug, not a client error.
impl From<BuildError> for StorageError {
    fn from(error: BuildError) -> Self {
        Self::Failed(format!("building a DynamoDB request: {error}"))
    }
}

/// The result of a call with a condition on `entity`'s item: the condition not holding is
/// [`StorageError::ConditionFailed`], any other failure as above.
pub fn conditional<T, E, R>(
    result: Result<T, SdkError<E, R>>,
    entity: Entity,
) -> Result<T, StorageError>
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: Debug + Send + Sync + 'static,
{
    result.map_err(|error| {
        if error.code() == Some("ConditionalCheckFailedException") {
            StorageError::ConditionFailed(entity)
        } else {
            error.into()
        }
    })
}
