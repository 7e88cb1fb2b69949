//! What can go wrong, in the library's words ([`Error`], with the business rules as [`Rule`]),
//! and the one place a failure becomes an HTTP answer ([`ApiError`]).

use std::fmt;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::model::{BookId, InvalidId, UserId};
use crate::storage::StorageError;

/// The four kinds of things the library stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Author,
    Book,
    Rental,
    User,
}

impl Entity {
    /// The name used in messages, and stored as each item's `type`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Author => "Author",
            Self::Book => "Book",
            Self::Rental => "Rental",
            Self::User => "User",
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input validation: the request cannot be processed as sent (a missing field, a malformed
    /// id). Nothing was read or written.
    #[error("Validation Error: '{0}'")]
    Invalid(String),
    #[error("Entity Not Found: {0}")]
    NotFound(Entity),
    /// Business validation: the request is well-formed, but a rule of the library forbids it.
    #[error("Business Rule Violated: {0}")]
    RuleViolated(#[from] Rule),
    /// A create found the entity already there (creates never overwrite).
    #[error("Entity Already Exists: {0}")]
    AlreadyExists(Entity),
    /// A write was refused because the entity changed after it was read; nothing was written.
    /// Handlers translate this into a [`Rule`] where they can say which rule.
    #[error("Conflict: {0} changed while the request ran; nothing was written")]
    Conflict(Entity),
    /// Storage cannot be reached. The detail goes to the log only.
    #[error("Storage Unavailable")]
    StorageUnavailable(String),
    /// Anything unexpected (a storage failure, a malformed stored item). The detail goes to the
    /// log only.
    #[error("Uncaught Exception")]
    Internal(String),
}

impl Error {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid(message.into())
    }
}

/// The library's business rules, each one a reason to refuse a well-formed request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rule {
    /// `BorrowBook`: only an AVAILABLE book can be lent.
    #[error("Book {0} is not available")]
    BookNotAvailable(BookId),
    /// `BorrowBook`: a SUSPENDED user cannot borrow.
    #[error("User {0} is suspended")]
    UserSuspended(UserId),
    /// `ReportMissingBook`: only the user who holds a book can report it missing.
    #[error("Book {book} is not borrowed by user {user}")]
    BookNotBorrowedByUser { book: BookId, user: UserId },
}

impl From<InvalidId> for Error {
    fn from(error: InvalidId) -> Self {
        Self::Invalid(error.to_string())
    }
}

/// What a storage failure means when there is no entity to name; the repositories name the
/// entity in the outcomes that are about one (not found, already there, changed meanwhile).
impl From<StorageError> for Error {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::ForeignToken => {
                Self::invalid("Parameter `next` is not a token this listing issued")
            }
            StorageError::Unavailable(detail) => Self::StorageUnavailable(detail),
            StorageError::NoSuchItem
            | StorageError::KeyTaken
            | StorageError::ConditionFailed(_)
            | StorageError::Failed(_) => Self::Internal(error.to_string()),
        }
    }
}

/// Every way a request can fail: the library's errors, plus the few only HTTP has.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Domain(#[from] Error),
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
            Self::Domain(error) => match error {
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
            Self::Domain(Error::StorageUnavailable(detail)) => {
                tracing::error!(%detail, "storage unavailable");
            }
            Self::Domain(Error::Internal(detail)) => {
                tracing::error!(%detail, "uncaught exception");
            }
            _ => {}
        }
        let body = ErrorBody {
            message: self.to_string(),
        };
        (self.status(), Json(body)).into_response()
    }
}
