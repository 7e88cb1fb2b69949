//! The read side. A query asks for data and changes nothing: its handler only has [`Reads`], the
//! read half of the storage port, so it has no way to write. Not a convention: the types keep
//! queries from changing state. Changes are the other side's business, in [`crate::commands`].

use plumbing::page::{Listing, Page};

use crate::repository::{Entity, Reads, StorageError};

/// A question about the data, with its handler; `S` is the storage it reads.
pub trait Query<S>: Send {
    /// What the API answers.
    type Answer;

    fn handle(self, storage: &S)
    -> impl Future<Output = Result<Self::Answer, StorageError>> + Send;
}

/// One entity, by its id.
pub struct Get<E: Entity>(pub E::Id);

impl<E: Entity, S: Reads<E>> Query<S> for Get<E> {
    type Answer = E;

    async fn handle(self, storage: &S) -> Result<E, StorageError> {
        storage.get(&self.0).await
    }
}

/// One page of the entities `filter` selects.
pub struct List<E: Entity> {
    pub filter: E::Filter,
    pub page: Page,
}

impl<E: Entity, S: Reads<E>> Query<S> for List<E> {
    type Answer = Listing<E>;

    async fn handle(self, storage: &S) -> Result<Listing<E>, StorageError> {
        storage.list(&self.filter, self.page).await
    }
}
