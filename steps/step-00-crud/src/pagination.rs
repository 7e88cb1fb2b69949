//! List parameters shared by every list route, and the continuation token.
//!
//! The original accepted `pageSize` and `sortOrder` but its `next` could only fail and it never
//! told the client where a page ended. Here a page that stops early answers with an opaque token
//! in the `x-next-token` header; sending it back as `?next=` continues. Bodies stay bare arrays.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use axum::Json;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;
use crate::item::Item;

pub const NEXT_TOKEN_HEADER: &str = "x-next-token";
const DEFAULT_PAGE_SIZE: u32 = 100;
const MAX_PAGE_SIZE: u32 = 1000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    #[default]
    Ascending,
    Descending,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Items per page, 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub page_size: Option<u32>,
    /// By sort key: `ascending` (default) or `descending`.
    #[param(inline)]
    pub sort_order: Option<SortOrder>,
    /// The `x-next-token` header of the previous page.
    pub next: Option<String>,
}

/// A validated page request for one DynamoDB `Query`.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub limit: i32,
    pub forward: bool,
    pub start: Option<Item>,
}

impl ListParams {
    /// Checks the parameters; `key_attributes` are the attributes a start key of the queried
    /// index must consist of, so a token from another listing is refused with 400.
    pub fn page(&self, key_attributes: &[&str]) -> Result<Page, ApiError> {
        let size = self.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&size) {
            return Err(ApiError::validation(format!(
                "Parameter `pageSize` must be between 1 and {MAX_PAGE_SIZE}"
            )));
        }
        let start = match &self.next {
            None => None,
            Some(token) => Some(decode_token(token, key_attributes).ok_or_else(foreign_token)?),
        };
        Ok(Page {
            limit: i32::try_from(size).unwrap_or(i32::MAX),
            forward: self.sort_order.unwrap_or_default() == SortOrder::Ascending,
            start,
        })
    }
}

/// The answer to a `next` this listing did not issue: garbled, or a token of another listing.
pub fn foreign_token() -> ApiError {
    ApiError::validation("Parameter `next` is not a token this listing issued")
}

/// The last evaluated key as base64url JSON (`{"resourceId": "...", ...}`): opaque to clients,
/// and only ever string attributes, because every key attribute of the table is a string.
pub fn encode_token(key: &Item) -> Option<String> {
    let mut plain = serde_json::Map::new();
    for (name, value) in key {
        plain.insert(name.clone(), value.as_s().ok()?.clone().into());
    }
    let json = serde_json::to_vec(&plain).ok()?;
    Some(URL_SAFE_NO_PAD.encode(json))
}

fn decode_token(token: &str, key_attributes: &[&str]) -> Option<Item> {
    let json = URL_SAFE_NO_PAD.decode(token).ok()?;
    let plain: HashMap<String, String> = serde_json::from_slice(&json).ok()?;
    let mut names: Vec<&str> = plain.keys().map(String::as_str).collect();
    names.sort_unstable();
    let mut expected = key_attributes.to_vec();
    expected.sort_unstable();
    if names != expected {
        return None;
    }
    Some(
        plain
            .into_iter()
            .map(|(name, value)| (name, AttributeValue::S(value)))
            .collect(),
    )
}

/// A page of results: a bare JSON array, plus `x-next-token` when more may follow.
#[derive(Debug)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

impl<T: Serialize> IntoResponse for Listed<T> {
    fn into_response(self) -> Response {
        let mut response = Json(self.items).into_response();
        if let Some(value) = self.next.and_then(|t| HeaderValue::from_str(&t).ok()) {
            response.headers_mut().insert(NEXT_TOKEN_HEADER, value);
        }
        response
    }
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
    fn token_round_trips() {
        let token = encode_token(&key()).expect("encodable");
        assert_eq!(decode_token(&token, &KEYS), Some(key()));
    }

    #[test]
    fn foreign_or_garbled_tokens_are_refused() {
        let token = encode_token(&key()).expect("encodable");
        assert_eq!(
            decode_token(&token, &["resourceId", "subResourceId", "type", "status"]),
            None
        );
        assert_eq!(decode_token("not base64!", &KEYS), None);
        assert_eq!(decode_token(&URL_SAFE_NO_PAD.encode("[1,2]"), &KEYS), None);
    }

    #[test]
    fn page_size_is_bounded() {
        let params = |size| ListParams {
            page_size: Some(size),
            ..ListParams::default()
        };
        assert!(params(0).page(&KEYS).is_err());
        assert!(params(1001).page(&KEYS).is_err());
        assert_eq!(params(1000).page(&KEYS).map(|p| p.limit).ok(), Some(1000));
        assert_eq!(
            ListParams::default().page(&KEYS).map(|p| p.limit).ok(),
            Some(100)
        );
    }
}
