//! The list parameters of the author and user listings, and their answer: a bare JSON array,
//! plus the `x-next-token` header when more may follow (send it back as `?next=`).

use axum::Json;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::core::Error;
use crate::core::ports::{Cursor, Listing, Page, SortOrder};

pub const NEXT_TOKEN_HEADER: &str = "x-next-token";
const DEFAULT_PAGE_SIZE: u32 = 100;
const MAX_PAGE_SIZE: u32 = 1000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Order {
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
    pub sort_order: Option<Order>,
    /// The `x-next-token` header of the previous page.
    pub next: Option<String>,
}

impl ListParams {
    pub fn page(self) -> Result<Page, Error> {
        let size = self.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&size) {
            return Err(Error::invalid(format!(
                "Parameter `pageSize` must be between 1 and {MAX_PAGE_SIZE}"
            )));
        }
        let order = match self.sort_order.unwrap_or_default() {
            Order::Ascending => SortOrder::Ascending,
            Order::Descending => SortOrder::Descending,
        };
        Ok(Page {
            size,
            order,
            after: self.next.map(Cursor),
        })
    }
}

/// A page of results as HTTP answers it.
#[derive(Debug)]
pub struct Listed<T>(pub Listing<T>);

impl<T: Serialize> IntoResponse for Listed<T> {
    fn into_response(self) -> Response {
        let Listing { items, next } = self.0;
        let mut response = Json(items).into_response();
        if let Some(value) = next.and_then(|Cursor(token)| HeaderValue::from_str(&token).ok()) {
            response.headers_mut().insert(NEXT_TOKEN_HEADER, value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
