//! Writes of several items made together or not at all: one `TransactWriteItems`, each item with
//! its condition. When DynamoDB cancels the transaction, the first item whose condition failed
//! names its entity in [`StorageError::ConditionFailed`].

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    CancellationReason, ConditionCheck, Delete, Put, TransactWriteItem, Update,
};
use plumbing::Failure;
use plumbing::clock::Timestamp;
use plumbing::dynamodb::expression::{Change, Condition, Expressions};
use plumbing::dynamodb::receipt;
use plumbing::idempotency::Receipt;

use crate::adapters::dynamodb::item::{Item, s};
use crate::adapters::dynamodb::table::{Table, created};
use crate::core::ports::StorageError;

/// The writes of one transaction, in order; built into SDK requests only on commit.
pub struct Transaction<'a> {
    table: &'a Table,
    at: Timestamp,
    /// Each write with its entity, to name the one whose condition failed.
    writes: Vec<(&'static str, Write)>,
}

enum Write {
    /// A new item (never overwriting).
    Put(Item),
    /// No change, only the condition.
    Check(Item, Condition),
    Update(Item, Vec<Change>, Condition),
    Delete(Item, Condition),
}

impl Table {
    /// A transaction whose writes are stamped with `at`.
    pub fn transaction(&self, at: Timestamp) -> Transaction<'_> {
        Transaction {
            table: self,
            at,
            writes: Vec::new(),
        }
    }
}

impl Transaction<'_> {
    #[must_use]
    pub fn put(mut self, entity: &'static str, item: Item) -> Self {
        self.writes.push((entity, Write::Put(item)));
        self
    }

    /// The command's receipt, when it was sent with a key: put like any new item, so a second
    /// run with the same key cancels the whole transaction.
    #[must_use]
    pub fn receipt(self, receipt: Option<&Receipt>) -> Self {
        match receipt {
            Some(receipt) => self.put(receipt::ENTITY, receipt::item(receipt)),
            None => self,
        }
    }

    #[must_use]
    pub fn check(mut self, entity: &'static str, key: Item, condition: Condition) -> Self {
        self.writes.push((entity, Write::Check(key, condition)));
        self
    }

    #[must_use]
    pub fn update(
        mut self,
        entity: &'static str,
        key: Item,
        changes: Vec<Change>,
        condition: Condition,
    ) -> Self {
        self.writes
            .push((entity, Write::Update(key, changes, condition)));
        self
    }

    #[must_use]
    pub fn delete(mut self, entity: &'static str, key: Item, condition: Condition) -> Self {
        self.writes.push((entity, Write::Delete(key, condition)));
        self
    }

    pub async fn commit(self) -> Result<(), StorageError> {
        let (entities, writes): (Vec<&str>, Vec<Write>) = self.writes.into_iter().unzip();
        let name = &self.table.tables.table;
        let items = writes
            .into_iter()
            .map(|write| request(name, write, self.at))
            .collect::<Result<Vec<_>, _>>()
            .map_err(Failure::from)?;
        let result = self
            .table
            .db
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
                _ => Err(Failure::from(error).into()),
            },
        }
    }
}

fn request(
    table: &str,
    write: Write,
    at: Timestamp,
) -> Result<TransactWriteItem, aws_sdk_dynamodb::error::BuildError> {
    let item = TransactWriteItem::builder();
    let item = match write {
        Write::Put(new) => {
            let expressions = Expressions::default().when(Condition::Absent);
            item.put(
                Put::builder()
                    .table_name(table)
                    .set_item(Some(created(new, at)))
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
        Write::Update(key, mut changes, condition) => {
            changes.push(("updatedAt", s(at.to_string())));
            let expressions = Expressions::set(changes).when(condition);
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
fn cancelled_by(reasons: &[CancellationReason], entities: &[&'static str]) -> StorageError {
    for (reason, entity) in reasons.iter().zip(entities) {
        match reason.code() {
            None | Some("None") => {}
            Some("ConditionalCheckFailed" | "TransactionConflict") => {
                return StorageError::ConditionFailed(entity);
            }
            Some(code @ ("ThrottlingError" | "ProvisionedThroughputExceeded")) => {
                let detail = format!("transaction cancelled: {code}");
                return Failure::Unavailable(detail).into();
            }
            Some(code) => {
                let message = reason.message().unwrap_or_default();
                let detail = format!("transaction cancelled: {code}: {message}");
                return Failure::Failed(detail).into();
            }
        }
    }
    Failure::Failed("transaction cancelled without a reason".to_owned()).into()
}
