//! The fields of a payload as a client sends them (absent, or a string) and the messages every
//! route gives for them. Type checks ("must be a string") happen in the adapter that reads the
//! wire format; what a value must look like is decided here.

use crate::error::Error;
use crate::model::InvalidId;

/// A non-empty string that must be there.
pub fn required(field: &str, value: Option<String>) -> Result<String, Error> {
    value.filter(|value| !value.is_empty()).ok_or_else(|| {
        Error::invalid(format!(
            "Field `{field}` is required and should be a non-empty string"
        ))
    })
}

/// A change to a text field: absent means "leave it", empty is refused (the original silently
/// ignored empty strings on update).
pub fn change(field: &str, value: Option<String>) -> Result<Option<String>, Error> {
    match value {
        Some(value) if value.is_empty() => Err(Error::invalid(format!(
            "Field `{field}` should be a non-empty string"
        ))),
        other => Ok(other),
    }
}

/// An id that must be there and be a KSUID.
pub fn required_id<T>(
    field: &str,
    value: Option<String>,
    parse: fn(&str) -> Result<T, InvalidId>,
) -> Result<T, Error> {
    let text = value.ok_or_else(|| Error::invalid(format!("Field `{field}` is required")))?;
    Ok(parse(&text)?)
}
