//! The read side. A query asks for data and changes nothing: its handler is given a
//! [`Reader`], the read-only repository, which is built on [`ReadStorage`] and so has no way to
//! write. Not a convention but the types keep queries from changing state. Changes are the other
//! side's business, in [`crate::commands`].

pub mod author;
pub mod book;
pub mod rental;
pub mod user;

use std::sync::Arc;

use crate::pagination::{Listed, Page};
use crate::repository::{Entity, RepositoryError};
use crate::storage::{IndexQuery, Key, ReadStorage};

/// A question about the data, with its handler.
pub trait Query: Send {
    /// What the API answers.
    type Answer;

    fn handle(
        self,
        reader: &Reader,
    ) -> impl Future<Output = Result<Self::Answer, RepositoryError>> + Send;
}

/// The read-only repository: reads entities back from the stored items.
pub struct Reader {
    storage: Arc<dyn ReadStorage>,
}

impl Reader {
    pub fn new(storage: Arc<dyn ReadStorage>) -> Self {
        Self { storage }
    }

    pub async fn get<E: Entity>(&self, key: Key) -> Result<E, RepositoryError> {
        let item = self
            .storage
            .get(key)
            .await
            .map_err(RepositoryError::of::<E>)?;
        E::from_item(&item.ok_or(RepositoryError::NotFound(E::NAME))?)
    }

    /// One page of `query`, each item read back as the entity.
    pub async fn list<E: Entity>(
        &self,
        query: IndexQuery,
        page: Page,
    ) -> Result<Listed<E>, RepositoryError> {
        let listed = self
            .storage
            .query(query, page)
            .await
            .map_err(RepositoryError::of::<E>)?;
        let items = listed
            .items
            .iter()
            .map(E::from_item)
            .collect::<Result<_, _>>()?;
        Ok(Listed {
            items,
            next: listed.next,
        })
    }
}
