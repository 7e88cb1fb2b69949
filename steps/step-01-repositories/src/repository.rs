//! The repository: the stored entities of one type, as the handlers see them. It turns an entity
//! into an item and back through the entity's [`Record`], and makes the table calls.

use std::marker::PhantomData;

use plumbing::page::{ListParams, Listing};

use crate::AppState;
use crate::error::ApiError;
use crate::item::s;
use crate::records::Record;
use crate::table;

pub struct Repository<E> {
    state: AppState,
    entity: PhantomData<fn() -> E>,
}

impl<E: Record> Repository<E> {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            entity: PhantomData,
        }
    }

    /// Stores a new entity. Never overwrites: an existing one is a 409.
    pub async fn create(&self, entity: E) -> Result<E, ApiError> {
        let mut item = E::key(&entity.id());
        item.insert("type".to_owned(), s(E::NAME));
        for (name, value) in entity.attributes() {
            item.insert(name.to_owned(), value);
        }
        table::put_new(&self.state, E::NAME, item).await?;
        Ok(entity)
    }

    pub async fn get(&self, id: &E::Id) -> Result<E, ApiError> {
        let item = table::get(&self.state, E::NAME, E::key(id)).await?;
        E::from_item(&item)
    }

    /// Sets `changes` on an existing entity and answers it afterwards.
    pub async fn update(&self, id: &E::Id, changes: &E::Changes) -> Result<E, ApiError> {
        let changes = E::changes(changes);
        let item = table::update(&self.state, E::NAME, E::key(id), changes).await?;
        E::from_item(&item)
    }

    pub async fn delete(&self, id: &E::Id) -> Result<(), ApiError> {
        table::delete(&self.state, E::NAME, E::key(id)).await
    }

    /// One page of the entities `filter` selects.
    pub async fn list(
        &self,
        filter: &E::Filter,
        params: ListParams,
    ) -> Result<Listing<E>, ApiError> {
        let (index, conditions) = E::lookup(filter);
        table::list(&self.state, index, &conditions, params, E::from_item).await
    }
}
