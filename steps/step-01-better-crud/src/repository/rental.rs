//! Rentals of a book by a user, stored under `Book#<bookId>` / `User#<userId>`: the ids come
//! from the path, so the repository makes none.

use serde::Serialize;
use utoipa::ToSchema;

use super::{Entity, Records, RepositoryError, changed};
use crate::item::{Item, id_in, status, text};
use crate::pagination::{Listed, Page};
use crate::status::{RentalStatus, Status};
use crate::storage::{Key, Query};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Rental {
    pub book_id: String,
    pub user_id: String,
    pub status: RentalStatus,
    pub comment: String,
}

/// Any of the fields; the others stay as they are. `comment` may be empty.
#[derive(Debug, Default, ToSchema)]
pub struct RentalChanges {
    pub status: Option<RentalStatus>,
    pub comment: Option<String>,
}

/// The sort key of a user's rentals.
fn by_user(user_id: &str) -> String {
    format!("User#{user_id}")
}

fn key(user_id: &str, book_id: &str) -> Key {
    Key::new(format!("Book#{book_id}"), by_user(user_id))
}

impl Entity for Rental {
    const NAME: &'static str = "Rental";

    fn key(&self) -> Key {
        key(&self.user_id, &self.book_id)
    }

    fn attributes(&self) -> Vec<(&'static str, &str)> {
        vec![("status", self.status.as_str()), ("comment", &self.comment)]
    }

    fn from_item(item: &Item) -> Result<Self, RepositoryError> {
        Ok(Self {
            book_id: id_in(item, "resourceId")?,
            user_id: id_in(item, "subResourceId")?,
            status: status(item, "status")?,
            comment: text(item, "comment")?,
        })
    }
}

pub struct RentalRepository {
    records: Records<Rental>,
}

impl RentalRepository {
    pub fn new(records: Records<Rental>) -> Self {
        Self { records }
    }

    /// Stores a new rental, `BORROWED` with an empty comment.
    pub async fn create(
        &self,
        user_id: String,
        book_id: String,
    ) -> Result<Rental, RepositoryError> {
        let rental = Rental {
            book_id,
            user_id,
            status: RentalStatus::Borrowed,
            comment: String::new(),
        };
        self.records.create(rental).await
    }

    pub async fn list(&self, page: Page) -> Result<Listed<Rental>, RepositoryError> {
        self.records.list(Query::by_type(Rental::NAME), page).await
    }

    pub async fn list_by_user(
        &self,
        user_id: &str,
        page: Page,
    ) -> Result<Listed<Rental>, RepositoryError> {
        let query = Query::by_type_and_sort_key(Rental::NAME, by_user(user_id));
        self.records.list(query, page).await
    }

    pub async fn get(&self, user_id: &str, book_id: &str) -> Result<Rental, RepositoryError> {
        self.records.get(key(user_id, book_id)).await
    }

    pub async fn update(
        &self,
        user_id: &str,
        book_id: &str,
        changes: RentalChanges,
    ) -> Result<Rental, RepositoryError> {
        let fields = changed([
            ("status", changes.status.map(|s| s.as_str().to_owned())),
            ("comment", changes.comment),
        ]);
        self.records.update(key(user_id, book_id), fields).await
    }

    pub async fn delete(&self, user_id: &str, book_id: &str) -> Result<(), RepositoryError> {
        self.records.delete(key(user_id, book_id)).await
    }
}
