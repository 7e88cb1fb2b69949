//! Request bodies, read field by field so each problem gets its own message.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde_json::{Map, Value};

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
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| body_rejection(&rejection))?;
        Self::parse(&bytes)
    }
}

fn body_rejection(rejection: &BytesRejection) -> Rejection {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Rejection::PayloadTooLarge(BODY_LIMIT)
    } else {
        Rejection::invalid(format!("Request body could not be read: {rejection}"))
    }
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

    /// The string value of `name`; absent and `null` are `None`, any other type is refused.
    pub fn string(&self, name: &str) -> Result<Option<String>, Rejection> {
        match self.fields.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(value)) => Ok(Some(value.clone())),
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
