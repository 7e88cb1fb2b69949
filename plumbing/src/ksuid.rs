//! Identifiers are KSUIDs: 27 base62 characters that sort by creation time. New ones come from an
//! [`IdGenerator`], so tests and transcripts can use predictable ones.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};

use svix_ksuid::KsuidLike;

use crate::Rejection;

/// The largest KSUID (all 20 bytes set); every valid id sorts at or below it.
const MAX_KSUID: &str = "aWgEPTl1tmebfsQzFP4bxwgy80V";
const BASE62: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A valid KSUID in its text form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ksuid(String);

impl Ksuid {
    /// Exactly 27 characters of `[0-9A-Za-z]` whose value fits in 20 bytes. Base62 digits sort in
    /// ASCII order, so for equal lengths comparing the text compares the numbers.
    pub fn parse(text: &str) -> Option<Self> {
        is_valid(text).then(|| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ksuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Ksuid> for String {
    fn from(ksuid: Ksuid) -> Self {
        ksuid.0
    }
}

/// What [`is_valid`] accepts, as a regular expression (for a schema): 27 base62 characters, at
/// most the largest KSUID. Equal lengths compare character by character, so at each position
/// either a smaller character with anything after it, or the same one and the rest compared on.
pub fn pattern() -> String {
    format!("^{}$", at_most(MAX_KSUID))
}

fn at_most(max: &str) -> String {
    let Some(first) = max.chars().next() else {
        return String::new();
    };
    let rest = &max[first.len_utf8()..];
    let smaller = &BASE62[..BASE62.find(first).unwrap_or(0)];
    let same = format!("{first}{}", at_most(rest));
    if smaller.is_empty() {
        return same;
    }
    let any = if rest.is_empty() {
        String::new()
    } else {
        format!("[0-9A-Za-z]{{{}}}", rest.len())
    };
    format!("(?:{}{any}|{same})", class(smaller))
}

/// `chars` (a prefix of base62) as a character class of ranges.
fn class(chars: &str) -> String {
    let ranges: Vec<String> = [("0", "9"), ("A", "Z"), ("a", "z")]
        .into_iter()
        .filter_map(|(from, to)| {
            let within: Vec<char> = chars
                .chars()
                .filter(|c| (from..=to).contains(&c.to_string().as_str()))
                .collect();
            match (within.first(), within.last()) {
                (Some(first), Some(last)) if first == last => Some(first.to_string()),
                (Some(first), Some(last)) => Some(format!("{first}-{last}")),
                _ => None,
            }
        })
        .collect();
    format!("[{}]", ranges.concat())
}

pub fn is_valid(text: &str) -> bool {
    text.len() == MAX_KSUID.len()
        && text.bytes().all(|b| b.is_ascii_alphanumeric())
        && text <= MAX_KSUID
}

/// What [`check_id`] answers: the routes of one entity (`/author/{id}`) say just "ID", the routes
/// with two ids in the path name the one that is wrong.
pub const INVALID_ID: &str = "The provided ID must be a valid KSUID";
pub const INVALID_AUTHOR_ID: &str = "The provided author ID must be a valid KSUID";
pub const INVALID_BOOK_ID: &str = "The provided book ID must be a valid KSUID";
pub const INVALID_USER_ID: &str = "The provided user ID must be a valid KSUID";

/// 400 with `message` unless `id` is a valid KSUID.
pub fn check_id(id: &str, message: &str) -> Result<(), Rejection> {
    if is_valid(id) {
        Ok(())
    } else {
        Err(Rejection::invalid(message))
    }
}

/// Where new ids come from.
pub trait IdGenerator: Send + Sync {
    fn next_id(&self) -> Ksuid;
}

/// Production ids: current time plus 16 random bytes.
pub struct RandomKsuids;

impl IdGenerator for RandomKsuids {
    fn next_id(&self) -> Ksuid {
        Ksuid(svix_ksuid::Ksuid::new(None::<std::time::SystemTime>, None).to_string())
    }
}

/// Deterministic, valid, increasing KSUIDs (fixed timestamp, counter payload), so snapshots of
/// whole conversations stay stable.
pub struct SequentialKsuids {
    next: AtomicU32,
}

impl Default for SequentialKsuids {
    fn default() -> Self {
        Self {
            next: AtomicU32::new(1),
        }
    }
}

impl IdGenerator for SequentialKsuids {
    fn next_id(&self) -> Ksuid {
        // 2023-11-27T00:00:00Z, the week of the talk, in KSUID epoch seconds.
        const TIMESTAMP: u32 = 1_701_043_200 - 1_400_000_000;
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let mut payload = [0u8; 16];
        payload[12..].copy_from_slice(&n.to_be_bytes());
        Ksuid(svix_ksuid::Ksuid::new_raw(TIMESTAMP, Some(&payload)).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_ksuids() {
        assert!(is_valid("2Yd89pQbgTAtJeRmhmmMnFIAs4u"));
        assert!(is_valid(MAX_KSUID));
    }

    #[test]
    fn the_pattern_stops_at_the_largest_ksuid() {
        assert_eq!(at_most("aW"), "(?:[0-9A-Z][0-9A-Za-z]{1}|a(?:[0-9A-V]|W))");
        assert_eq!(at_most("1"), "(?:[0]|1)");
        assert_eq!(at_most("0"), "0");
        let pattern = pattern();
        assert!(pattern.starts_with("^(?:[0-9A-Z][0-9A-Za-z]{26}|a(?:[0-9A-V][0-9A-Za-z]{25}|W"));
        assert!(pattern.ends_with("V))))))))))))))))))))))))))$"));
        assert!(is_valid("000000000000000000000000000"));
        assert!(
            !is_valid("aWgEPTl1tmebfsQzFP4bxwgy80W"),
            "one above the maximum"
        );
        assert!(!is_valid("zzzzzzzzzzzzzzzzzzzzzzzzzzz"));
        assert!(!is_valid("2Yd89pQbgTAtJeRmhmmMnFIAs4"), "26 chars");
        assert!(!is_valid("2Yd89pQbgTAtJeRmhmmMnFIAs4-"));
        assert!(!is_valid("2Yd89pQbgTAtJeRmhmmMnFIAs4é"));
        assert!(!is_valid(""));
    }

    #[test]
    fn generated_ids_are_valid_and_sequential_ones_increase() {
        assert!(is_valid(RandomKsuids.next_id().as_str()));
        let ids = SequentialKsuids::default();
        let (a, b) = (ids.next_id(), ids.next_id());
        assert!(is_valid(a.as_str()) && is_valid(b.as_str()));
        assert!(a < b);
    }

    #[test]
    fn checks_name_the_id() {
        assert_eq!(
            check_id("nope", INVALID_BOOK_ID),
            Err(Rejection::invalid(INVALID_BOOK_ID))
        );
        assert_eq!(check_id("2Yd89pQbgTAtJeRmhmmMnFIAs4u", INVALID_ID), Ok(()));
    }
}
