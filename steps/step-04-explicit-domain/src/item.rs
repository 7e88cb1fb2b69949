//! Stored items as the repositories see them, and reading them back into the model.

use std::collections::HashMap;

use crate::error::Error;
use crate::model::{InvalidId, Status, Timestamp};

/// Attribute name to value. Every attribute this API stores is a string, so the storage port
/// speaks plain strings and only the DynamoDB adapter knows about attribute value types.
pub type Item = HashMap<String, String>;

/// A string attribute the item must have; a stored item without it is a server-side fault.
pub fn text(item: &Item, name: &str) -> Result<String, Error> {
    item.get(name)
        .cloned()
        .ok_or_else(|| malformed(&format!("no string attribute `{name}`")))
}

/// The id inside a key attribute such as `Author#<id>`.
pub fn id_in<T>(
    item: &Item,
    key_attribute: &str,
    parse: fn(&str) -> Result<T, InvalidId>,
) -> Result<T, Error> {
    let key = text(item, key_attribute)?;
    key.split_once('#')
        .and_then(|(_, id)| parse(id).ok())
        .ok_or_else(|| malformed(&format!("malformed key `{key}` in `{key_attribute}`")))
}

/// A status attribute; a stored value outside the enumeration is a server-side fault too.
pub fn status<S: Status>(item: &Item) -> Result<S, Error> {
    let text = text(item, "status")?;
    S::from_name(&text).ok_or_else(|| malformed(&format!("unknown status `{text}`")))
}

pub fn timestamp(item: &Item, name: &str) -> Result<Timestamp, Error> {
    let text = text(item, name)?;
    Timestamp::parse(&text).ok_or_else(|| malformed(&format!("`{name}` is not a date: {text}")))
}

fn malformed(detail: &str) -> Error {
    Error::Internal(format!("stored item: {detail}"))
}
