//! What can go wrong, in the core's words. The HTTP adapter turns these into status codes in one
//! place; another adapter (a queue consumer, say) could answer them differently.

use std::fmt;

use crate::core::model::{BookId, InvalidId, UserId};
use crate::core::ports::StorageError;

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

/// What a storage failure means to a caller that has nothing more specific to say.
impl From<StorageError> for Error {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::ConditionFailed(entity) => Self::Conflict(entity),
            StorageError::InvalidCursor => {
                Self::invalid("Parameter `next` is not a token this listing issued")
            }
            StorageError::Unavailable(detail) => Self::StorageUnavailable(detail),
            StorageError::Failed(detail) => Self::Internal(detail),
        }
    }
}
