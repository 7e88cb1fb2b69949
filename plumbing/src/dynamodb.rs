//! What every DynamoDB adapter needs and none is about: the table's names, the SDK client, the
//! expressions with their placeholders, the continuation token, and what an SDK failure means.

pub mod cursor;
pub mod expression;
pub mod receipt;

use std::fmt::Debug;
use std::time::Duration;

use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, ConfigLoader};
use aws_sdk_dynamodb::error::{BuildError, DisplayErrorContext, ProvideErrorMetadata, SdkError};

use crate::Failure;

/// Table and index names, from the environment with the defaults the SAM templates use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableConfig {
    pub table: String,
    /// GSI `type` + `subResourceId`: everything of a type, books of an author, rentals of a user.
    pub entity_type_index: String,
    /// GSI `type` + `status`: books or rentals in a given status.
    pub entity_status_index: String,
}

/// The variables [`TableConfig::from_env`] reads (the SAM templates set them).
pub const TABLE_NAME_VAR: &str = "DYNAMODB_TABLE_NAME";
pub const ENTITY_TYPE_INDEX_VAR: &str = "DYNAMODB_ENTITY_TYPE_INDEX_NAME";
pub const ENTITY_STATUS_INDEX_VAR: &str = "DYNAMODB_ENTITY_STATUS_INDEX_NAME";

impl Default for TableConfig {
    fn default() -> Self {
        Self {
            table: "library-system-database".to_owned(),
            entity_type_index: "entity-type".to_owned(),
            entity_status_index: "entity-status".to_owned(),
        }
    }
}

impl TableConfig {
    pub fn from_env() -> Self {
        let defaults = Self::default();
        let var = |name: &str, default: String| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.is_empty())
                .unwrap_or(default)
        };
        Self {
            table: var(TABLE_NAME_VAR, defaults.table),
            entity_type_index: var(ENTITY_TYPE_INDEX_VAR, defaults.entity_type_index),
            entity_status_index: var(ENTITY_STATUS_INDEX_VAR, defaults.entity_status_index),
        }
    }
}

/// The SDK client, configured the standard way (`AWS_REGION`, the credential chain,
/// `AWS_ENDPOINT_URL_DYNAMODB` for a local engine), with [`timeouts`]. Meant to be built once per
/// process: it pools connections and caches credentials.
pub async fn client_from_env() -> aws_sdk_dynamodb::Client {
    let aws = with_timeouts(aws_config::defaults(BehaviorVersion::latest()))
        .load()
        .await;
    aws_sdk_dynamodb::Client::new(&aws)
}

/// How long a call may take: a refused connection fails at once, a stalled one within
/// [`OPERATION_TIMEOUT`] (each attempt within [`ATTEMPT_TIMEOUT`], retried by the SDK's standard
/// policy), so a client gets a 503 with `Retry-After` in seconds instead of a hung request.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(2);
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(5);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// The SDK's timeouts, as [`client_from_env`] sets them.
pub fn timeouts() -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .operation_attempt_timeout(ATTEMPT_TIMEOUT)
        .operation_timeout(OPERATION_TIMEOUT)
        .build()
}

/// `loader` with [`timeouts`]: every client the steps and functions build goes through here.
pub fn with_timeouts(loader: ConfigLoader) -> ConfigLoader {
    loader.timeout_config(timeouts())
}

/// Unreachable endpoints and a missing table are unavailable; everything else is a failure.
impl<E, R> From<SdkError<E, R>> for Failure
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
impl From<BuildError> for Failure {
    fn from(error: BuildError) -> Self {
        Self::Failed(format!("building a DynamoDB request: {error}"))
    }
}

/// Whether a call failed only because its condition did not hold.
pub fn is_condition_failure<E: ProvideErrorMetadata, R>(error: &SdkError<E, R>) -> bool {
    error.code() == Some("ConditionalCheckFailedException")
}

/// Whether a query continuing from a start key was refused for that key: one outside the range
/// of a prefix condition, or a key DynamoDB will not take.
pub fn is_foreign_start_key<E: ProvideErrorMetadata, R>(error: &SdkError<E, R>) -> bool {
    error.code() == Some("ValidationException")
}

/// The items of a page that read back as their entity. One that does not (see
/// [`Failure::Unreadable`]) is logged and left out, so a single bad item cannot break every page
/// that holds it.
pub fn readable<Item, T, E: std::fmt::Display>(
    items: &[Item],
    from_item: impl Fn(&Item) -> Result<T, E>,
) -> Vec<T> {
    items
        .iter()
        .filter_map(|item| {
            from_item(item)
                .inspect_err(|error| tracing::warn!(%error, "skipped a stored item"))
                .ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_items_are_left_out_of_a_page() {
        let parse = |text: &&str| text.parse::<u32>();
        assert_eq!(readable(&["1", "x", "3"], parse), vec![1, 3]);
    }
}
