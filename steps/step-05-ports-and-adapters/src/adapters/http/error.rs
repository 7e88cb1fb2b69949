//! The one place an error becomes an HTTP answer: the core's errors, plus the few only HTTP has.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::core::Error;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Core(#[from] Error),
    #[error("No Route Found")]
    NoRoute,
    #[error("Method Not Allowed")]
    MethodNotAllowed,
    #[error("Payload Too Large: the request body is limited to {0} bytes")]
    PayloadTooLarge(usize),
    /// A handler panicked; the panic itself was logged where it happened.
    #[error("Uncaught Exception")]
    Panicked,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Core(error) => match error {
                Error::Invalid(_) => StatusCode::BAD_REQUEST,
                Error::NotFound(_) => StatusCode::NOT_FOUND,
                Error::RuleViolated(_) | Error::AlreadyExists(_) | Error::Conflict(_) => {
                    StatusCode::CONFLICT
                }
                Error::StorageUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
                Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
            Self::NoRoute => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Panicked => StatusCode::INTERNAL_SERVER_ERROR,
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
        // Internals are logged, never answered.
        match &self {
            Self::Core(Error::StorageUnavailable(detail)) => {
                tracing::error!(%detail, "storage unavailable");
            }
            Self::Core(Error::Internal(detail)) => tracing::error!(%detail, "uncaught exception"),
            _ => {}
        }
        let body = ErrorBody {
            message: self.to_string(),
        };
        (self.status(), Json(body)).into_response()
    }
}
