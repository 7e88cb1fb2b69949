//! Every input type a client sends, over generated values: what is accepted reads back as
//! itself from its stored form, and what is refused is a 4xx, never a panic or a 5xx.

use plumbing::body::JsonObject;
use plumbing::clock::{Timestamp, date_pattern};
use plumbing::field::{change, required};
use plumbing::ksuid::{INVALID_ID, Ksuid, check_id};
use plumbing::page::{Cursor, Position, TOKEN_PATTERN};
use proptest::prelude::*;

/// Dates as clients write them, and near misses: signed and five-digit years, every offset,
/// fractions, a bare date, junk around it.
fn date_text() -> impl Strategy<Value = String> {
    let year = prop_oneof![
        -10_000_i32..=10_000,
        Just(0),
        Just(1),
        Just(9999),
        Just(-1),
        Just(10_000)
    ];
    let offset = prop_oneof![
        Just("Z".to_owned()),
        (-23_i32..=23, 0_u32..60).prop_map(|(h, m)| format!(
            "{}{:02}:{m:02}",
            if h < 0 { '-' } else { '+' },
            h.abs()
        )),
    ];
    prop_oneof![
        (
            year.clone(),
            1_u32..=12,
            1_u32..=31,
            0_u32..24,
            0_u32..60,
            0_u32..60,
            offset
        )
            .prop_map(|(y, mo, d, h, mi, s, off)| format!(
                "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{off}"
            )),
        (year, 0_u32..=13, 0_u32..=32).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        "\\PC{0,30}",
    ]
}

/// Any text [`date_pattern`] describes (the anchors stripped: the generator has none of its own).
fn date_pattern_text() -> impl Strategy<Value = String> {
    let pattern = date_pattern();
    let unanchored = pattern
        .trim_start_matches('^')
        .trim_end_matches('$')
        .to_owned();
    proptest::string::string_regex(&unanchored).expect("a pattern proptest reads")
}

fn token_pattern_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(TOKEN_PATTERN.trim_start_matches('^').trim_end_matches('$'))
        .expect("a pattern proptest reads")
}

proptest! {
    /// The OpenAPI states this pattern on `next`: a token it describes must never be refused.
    #[test]
    fn a_token_the_pattern_describes_is_a_position(token in token_pattern_text()) {
        prop_assert!(Cursor(token).position().is_some());
    }

    #[test]
    fn a_position_reads_back_from_its_token(first in "\\PC{1,64}", second in "\\PC{1,64}") {
        let position = Position(first, second);
        let cursor = Cursor::at(&position).expect("short enough");
        prop_assert_eq!(cursor.position(), Some(position));
    }

    /// The OpenAPI states this pattern: a date it describes must never be refused.
    #[test]
    fn a_date_the_pattern_describes_is_accepted(text in date_pattern_text()) {
        let at = Timestamp::parse(&text);
        prop_assert!(at.is_some(), "{} is refused", text);
        prop_assert_eq!(at.and_then(|at| Timestamp::parse(&at.to_string())), at);
    }

    #[test]
    fn an_accepted_date_reads_back_as_itself(text in date_text()) {
        if let Some(at) = Timestamp::parse(&text) {
            let stored = at.to_string();
            prop_assert_eq!(stored.len(), "1975-02-15T10:10:00.000Z".len(), "{}", stored);
            prop_assert_eq!(Timestamp::parse(&stored), Some(at));
        }
    }

    #[test]
    fn an_accepted_text_reads_back_as_itself_and_a_refused_one_is_a_400(text in "\\PC{0,12}|[ \\t\\n\\x00-\\x1f\\x{7f}-\\x{9f}a-z]{0,12}") {
        match required("name", Some(text.clone())) {
            Ok(kept) => {
                prop_assert!(!kept.is_empty() && kept.trim() == kept);
                prop_assert!(!kept.chars().any(char::is_control));
                prop_assert_eq!(required("name", Some(kept.clone())).ok(), Some(kept.clone()));
                prop_assert_eq!(change("name", Some(kept.clone())).ok(), Some(Some(kept)));
            }
            Err(refused) => {
                prop_assert_eq!(refused.status().as_u16(), 400);
                prop_assert!(change("name", Some(text)).is_err());
            }
        }
    }

    #[test]
    fn an_accepted_id_reads_back_as_itself_and_a_refused_one_is_a_400(text in "[0-9A-Za-z]{27}|\\PC{0,30}") {
        match check_id(&text, INVALID_ID) {
            Ok(()) => {
                let id = Ksuid::parse(&text);
                prop_assert_eq!(id.as_ref().map(Ksuid::as_str), Some(text.as_str()));
            }
            Err(refused) => {
                prop_assert_eq!(refused.status().as_u16(), 400);
                prop_assert!(Ksuid::parse(&text).is_none());
            }
        }
    }

    #[test]
    fn any_body_is_an_object_or_a_400(bytes in proptest::collection::vec(any::<u8>(), 0..64), text in "\\PC{0,40}") {
        for body in [bytes.as_slice(), text.as_bytes()] {
            if let Err(refused) = JsonObject::parse(body) {
                prop_assert_eq!(refused.status().as_u16(), 400);
            }
        }
    }
}

#[test]
fn the_reported_dates_are_refused() {
    for text in [
        "-0001-01-01",
        "0000-01-01",
        "0000-01-01T00:00:00+01:00",
        "-9999-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
    ] {
        assert_eq!(Timestamp::parse(text), None, "{text}");
    }
    assert!(Timestamp::parse("0001-01-01T00:00:00Z").is_some());
    assert!(Timestamp::parse("9999-12-31T23:59:59Z").is_some());
}
