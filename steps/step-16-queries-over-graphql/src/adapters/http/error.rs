//! The one place a failure becomes an HTTP answer: the domain's errors, and the requests the
//! plumbing refused before any handler ran.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use plumbing::Rejection;

use crate::core::model::Error;
use crate::core::ports::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Invalid input, or no route for the request.
    #[error(transparent)]
    Request(#[from] Rejection),
    #[error(transparent)]
    Core(#[from] Error),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Request(rejection) => rejection.status(),
            Self::Core(error) => match error {
                Error::Invalid(_) => StatusCode::BAD_REQUEST,
                Error::NotFound(_) => StatusCode::NOT_FOUND,
                Error::AlreadyExists(_)
                | Error::RuleViolated(_)
                | Error::Conflict(_)
                | Error::Unreadable(_) => StatusCode::CONFLICT,
                Error::StorageUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
                Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // Internals are logged, never answered.
        match &self {
            Self::Core(Error::Unreadable(detail)) => {
                tracing::warn!(%detail, "stored item unreadable");
            }
            Self::Core(Error::StorageUnavailable(detail)) => {
                tracing::error!(%detail, "storage unavailable");
            }
            Self::Core(Error::Internal(detail)) => tracing::error!(%detail, "uncaught exception"),
            _ => {}
        }
        plumbing::respond(self.status(), self.to_string())
    }
}

impl From<StorageError> for ApiError {
    fn from(error: StorageError) -> Self {
        Self::Core(error.into())
    }
}
