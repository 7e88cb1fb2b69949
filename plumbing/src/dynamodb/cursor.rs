//! The continuation token of a listing: the page's last evaluated key as base64url JSON
//! (`{"resourceId": "...", ...}`), opaque to clients. Every key attribute of the table and its
//! indexes is a string, so the JSON is flat.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::page::Cursor;

pub type Key = HashMap<String, AttributeValue>;

pub fn encode(key: &Key) -> Option<Cursor> {
    let mut plain = serde_json::Map::new();
    for (name, value) in key {
        plain.insert(name.clone(), value.as_s().ok()?.clone().into());
    }
    let json = serde_json::to_vec(&plain).ok()?;
    Some(Cursor(URL_SAFE_NO_PAD.encode(json)))
}

/// The start key in `cursor`, which must consist of exactly `key_attributes` (so a token from
/// another index is refused before DynamoDB sees it); `None` for any other token.
pub fn decode(cursor: &Cursor, key_attributes: &[&str]) -> Option<Key> {
    let json = URL_SAFE_NO_PAD.decode(&cursor.0).ok()?;
    let plain: HashMap<String, String> = serde_json::from_slice(&json).ok()?;
    let mut names: Vec<&str> = plain.keys().map(String::as_str).collect();
    names.sort_unstable();
    let mut expected = key_attributes.to_vec();
    expected.sort_unstable();
    (names == expected).then(|| {
        plain
            .into_iter()
            .map(|(name, value)| (name, AttributeValue::S(value)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 3] = ["resourceId", "subResourceId", "type"];

    fn key() -> Key {
        KEYS.iter()
            .map(|k| ((*k).to_owned(), AttributeValue::S(format!("{k}-value"))))
            .collect()
    }

    #[test]
    fn round_trips() {
        let cursor = encode(&key()).expect("encodable");
        assert_eq!(decode(&cursor, &KEYS), Some(key()));
    }

    #[test]
    fn foreign_or_garbled_cursors_are_refused() {
        let cursor = encode(&key()).expect("encodable");
        let wider = ["resourceId", "subResourceId", "type", "status"];
        assert_eq!(decode(&cursor, &wider), None);
        assert_eq!(decode(&Cursor("not base64!".to_owned()), &KEYS), None);
        let array = Cursor(URL_SAFE_NO_PAD.encode("[1,2]"));
        assert_eq!(decode(&array, &KEYS), None);
    }
}
