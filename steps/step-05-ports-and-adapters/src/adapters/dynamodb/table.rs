//! Single-item calls and queries. Reads the write side depends on are strongly consistent, so a
//! command sees what the previous command wrote; index queries cannot be.

use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::ReturnValue;

use crate::adapters::dynamodb::DynamoDb;
use crate::adapters::dynamodb::cursor;
use crate::adapters::dynamodb::error::conditional;
use crate::adapters::dynamodb::expression::{Condition, Expressions};
use crate::adapters::dynamodb::item::{self, Change, Item, s};
use crate::core::Entity;
use crate::core::model::Timestamp;
use crate::core::ports::{Listing, Page, SortOrder, StorageError};

/// Reads an item into a domain value.
pub type Read<T> = fn(&Item) -> Result<T, StorageError>;

/// Where a query looks. Every key condition is an equality, except the sort-key prefix.
pub enum Lookup {
    /// The entity-type index: every entity of a type, or those with one sort key (the books of
    /// an author, the rentals of a user).
    Type {
        entity: Entity,
        sort_key: Option<String>,
    },
    /// The entity-status index: entities of a type in a status.
    Status {
        entity: Entity,
        status: &'static str,
    },
    /// The base table: one partition, the sort keys starting with a prefix.
    Partition { resource_id: String, prefix: String },
}

impl Lookup {
    /// What a last evaluated key consists of there.
    fn key_attributes(&self) -> &'static [&'static str] {
        match self {
            Self::Type { .. } => &[item::RESOURCE_ID, item::SUB_RESOURCE_ID, item::TYPE],
            Self::Status { .. } => &[
                item::RESOURCE_ID,
                item::SUB_RESOURCE_ID,
                item::TYPE,
                item::STATUS,
            ],
            Self::Partition { .. } => &[item::RESOURCE_ID, item::SUB_RESOURCE_ID],
        }
    }
}

impl DynamoDb {
    pub async fn get<T>(&self, key: Item, read: Read<T>) -> Result<Option<T>, StorageError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.tables.table)
            .set_key(Some(key))
            .consistent_read(true)
            .send()
            .await?;
        output.item.as_ref().map(read).transpose()
    }

    pub async fn put_new(
        &self,
        entity: Entity,
        item: Item,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        let expressions = Expressions::default().when(Condition::Absent);
        let result = self
            .client
            .put_item()
            .table_name(&self.tables.table)
            .set_item(Some(item::created(item, at)))
            .set_condition_expression(expressions.condition)
            .send()
            .await;
        conditional(result, entity)?;
        Ok(())
    }

    /// Sets `changes` (and `updatedAt`) on an existing item; returns the whole item afterwards.
    pub async fn update<T>(
        &self,
        entity: Entity,
        key: Item,
        changes: Vec<Change>,
        at: Timestamp,
        read: Read<T>,
    ) -> Result<T, StorageError> {
        let expressions = Expressions::set(changes, at).when(Condition::Present);
        let result = self
            .client
            .update_item()
            .table_name(&self.tables.table)
            .set_key(Some(key))
            .set_update_expression(expressions.update.clone())
            .set_condition_expression(expressions.condition.clone())
            .set_expression_attribute_names(expressions.names())
            .set_expression_attribute_values(expressions.values())
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        conditional(result, entity)?
            .attributes
            .as_ref()
            .map_or(Err(StorageError::ConditionFailed(entity)), read)
    }

    pub async fn delete(&self, entity: Entity, key: Item) -> Result<(), StorageError> {
        let expressions = Expressions::default().when(Condition::Present);
        let result = self
            .client
            .delete_item()
            .table_name(&self.tables.table)
            .set_key(Some(key))
            .set_condition_expression(expressions.condition)
            .send()
            .await;
        conditional(result, entity)?;
        Ok(())
    }

    /// One page, for listings a client pages through.
    pub async fn page<T>(
        &self,
        lookup: &Lookup,
        page: Page,
        read: Read<T>,
    ) -> Result<Listing<T>, StorageError> {
        let start = page
            .after
            .as_ref()
            .map(|after| cursor::decode(after, lookup.key_attributes()))
            .transpose()?;
        let continuing = start.is_some();
        let result = self
            .query(lookup)
            .limit(i32::try_from(page.size).unwrap_or(i32::MAX))
            .scan_index_forward(page.order == SortOrder::Ascending)
            .set_exclusive_start_key(start)
            .send()
            .await;
        let output = match result {
            Ok(output) => output,
            // A well-formed token from another listing of the same index: DynamoDB refuses the
            // start key.
            Err(e) if continuing && e.code() == Some("ValidationException") => {
                return Err(StorageError::InvalidCursor);
            }
            Err(e) => return Err(e.into()),
        };
        Ok(Listing {
            items: output.items().iter().map(read).collect::<Result<_, _>>()?,
            next: output.last_evaluated_key.as_ref().and_then(cursor::encode),
        })
    }

    /// Everything the lookup finds, following every page: queries must not stop at the first
    /// megabyte (the original did).
    pub async fn all<T>(&self, lookup: &Lookup, read: Read<T>) -> Result<Vec<T>, StorageError> {
        let mut found = Vec::new();
        let mut start = None;
        loop {
            let output = self
                .query(lookup)
                .set_exclusive_start_key(start)
                .send()
                .await?;
            for item in output.items() {
                found.push(read(item)?);
            }
            match output.last_evaluated_key {
                Some(key) => start = Some(key),
                None => return Ok(found),
            }
        }
    }

    fn query(&self, lookup: &Lookup) -> QueryFluentBuilder {
        let request = self.client.query().table_name(&self.tables.table);
        match lookup {
            Lookup::Type { entity, sort_key } => {
                let request = request
                    .index_name(&self.tables.entity_type_index)
                    .expression_attribute_names("#type", item::TYPE)
                    .expression_attribute_values(":type", s(entity.name()));
                match sort_key {
                    None => request.key_condition_expression("#type = :type"),
                    Some(sort_key) => request
                        .key_condition_expression("#type = :type AND #sk = :sk")
                        .expression_attribute_names("#sk", item::SUB_RESOURCE_ID)
                        .expression_attribute_values(":sk", s(sort_key)),
                }
            }
            Lookup::Status { entity, status } => request
                .index_name(&self.tables.entity_status_index)
                .key_condition_expression("#type = :type AND #status = :status")
                .expression_attribute_names("#type", item::TYPE)
                .expression_attribute_names("#status", item::STATUS)
                .expression_attribute_values(":type", s(entity.name()))
                .expression_attribute_values(":status", s(*status)),
            Lookup::Partition {
                resource_id,
                prefix,
            } => request
                .consistent_read(true)
                .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expression_attribute_names("#pk", item::RESOURCE_ID)
                .expression_attribute_names("#sk", item::SUB_RESOURCE_ID)
                .expression_attribute_values(":pk", s(resource_id))
                .expression_attribute_values(":prefix", s(prefix)),
        }
    }
}
