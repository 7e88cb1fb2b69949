//! Authors, stored under `Author#<id>` / `Author#<id>`, with a new KSUID on create.

use std::sync::Arc;

use serde::Serialize;
use utoipa::ToSchema;

use super::{Entity, Records, RepositoryError, changed};
use crate::ids::IdGenerator;
use crate::item::{Item, id_in, text};
use crate::pagination::{Listed, Page};
use crate::storage::{Key, Query};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Author {
    pub id: String,
    pub name: String,
    /// UTC, with milliseconds.
    pub birthdate: String,
}

/// Both fields are required. `birthdate` is RFC 3339 or a bare date (UTC midnight).
#[derive(Debug, ToSchema)]
pub struct NewAuthor {
    pub name: String,
    pub birthdate: String,
}

/// Any of the fields; the others stay as they are.
#[derive(Debug, Default, ToSchema)]
pub struct AuthorChanges {
    pub name: Option<String>,
    pub birthdate: Option<String>,
}

fn key(id: &str) -> Key {
    Key::new(format!("Author#{id}"), format!("Author#{id}"))
}

impl Entity for Author {
    const NAME: &'static str = "Author";

    fn key(&self) -> Key {
        key(&self.id)
    }

    fn attributes(&self) -> Vec<(&'static str, &str)> {
        vec![("name", &self.name), ("birthdate", &self.birthdate)]
    }

    fn from_item(item: &Item) -> Result<Self, RepositoryError> {
        Ok(Self {
            id: id_in(item, "resourceId")?,
            name: text(item, "name")?,
            birthdate: text(item, "birthdate")?,
        })
    }
}

pub struct AuthorRepository {
    records: Records<Author>,
    ids: Arc<dyn IdGenerator>,
}

impl AuthorRepository {
    pub fn new(records: Records<Author>, ids: Arc<dyn IdGenerator>) -> Self {
        Self { records, ids }
    }

    /// Stores a new author under a new id.
    pub async fn create(&self, new: NewAuthor) -> Result<Author, RepositoryError> {
        let author = Author {
            id: self.ids.next_id(),
            name: new.name,
            birthdate: new.birthdate,
        };
        self.records.create(author).await
    }

    pub async fn list(&self, page: Page) -> Result<Listed<Author>, RepositoryError> {
        self.records.list(Query::by_type(Author::NAME), page).await
    }

    pub async fn get(&self, id: &str) -> Result<Author, RepositoryError> {
        self.records.get(key(id)).await
    }

    pub async fn update(
        &self,
        id: &str,
        changes: AuthorChanges,
    ) -> Result<Author, RepositoryError> {
        let fields = changed([("name", changes.name), ("birthdate", changes.birthdate)]);
        self.records.update(key(id), fields).await
    }

    pub async fn delete(&self, id: &str) -> Result<(), RepositoryError> {
        self.records.delete(key(id)).await
    }
}
