//! The checks every text field of a payload goes through, with the messages every step gives.

use crate::Rejection;
use crate::ksuid::check_id;

/// A value read earlier that must be a non-empty string: ``Field `field` is required and should
/// be a non-empty string`` otherwise. Only spaces is empty too; a NUL character is refused (no
/// name or title holds one, and some clients end strings there).
pub fn required(field: &str, value: Option<String>) -> Result<String, Rejection> {
    let value = value.filter(|value| !is_blank(value)).ok_or_else(|| {
        Rejection::invalid(format!(
            "Field `{field}` is required and should be a non-empty string"
        ))
    })?;
    without_nul(field, value)
}

/// A change to a text field: absent means "leave it", empty (or only spaces) is refused (the
/// original silently ignored empty strings on update), and so is a NUL character.
pub fn change(field: &str, value: Option<String>) -> Result<Option<String>, Rejection> {
    match value {
        Some(value) if is_blank(&value) => Err(Rejection::invalid(format!(
            "Field `{field}` should be a non-empty string"
        ))),
        Some(value) => without_nul(field, value).map(Some),
        None => Ok(None),
    }
}

fn is_blank(value: &str) -> bool {
    value.trim().is_empty()
}

fn without_nul(field: &str, value: String) -> Result<String, Rejection> {
    if value.contains('\0') {
        return Err(Rejection::invalid(format!(
            "Field `{field}` must not contain a NUL character"
        )));
    }
    Ok(value)
}

/// An id read from a body field: ``Field `field` is required`` when absent, 400 with `message`
/// unless a valid KSUID.
pub fn required_id(field: &str, id: Option<String>, message: &str) -> Result<String, Rejection> {
    let id = id.ok_or_else(|| Rejection::invalid(format!("Field `{field}` is required")))?;
    check_id(&id, message)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_nul_are_refused_whitespace_inside_is_kept() {
        let text = |value: &str| Some(value.to_owned());
        assert_eq!(
            required("name", text(" Ann  Leckie ")).ok().as_deref(),
            Some(" Ann  Leckie ")
        );
        for blank in ["", " ", "\t\n "] {
            assert!(required("name", text(blank)).is_err(), "{blank:?}");
            assert!(change("name", text(blank)).is_err(), "{blank:?}");
        }
        let nul = required("name", text("Ann\0"))
            .expect_err("refused")
            .to_string();
        assert_eq!(
            nul,
            "Validation Error: 'Field `name` must not contain a NUL character'"
        );
        assert!(change("name", text("a\0b")).is_err());
        assert_eq!(change("name", None).ok(), Some(None));
        assert!(required("name", None).is_err());
    }
}
