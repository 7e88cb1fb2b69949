//! `{name}` placeholders in paths and in the strings of JSON bodies.

use std::collections::BTreeMap;

use serde_json::Value;

/// Captured values by name.
pub type Values = BTreeMap<String, String>;

/// The placeholder names in `text`, in order: `{` + an identifier + `}`. Other braces (JSON's own)
/// are left alone.
#[cfg(test)]
pub fn placeholders(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if is_identifier(name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `text` with every placeholder replaced by `encode(value)`; the first unbound name is the error.
pub fn fill(text: &str, values: &Values, encode: fn(&str) -> String) -> Result<String, String> {
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        match name {
            Some(name) if is_identifier(name) => {
                let value = values.get(name).ok_or_else(|| name.to_owned())?;
                filled.push_str(&encode(value));
                rest = &after[name.len() + 1..];
            }
            _ => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    Ok(filled)
}

/// A JSON body with the placeholders in its strings filled (values go in verbatim: no quoting
/// problem can arise, because the template was parsed before anything was inserted).
pub fn fill_json(value: &Value, values: &Values) -> Result<Value, String> {
    Ok(match value {
        Value::String(text) => Value::String(fill(text, values, str::to_owned)?),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| fill_json(item, values))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, item)| Ok((key.clone(), fill_json(item, values)?)))
                .collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so a captured value stays
/// one path segment or one query value whatever it holds.
pub fn encode_component(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn values() -> Values {
        Values::from([
            (
                "authorId".to_owned(),
                "2Yd89pQbgTAtJeRmhmmMnFIAs4u".to_owned(),
            ),
            ("odd".to_owned(), "a b/c\"d".to_owned()),
        ])
    }

    #[test]
    fn finds_placeholders_but_not_json_braces() {
        assert_eq!(
            placeholders(r#"{"author": {"id": "{authorId}"}, "x": "{ not one }{b_2}"}"#),
            ["authorId", "b_2"]
        );
        assert!(placeholders("/book?status=missing").is_empty());
    }

    #[test]
    fn fills_paths_encoding_each_value() {
        let filled = fill(
            "/book/{authorId}/{odd}?q={odd}",
            &values(),
            encode_component,
        );
        assert_eq!(
            filled.as_deref(),
            Ok("/book/2Yd89pQbgTAtJeRmhmmMnFIAs4u/a%20b%2Fc%22d?q=a%20b%2Fc%22d")
        );
        assert_eq!(
            fill("/{missing}", &values(), encode_component),
            Err("missing".into())
        );
        assert_eq!(fill("/{", &values(), encode_component).as_deref(), Ok("/{"));
    }

    #[test]
    fn fills_json_strings_verbatim() {
        let template = json!({"author": {"id": "{authorId}"}, "list": ["{odd}", 1], "n": null});
        assert_eq!(
            fill_json(&template, &values()),
            Ok(json!({
                "author": {"id": "2Yd89pQbgTAtJeRmhmmMnFIAs4u"},
                "list": ["a b/c\"d", 1],
                "n": null,
            }))
        );
        assert_eq!(fill_json(&json!(["{nope}"]), &values()), Err("nope".into()));
    }
}
