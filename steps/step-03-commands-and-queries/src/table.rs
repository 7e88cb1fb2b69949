//! The DynamoDB adapter of the storage port: the five calls a repository is built on (put a new
//! item, get, update, delete, query an index), and on top of them both halves of the port,
//! [`Reads`] and [`Writes`], for every entity that has a [`Record`], written once.

use std::sync::Arc;

use aws_sdk_dynamodb::types::ReturnValue;
use plumbing::Failure;
use plumbing::clock::Timestamp;
use plumbing::dynamodb::expression::{Change, Condition, Expressions};
use plumbing::dynamodb::{
    TableConfig, cursor, is_condition_failure, is_foreign_start_key, readable,
};
use plumbing::page::{Listing, Page, SortOrder};

use crate::item::{Item, s};
use crate::records::Record;
use crate::repository::{Reads, StorageError, Writes};

/// The table of the design, through one SDK client. Clones share the client.
#[derive(Clone)]
pub struct Table {
    db: aws_sdk_dynamodb::Client,
    tables: Arc<TableConfig>,
}

impl Table {
    pub fn new(db: aws_sdk_dynamodb::Client, tables: TableConfig) -> Self {
        Self {
            db,
            tables: Arc::new(tables),
        }
    }
}

/// The two global secondary indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// `type` + `subResourceId`.
    EntityType,
    /// `type` + `status`.
    EntityStatus,
}

impl Index {
    fn name(self, table: &Table) -> &str {
        match self {
            Self::EntityType => &table.tables.entity_type_index,
            Self::EntityStatus => &table.tables.entity_status_index,
        }
    }
}

pub fn key(resource_id: String, sub_resource_id: String) -> Item {
    Item::from([
        ("resourceId".to_owned(), s(resource_id)),
        ("subResourceId".to_owned(), s(sub_resource_id)),
    ])
}

/// Stores a new item with `createdAt`/`updatedAt`. Never overwrites.
pub async fn put_new(
    table: &Table,
    entity: &'static str,
    mut item: Item,
    at: Timestamp,
) -> Result<(), StorageError> {
    let now = s(at.to_string());
    item.insert("createdAt".to_owned(), now.clone());
    item.insert("updatedAt".to_owned(), now);
    let expressions = Expressions::default().when(Condition::Absent);
    let result = table
        .db
        .put_item()
        .table_name(&table.tables.table)
        .set_item(Some(item))
        .set_condition_expression(expressions.condition)
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if is_condition_failure(&e) => Err(StorageError::AlreadyExists(entity)),
        Err(e) => Err(Failure::from(e).into()),
    }
}

pub async fn get(table: &Table, entity: &'static str, key: Item) -> Result<Item, StorageError> {
    let output = table
        .db
        .get_item()
        .table_name(&table.tables.table)
        .set_key(Some(key))
        .send()
        .await
        .map_err(Failure::from)?;
    output.item.ok_or(StorageError::NotFound(entity))
}

/// Sets `changes` (and `updatedAt`) on an existing item and returns the whole item afterwards.
/// Nothing to change is refused before any call.
pub async fn update(
    table: &Table,
    entity: &'static str,
    key: Item,
    mut changes: Vec<Change>,
    at: Timestamp,
) -> Result<Item, StorageError> {
    if changes.is_empty() {
        return Err(StorageError::NothingToUpdate);
    }
    changes.push(("updatedAt", s(at.to_string())));
    let expressions = Expressions::set(changes).when(Condition::Present);
    let result = table
        .db
        .update_item()
        .table_name(&table.tables.table)
        .set_key(Some(key))
        .set_update_expression(expressions.update.clone())
        .set_condition_expression(expressions.condition.clone())
        .set_expression_attribute_names(expressions.names())
        .set_expression_attribute_values(expressions.values())
        .return_values(ReturnValue::AllNew)
        .send()
        .await;
    match result {
        Ok(output) => output.attributes.ok_or(StorageError::NotFound(entity)),
        Err(e) if is_condition_failure(&e) => Err(StorageError::NotFound(entity)),
        Err(e) => Err(Failure::from(e).into()),
    }
}

/// Deletes an existing item.
pub async fn delete(table: &Table, entity: &'static str, key: Item) -> Result<(), StorageError> {
    let expressions = Expressions::default().when(Condition::Present);
    let result = table
        .db
        .delete_item()
        .table_name(&table.tables.table)
        .set_key(Some(key))
        .set_condition_expression(expressions.condition)
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if is_condition_failure(&e) => Err(StorageError::NotFound(entity)),
        Err(e) => Err(Failure::from(e).into()),
    }
}

/// One page of an index query whose key conditions are all equalities.
pub async fn query(
    table: &Table,
    index: Index,
    conditions: &[(&str, String)],
    page: Page,
) -> Result<Listing<Item>, StorageError> {
    let start = match &page.after {
        None => None,
        Some(after) => Some(cursor::decode(after, conditions).ok_or(StorageError::InvalidCursor)?),
    };
    let continuing = start.is_some();
    let equal = conditions
        .iter()
        .map(|(name, value)| (*name, s(value)))
        .collect();
    let expressions = Expressions::keys(equal, None);
    let result = table
        .db
        .query()
        .table_name(&table.tables.table)
        .index_name(index.name(table))
        .limit(i32::try_from(page.size).unwrap_or(i32::MAX))
        .scan_index_forward(page.order == SortOrder::Ascending)
        .set_key_condition_expression(expressions.key_condition.clone())
        .set_expression_attribute_names(expressions.names())
        .set_expression_attribute_values(expressions.values())
        .set_exclusive_start_key(start)
        .send()
        .await;
    match result {
        Ok(output) => Ok(Listing {
            next: output.last_evaluated_key.as_ref().and_then(cursor::encode),
            items: output.items.unwrap_or_default(),
        }),
        Err(e) if continuing && is_foreign_start_key(&e) => Err(StorageError::InvalidCursor),
        Err(e) => Err(Failure::from(e).into()),
    }
}

/// One page of a listing, each item mapped to what the API returns.
pub async fn list<T>(
    table: &Table,
    index: Index,
    conditions: &[(&str, String)],
    page: Page,
    from_item: fn(&Item) -> Result<T, StorageError>,
) -> Result<Listing<T>, StorageError> {
    let listing = query(table, index, conditions, page).await?;
    Ok(Listing {
        items: readable(&listing.items, from_item),
        next: listing.next,
    })
}

impl<E: Record> Reads<E> for Table {
    async fn get(&self, id: &E::Id) -> Result<E, StorageError> {
        let item = get(self, E::NAME, E::key(id)).await?;
        E::from_item(&item)
    }

    async fn list(&self, filter: &E::Filter, page: Page) -> Result<Listing<E>, StorageError> {
        let (index, conditions) = E::lookup(filter);
        list(self, index, &conditions, page, E::from_item).await
    }
}

impl<E: Record> Writes<E> for Table {
    async fn create(&self, entity: E, at: Timestamp) -> Result<E, StorageError> {
        let mut item = E::key(&entity.id());
        item.insert("type".to_owned(), s(E::NAME));
        for (name, value) in entity.attributes() {
            item.insert(name.to_owned(), value);
        }
        put_new(self, E::NAME, item, at).await?;
        Ok(entity)
    }

    async fn update(
        &self,
        id: &E::Id,
        changes: &E::Changes,
        at: Timestamp,
    ) -> Result<E, StorageError> {
        let changes = E::changes(changes);
        let item = update(self, E::NAME, E::key(id), changes, at).await?;
        E::from_item(&item)
    }

    async fn delete(&self, id: &E::Id) -> Result<(), StorageError> {
        delete(self, E::NAME, E::key(id)).await
    }
}
