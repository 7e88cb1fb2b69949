//! Request bodies, read field by field so each problem gets its own message.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};
use tower_http::timeout::TimeoutError;

use crate::Rejection;
use crate::field::{change, required};
use crate::http::BODY_LIMIT;

/// A JSON object body. An empty body counts as `{}` (a create with no body fails validation like
/// one with an empty object); anything that is not a JSON object is refused with 400.
#[derive(Debug, Default)]
pub struct JsonObject {
    fields: Map<String, Value>,
    /// Where this object sits in the body (`author.` for `AddNewBook`'s author), for messages.
    prefix: String,
}

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let declared_json = is_json(request.headers());
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| body_rejection(&rejection))?;
        // No body needs no type (a create with none is `{}`); any body must say it is JSON.
        if !declared_json && !bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Rejection::NotJson);
        }
        Self::parse(&bytes)
    }
}

/// `application/json`, or a `+json` type, with or without parameters (`; charset=utf-8`).
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json") || subtype.to_ascii_lowercase().ends_with("+json"))
}

fn body_rejection(rejection: &BytesRejection) -> Rejection {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Rejection::PayloadTooLarge(BODY_LIMIT)
    } else if timed_out(rejection) {
        Rejection::BodyTimeout
    } else {
        Rejection::invalid(format!("Request body could not be read: {rejection}"))
    }
}

/// The server's body timeout (`http::Limits::body`) somewhere in the failure's causes.
fn timed_out(rejection: &BytesRejection) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(rejection);
    while let Some(error) = cause {
        if error.is::<TimeoutError>() {
            return true;
        }
        cause = error.source();
    }
    false
}

impl JsonObject {
    /// The body as sent: blank is `{}`, a JSON object is itself, anything else is refused.
    pub fn parse(bytes: &[u8]) -> Result<Self, Rejection> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self::default());
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(fields)) => Ok(Self {
                fields,
                prefix: String::new(),
            }),
            Ok(_) => Err(Rejection::invalid("Request body must be a JSON object")),
            Err(e) => Err(Rejection::invalid(format!(
                "Request body is not valid JSON: {e}"
            ))),
        }
    }

    /// The string value of `name`; absent and `null` are `None`, any other type is refused, and
    /// so is a string with a control character or over [`crate::field::MAX_TEXT_CHARS`], in any
    /// field: what the OpenAPI says of every text field.
    pub fn string(&self, name: &str) -> Result<Option<String>, Rejection> {
        match self.fields.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(value)) => {
                crate::field::printable(&format!("{}{name}", self.prefix), value.clone()).map(Some)
            }
            Some(_) => Err(self.wrong_type(name, "a string")),
        }
    }

    /// The object value of `name`; absent and `null` are `None`, any other type is refused.
    pub fn object(&self, name: &str) -> Result<Option<Self>, Rejection> {
        match self.fields.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(fields)) => Ok(Some(Self {
                fields: fields.clone(),
                prefix: format!("{}{name}.", self.prefix),
            })),
            Some(_) => Err(self.wrong_type(name, "an object")),
        }
    }

    /// A non-empty string that must be there: ``Field `name` is required and should be a
    /// non-empty string`` otherwise.
    pub fn required_string(&self, name: &str) -> Result<String, Rejection> {
        required(&format!("{}{name}", self.prefix), self.string(name)?)
    }

    /// An optional field that, when given, must be a non-empty string.
    pub fn non_empty_string(&self, name: &str) -> Result<Option<String>, Rejection> {
        change(&format!("{}{name}", self.prefix), self.string(name)?)
    }

    /// The fields as sent, for a body read as a whole (a GraphQL request).
    pub fn into_fields(self) -> Map<String, Value> {
        self.fields
    }

    fn wrong_type(&self, name: &str, expected: &str) -> Rejection {
        Rejection::invalid(format!("Field `{}{name}` must be {expected}", self.prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<impl std::fmt::Debug, Rejection>) -> String {
        result.expect_err("refused").to_string()
    }

    async fn read(content_type: Option<&str>, body: &'static str) -> Result<JsonObject, Rejection> {
        let mut request = Request::builder().method("POST").uri("/author");
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        let request = request
            .body(axum::body::Body::from(body))
            .expect("a request");
        JsonObject::from_request(request, &()).await
    }

    #[tokio::test]
    async fn a_body_must_say_it_is_json_no_body_need_not() {
        let json = r#"{"name":"x"}"#;
        for refused in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("json"),
        ] {
            let refused = read(refused, json).await.expect_err("refused");
            assert_eq!(refused, Rejection::NotJson);
            assert_eq!(refused.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        }
        for accepted in [
            "application/json",
            "Application/JSON; charset=utf-8",
            "application/merge-patch+json",
        ] {
            assert!(read(Some(accepted), json).await.is_ok(), "{accepted}");
        }
        assert!(read(None, "").await.is_ok(), "no body, no type");
        assert!(
            read(Some("text/plain"), " ").await.is_ok(),
            "a blank body is none"
        );
    }

    #[test]
    fn blank_bodies_are_empty_objects_and_others_must_be_objects() {
        assert!(JsonObject::parse(b"  \n").is_ok());
        assert_eq!(
            message(JsonObject::parse(b"[1]")),
            "Validation Error: 'Request body must be a JSON object'"
        );
        assert!(message(JsonObject::parse(b"{")).contains("Request body is not valid JSON"));
    }

    #[test]
    fn nested_fields_are_named_by_their_path() {
        let body = JsonObject::parse(br#"{"author": {"name": 7}, "title": ""}"#).expect("object");
        let author = body.object("author").expect("an object").expect("present");
        assert_eq!(
            message(author.string("name")),
            "Validation Error: 'Field `author.name` must be a string'"
        );
        assert_eq!(
            message(body.required_string("title")),
            "Validation Error: 'Field `title` is required and should be a non-empty string'"
        );
        assert_eq!(
            message(body.non_empty_string("title")),
            "Validation Error: 'Field `title` should be a non-empty string'"
        );
        assert_eq!(body.string("missing"), Ok(None));
    }
}
