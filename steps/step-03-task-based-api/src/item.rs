//! Stored items as the repositories see them, and reading them back into entities.

use std::collections::HashMap;

use crate::repository::RepositoryError;
use crate::status::Status;

/// Attribute name to value. Every attribute this API stores is a string, so the storage port
/// speaks plain strings and only the DynamoDB adapter knows about attribute value types.
pub type Item = HashMap<String, String>;

/// A string attribute the item must have; a stored item without it is a server-side fault.
pub fn text(item: &Item, name: &str) -> Result<String, RepositoryError> {
    item.get(name).cloned().ok_or_else(|| {
        RepositoryError::Malformed(format!("stored item has no string attribute `{name}`"))
    })
}

/// The id inside a key attribute such as `Author#<id>`.
pub fn id_in(item: &Item, key_attribute: &str) -> Result<String, RepositoryError> {
    let key = text(item, key_attribute)?;
    key.split_once('#')
        .map(|(_, id)| id.to_owned())
        .ok_or_else(|| {
            RepositoryError::Malformed(format!("malformed key `{key}` in `{key_attribute}`"))
        })
}

/// A status attribute; a stored value outside the enumeration is a server-side fault too.
pub fn status<S: Status>(item: &Item, name: &str) -> Result<S, RepositoryError> {
    S::parse(name, &text(item, name)?).map_err(|e| RepositoryError::Malformed(e.to_string()))
}
