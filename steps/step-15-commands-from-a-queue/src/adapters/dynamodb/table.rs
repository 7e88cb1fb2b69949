//! The DynamoDB adapter of the storage port: the five calls a repository is built on (put a new
//! item, get, update, delete, query), and on top of them [`Reads`] and [`Writes`] for every entity
//! that has a [`Record`], written once. Book Management's writes are in
//! [`crate::adapters::dynamodb::book_management`].

use std::sync::Arc;

use aws_sdk_dynamodb::types::ReturnValue;
use plumbing::Failure;
use plumbing::clock::Timestamp;
use plumbing::dynamodb::expression::{Change, Condition, Expressions};
use plumbing::dynamodb::{
    TableConfig, cursor, is_condition_failure, is_foreign_start_key, readable, receipt,
};
use plumbing::idempotency::{IdempotencyKey, Receipt};
use plumbing::page::{Listing, Page, SortOrder};

use crate::adapters::dynamodb::item::{Item, s};
use crate::adapters::dynamodb::records::{Lookup, Record};
use crate::core::ports::{Reads, Receipts, StorageError, Writes};

/// The table of the design, through one SDK client. Clones share the client.
#[derive(Clone)]
pub struct Table {
    pub(crate) db: aws_sdk_dynamodb::Client,
    pub(crate) tables: Arc<TableConfig>,
}

impl Table {
    pub fn new(db: aws_sdk_dynamodb::Client, tables: TableConfig) -> Self {
        Self {
            db,
            tables: Arc::new(tables),
        }
    }
}

/// The two global secondary indexes, and the table's own key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// `type` + `subResourceId`.
    EntityType,
    /// `type` + `status`.
    EntityStatus,
    /// `resourceId` + `subResourceId`: strongly consistent, unlike the indexes.
    Table,
}

impl Index {
    fn name(self, table: &Table) -> Option<&str> {
        match self {
            Self::EntityType => Some(&table.tables.entity_type_index),
            Self::EntityStatus => Some(&table.tables.entity_status_index),
            Self::Table => None,
        }
    }
}

pub fn key(resource_id: String, sub_resource_id: String) -> Item {
    Item::from([
        ("resourceId".to_owned(), s(resource_id)),
        ("subResourceId".to_owned(), s(sub_resource_id)),
    ])
}

/// A new item, stamped: `createdAt` and `updatedAt` are both the time of the write.
pub fn created(mut item: Item, at: Timestamp) -> Item {
    let now = s(at.to_string());
    item.insert("createdAt".to_owned(), now.clone());
    item.insert("updatedAt".to_owned(), now);
    item
}

/// Stores a new item with `createdAt`/`updatedAt`. Never overwrites.
pub async fn put_new(
    table: &Table,
    entity: &'static str,
    item: Item,
    at: Timestamp,
) -> Result<(), StorageError> {
    let expressions = Expressions::default().when(Condition::Absent);
    let result = table
        .db
        .put_item()
        .table_name(&table.tables.table)
        .set_item(Some(created(item, at)))
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

/// Sets `changes` (and `updatedAt`) on an item that meets `condition` and returns the whole item
/// afterwards.
pub async fn update(
    table: &Table,
    entity: &'static str,
    key: Item,
    mut changes: Vec<Change>,
    condition: Condition,
    at: Timestamp,
) -> Result<Item, StorageError> {
    changes.push(("updatedAt", s(at.to_string())));
    let expressions = Expressions::set(changes).when(condition);
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
        Ok(output) => output
            .attributes
            .ok_or(StorageError::ConditionFailed(entity)),
        Err(e) if is_condition_failure(&e) => Err(StorageError::ConditionFailed(entity)),
        Err(e) => Err(Failure::from(e).into()),
    }
}

/// Deletes an item that meets `condition`.
pub async fn delete(
    table: &Table,
    entity: &'static str,
    key: Item,
    condition: Condition,
) -> Result<(), StorageError> {
    let expressions = Expressions::default().when(condition);
    let result = table
        .db
        .delete_item()
        .table_name(&table.tables.table)
        .set_key(Some(key))
        .set_condition_expression(expressions.condition.clone())
        .set_expression_attribute_names(expressions.names())
        .set_expression_attribute_values(expressions.values())
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if is_condition_failure(&e) => Err(StorageError::ConditionFailed(entity)),
        Err(e) => Err(Failure::from(e).into()),
    }
}

/// One page of what `lookup` finds.
pub async fn query(
    table: &Table,
    lookup: &Lookup,
    page: Page,
) -> Result<Listing<Item>, StorageError> {
    let index = lookup.index;
    let start = match &page.after {
        None => None,
        Some(after) => {
            Some(cursor::decode(after, &lookup.equal).ok_or(StorageError::InvalidCursor)?)
        }
    };
    let continuing = start.is_some();
    let equal = lookup
        .equal
        .iter()
        .map(|(name, value)| (*name, s(value)))
        .collect();
    let prefix = lookup
        .prefix
        .as_ref()
        .map(|(name, value)| (*name, s(value)));
    let expressions = Expressions::keys(equal, prefix);
    let result = table
        .db
        .query()
        .table_name(&table.tables.table)
        .set_index_name(index.name(table).map(str::to_owned))
        .consistent_read(index == Index::Table)
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

/// Everything `lookup` finds, following every page: queries must not stop at the first megabyte
/// (the original did).
pub async fn all(table: &Table, lookup: &Lookup) -> Result<Vec<Item>, StorageError> {
    let mut items = Vec::new();
    let mut after = None;
    loop {
        let page = Page {
            size: u32::MAX,
            order: SortOrder::Ascending,
            after,
        };
        let listing = query(table, lookup, page).await?;
        items.extend(listing.items);
        match listing.next {
            Some(next) => after = Some(next),
            None => return Ok(items),
        }
    }
}

/// One page of a listing, each item mapped to what the API returns.
pub async fn list<T>(
    table: &Table,
    lookup: &Lookup,
    page: Page,
    from_item: fn(&Item) -> Result<T, StorageError>,
) -> Result<Listing<T>, StorageError> {
    let listing = query(table, lookup, page).await?;
    Ok(Listing {
        items: readable(&listing.items, from_item),
        next: listing.next,
    })
}

impl Receipts for Table {
    async fn receipt(&self, key: &IdempotencyKey) -> Result<Option<Receipt>, StorageError> {
        Ok(receipt::get(&self.db, &self.tables.table, key).await?)
    }
}

impl<E: Record> Reads<E> for Table {
    async fn get(&self, id: &E::Id) -> Result<E, StorageError> {
        let item = get(self, E::NAME, E::key(id)).await?;
        E::from_item(&item)
    }

    async fn list(&self, filter: &E::Filter, page: Page) -> Result<Listing<E>, StorageError> {
        list(self, &E::lookup(filter), page, E::from_item).await
    }

    async fn all(&self, filter: &E::Filter) -> Result<Vec<E>, StorageError> {
        let items = all(self, &E::lookup(filter)).await?;
        Ok(readable(&items, E::from_item))
    }
}

impl<E: Record> Writes<E> for Table {
    async fn create(&self, entity: E, at: Timestamp) -> Result<E, StorageError> {
        put_new(self, E::NAME, new_item(&entity), at).await?;
        Ok(entity)
    }

    async fn update(
        &self,
        id: &E::Id,
        changes: &E::Changes,
        at: Timestamp,
    ) -> Result<E, StorageError> {
        let changes = E::changes(changes);
        let item = update(self, E::NAME, E::key(id), changes, Condition::Present, at)
            .await
            .map_err(missing)?;
        E::from_item(&item)
    }

    /// An author with books, or a user who holds some, stays: the tasks' rules hold against
    /// CRUD too. Checked, then deleted: no transaction can hold a condition on a query, so a
    /// book added in between (or not yet on the index) is not seen.
    async fn delete(&self, id: &E::Id) -> Result<(), StorageError> {
        if let Some(books) = E::books(id) {
            let first = Page {
                size: 1,
                order: SortOrder::Ascending,
                after: None,
            };
            if !query(self, &books, first).await?.items.is_empty() {
                return Err(StorageError::HasBooks(E::NAME));
            }
        }
        delete(self, E::NAME, E::key(id), Condition::Present)
            .await
            .map_err(missing)
    }
}

/// A new entity's item: its key, its `type` and its attributes.
pub fn new_item<E: Record>(entity: &E) -> Item {
    let mut item = E::key(&entity.id());
    item.insert("type".to_owned(), s(E::NAME));
    for (name, value) in entity.attributes() {
        item.insert(name.to_owned(), value);
    }
    item
}

/// The condition of a CRUD update or delete is "the entity is there".
fn missing(error: StorageError) -> StorageError {
    match error {
        StorageError::ConditionFailed(entity) => StorageError::NotFound(entity),
        other => other,
    }
}
