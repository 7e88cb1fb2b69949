//! Identifiers: KSUIDs, each typed by the entity it names, so a user id can never be passed where
//! a book id is expected. An id is checked once, where it enters (a path, a body, a stored item);
//! everything after that holds a valid one.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use plumbing::Rejection;
use plumbing::field::required_id;
use plumbing::ksuid::Ksuid;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::core::model::{Author, Book, User};

/// The id of an `E`.
pub struct Id<E> {
    ksuid: Ksuid,
    entity: PhantomData<fn() -> E>,
}

pub type AuthorId = Id<Author>;
pub type BookId = Id<Book>;
pub type UserId = Id<User>;

impl<E> Id<E> {
    pub fn parse(text: &str) -> Option<Self> {
        Ksuid::parse(text).map(Self::from)
    }

    /// `text` as an id, or a 400 with `message`.
    pub fn checked(text: &str, message: &str) -> Result<Self, Rejection> {
        Self::parse(text).ok_or_else(|| Rejection::invalid(message))
    }

    /// An id read from a body field: ``Field `field` is required`` when absent, a 400 with
    /// `message` unless a KSUID.
    pub fn required(field: &str, value: Option<String>, message: &str) -> Result<Self, Rejection> {
        Self::checked(&required_id(field, value, message)?, message)
    }

    pub fn as_str(&self) -> &str {
        self.ksuid.as_str()
    }
}

impl<E> From<Ksuid> for Id<E> {
    fn from(ksuid: Ksuid) -> Self {
        Self {
            ksuid,
            entity: PhantomData,
        }
    }
}

// What derives would give, without asking `E` for them: an id is a KSUID, whatever it names.

impl<E> Clone for Id<E> {
    fn clone(&self) -> Self {
        self.ksuid.clone().into()
    }
}

impl<E> PartialEq for Id<E> {
    fn eq(&self, other: &Self) -> bool {
        self.ksuid == other.ksuid
    }
}

impl<E> Eq for Id<E> {}

impl<E> PartialOrd for Id<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<E> Ord for Id<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.ksuid.cmp(&other.ksuid)
    }
}

impl<E> Hash for Id<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.ksuid.hash(state);
    }
}

impl<E> fmt::Debug for Id<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.ksuid, f)
    }
}

impl<E> fmt::Display for Id<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<E> Serialize for Id<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A receipt's stored answer reads back its ids, checked like any other.
impl<'de, E> Deserialize<'de> for Id<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom("not a KSUID"))
    }
}
