//! `db seed`: the sample library (`embedded_dynamodb::sample`: fixed ids, so the READMEs, demos
//! and Lambda event fixtures can name them) written as items of the one table.
//!
//! Writes are conditional (`attribute_not_exists`): seeding again never overwrites what a user
//! changed, it only puts back what is missing.

use std::collections::HashMap;

use anyhow::Context as _;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::operation::put_item::PutItemError;
use aws_sdk_dynamodb::types::AttributeValue;
use embedded_dynamodb::TableNames;
use embedded_dynamodb::sample::{AUTHORS, Author, BOOKS, Book, USERS, User};
use embedded_dynamodb::table::PARTITION_KEY;

/// When every seeded item was "created" (re:Invent 2023 week).
pub const SEEDED_AT: &str = "2023-11-27T09:00:00.000Z";

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

/// What `db seed` says it did.
impl std::fmt::Display for SeedReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seeded {} authors, {} books, {} users: {} new, {} already there (left untouched)",
            AUTHORS.len(),
            BOOKS.len(),
            USERS.len(),
            self.new,
            self.existing
        )
    }
}

fn item(fields: &[(&str, &str)]) -> Item {
    fields
        .iter()
        .map(|(name, value)| ((*name).to_owned(), AttributeValue::S((*value).to_owned())))
        .collect()
}

pub fn author_item(author: &Author) -> Item {
    let key = format!("Author#{}", author.id);
    item(&[
        ("resourceId", &key),
        ("subResourceId", &key),
        ("type", "Author"),
        ("name", author.name),
        ("birthdate", author.birthdate),
        ("createdAt", SEEDED_AT),
        ("updatedAt", SEEDED_AT),
    ])
}

pub fn book_item(book: &Book) -> Item {
    item(&[
        ("resourceId", &format!("Book#{}", book.id)),
        ("subResourceId", &format!("Author#{}", book.author_id)),
        ("type", "Book"),
        ("title", book.title),
        ("isbn", book.isbn),
        ("status", book.status),
        ("createdAt", SEEDED_AT),
        ("updatedAt", SEEDED_AT),
    ])
}

pub fn user_item(user: &User) -> Item {
    let key = format!("User#{}", user.id);
    item(&[
        ("resourceId", &key),
        ("subResourceId", &key),
        ("type", "User"),
        ("name", user.name),
        ("email", user.email),
        ("status", user.status),
        ("comment", user.comment),
        ("createdAt", SEEDED_AT),
        ("updatedAt", SEEDED_AT),
    ])
}

/// Every seed item: authors first, then their books, then users.
pub fn items() -> Vec<Item> {
    let authors = AUTHORS.iter().map(author_item);
    let books = BOOKS.iter().map(book_item);
    let users = USERS.iter().map(user_item);
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
    // That the ids are valid unique KSUIDs and every book is an available book of a sample
    // author is the sample's own test, in support/embedded-dynamodb/src/sample.rs.
    use embedded_dynamodb::sample::JAMES_DOE;

    use super::*;

    #[test]
    fn items_follow_the_single_table_layout() {
        let items = items();
        assert_eq!(items.len(), ITEM_COUNT);
        let book = book_item(&BOOKS[0]);
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
        let james = user_item(&USERS[0]);
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
