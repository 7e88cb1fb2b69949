//! List parameters shared by every list route, and the continuation token.
//!
//! The original accepted `pageSize` and `sortOrder` but its `next` could only fail and it never
//! told the client where a page ended. Here a page that stops early answers with an opaque token
//! in the `x-next-token` header; sending it back as `?next=` continues. Bodies stay bare arrays.

use axum::Json;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::Error;
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
    /// By id: `ascending` (default, oldest first) or `descending`.
    #[param(inline)]
    pub sort_order: Option<SortOrder>,
    /// The `x-next-token` header of the previous page.
    pub next: Option<String>,
}

/// A validated page request for one query.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub limit: i32,
    pub forward: bool,
    /// The `next` token as the client sent it: only the storage that issued it can read it.
    pub start: Option<String>,
}

impl Page {
    /// The first page of a listing read to the end (the Book Management queries answer every
    /// matching item): as large as a page can be, in key order.
    pub fn first_of_all() -> Self {
        Self {
            limit: i32::try_from(MAX_PAGE_SIZE).unwrap_or(i32::MAX),
            forward: true,
            start: None,
        }
    }
}

impl ListParams {
    /// Checks the page size. The `next` token is checked by the storage, which knows what a
    /// start key of the queried index consists of, so a token from another listing is refused
    /// with 400 there.
    pub fn page(&self) -> Result<Page, Error> {
        let size = self.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&size) {
            return Err(Error::invalid(format!(
                "Parameter `pageSize` must be between 1 and {MAX_PAGE_SIZE}"
            )));
        }
        Ok(Page {
            limit: i32::try_from(size).unwrap_or(i32::MAX),
            forward: self.sort_order.unwrap_or_default() == SortOrder::Ascending,
            start: self.next.clone(),
        })
    }
}

/// The last evaluated key as base64url JSON (`{"resourceId": "...", ...}`): opaque to clients.
pub fn encode_token(key: &Item) -> Option<String> {
    let json = serde_json::to_vec(key).ok()?;
    Some(URL_SAFE_NO_PAD.encode(json))
}

/// The start key in `token`, if it consists of exactly `key_attributes`.
pub fn decode_token(token: &str, key_attributes: &[&str]) -> Option<Item> {
    let json = URL_SAFE_NO_PAD.decode(token).ok()?;
    let plain: Item = serde_json::from_slice(&json).ok()?;
    let mut names: Vec<&str> = plain.keys().map(String::as_str).collect();
    names.sort_unstable();
    let mut expected = key_attributes.to_vec();
    expected.sort_unstable();
    if names != expected {
        return None;
    }
    Some(plain)
}

/// A page of results: a bare JSON array, plus `x-next-token` when more may follow.
#[derive(Debug)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

impl<T> Listed<T> {
    /// The same page, each item converted (an entity of the model to what the API answers).
    pub fn map<U>(self, convert: impl FnMut(T) -> U) -> Listed<U> {
        Listed {
            items: self.items.into_iter().map(convert).collect(),
            next: self.next,
        }
    }
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
            .map(|k| ((*k).to_owned(), format!("{k}-value")))
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
        assert!(params(0).page().is_err());
        assert!(params(1001).page().is_err());
        assert_eq!(params(1000).page().map(|p| p.limit).ok(), Some(1000));
        assert_eq!(
            ListParams::default().page().map(|p| p.limit).ok(),
            Some(100)
        );
    }
}
