//! Path and query parameters, with undecodable ones answered as 400 JSON instead of axum's plain
//! text.

use std::borrow::Cow;

use axum::extract::FromRequestParts;
use axum::http::Uri;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use url::form_urlencoded;

use crate::Rejection;
use crate::page::{Page, PageParams};

/// Query parameters.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Self(value))
            .map_err(|rejection| Rejection::invalid(rejection.body_text()))
    }
}

/// Path parameters.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Self(value))
            .map_err(|rejection| Rejection::invalid(rejection.body_text()))
    }
}

/// Query parameters with a page: `pageSize` and `next` ([`PageParams`]) make the [`Page`], the
/// others are `T`'s. A query answered in one order pages like a list, and still refuses what it
/// does not know when `T` denies unknown fields.
pub struct Paged<T>(pub Page, pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Paged<T> {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let (paging, own): (Vec<_>, Vec<_>) = form_urlencoded::parse(query.as_bytes())
            .partition(|(name, _)| PageParams::NAMES.contains(&name.as_ref()));
        let page = from_pairs::<PageParams>(paging)?.page()?;
        Ok(Self(page, from_pairs(own)?))
    }
}

/// `pairs` read as `T`, the way [`Query`] reads a whole query string.
fn from_pairs<T: DeserializeOwned>(
    pairs: Vec<(Cow<'_, str>, Cow<'_, str>)>,
) -> Result<T, Rejection> {
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let uri = format!("/?{query}")
        .parse::<Uri>()
        .map_err(|e| Rejection::invalid(format!("Failed to read the query string: {e}")))?;
    axum::extract::Query::<T>::try_from_uri(&uri)
        .map(|axum::extract::Query(value)| value)
        .map_err(|rejection| Rejection::invalid(rejection.body_text()))
}

#[cfg(test)]
mod tests {
    use axum::http::Request;
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Status {
        status: Option<String>,
    }

    async fn paged(uri: &str) -> Result<Paged<Status>, Rejection> {
        let (mut parts, ()) = Request::get(uri).body(()).expect("request").into_parts();
        Paged::from_request_parts(&mut parts, &()).await
    }

    #[tokio::test]
    async fn the_page_is_read_beside_the_query_s_own_parameters() {
        let Paged(page, own) = paged("/book?status=missing&pageSize=2&next=abc%3D")
            .await
            .expect("read");
        assert_eq!(
            (page.size, page.after.map(|c| c.0)),
            (2, Some("abc=".to_owned()))
        );
        assert_eq!(own.status.as_deref(), Some("missing"));
        let Paged(page, own) = paged("/book").await.expect("read");
        assert_eq!((page.size, own.status), (100, None));
    }

    #[tokio::test]
    async fn unknown_or_bad_parameters_are_refused() {
        for uri in [
            "/book?sortOrder=descending",
            "/book?pageSize=0",
            "/book?pageSize=x",
        ] {
            assert!(
                matches!(paged(uri).await, Err(Rejection::Invalid(_))),
                "{uri}"
            );
        }
    }
}
