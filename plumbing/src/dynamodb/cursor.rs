//! The continuation token of a DynamoDB listing: the [`Position`] of the page's last evaluated
//! key, its table key (`resourceId`, `subResourceId`). An index's own key attributes (`type`,
//! `status`) are not in it: every listing fixes them, as it fixes the table key attributes that it
//! queries by equality, so the start key takes those from the query.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;

use crate::page::{Cursor, Position};

pub type Key = HashMap<String, AttributeValue>;

const PARTITION_KEY: &str = "resourceId";
const SORT_KEY: &str = "subResourceId";

pub fn encode(key: &Key) -> Option<Cursor> {
    let text = |name| key.get(name)?.as_s().ok().cloned();
    Cursor::at(&Position(text(PARTITION_KEY)?, text(SORT_KEY)?))
}

/// The start key after `cursor` on a listing whose key conditions are `equal` (plus perhaps a
/// prefix); `None` when `cursor` is not a token.
pub fn decode(cursor: &Cursor, equal: &[(&str, String)]) -> Option<Key> {
    let Position(partition, sort) = cursor.position()?;
    let mut key = Key::from([
        (PARTITION_KEY.to_owned(), AttributeValue::S(partition)),
        (SORT_KEY.to_owned(), AttributeValue::S(sort)),
    ]);
    for (name, value) in equal {
        key.insert((*name).to_owned(), AttributeValue::S(value.clone()));
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(value: &str) -> AttributeValue {
        AttributeValue::S(value.to_owned())
    }

    fn last_evaluated() -> Key {
        Key::from([
            ("resourceId".to_owned(), s("Book#1")),
            ("subResourceId".to_owned(), s("Author#2")),
            ("type".to_owned(), s("Book")),
            ("status".to_owned(), s("AVAILABLE")),
        ])
    }

    #[test]
    fn the_start_key_is_the_last_evaluated_key() {
        let cursor = encode(&last_evaluated()).expect("encodable");
        let equal = [
            ("type", "Book".to_owned()),
            ("status", "AVAILABLE".to_owned()),
        ];
        assert_eq!(decode(&cursor, &equal), Some(last_evaluated()));
    }

    /// A token names a place in any listing: what the listing fixes, the start key takes from it.
    #[test]
    fn the_query_fixes_what_it_queries_by() {
        let cursor = encode(&last_evaluated()).expect("encodable");
        let equal = [
            ("type", "Rental".to_owned()),
            ("subResourceId", "User#3".to_owned()),
        ];
        let key = decode(&cursor, &equal).expect("a token");
        assert_eq!(key.get("resourceId"), Some(&s("Book#1")));
        assert_eq!(key.get("subResourceId"), Some(&s("User#3")));
        assert_eq!(key.get("type"), Some(&s("Rental")));
        assert_eq!(key.len(), 3);
    }

    #[test]
    fn garbled_tokens_are_refused() {
        assert_eq!(decode(&Cursor("not a token".to_owned()), &[]), None);
    }
}
