//! Paging: the list parameters a client sends, the page a storage is asked for, and what it
//! answers. The original accepted `pageSize` and `sortOrder` but its `next` could only fail, and
//! it never told the client where a page ended. Here a page that stops early carries an opaque
//! token in the `x-next-token` header; sending it back as `?next=` continues. Bodies stay bare
//! arrays.

use axum::Json;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Rejection;

pub const NEXT_TOKEN_HEADER: &str = "x-next-token";
const DEFAULT_PAGE_SIZE: u32 = 100;
const MAX_PAGE_SIZE: u32 = 1000;

/// The answer to a `next` this listing did not issue: garbled, or a token of another listing.
pub const FOREIGN_TOKEN: &str = "Parameter `next` is not a token this listing issued";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// By id, i.e. oldest first (KSUIDs sort by creation time, to the second).
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

impl ListParams {
    pub fn page(self) -> Result<Page, Rejection> {
        let size = self.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&size) {
            return Err(Rejection::invalid(format!(
                "Parameter `pageSize` must be between 1 and {MAX_PAGE_SIZE}"
            )));
        }
        Ok(Page {
            size,
            order: self.sort_order.unwrap_or_default(),
            after: self.next.map(Cursor),
        })
    }
}

/// The paging parameters of a query answered in one order, the book queries: a list's, without
/// `sortOrder`. [`crate::extract::Paged`] reads them beside the query's own.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub page_size: Option<u32>,
    /// The `x-next-token` header of the previous page.
    pub next: Option<String>,
}

impl PageParams {
    /// The names in a query string.
    pub const NAMES: [&str; 2] = ["pageSize", "next"];

    pub fn page(self) -> Result<Page, Rejection> {
        let list = ListParams {
            page_size: self.page_size,
            sort_order: None,
            next: self.next,
        };
        list.page()
    }
}

/// One page of a listing, as a storage is asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// At most this many items.
    pub size: u32,
    pub order: SortOrder,
    /// Continue after the previous page (its [`Listing::next`]).
    pub after: Option<Cursor>,
}

/// Where a listing stopped: opaque to clients, meaningful to the storage that issued it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(pub String);

/// A page of results: a bare JSON array, plus `x-next-token` when more may follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing<T> {
    pub items: Vec<T>,
    /// Present when more items may follow.
    pub next: Option<Cursor>,
}

impl<T> Listing<T> {
    /// The same page, each item converted (to what an adapter answers, say).
    pub fn map<U>(self, convert: impl FnMut(T) -> U) -> Listing<U> {
        Listing {
            items: self.items.into_iter().map(convert).collect(),
            next: self.next,
        }
    }
}

impl<T: Serialize> IntoResponse for Listing<T> {
    fn into_response(self) -> Response {
        let mut response = Json(self.items).into_response();
        if let Some(value) = self
            .next
            .and_then(|Cursor(token)| HeaderValue::from_str(&token).ok())
        {
            response.headers_mut().insert(NEXT_TOKEN_HEADER, value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::field::MAX_TEXT_CHARS;

    /// Lambda answers at most 6 MB: the largest page of the book view (two text fields at their
    /// longest, of the characters JSON escapes, or of four-byte ones), as the body of an API
    /// Gateway answer (so escaped once more), fits with room to spare.
    #[test]
    fn the_largest_page_fits_a_lambda_answer() {
        const LAMBDA_LIMIT: usize = 6 * 1024 * 1024;
        for longest in ["\"", "\u{1F4DA}"] {
            let text = longest.repeat(MAX_TEXT_CHARS);
            let book = json!({"bookId": "x".repeat(27), "authorId": "x".repeat(27),
                "title": text, "isbn": text, "status": "NOT_AVAILABLE"});
            let page = vec![book; MAX_PAGE_SIZE as usize];
            let body = serde_json::to_string(&page).expect("JSON");
            let answer = json!({"statusCode": 200, "headers": {}, "body": body});
            let size = serde_json::to_vec(&answer).expect("JSON").len();
            assert!(size < LAMBDA_LIMIT / 2, "{longest:?}: {size} bytes");
        }
    }

    #[test]
    fn page_size_is_bounded() {
        let params = |size| ListParams {
            page_size: Some(size),
            ..ListParams::default()
        };
        assert!(params(0).page().is_err());
        assert!(params(1001).page().is_err());
        assert_eq!(params(1000).page().map(|p| p.size).ok(), Some(1000));
        assert_eq!(ListParams::default().page().map(|p| p.size).ok(), Some(100));
    }
}
