//! Reading and writing DynamoDB attribute values.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use plumbing::Failure;

use crate::core::model::{Id, Status};
use crate::core::ports::StorageError;

pub use plumbing::dynamodb::expression::Change;

pub type Item = HashMap<String, AttributeValue>;

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

/// A string attribute the item must have; a stored item without it is unreadable.
pub fn text(item: &Item, name: &str) -> Result<String, StorageError> {
    match item.get(name) {
        Some(AttributeValue::S(value)) => Ok(value.clone()),
        _ => Err(malformed(format!(
            "stored item has no string attribute `{name}`"
        ))),
    }
}

/// The id inside a key attribute such as `Author#<id>`.
pub fn id_in<E>(item: &Item, key_attribute: &str) -> Result<Id<E>, StorageError> {
    let key = text(item, key_attribute)?;
    key.split_once('#')
        .and_then(|(_, id)| Id::parse(id))
        .ok_or_else(|| malformed(format!("malformed key `{key}` in `{key_attribute}`")))
}

/// The `status` attribute, one of `S`'s values.
pub fn status<S: Status>(item: &Item) -> Result<S, StorageError> {
    let text = text(item, "status")?;
    S::parse("status", &text).map_err(|_| malformed(format!("unknown status `{text}`")))
}

/// A stored item that does not read back as its entity.
fn malformed(detail: String) -> StorageError {
    Failure::Unreadable(detail).into()
}
