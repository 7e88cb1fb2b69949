//! Every way a request can fail, and the one place that turns a failure into an HTTP answer.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::repository::RepositoryError;
use crate::status::InvalidStatus;
use crate::storage::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("Validation Error: '{0}'")]
    Validation(String),
    #[error("Entity Not Found: {0}")]
    NotFound(&'static str),
    /// A rule of the library forbids the change: the request is well-formed, but the book is
    /// not available, say.
    #[error("Business Rule Violated: {0}")]
    RuleViolated(String),
    #[error("Entity Already Exists: {0}")]
    AlreadyExists(&'static str),
    /// A write was refused because the entity changed after the command read it; nothing was
    /// written.
    #[error("Conflict: {0} changed while the request ran; nothing was written")]
    Conflict(&'static str),
    #[error("No Route Found")]
    NoRoute,
    #[error("Method Not Allowed")]
    MethodNotAllowed,
    #[error("Payload Too Large: the request body is limited to {0} bytes")]
    PayloadTooLarge(usize),
    /// DynamoDB could not be reached (or has no table). The detail goes to the log only.
    #[error("Storage Unavailable")]
    StorageUnavailable(String),
    /// Anything unexpected. The detail goes to the log only.
    #[error("Uncaught Exception")]
    Internal(String),
}

impl ApiError {
    pub fn validation(message: impl Into<String>) -> Self {
        Self::Validation(message.into())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Validation(_) => StatusCode::BAD_REQUEST,
            Self::NotFound(_) | Self::NoRoute => StatusCode::NOT_FOUND,
            Self::RuleViolated(_) | Self::AlreadyExists(_) | Self::Conflict(_) => {
                StatusCode::CONFLICT
            }
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::StorageUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The body of every error answer: `{"message": "..."}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            Self::StorageUnavailable(detail) => tracing::error!(%detail, "storage unavailable"),
            Self::Internal(detail) => tracing::error!(%detail, "uncaught exception"),
            _ => {}
        }
        let body = ErrorBody {
            message: self.to_string(),
        };
        (self.status(), Json(body)).into_response()
    }
}

/// What the repositories report, as the API answers it.
impl From<RepositoryError> for ApiError {
    fn from(error: RepositoryError) -> Self {
        match error {
            RepositoryError::NotFound(entity) => Self::NotFound(entity),
            RepositoryError::AlreadyExists(entity) => Self::AlreadyExists(entity),
            RepositoryError::ConditionFailed(entity) => Self::Conflict(entity),
            RepositoryError::NoFieldsToUpdate => Self::validation(error.to_string()),
            RepositoryError::Storage(StorageError::ForeignToken) => {
                Self::validation("Parameter `next` is not a token this listing issued")
            }
            RepositoryError::Storage(StorageError::Unavailable(detail)) => {
                Self::StorageUnavailable(detail)
            }
            RepositoryError::Malformed(_) | RepositoryError::Storage(_) => {
                Self::Internal(error.to_string())
            }
        }
    }
}

/// A status value the client sent that is none of the allowed ones. (A stored one is the
/// repositories' business: [`RepositoryError::Malformed`].)
impl From<InvalidStatus> for ApiError {
    fn from(error: InvalidStatus) -> Self {
        Self::validation(error.to_string())
    }
}
