//! Multi-item writes: one `TransactWriteItems`, all or nothing, each item with its condition.
//! When DynamoDB cancels the transaction, the first item whose condition failed names the
//! entity in [`StorageError::ConditionFailed`].

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    CancellationReason, ConditionCheck, Delete, Put, TransactWriteItem, Update,
};

use crate::adapters::dynamodb::DynamoDb;
use crate::adapters::dynamodb::expression::{Condition, Expressions};
use crate::adapters::dynamodb::item::{self, Change, Item};
use crate::core::Entity;
use crate::core::model::Timestamp;
use crate::core::ports::StorageError;

/// The writes of one transaction, in order; built into SDK requests only on commit.
pub struct Transaction<'a> {
    db: &'a DynamoDb,
    at: Timestamp,
    writes: Vec<(Entity, Write)>,
}

enum Write {
    /// A new item (never overwriting).
    Put(Item),
    /// No change, only the condition.
    Check(Item, Condition),
    Update(Item, Vec<Change>, Condition),
    Delete(Item, Condition),
}

impl DynamoDb {
    /// A transaction whose writes are stamped with `at`.
    pub fn transaction(&self, at: Timestamp) -> Transaction<'_> {
        Transaction {
            db: self,
            at,
            writes: Vec::new(),
        }
    }
}

impl Transaction<'_> {
    #[must_use]
    pub fn put(mut self, entity: Entity, item: Item) -> Self {
        self.writes.push((entity, Write::Put(item)));
        self
    }

    #[must_use]
    pub fn check(mut self, entity: Entity, key: Item, condition: Condition) -> Self {
        self.writes.push((entity, Write::Check(key, condition)));
        self
    }

    #[must_use]
    pub fn update(
        mut self,
        entity: Entity,
        key: Item,
        changes: Vec<Change>,
        condition: Condition,
    ) -> Self {
        self.writes
            .push((entity, Write::Update(key, changes, condition)));
        self
    }

    #[must_use]
    pub fn delete(mut self, entity: Entity, key: Item, condition: Condition) -> Self {
        self.writes.push((entity, Write::Delete(key, condition)));
        self
    }

    pub async fn commit(self) -> Result<(), StorageError> {
        let (entities, writes): (Vec<Entity>, Vec<Write>) = self.writes.into_iter().unzip();
        let table = &self.db.tables.table;
        let items = writes
            .into_iter()
            .map(|write| request(table, write, self.at))
            .collect::<Result<Vec<_>, _>>()?;
        let result = self
            .db
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(error) => match error.as_service_error() {
                Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) => {
                    Err(cancelled_by(cancelled.cancellation_reasons(), &entities))
                }
                _ => Err(error.into()),
            },
        }
    }
}

fn request(table: &str, write: Write, at: Timestamp) -> Result<TransactWriteItem, StorageError> {
    let item = TransactWriteItem::builder();
    let item = match write {
        Write::Put(new) => {
            let expressions = Expressions::default().when(Condition::Absent);
            item.put(
                Put::builder()
                    .table_name(table)
                    .set_item(Some(item::created(new, at)))
                    .set_condition_expression(expressions.condition)
                    .build()?,
            )
        }
        Write::Check(key, condition) => {
            let expressions = Expressions::default().when(condition);
            item.condition_check(
                ConditionCheck::builder()
                    .table_name(table)
                    .set_key(Some(key))
                    .set_condition_expression(expressions.condition.clone())
                    .set_expression_attribute_names(expressions.names())
                    .set_expression_attribute_values(expressions.values())
                    .build()?,
            )
        }
        Write::Update(key, changes, condition) => {
            let expressions = Expressions::set(changes, at).when(condition);
            item.update(
                Update::builder()
                    .table_name(table)
                    .set_key(Some(key))
                    .set_update_expression(expressions.update.clone())
                    .set_condition_expression(expressions.condition.clone())
                    .set_expression_attribute_names(expressions.names())
                    .set_expression_attribute_values(expressions.values())
                    .build()?,
            )
        }
        Write::Delete(key, condition) => {
            let expressions = Expressions::default().when(condition);
            item.delete(
                Delete::builder()
                    .table_name(table)
                    .set_key(Some(key))
                    .set_condition_expression(expressions.condition.clone())
                    .set_expression_attribute_names(expressions.names())
                    .set_expression_attribute_values(expressions.values())
                    .build()?,
            )
        }
    };
    Ok(item.build())
}

/// DynamoDB gives one reason per item, `None` for the items that were fine. A failed condition,
/// or a conflict with another transaction on the same item, means the state the command decided
/// on has changed: [`StorageError::ConditionFailed`]. Throttling is "unavailable"; anything else
/// is a failure.
fn cancelled_by(reasons: &[CancellationReason], entities: &[Entity]) -> StorageError {
    for (reason, entity) in reasons.iter().zip(entities) {
        match reason.code() {
            None | Some("None") => {}
            Some("ConditionalCheckFailed" | "TransactionConflict") => {
                return StorageError::ConditionFailed(*entity);
            }
            Some(code @ ("ThrottlingError" | "ProvisionedThroughputExceeded")) => {
                return StorageError::Unavailable(format!("transaction cancelled: {code}"));
            }
            Some(code) => {
                let message = reason.message().unwrap_or_default();
                return StorageError::Failed(format!("transaction cancelled: {code}: {message}"));
            }
        }
    }
    StorageError::Failed("transaction cancelled without a reason".to_owned())
}
