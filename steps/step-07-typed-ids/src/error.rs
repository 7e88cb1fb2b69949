//! Every way a request can fail, and the one place that turns a failure into an HTTP answer.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use plumbing::Failure;
use plumbing::Rejection;
use plumbing::idempotency::{HEADER, ReceiptError};
use plumbing::page::INVALID_TOKEN;

use crate::repository::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Invalid input, or no route for the request.
    #[error(transparent)]
    Request(#[from] Rejection),
    #[error("Entity Not Found: {0}")]
    NotFound(&'static str),
    #[error("Entity Already Exists: {0}")]
    AlreadyExists(&'static str),
    /// A rule of the library forbids the change: the request is well-formed, but the book is not
    /// available, say.
    #[error("Business Rule Violated: {0}")]
    RuleViolated(String),
    /// A write was refused because the entity changed after the command read it; nothing was
    /// written.
    #[error("Conflict: {0} changed while the request ran; nothing was written")]
    Conflict(&'static str),
    /// A stored item that does not fit the model (written by something else). Its detail goes to
    /// the log only; a listing skips such an item instead.
    #[error("Entity Unreadable: the stored item does not fit the model")]
    Unreadable(String),
    /// DynamoDB could not be reached (or has no table). The detail goes to the log only.
    #[error("Storage Unavailable")]
    StorageUnavailable(String),
    /// Anything unexpected. The detail goes to the log only.
    #[error("Uncaught Exception")]
    Internal(String),
}

impl ApiError {
    pub fn validation(message: impl Into<String>) -> Self {
        Self::Request(Rejection::invalid(message))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Request(rejection) => rejection.status(),
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::AlreadyExists(_)
            | Self::RuleViolated(_)
            | Self::Conflict(_)
            | Self::Unreadable(_) => StatusCode::CONFLICT,
            Self::StorageUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            Self::Unreadable(detail) => tracing::warn!(%detail, "stored item unreadable"),
            Self::StorageUnavailable(detail) => tracing::error!(%detail, "storage unavailable"),
            Self::Internal(detail) => tracing::error!(%detail, "uncaught exception"),
            _ => {}
        }
        plumbing::respond(self.status(), self.to_string())
    }
}

/// A receipt that cannot answer: its key was sent with another request, or it does not read back.
impl From<ReceiptError> for ApiError {
    fn from(error: ReceiptError) -> Self {
        match error {
            ReceiptError::OtherRequest => Self::AlreadyExists(HEADER),
            ReceiptError::Unreadable(detail) => Self::Unreadable(detail),
        }
    }
}

/// What a storage outcome means for the request.
impl From<StorageError> for ApiError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::NotFound(entity) => Self::NotFound(entity),
            StorageError::AlreadyExists(entity) => Self::AlreadyExists(entity),
            StorageError::HasBooks(entity) => Self::RuleViolated(format!(
                "{entity} has books in the library and cannot be deleted"
            )),
            StorageError::NothingToUpdate => Self::validation("No Fields To Update"),
            StorageError::ConditionFailed(entity) => Self::Conflict(entity),
            StorageError::InvalidCursor => Self::validation(INVALID_TOKEN),
            StorageError::Failure(Failure::Unavailable(detail)) => Self::StorageUnavailable(detail),
            StorageError::Failure(Failure::Unreadable(detail)) => Self::Unreadable(detail),
            StorageError::Failure(Failure::Failed(detail)) => Self::Internal(detail),
        }
    }
}
