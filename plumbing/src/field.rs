//! The checks every text field of a payload goes through, with the messages every step gives.

use crate::Rejection;
use crate::ksuid::check_id;

/// A value read earlier that must be a non-empty string: ``Field `field` is required and should
/// be a non-empty string`` otherwise. It is kept trimmed, so only spaces is empty too, and a
/// control character (a NUL, a newline, an escape) is refused: no name or title holds one, some
/// clients end strings at a NUL, and a terminal obeys an escape.
pub fn required(field: &str, value: Option<String>) -> Result<String, Rejection> {
    let value = value.map(trimmed).filter(|value| !value.is_empty());
    let value = value.ok_or_else(|| {
        Rejection::invalid(format!(
            "Field `{field}` is required and should be a non-empty string"
        ))
    })?;
    printable(field, value)
}

/// A change to a text field: absent means "leave it", empty (or only spaces) is refused (the
/// original silently ignored empty strings on update), and so is a control character.
pub fn change(field: &str, value: Option<String>) -> Result<Option<String>, Rejection> {
    match value.map(trimmed) {
        Some(value) if value.is_empty() => Err(Rejection::invalid(format!(
            "Field `{field}` should be a non-empty string"
        ))),
        Some(value) => printable(field, value).map(Some),
        None => Ok(None),
    }
}

fn trimmed(value: String) -> String {
    match value.trim() {
        same if same.len() == value.len() => value,
        inner => inner.to_owned(),
    }
}

/// The longest text a field holds, in characters. It bounds every answer: a page of 1000 books
/// with two such fields stays far below the 6 MB a Lambda function may answer, even with every
/// character escaped twice (`page::tests::the_largest_page_fits_a_lambda_answer`).
pub const MAX_TEXT_CHARS: usize = 256;

pub(crate) fn printable(field: &str, value: String) -> Result<String, Rejection> {
    if value.chars().any(char::is_control) {
        return Err(Rejection::invalid(format!(
            "Field `{field}` must not contain control characters"
        )));
    }
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(Rejection::invalid(format!(
            "Field `{field}` must be at most {MAX_TEXT_CHARS} characters"
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
    fn kept_trimmed_blank_and_control_characters_refused() {
        let text = |value: &str| Some(value.to_owned());
        assert_eq!(
            required("name", text(" Ann  Leckie ")).ok().as_deref(),
            Some("Ann  Leckie")
        );
        assert_eq!(
            change("name", text("Ann ")).ok().flatten().as_deref(),
            Some("Ann")
        );
        for blank in ["", " ", "\t\n ", "\u{3000}"] {
            assert!(required("name", text(blank)).is_err(), "{blank:?}");
            assert!(change("name", text(blank)).is_err(), "{blank:?}");
        }
        for control in ["Ann\0", "a\nb", "\u{1b}[31mred", "a\u{7f}", "a\u{85}b"] {
            let refused = required("name", text(control))
                .expect_err("refused")
                .to_string();
            assert_eq!(
                refused,
                "Validation Error: 'Field `name` must not contain control characters'"
            );
            assert!(change("name", text(control)).is_err(), "{control:?}");
        }
        assert_eq!(change("name", None).ok(), Some(None));
        assert!(required("name", None).is_err());
    }
}
