//! Authors: who wrote the books.

use plumbing::clock::Timestamp;
use plumbing::field::{change, required};
use plumbing::ksuid::IdGenerator;
use serde::Serialize;
use utoipa::ToSchema;

use crate::core::model::{AuthorId, Error};
use crate::core::ports::{Entity, Every};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Author {
    #[schema(value_type = String)]
    pub id: AuthorId,
    pub name: String,
    /// UTC, with milliseconds.
    pub birthdate: String,
}

impl Entity for Author {
    const NAME: &'static str = "Author";
    type Id = AuthorId;
    type Changes = AuthorChanges;
    type Filter = Every;
}

/// Any of the fields; the others stay as they are.
#[derive(Debug, ToSchema)]
pub struct AuthorChanges {
    pub name: Option<String>,
    pub birthdate: Option<String>,
}

fn birthdate(field: &str, value: &str) -> Result<String, Error> {
    Timestamp::parse(value)
        .map(|at| at.to_string())
        .ok_or_else(|| Error::invalid(format!("Field `{field}` must convert to date and time")))
}

impl Author {
    /// A new author from its fields as sent, checked, under a new id. `AddNewBook` adds authors
    /// too: `prefix` says where the fields sit in its payload (`""` here, `"author."` there), so
    /// each message names the field to fix.
    pub fn parse(
        prefix: &str,
        name: Option<String>,
        birthdate: Option<String>,
        ids: &dyn IdGenerator,
    ) -> Result<Self, Error> {
        let name = required(&format!("{prefix}name"), name)?;
        let field = format!("{prefix}birthdate");
        let birthdate = birthdate
            .filter(|value| !value.is_empty())
            .ok_or_else(|| Error::invalid(format!("Field `{field}` is required")))
            .and_then(|value| self::birthdate(&field, &value))?;
        Ok(Self {
            id: ids.next_id().into(),
            name,
            birthdate,
        })
    }
}

impl AuthorChanges {
    /// `UpdateAuthor`'s fields as sent, checked: something must change.
    pub fn parse(name: Option<String>, birthdate: Option<String>) -> Result<Self, Error> {
        let name = change("name", name)?;
        let birthdate = change("birthdate", birthdate)?
            .map(|value| self::birthdate("birthdate", &value))
            .transpose()?;
        if name.is_none() && birthdate.is_none() {
            return Err(Error::invalid("No Fields To Update"));
        }
        Ok(Self { name, birthdate })
    }
}
