//! Every way a request can fail, and the one place that turns a failure into an HTTP answer.

use std::fmt::Debug;

use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("Validation Error: '{0}'")]
    Validation(String),
    #[error("Entity Not Found: {0}")]
    NotFound(&'static str),
    #[error("Entity Already Exists: {0}")]
    AlreadyExists(&'static str),
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
            Self::AlreadyExists(_) => StatusCode::CONFLICT,
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

/// SDK failures the handlers did not expect. Conditional-check failures never get here: the
/// calls that set conditions turn them into [`ApiError::NotFound`] or
/// [`ApiError::AlreadyExists`] first.
impl<E, R> From<SdkError<E, R>> for ApiError
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
            Self::StorageUnavailable(detail)
        } else {
            Self::Internal(detail)
        }
    }
}
