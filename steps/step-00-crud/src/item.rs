//! Reading and writing DynamoDB attribute values.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;

use crate::error::ApiError;

pub type Item = HashMap<String, AttributeValue>;

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

/// A string attribute the item must have; a stored item without it is unreadable.
pub fn text(item: &Item, name: &str) -> Result<String, ApiError> {
    match item.get(name) {
        Some(AttributeValue::S(value)) => Ok(value.clone()),
        _ => Err(ApiError::Unreadable(format!(
            "stored item has no string attribute `{name}`"
        ))),
    }
}

/// The id inside a key attribute such as `Author#<id>`.
pub fn id_in(item: &Item, key_attribute: &str) -> Result<String, ApiError> {
    let key = text(item, key_attribute)?;
    key.split_once('#')
        .map(|(_, id)| id.to_owned())
        .ok_or_else(|| ApiError::Unreadable(format!("malformed key `{key}` in `{key_attribute}`")))
}
