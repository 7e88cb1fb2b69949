//! The sample library, with fixed ids: what `cargo xtask db seed` writes, and what the Lambda
//! event fixtures of `deployments/events/` name (John Doe, his two books, James Doe), so the
//! READMEs, demos and fixtures can all refer to the same rows. Facts only: how they become items
//! is for whoever writes them.

/// John Doe, the author the talk's examples use.
pub const JOHN_DOE: &str = "2Yd89pQbgTAtJeRmhmmMnFIAs4u";
/// James Doe, a verified user who can borrow books.
pub const JAMES_DOE: &str = "2Yd89Ain8o95ISdO9xxYK1xxLUO";
/// John Doe's first book, "A Winning Combination": the one the fixtures borrow and report missing.
pub const FIRST_BOOK: &str = "2Yd7vFcSkFQDzu1LSDybhCXV1wj";
/// John Doe's second book, "Commands and Queries".
pub const SECOND_BOOK: &str = "2Yd7vFcSkFQDzu1LSDybhCXV1wi";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Author {
    pub id: &'static str,
    pub name: &'static str,
    /// RFC 3339, UTC, with milliseconds (as the API answers it).
    pub birthdate: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Book {
    pub id: &'static str,
    pub author_id: &'static str,
    pub title: &'static str,
    pub isbn: &'static str,
    /// Every sample book is on the shelf.
    pub status: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct User {
    pub id: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub status: &'static str,
    pub comment: &'static str,
}

pub const AUTHORS: [Author; 3] = [
    Author {
        id: JOHN_DOE,
        name: "John Doe",
        birthdate: "1980-02-03T23:00:00.000Z",
    },
    Author {
        id: "2Yd89pQbgTAtJeRmhmmMnFIAs4v",
        name: "Ursula K. Le Guin",
        birthdate: "1929-10-21T00:00:00.000Z",
    },
    Author {
        id: "2Yd89pQbgTAtJeRmhmmMnFIAs4w",
        name: "Octavia E. Butler",
        birthdate: "1947-06-22T00:00:00.000Z",
    },
];

pub const BOOKS: [Book; 5] = [
    Book {
        id: FIRST_BOOK,
        author_id: JOHN_DOE,
        title: "A Winning Combination",
        isbn: "978-1-86197-271-2",
        status: "AVAILABLE",
    },
    Book {
        id: SECOND_BOOK,
        author_id: JOHN_DOE,
        title: "Commands and Queries",
        isbn: "978-1-86197-272-9",
        status: "AVAILABLE",
    },
    Book {
        id: "2Yd7vFcSkFQDzu1LSDybhCXV1wk",
        author_id: "2Yd89pQbgTAtJeRmhmmMnFIAs4v",
        title: "The Left Hand of Darkness",
        isbn: "978-0-441-47812-5",
        status: "AVAILABLE",
    },
    Book {
        id: "2Yd7vFcSkFQDzu1LSDybhCXV1wl",
        author_id: "2Yd89pQbgTAtJeRmhmmMnFIAs4v",
        title: "The Dispossessed",
        isbn: "978-0-06-051275-0",
        status: "AVAILABLE",
    },
    Book {
        id: "2Yd7vFcSkFQDzu1LSDybhCXV1wm",
        author_id: "2Yd89pQbgTAtJeRmhmmMnFIAs4w",
        title: "Kindred",
        isbn: "978-0-8070-8369-7",
        status: "AVAILABLE",
    },
];

pub const USERS: [User; 2] = [
    User {
        id: JAMES_DOE,
        name: "James Doe",
        email: "jd@example.com",
        status: "VERIFIED",
        comment: "",
    },
    User {
        id: "2Yd89Ain8o95ISdO9xxYK1xxLUP",
        name: "Jane Roe",
        email: "jr@example.com",
        status: "NOT_VERIFIED",
        comment: "",
    },
];

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// The highest valid KSUID: 27 base62 characters encode at most 2^160 - 1.
    const MAX_KSUID: &str = "aWgEPTl1tmebfsQzFP4bxwgy80V";

    fn is_ksuid(id: &str) -> bool {
        id.len() == 27 && id.bytes().all(|b| b.is_ascii_alphanumeric()) && id <= MAX_KSUID
    }

    #[test]
    fn every_id_is_a_valid_unique_ksuid() {
        let ids: Vec<&str> = AUTHORS
            .iter()
            .map(|a| a.id)
            .chain(BOOKS.iter().map(|b| b.id))
            .chain(USERS.iter().map(|u| u.id))
            .collect();
        for id in &ids {
            assert!(is_ksuid(id), "{id}");
        }
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
    }

    #[test]
    fn books_belong_to_sample_authors_and_are_available() {
        for book in &BOOKS {
            assert!(
                AUTHORS.iter().any(|a| a.id == book.author_id),
                "{}",
                book.title
            );
            assert_eq!(book.status, "AVAILABLE");
        }
        let by_john_doe = BOOKS.iter().filter(|b| b.author_id == JOHN_DOE);
        let ids: Vec<_> = by_john_doe.map(|b| b.id).collect();
        assert_eq!(ids, [FIRST_BOOK, SECOND_BOOK]);
        assert_eq!(USERS[0].id, JAMES_DOE);
        assert_eq!(USERS[0].status, "VERIFIED");
    }
}
