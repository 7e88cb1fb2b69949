//! Items and their attributes: keys are `<Type>#<id>`, every other attribute is a string.

use std::collections::HashMap;
use std::fmt::Display;

use aws_sdk_dynamodb::types::AttributeValue;

use crate::core::Entity;
use crate::core::model::{InvalidId, Status, Timestamp};
use crate::core::ports::StorageError;

pub type Item = HashMap<String, AttributeValue>;

/// A change to one attribute, for an update expression.
pub type Change = (&'static str, AttributeValue);

pub const RESOURCE_ID: &str = "resourceId";
pub const SUB_RESOURCE_ID: &str = "subResourceId";
pub const TYPE: &str = "type";
pub const STATUS: &str = "status";

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

/// `Author#<id>`: how one entity names another in keys.
pub fn reference(entity: Entity, id: &impl Display) -> String {
    format!("{entity}#{id}")
}

pub fn key(resource_id: String, sub_resource_id: String) -> Item {
    Item::from([
        (RESOURCE_ID.to_owned(), s(resource_id)),
        (SUB_RESOURCE_ID.to_owned(), s(sub_resource_id)),
    ])
}

/// A new item: its key, its `type`, and its own attributes.
pub fn new_item(entity: Entity, key: Item, attributes: impl IntoIterator<Item = Change>) -> Item {
    let mut item = key;
    item.insert(TYPE.to_owned(), s(entity.name()));
    item.extend(
        attributes
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value)),
    );
    item
}

/// A string attribute the item must have; a stored item without it is a server-side fault.
pub fn text(item: &Item, name: &str) -> Result<String, StorageError> {
    match item.get(name) {
        Some(AttributeValue::S(value)) => Ok(value.clone()),
        _ => Err(malformed(&format!("no string attribute `{name}`"))),
    }
}

/// The id inside a key attribute such as `Author#<id>`.
pub fn id_in<T>(
    item: &Item,
    key_attribute: &str,
    parse: fn(&str) -> Result<T, InvalidId>,
) -> Result<T, StorageError> {
    let key = text(item, key_attribute)?;
    key.split_once('#')
        .and_then(|(_, id)| parse(id).ok())
        .ok_or_else(|| malformed(&format!("malformed key `{key}` in `{key_attribute}`")))
}

pub fn status<S: Status>(item: &Item) -> Result<S, StorageError> {
    let text = text(item, STATUS)?;
    S::from_name(&text).ok_or_else(|| malformed(&format!("unknown status `{text}`")))
}

pub fn timestamp(item: &Item, name: &str) -> Result<Timestamp, StorageError> {
    let text = text(item, name)?;
    Timestamp::parse(&text).ok_or_else(|| malformed(&format!("`{name}` is not a date: {text}")))
}

fn malformed(detail: &str) -> StorageError {
    StorageError::Failed(format!("stored item: {detail}"))
}

/// Stamps a new item: `createdAt` and `updatedAt` are both the time of the write.
pub fn created(mut item: Item, at: Timestamp) -> Item {
    let at = s(at.to_string());
    item.insert("createdAt".to_owned(), at.clone());
    item.insert("updatedAt".to_owned(), at);
    item
}
