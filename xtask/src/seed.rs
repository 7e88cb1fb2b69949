//! Sample data with fixed ids, so the READMEs, demos and Lambda event fixtures can name them.
//!
//! Writes are conditional (`attribute_not_exists`): seeding again never overwrites what a user
//! changed, it only puts back what is missing.

use std::collections::HashMap;

use anyhow::Context as _;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::types::AttributeValue;
use embedded_dynamodb::TableNames;
use embedded_dynamodb::table::PARTITION_KEY;

/// When every seeded item was "created" (re:Invent 2023 week).
pub const SEEDED_AT: &str = "2023-11-27T09:00:00.000Z";

/// John Doe, the author the talk's examples use.
pub const JOHN_DOE: &str = "2Yd89pQbgTAtJeRmhmmMnFIAs4u";
/// James Doe, a verified user who can borrow books.
pub const JAMES_DOE: &str = "2Yd89Ain8o95ISdO9xxYK1xxLUO";
/// John Doe's first book.
pub const FIRST_BOOK: &str = "2Yd7vFcSkFQDzu1LSDybhCXV1wj";
/// John Doe's second book.
pub const SECOND_BOOK: &str = "2Yd7vFcSkFQDzu1LSDybhCXV1wi";

pub struct Author {
    pub id: &'static str,
    pub name: &'static str,
    pub birthdate: &'static str,
}

pub struct Book {
    pub id: &'static str,
    pub author_id: &'static str,
    pub title: &'static str,
    pub isbn: &'static str,
    pub status: &'static str,
}

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

/// How many items [`seed`] writes.
pub const ITEM_COUNT: usize = AUTHORS.len() + BOOKS.len() + USERS.len();

pub type Item = HashMap<String, AttributeValue>;

/// What a seed did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    /// Items written because they were missing.
    pub new: usize,
    /// Items left alone because an item with that key was already there.
    pub existing: usize,
}

fn item(fields: &[(&str, &str)]) -> Item {
    fields
        .iter()
        .map(|(name, value)| ((*name).to_owned(), AttributeValue::S((*value).to_owned())))
        .collect()
}

impl Author {
    pub fn item(&self) -> Item {
        let key = format!("Author#{}", self.id);
        item(&[
            ("resourceId", &key),
            ("subResourceId", &key),
            ("type", "Author"),
            ("name", self.name),
            ("birthdate", self.birthdate),
            ("createdAt", SEEDED_AT),
            ("updatedAt", SEEDED_AT),
        ])
    }
}

impl Book {
    pub fn item(&self) -> Item {
        item(&[
            ("resourceId", &format!("Book#{}", self.id)),
            ("subResourceId", &format!("Author#{}", self.author_id)),
            ("type", "Book"),
            ("title", self.title),
            ("isbn", self.isbn),
            ("status", self.status),
            ("createdAt", SEEDED_AT),
            ("updatedAt", SEEDED_AT),
        ])
    }
}

impl User {
    pub fn item(&self) -> Item {
        let key = format!("User#{}", self.id);
        item(&[
            ("resourceId", &key),
            ("subResourceId", &key),
            ("type", "User"),
            ("name", self.name),
            ("email", self.email),
            ("status", self.status),
            ("comment", self.comment),
            ("createdAt", SEEDED_AT),
            ("updatedAt", SEEDED_AT),
        ])
    }
}

/// Every seed item: authors first, then their books, then users.
pub fn items() -> Vec<Item> {
    let authors = AUTHORS.iter().map(Author::item);
    let books = BOOKS.iter().map(Book::item);
    let users = USERS.iter().map(User::item);
    authors.chain(books).chain(users).collect()
}

/// Puts every missing seed item into the table; leaves existing ones untouched.
pub async fn seed(client: &Client, names: &TableNames) -> anyhow::Result<SeedReport> {
    let mut report = SeedReport {
        new: 0,
        existing: 0,
    };
    for item in items() {
        let described = describe(&item);
        let result = client
            .put_item()
            .table_name(&names.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PARTITION_KEY)
            .send()
            .await;
        match result {
            Ok(_) => report.new += 1,
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(PutItemError::is_conditional_check_failed_exception) =>
            {
                report.existing += 1;
            }
            Err(error) => {
                return Err(crate::sdk::error(error))
                    .with_context(|| format!("putting {described} failed"));
            }
        }
    }
    Ok(report)
}

fn describe(item: &Item) -> String {
    let text = |name: &str| {
        item.get(name)
            .and_then(|v| v.as_s().ok())
            .map_or("?", String::as_str)
    };
    format!("{} {}", text("type"), text("resourceId"))
}

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
    fn books_belong_to_seeded_authors_and_are_available() {
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
    }

    #[test]
    fn items_follow_the_single_table_layout() {
        let items = items();
        assert_eq!(items.len(), ITEM_COUNT);
        let book = BOOKS[0].item();
        let text = |name: &str| book[name].as_s().expect("a string").clone();
        assert_eq!(text("resourceId"), "Book#2Yd7vFcSkFQDzu1LSDybhCXV1wj");
        assert_eq!(text("subResourceId"), "Author#2Yd89pQbgTAtJeRmhmmMnFIAs4u");
        assert_eq!(text("type"), "Book");
        let mut names: Vec<_> = book.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "createdAt",
                "isbn",
                "resourceId",
                "status",
                "subResourceId",
                "title",
                "type",
                "updatedAt"
            ]
        );
        let james = USERS[0].item();
        assert_eq!(
            james["resourceId"].as_s().ok(),
            Some(&format!("User#{JAMES_DOE}"))
        );
        assert_eq!(
            james["email"].as_s().ok().map(String::as_str),
            Some("jd@example.com")
        );
        assert_eq!(
            james["status"].as_s().ok().map(String::as_str),
            Some("VERIFIED")
        );
    }
}
