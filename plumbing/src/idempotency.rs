//! `Idempotency-Key`: a client's name for one request to a command. A client that got no answer
//! (a timeout, a 503 while the database was failing over) cannot know whether the command ran;
//! with a key it can simply send it again. The first run leaves a [`Receipt`] of what it was
//! asked and what it answered, written in the same transaction as the command's own writes, so
//! either both exist or neither; a retry finds it and answers the same, changing nothing.
//! Receipts expire after [`RECEIPT_LIFETIME`] (the table's time to live removes them).

use std::time::Duration;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Rejection;
use crate::clock::Timestamp;

/// The request header.
pub const HEADER: &str = "Idempotency-Key";
/// How long a retry is recognised.
pub const RECEIPT_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);
/// What the header means, for a command's documentation.
pub const IDEMPOTENCY_KEY: &str = "Optional: a name for this request (1 to 255 visible ASCII \
    characters, a UUID say). Sent again with the same request within 24 hours, it answers the \
    first result and changes nothing; with another request, 409.";
/// The longest key, in characters.
pub const MAX_KEY_CHARS: usize = 255;

/// A key as a client sends it: 1 to 255 visible ASCII characters (a UUID, say).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(text: &str) -> Result<Self, Rejection> {
        let visible = |c: char| c.is_ascii_graphic();
        if text.is_empty() || text.len() > MAX_KEY_CHARS || !text.chars().all(visible) {
            return Err(Rejection::invalid(format!(
                "Header `{HEADER}` must be 1 to {MAX_KEY_CHARS} visible ASCII characters"
            )));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The optional header, read by a command's route: absent is `None`, malformed a 400.
pub struct Idempotency(pub Option<IdempotencyKey>);

impl<S: Send + Sync> FromRequestParts<S> for Idempotency {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(HEADER) else {
            return Ok(Self(None));
        };
        // A value that is not even text is not visible ASCII either: refused like an empty one.
        let text = value.to_str().unwrap_or_default();
        IdempotencyKey::parse(text).map(|key| Self(Some(key)))
    }
}

/// What one run of a command sent with `key` was asked (`request`, in the command's words) and
/// answered (`answer`, its outcome as JSON), until `expires` (seconds since 1970).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub key: IdempotencyKey,
    pub request: String,
    pub answer: String,
    pub expires: i64,
}

/// Why a receipt cannot answer a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    /// The key was sent before with another request: refused, not answered with another's result.
    #[error("the key was used for another request")]
    OtherRequest,
    /// The stored answer does not read back (written by another version).
    #[error("stored answer unreadable: {0}")]
    Unreadable(String),
}

impl Receipt {
    /// Its name in a storage's refusal (a receipt is never overwritten).
    pub const NAME: &str = "Receipt";

    /// The receipt of a run asked `request` that answers `outcome`, written `at`.
    pub fn new(
        key: IdempotencyKey,
        request: String,
        outcome: &impl Serialize,
        at: Timestamp,
    ) -> Result<Self, ReceiptError> {
        let answer =
            serde_json::to_string(outcome).map_err(|e| ReceiptError::Unreadable(e.to_string()))?;
        let lifetime = i64::try_from(RECEIPT_LIFETIME.as_secs()).unwrap_or(i64::MAX);
        Ok(Self {
            key,
            request,
            answer,
            expires: at.unix_seconds().saturating_add(lifetime),
        })
    }

    /// Whether it still counts `at` (the time to live removes expired ones only eventually).
    pub fn is_live(&self, at: Timestamp) -> bool {
        self.expires > at.unix_seconds()
    }

    /// The first run's outcome, for the same request.
    pub fn answer_to<T: DeserializeOwned>(&self, request: &str) -> Result<T, ReceiptError> {
        if self.request != request {
            return Err(ReceiptError::OtherRequest);
        }
        serde_json::from_str(&self.answer).map_err(|e| ReceiptError::Unreadable(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn keys_are_short_visible_ascii() {
        assert!(IdempotencyKey::parse("5f0c7d1e-8a1b-4c43-9b1e-2a6f3c9d8e70").is_ok());
        for bad in ["", " ", "a b", "é", &"k".repeat(MAX_KEY_CHARS + 1)] {
            assert!(IdempotencyKey::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_receipt_answers_its_own_request_until_it_expires() {
        let at = Timestamp::from(datetime!(2023-11-27 10:15 UTC));
        let key = IdempotencyKey::parse("k").expect("a key");
        let receipt =
            Receipt::new(key, "BorrowBook b u".to_owned(), &vec![1, 2], at).expect("JSON");
        assert_eq!(
            receipt.answer_to::<Vec<u32>>("BorrowBook b u"),
            Ok(vec![1, 2])
        );
        assert_eq!(
            receipt.answer_to::<Vec<u32>>("BorrowBook b other"),
            Err(ReceiptError::OtherRequest)
        );
        assert!(receipt.is_live(at));
        let later = Timestamp::from(datetime!(2023-11-28 10:15 UTC));
        assert!(!receipt.is_live(later), "a day later");
    }
}
