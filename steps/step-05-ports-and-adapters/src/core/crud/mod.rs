//! Authors and users: plain create, read, update, delete, kept on purpose. The talk reshapes Book
//! Management into tasks; authors and users belong to other contexts whose needs are still CRUD,
//! so they keep step 00's API, now on the same ports as everything else.

mod author;
mod user;

use crate::core::ports::StorageError;
use crate::core::{Entity, Error};

/// A create's condition is "not there yet".
fn already_exists_if_failed(error: StorageError, entity: Entity) -> Error {
    match error {
        StorageError::ConditionFailed(_) => Error::AlreadyExists(entity),
        other => other.into(),
    }
}

/// An update's or delete's condition is "there".
fn not_found_if_failed(error: StorageError, entity: Entity) -> Error {
    match error {
        StorageError::ConditionFailed(_) => Error::NotFound(entity),
        other => other.into(),
    }
}
