//! The continuation token of a listing: the page's last evaluated key as base64url JSON
//! (`{"resourceId": "...", ...}`), opaque to clients. Every key attribute of the table and its
//! indexes is a string, so the JSON is flat.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::adapters::dynamodb::item::Item;
use crate::core::ports::{Cursor, StorageError};

pub fn encode(key: &Item) -> Option<Cursor> {
    let mut plain = serde_json::Map::new();
    for (name, value) in key {
        plain.insert(name.clone(), value.as_s().ok()?.clone().into());
    }
    let json = serde_json::to_vec(&plain).ok()?;
    Some(Cursor(URL_SAFE_NO_PAD.encode(json)))
}

/// The start key in `cursor`, which must consist of exactly `key_attributes` (so a token from
/// another index is refused before DynamoDB sees it).
pub fn decode(cursor: &Cursor, key_attributes: &[&str]) -> Result<Item, StorageError> {
    let json = URL_SAFE_NO_PAD
        .decode(&cursor.0)
        .map_err(|_| StorageError::InvalidCursor)?;
    let plain: HashMap<String, String> =
        serde_json::from_slice(&json).map_err(|_| StorageError::InvalidCursor)?;
    let mut names: Vec<&str> = plain.keys().map(String::as_str).collect();
    names.sort_unstable();
    let mut expected = key_attributes.to_vec();
    expected.sort_unstable();
    if names != expected {
        return Err(StorageError::InvalidCursor);
    }
    Ok(plain
        .into_iter()
        .map(|(name, value)| (name, AttributeValue::S(value)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 3] = ["resourceId", "subResourceId", "type"];

    fn key() -> Item {
        KEYS.iter()
            .map(|k| ((*k).to_owned(), AttributeValue::S(format!("{k}-value"))))
            .collect()
    }

    #[test]
    fn round_trips() {
        let cursor = encode(&key()).expect("encodable");
        assert_eq!(decode(&cursor, &KEYS), Ok(key()));
    }

    #[test]
    fn foreign_or_garbled_cursors_are_refused() {
        let cursor = encode(&key()).expect("encodable");
        let wider = ["resourceId", "subResourceId", "type", "status"];
        assert_eq!(decode(&cursor, &wider), Err(StorageError::InvalidCursor));
        let garbled = Cursor("not base64!".to_owned());
        assert_eq!(decode(&garbled, &KEYS), Err(StorageError::InvalidCursor));
        let array = Cursor(URL_SAFE_NO_PAD.encode("[1,2]"));
        assert_eq!(decode(&array, &KEYS), Err(StorageError::InvalidCursor));
    }
}
