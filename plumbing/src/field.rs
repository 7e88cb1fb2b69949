//! The checks every text field of a payload goes through, with the messages every step gives.

use crate::Rejection;
use crate::ksuid::check_id;

/// A value read earlier that must be a non-empty string: ``Field `field` is required and should
/// be a non-empty string`` otherwise.
pub fn required(field: &str, value: Option<String>) -> Result<String, Rejection> {
    value.filter(|value| !value.is_empty()).ok_or_else(|| {
        Rejection::invalid(format!(
            "Field `{field}` is required and should be a non-empty string"
        ))
    })
}

/// A change to a text field: absent means "leave it", empty is refused (the original silently
/// ignored empty strings on update).
pub fn change(field: &str, value: Option<String>) -> Result<Option<String>, Rejection> {
    match value {
        Some(value) if value.is_empty() => Err(Rejection::invalid(format!(
            "Field `{field}` should be a non-empty string"
        ))),
        other => Ok(other),
    }
}

/// An id read from a body field: ``Field `field` is required`` when absent, 400 with `message`
/// unless a valid KSUID.
pub fn required_id(field: &str, id: Option<String>, message: &str) -> Result<String, Rejection> {
    let id = id.ok_or_else(|| Rejection::invalid(format!("Field `{field}` is required")))?;
    check_id(&id, message)?;
    Ok(id)
}
