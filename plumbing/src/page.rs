//! Paging: the list parameters a client sends, the page a storage is asked for, and what it
//! answers. The original accepted `pageSize` and `sortOrder` but its `next` could only fail, and
//! it never told the client where a page ended. Here a page that stops early carries an opaque
//! token in the `x-next-token` header; sending it back as `?next=` continues. Bodies stay bare
//! arrays. A token is a position, not a ticket: any token of the documented form is a place to
//! continue from, so a client can never hold one that "expired" or "belongs elsewhere".

use axum::Json;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Rejection;

pub const NEXT_TOKEN_HEADER: &str = "x-next-token";
const DEFAULT_PAGE_SIZE: u32 = 100;
const MAX_PAGE_SIZE: u32 = 1000;

/// The answer to a `next` that is not of the form [`TOKEN_PATTERN`] describes.
pub const INVALID_TOKEN: &str = "Parameter `next` must be an `x-next-token` this API gives";

/// The form of a token: the two halves of a [`Position`], each 1 to [`MAX_HALF_BYTES`] bytes as
/// lowercase hex. [`Cursor::position`] reads every string this describes, and nothing else.
pub const TOKEN_PATTERN: &str = r"^(?:[0-9a-f]{2}){1,256}\.(?:[0-9a-f]{2}){1,256}$";

/// A half of a position read back from hex that is not UTF-8 grows by at most three times (each
/// byte a U+FFFD), and DynamoDB takes a sort key of up to 1024 bytes.
const MAX_HALF_BYTES: usize = 256;

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

/// Where a listing stopped, as a client holds it: a [`Position`] written as [`TOKEN_PATTERN`]
/// says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(pub String);

/// Where a listing stopped, as the storage orders it: for DynamoDB the table key (partition and
/// sort key) of the page's last item, for memory the ids of its last entity. The next page holds
/// what comes after it, whether or not an item sits there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position(pub String, pub String);

impl Cursor {
    /// `None` when a half is empty or longer than [`MAX_HALF_BYTES`], which no key this API
    /// writes is (its keys are an entity's name and a KSUID).
    pub fn at(position: &Position) -> Option<Self> {
        let Position(first, second) = position;
        let fits = |half: &str| (1..=MAX_HALF_BYTES).contains(&half.len());
        (fits(first) && fits(second)).then(|| Self(format!("{}.{}", hex(first), hex(second))))
    }

    /// The position a token names; `None` for any text [`TOKEN_PATTERN`] does not describe. A
    /// half whose bytes are not UTF-8 reads as their lossy text: a token nobody issued still
    /// names a place, and the page after it is as good an answer as any.
    pub fn position(&self) -> Option<Position> {
        let (first, second) = self.0.split_once('.')?;
        Some(Position(unhex(first)?, unhex(second)?))
    }
}

fn hex(text: &str) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(2 * text.len());
    for byte in text.bytes() {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    hex
}

fn unhex(digits: &str) -> Option<String> {
    let lowercase_hex = |b: &u8| matches!(b, b'0'..=b'9' | b'a'..=b'f');
    let fits = (2..=2 * MAX_HALF_BYTES).contains(&digits.len()) && digits.len().is_multiple_of(2);
    if !fits || !digits.as_bytes().iter().all(lowercase_hex) {
        return None;
    }
    let bytes: Option<Vec<u8>> = digits
        .as_bytes()
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect();
    Some(String::from_utf8_lossy(&bytes?).into_owned())
}

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

    #[test]
    fn a_token_reads_back_as_its_position() {
        let position = Position("Book#2Yd7vFcSkFQDzu1LSDybhCXV1wj".into(), "Author#é".into());
        let cursor = Cursor::at(&position).expect("fits");
        assert!(
            regex::Regex::new(TOKEN_PATTERN)
                .expect("pattern")
                .is_match(&cursor.0)
        );
        assert_eq!(cursor.position(), Some(position));
    }

    #[test]
    fn only_the_documented_form_is_a_token() {
        let read = |token: &str| Cursor(token.to_owned()).position();
        assert_eq!(read("41.ff"), Some(Position("A".into(), "\u{FFFD}".into())));
        for refused in [
            "", ".", "41", "41.", ".41", "4.41", "41.4G", "41.4A", "41.41.41", "41 .41",
        ] {
            assert_eq!(read(refused), None, "{refused:?}");
        }
        let longest = "ab".repeat(MAX_HALF_BYTES);
        assert!(read(&format!("{longest}.41")).is_some());
        assert_eq!(read(&format!("{longest}ab.41")), None);
    }

    #[test]
    fn a_position_too_long_to_write_has_no_token() {
        let long = "x".repeat(MAX_HALF_BYTES + 1);
        assert_eq!(Cursor::at(&Position(long, "x".into())), None);
        assert_eq!(Cursor::at(&Position(String::new(), "x".into())), None);
    }
}
