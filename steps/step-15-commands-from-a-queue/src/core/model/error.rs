//! What can go wrong, in the domain's words. The HTTP error type turns these into status codes
//! in one place; another adapter could answer them differently.

use plumbing::Failure;
use plumbing::Rejection;
use plumbing::idempotency::{HEADER, ReceiptError};
use plumbing::page::INVALID_TOKEN;

use crate::core::model::{BookId, UserId};
use crate::core::ports::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input validation: the request cannot be processed as sent (a missing field, a malformed
    /// id). Nothing was read or written.
    #[error("Validation Error: '{0}'")]
    Invalid(String),
    #[error("Entity Not Found: {0}")]
    NotFound(&'static str),
    /// Business validation: the request is well-formed, but a rule of the library forbids it.
    #[error("Business Rule Violated: {0}")]
    RuleViolated(#[from] Rule),
    /// A create found the entity already there (creates never overwrite).
    #[error("Entity Already Exists: {0}")]
    AlreadyExists(&'static str),
    /// A write was refused because the entity changed after the command read it; nothing was
    /// written.
    #[error("Conflict: {0} changed while the request ran; nothing was written")]
    Conflict(&'static str),
    /// A stored item that does not fit the model (written by something else). Its detail goes to
    /// the log only; a listing skips such an item instead.
    #[error("Entity Unreadable: the stored item does not fit the model")]
    Unreadable(String),
    /// Storage cannot be reached. The detail goes to the log only.
    #[error("Storage Unavailable")]
    StorageUnavailable(String),
    /// Anything unexpected. The detail goes to the log only.
    #[error("Uncaught Exception")]
    Internal(String),
}

impl Error {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid(message.into())
    }
}

/// The library's business rules, each one a reason to refuse a well-formed request.
#[derive(Debug, thiserror::Error)]
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
    /// `DeleteAuthor`, `DeleteUser`: an author with books, or a user who holds some, stays.
    #[error("{0} has books in the library and cannot be deleted")]
    HasBooks(&'static str),
    /// `UpdateUser`: only the tasks change a status; CRUD cannot lift a suspension.
    #[error("A user's status changes only through the library's tasks")]
    StatusByTasksOnly,
}

/// The field checks of the plumbing refuse with its rejection; only `Invalid` comes from them.
impl From<Rejection> for Error {
    fn from(rejection: Rejection) -> Self {
        match rejection {
            Rejection::Invalid(message) => Self::Invalid(message),
            other => Self::Internal(other.to_string()),
        }
    }
}

/// A receipt that cannot answer: its key was sent with another request, or it does not read back.
impl From<ReceiptError> for Error {
    fn from(error: ReceiptError) -> Self {
        match error {
            ReceiptError::OtherRequest => Self::AlreadyExists(HEADER),
            ReceiptError::Unreadable(detail) => Self::Unreadable(detail),
        }
    }
}

/// What a storage outcome means to a caller that has nothing more specific to say.
impl From<StorageError> for Error {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::NotFound(entity) => Self::NotFound(entity),
            StorageError::AlreadyExists(entity) => Self::AlreadyExists(entity),
            StorageError::HasBooks(entity) => Self::RuleViolated(Rule::HasBooks(entity)),
            StorageError::ConditionFailed(entity) => Self::Conflict(entity),
            StorageError::InvalidCursor => Self::invalid(INVALID_TOKEN),
            StorageError::Failure(Failure::Unavailable(detail)) => Self::StorageUnavailable(detail),
            StorageError::Failure(Failure::Unreadable(detail)) => Self::Unreadable(detail),
            StorageError::Failure(Failure::Failed(detail)) => Self::Internal(detail),
        }
    }
}
