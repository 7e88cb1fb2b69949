//! Every way a request can fail, and the one place that turns a failure into an HTTP answer.

use std::fmt::Debug;

use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use plumbing::Failure;
use plumbing::Rejection;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Invalid input, or no route for the request.
    #[error(transparent)]
    Request(#[from] Rejection),
    #[error("Entity Not Found: {0}")]
    NotFound(&'static str),
    #[error("Entity Already Exists: {0}")]
    AlreadyExists(&'static str),
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
            Self::AlreadyExists(_) | Self::Unreadable(_) => StatusCode::CONFLICT,
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

impl From<Failure> for ApiError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Unavailable(detail) => Self::StorageUnavailable(detail),
            Failure::Unreadable(detail) => Self::Unreadable(detail),
            Failure::Failed(detail) => Self::Internal(detail),
        }
    }
}

/// SDK failures the handlers did not expect. Conditional-check failures never get here: the
/// calls that set conditions turn them into [`ApiError::NotFound`] or
/// [`ApiError::AlreadyExists`] first.
impl<E, R> From<SdkError<E, R>> for ApiError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: Debug + Send + Sync + 'static,
{
    fn from(error: SdkError<E, R>) -> Self {
        Failure::from(error).into()
    }
}
