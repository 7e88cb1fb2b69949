//! The read side. A query asks for data and changes nothing: its handler is given a
//! [`Reader`], the read-only repository, which is built on [`ReadStorage`] and so has no way to
//! write. Not a convention but the types keep queries from changing state. Changes are the other
//! side's business, in [`crate::commands`].

pub mod author;
pub mod book;
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
        self.find(key)
            .await?
            .ok_or(RepositoryError::NotFound(E::NAME))
    }

    /// The entity under `key`, if there is one.
    pub async fn find<E: Entity>(&self, key: Key) -> Result<Option<E>, RepositoryError> {
        let item = self
            .storage
            .get(key)
            .await
            .map_err(RepositoryError::of::<E>)?;
        item.as_ref().map(E::from_item).transpose()
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

    /// The first result of `query`, if any: for queries that find at most one entity.
    pub async fn first<E: Entity>(&self, query: IndexQuery) -> Result<Option<E>, RepositoryError> {
        let listed = self.list(query, Page::first_of_all()).await?;
        Ok(listed.items.into_iter().next())
    }

    /// Every result of `query`, page after page: a query that answers "all the books" must not
    /// stop at the storage's first page (the original did).
    pub async fn all<E: Entity>(&self, query: IndexQuery) -> Result<Vec<E>, RepositoryError> {
        let mut page = Page::first_of_all();
        let mut found = Vec::new();
        loop {
            let listed = self.list(query.clone(), page.clone()).await?;
            found.extend(listed.items);
            match listed.next {
                Some(token) => page.start = Some(token),
                None => return Ok(found),
            }
        }
    }
}
