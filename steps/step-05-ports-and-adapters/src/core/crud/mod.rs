//! Authors and users: plain create, read, update, delete, kept on purpose. The talk reshapes Book
//! Management into tasks; authors and users belong to other contexts whose needs are still CRUD,
//! so they keep step 00's API, now on the same ports as everything else.

mod author;
mod user;

use crate::core::model::InvalidId;
use crate::core::ports::StorageError;
use crate::core::{Entity, Error};

/// CRUD routes name the entity in the path (`/author/{id}`), so their message says just "ID",
/// in step 00's words.
pub fn id_from_path<T>(text: &str, parse: fn(&str) -> Result<T, InvalidId>) -> Result<T, Error> {
    parse(text).map_err(|_| Error::invalid("The provided ID must be a valid KSUID"))
}

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
