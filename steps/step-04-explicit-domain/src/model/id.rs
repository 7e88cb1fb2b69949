//! Identifiers: KSUIDs, 27 base62 characters that sort by creation time, one newtype per entity
//! so a user id can never be passed where a book id is expected.

use std::fmt;

/// The largest KSUID (all 20 bytes set); every valid id sorts at or below it.
const MAX_KSUID: &str = "aWgEPTl1tmebfsQzFP4bxwgy80V";

/// A valid KSUID in its text form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ksuid(String);

impl Ksuid {
    /// Exactly 27 characters of `[0-9A-Za-z]` whose value fits in 20 bytes. Base62 digits sort in
    /// ASCII order, so for equal lengths comparing the text compares the numbers.
    pub fn parse(text: &str) -> Option<Self> {
        let valid = text.len() == MAX_KSUID.len()
            && text.bytes().all(|b| b.is_ascii_alphanumeric())
            && text <= MAX_KSUID;
        valid.then(|| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Generated ids come from `svix-ksuid`, whose text form is always a valid KSUID.
impl From<svix_ksuid::Ksuid> for Ksuid {
    fn from(ksuid: svix_ksuid::Ksuid) -> Self {
        Self(ksuid.to_string())
    }
}

/// A text that is not a KSUID, where the id of `0` ("author", "book", "user") was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("The provided {0} ID must be a valid KSUID")]
pub struct InvalidId(&'static str);

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Ksuid);

        impl $name {
            pub fn parse(text: &str) -> Result<Self, InvalidId> {
                Ksuid::parse(text).map(Self).ok_or(InvalidId($what))
            }

            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl From<Ksuid> for $name {
            fn from(ksuid: Ksuid) -> Self {
                Self(ksuid)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

id_type!(AuthorId, "author");
id_type!(BookId, "book");
id_type!(UserId, "user");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_ksuids() {
        assert!(Ksuid::parse("2Yd89pQbgTAtJeRmhmmMnFIAs4u").is_some());
        assert!(Ksuid::parse(MAX_KSUID).is_some());
        assert!(Ksuid::parse("000000000000000000000000000").is_some());
        assert!(
            Ksuid::parse("aWgEPTl1tmebfsQzFP4bxwgy80W").is_none(),
            "one above the maximum"
        );
        assert!(Ksuid::parse("zzzzzzzzzzzzzzzzzzzzzzzzzzz").is_none());
        assert!(
            Ksuid::parse("2Yd89pQbgTAtJeRmhmmMnFIAs4").is_none(),
            "26 chars"
        );
        assert!(Ksuid::parse("2Yd89pQbgTAtJeRmhmmMnFIAs4-").is_none());
        assert!(Ksuid::parse("2Yd89pQbgTAtJeRmhmmMnFIAs4é").is_none());
        assert!(Ksuid::parse("").is_none());
    }

    #[test]
    fn each_id_names_itself_when_invalid() {
        assert_eq!(
            BookId::parse("nope").map_err(|e| e.to_string()),
            Err("The provided book ID must be a valid KSUID".to_owned())
        );
        assert_eq!(
            UserId::parse("2Yd89pQbgTAtJeRmhmmMnFIAs4u").map(|id| id.to_string()),
            Ok("2Yd89pQbgTAtJeRmhmmMnFIAs4u".to_owned())
        );
    }
}
