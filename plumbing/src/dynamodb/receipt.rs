//! A command's [`Receipt`] in the table: `Receipt#<key>` / `Receipt#<key>`, with `request`,
//! `answer` and `expiresAt`, the attribute the table's time to live reads. A command's
//! transaction puts it (never overwriting); a retry reads it back, strongly consistent.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;

use crate::Failure;
use crate::idempotency::{IdempotencyKey, Receipt};

/// Its `type`, and its name in a transaction's failure.
pub const ENTITY: &str = Receipt::NAME;
/// The attribute the table's time to live is set on.
pub const EXPIRES_AT: &str = "expiresAt";

type Item = HashMap<String, AttributeValue>;

pub fn key(key: &IdempotencyKey) -> Item {
    let id = AttributeValue::S(format!("Receipt#{}", key.as_str()));
    Item::from([
        ("resourceId".to_owned(), id.clone()),
        ("subResourceId".to_owned(), id),
    ])
}

pub fn item(receipt: &Receipt) -> Item {
    let mut item = key(&receipt.key);
    let s = |text: &str| AttributeValue::S(text.to_owned());
    item.insert("type".to_owned(), s(ENTITY));
    item.insert("request".to_owned(), s(&receipt.request));
    item.insert("answer".to_owned(), s(&receipt.answer));
    let expires = AttributeValue::N(receipt.expires.to_string());
    item.insert(EXPIRES_AT.to_owned(), expires);
    item
}

/// The receipt of `key`, if a run left one. One that does not read back is treated as absent: the
/// command's own conditions still refuse a second run.
pub async fn get(
    db: &aws_sdk_dynamodb::Client,
    table: &str,
    receipt_key: &IdempotencyKey,
) -> Result<Option<Receipt>, Failure> {
    let output = db
        .get_item()
        .table_name(table)
        .set_key(Some(key(receipt_key)))
        .consistent_read(true)
        .send()
        .await?;
    Ok(output.item.as_ref().and_then(|item| {
        let text = |name: &str| item.get(name)?.as_s().ok().cloned();
        Some(Receipt {
            key: receipt_key.clone(),
            request: text("request")?,
            answer: text("answer")?,
            expires: item.get(EXPIRES_AT)?.as_n().ok()?.parse().ok()?,
        })
    }))
}
