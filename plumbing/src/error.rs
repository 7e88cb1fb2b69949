//! The error body every answer shares, and the requests the plumbing itself refuses.

use axum::Json;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error answer: `{"message": "..."}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub message: String,
}

/// An error answer: `status` with `{"message": message}`, as JSON. A 503 says when to try again
/// (`Retry-After`, in seconds): storage that does not answer is expected back soon.
pub fn respond(status: StatusCode, message: impl Into<String>) -> Response {
    let body = ErrorBody {
        message: message.into(),
    };
    let mut response = (status, Json(body)).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
    }
    response
}

/// What a 503's `Retry-After` says.
pub const RETRY_AFTER_SECONDS: &str = "1";

/// A request refused before any handler logic ran: its body, path or query could not be read, or
/// no route takes it. Each step's own error type wraps this one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// The request cannot be processed as sent.
    #[error("Validation Error: '{0}'")]
    Invalid(String),
    #[error("No Route Found")]
    NoRoute,
    #[error("Method Not Allowed")]
    MethodNotAllowed,
    #[error("Payload Too Large: the request body is limited to {0} bytes")]
    PayloadTooLarge(usize),
    #[error("Request Timeout: the request body did not arrive in time")]
    BodyTimeout,
    /// A body sent as something other than JSON: browsers send `text/plain` cross-site without
    /// asking first, so accepting it would let any page post here.
    #[error("Unsupported Media Type: the request body must be application/json")]
    NotJson,
    /// A handler panicked; the panic itself was logged where it happened.
    #[error("Uncaught Exception")]
    Panicked,
}

impl Rejection {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid(message.into())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Invalid(_) => StatusCode::BAD_REQUEST,
            Self::NoRoute => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Panicked => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        respond(self.status(), self.to_string())
    }
}
