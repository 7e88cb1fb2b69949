//! Authors: who wrote the books.

use crate::error::Error;
use crate::model::{AuthorId, Timestamp, field};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub id: AuthorId,
    pub name: String,
    pub birthdate: Timestamp,
}

/// What makes a new author: `CreateAuthor`'s payload, and `AddNewBook`'s when it names a new author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorDetails {
    pub name: String,
    pub birthdate: Timestamp,
}

impl AuthorDetails {
    /// `prefix` says where the fields sit in the payload: `""` for `CreateAuthor`, `"author."`
    /// inside `AddNewBook`, so each message names the field the client must fix.
    pub fn parse(
        prefix: &str,
        name: Option<String>,
        birthdate: Option<String>,
    ) -> Result<Self, Error> {
        let name = field::required(&format!("{prefix}name"), name)?;
        let birthdate = birthdate
            .filter(|value| !value.is_empty())
            .ok_or_else(|| Error::invalid(format!("Field `{prefix}birthdate` is required")))
            .and_then(|value| parse_birthdate(&format!("{prefix}birthdate"), &value))?;
        Ok(Self { name, birthdate })
    }

    pub fn into_author(self, id: AuthorId) -> Author {
        Author {
            id,
            name: self.name,
            birthdate: self.birthdate,
        }
    }
}

/// `UpdateAuthor`'s payload: any of the fields; the others stay as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorChanges {
    pub name: Option<String>,
    pub birthdate: Option<Timestamp>,
}

impl AuthorChanges {
    pub fn parse(name: Option<String>, birthdate: Option<String>) -> Result<Self, Error> {
        let name = field::change("name", name)?;
        let birthdate = field::change("birthdate", birthdate)?
            .map(|value| parse_birthdate("birthdate", &value))
            .transpose()?;
        if name.is_none() && birthdate.is_none() {
            return Err(Error::invalid("No Fields To Update"));
        }
        Ok(Self { name, birthdate })
    }
}

fn parse_birthdate(field: &str, value: &str) -> Result<Timestamp, Error> {
    Timestamp::parse(value)
        .ok_or_else(|| Error::invalid(format!("Field `{field}` must convert to date and time")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_author_fields_are_named_where_they_sit() {
        let error = AuthorDetails::parse("author.", Some("Ann".into()), Some("soon".into()))
            .map(|_| ())
            .expect_err("not a date");
        assert_eq!(
            error.to_string(),
            "Validation Error: 'Field `author.birthdate` must convert to date and time'"
        );
        let error = AuthorDetails::parse("", None, None)
            .map(|_| ())
            .expect_err("no name");
        assert_eq!(
            error.to_string(),
            "Validation Error: 'Field `name` is required and should be a non-empty string'"
        );
    }

    #[test]
    fn changes_need_at_least_one_field() {
        let error = AuthorChanges::parse(None, None)
            .map(|_| ())
            .expect_err("nothing");
        assert_eq!(error.to_string(), "Validation Error: 'No Fields To Update'");
    }
}
