//! Reading requests defensively: every malformed input becomes a 4xx JSON answer, never a 5xx.

use std::any::Any;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

use crate::AppState;
use crate::error::ApiError;

/// Generous for a library record, small enough that nobody can make the server buffer megabytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The framework's own answers (unknown route, wrong method, oversized body, a panic) in the same
/// JSON shape as every other error: axum answers them in plain text by default.
pub fn harden(router: Router<AppState>) -> Router<AppState> {
    router
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CatchPanicLayer::custom(panicked))
        .layer(TraceLayer::new_for_http())
}

async fn no_route() -> ApiError {
    ApiError::NoRoute
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

fn panicked(_: Box<dyn Any + Send + 'static>) -> Response {
    ApiError::Internal("handler panicked".to_owned()).into_response()
}

/// A JSON object body. An empty body counts as `{}` (a create with no body fails validation like
/// one with an empty object); anything that is not a JSON object is refused with 400.
#[derive(Debug, Default)]
pub struct JsonObject {
    fields: Map<String, Value>,
    /// Where this object sits in the body (`author.` for `AddNewBook`'s author), for messages.
    prefix: String,
}

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| body_rejection(&rejection))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self::default());
        }
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(fields)) => Ok(Self {
                fields,
                prefix: String::new(),
            }),
            Ok(_) => Err(ApiError::validation("Request body must be a JSON object")),
            Err(e) => Err(ApiError::validation(format!(
                "Request body is not valid JSON: {e}"
            ))),
        }
    }
}

fn body_rejection(rejection: &BytesRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge(BODY_LIMIT)
    } else {
        ApiError::validation(format!("Request body could not be read: {rejection}"))
    }
}

impl JsonObject {
    /// The string value of `name`; absent and `null` are `None`, any other type is refused.
    pub fn string(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.fields.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(value)) => Ok(Some(value.clone())),
            Some(_) => Err(self.wrong_type(name, "a string")),
        }
    }

    /// The object value of `name`; absent and `null` are `None`, any other type is refused.
    pub fn object(&self, name: &str) -> Result<Option<Self>, ApiError> {
        match self.fields.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(fields)) => Ok(Some(Self {
                fields: fields.clone(),
                prefix: format!("{}{name}.", self.prefix),
            })),
            Some(_) => Err(self.wrong_type(name, "an object")),
        }
    }

    fn wrong_type(&self, name: &str, expected: &str) -> ApiError {
        ApiError::validation(format!("Field `{}{name}` must be {expected}", self.prefix))
    }
}

/// Query parameters, with malformed ones answered as 400 JSON instead of axum's plain text.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Self(value))
            .map_err(|rejection| ApiError::validation(rejection.body_text()))
    }
}

impl JsonObject {
    /// A non-empty string that must be there: ``Field `name` is required and should be a
    /// non-empty string`` otherwise.
    pub fn required_string(&self, name: &str) -> Result<String, ApiError> {
        required(&format!("{}{name}", self.prefix), self.string(name)?)
    }

    /// An optional field that, when given, must be a non-empty string. (The original silently
    /// ignored empty strings on update; here they are refused.)
    pub fn non_empty_string(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.string(name)? {
            Some(value) if value.is_empty() => Err(ApiError::validation(format!(
                "Field `{name}` should be a non-empty string"
            ))),
            other => Ok(other),
        }
    }
}

/// Path parameters, with undecodable ones answered as 400 JSON.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Self(value))
            .map_err(|rejection| ApiError::validation(rejection.body_text()))
    }
}

/// A value read earlier that must be a non-empty string: ``Field `field` is required and should be
/// a non-empty string`` otherwise.
pub fn required(field: &str, value: Option<String>) -> Result<String, ApiError> {
    value.filter(|value| !value.is_empty()).ok_or_else(|| {
        ApiError::validation(format!(
            "Field `{field}` is required and should be a non-empty string"
        ))
    })
}

/// What [`check_id`] answers: the routes of one entity (`/author/{id}`) say just "ID", the routes
/// with two ids in the path name the one that is wrong.
pub const INVALID_ID: &str = "The provided ID must be a valid KSUID";
pub const INVALID_AUTHOR_ID: &str = "The provided author ID must be a valid KSUID";
pub const INVALID_BOOK_ID: &str = "The provided book ID must be a valid KSUID";
pub const INVALID_USER_ID: &str = "The provided user ID must be a valid KSUID";

/// 400 with `message` unless `id` is a valid KSUID.
pub fn check_id(id: &str, message: &str) -> Result<(), ApiError> {
    if crate::ids::is_valid_ksuid(id) {
        Ok(())
    } else {
        Err(ApiError::validation(message))
    }
}

/// An id read from a body field: ``Field `field` is required`` when absent, 400 with
/// `message` unless a valid KSUID.
pub fn required_id(field: &str, id: Option<String>, message: &str) -> Result<String, ApiError> {
    let id = id.ok_or_else(|| ApiError::validation(format!("Field `{field}` is required")))?;
    check_id(&id, message)?;
    Ok(id)
}
