//! The DynamoDB adapter: the storage port's one implementation (both halves), and the one module
//! that speaks DynamoDB (attribute values, expressions, conditions, error codes, index names).

use std::collections::HashMap;
use std::fmt::Debug;

use aws_sdk_dynamodb::error::{BuildError, DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    AttributeValue, CancellationReason, ConditionCheck, Delete, Put, ReturnValue,
    TransactWriteItem, Update,
};

use crate::config::Config;
use crate::item::Item;
use crate::pagination::{Listed, Page, decode_token, encode_token};
use crate::storage::{
    Condition, Index, IndexQuery, Key, ReadStorage, StorageError, StorageFuture, Write,
    WriteStorage,
};

type Attributes = HashMap<String, AttributeValue>;

/// The library table, reached through one SDK client for the whole process (it pools
/// connections and caches credentials).
pub struct DynamoDbTable {
    db: aws_sdk_dynamodb::Client,
    config: Config,
}

impl DynamoDbTable {
    pub fn new(db: aws_sdk_dynamodb::Client, config: Config) -> Self {
        Self { db, config }
    }

    fn index_name(&self, index: Index) -> Option<&str> {
        match index {
            Index::EntityType => Some(&self.config.entity_type_index),
            Index::EntityStatus => Some(&self.config.entity_status_index),
            Index::Table => None,
        }
    }
}

/// What a page's last evaluated key consists of on this index.
fn key_attributes(index: Index) -> &'static [&'static str] {
    match index {
        Index::EntityType => &["resourceId", "subResourceId", "type"],
        Index::EntityStatus => &["resourceId", "subResourceId", "type", "status"],
        Index::Table => &["resourceId", "subResourceId"],
    }
}

/// A new item's condition: creates never overwrite.
const ABSENT: &str = "attribute_not_exists(resourceId)";
/// What updates, deletes and transactional writes of an existing item require.
const PRESENT: &str = "attribute_exists(resourceId)";

/// Expression attribute names and values: `type` and `status` are reserved words in DynamoDB,
/// so every name goes through a `#` placeholder, every value through a `:` one.
#[derive(Default)]
struct Placeholders {
    names: HashMap<String, String>,
    values: Attributes,
}

impl Placeholders {
    /// `#_<n>` and `:_<n>`, standing for `name` and `value`, for the next free `n`.
    fn add(&mut self, name: &str, value: String) -> (String, String) {
        let n = self.names.len();
        let (name_placeholder, value_placeholder) = (format!("#_{n}"), format!(":_{n}"));
        self.names.insert(name_placeholder.clone(), name.to_owned());
        self.values.insert(value_placeholder.clone(), s(value));
        (name_placeholder, value_placeholder)
    }

    fn equals(&mut self, name: &str, value: String) -> String {
        let (name, value) = self.add(name, value);
        format!("{name} = {value}")
    }

    /// `SET` every change.
    fn set(&mut self, changes: Vec<(&'static str, String)>) -> String {
        let assignments: Vec<String> = changes
            .into_iter()
            .map(|(name, value)| self.equals(name, value))
            .collect();
        format!("SET {}", assignments.join(", "))
    }

    fn condition(&mut self, condition: &Condition) -> String {
        match condition {
            Condition::Exists => PRESENT.to_owned(),
            Condition::StatusIs(status) => self.equals("status", (*status).to_owned()),
            Condition::StatusIsNot(status) => {
                let (name, value) = self.add("status", (*status).to_owned());
                format!("{PRESENT} AND {name} <> {value}")
            }
        }
    }

    /// The maps, or `None` when empty: DynamoDB refuses empty ones.
    fn into_parts(self) -> (Option<HashMap<String, String>>, Option<Attributes>) {
        let names = (!self.names.is_empty()).then_some(self.names);
        let values = (!self.values.is_empty()).then_some(self.values);
        (names, values)
    }
}

fn primary_key(key: Key) -> Attributes {
    Attributes::from([
        ("resourceId".to_owned(), s(key.resource_id)),
        ("subResourceId".to_owned(), s(key.sub_resource_id)),
    ])
}

/// A new item as written: its key and its attributes.
fn new_item(key: Key, attributes: Item) -> Attributes {
    let mut item = primary_key(key);
    item.extend(attribute_values(attributes));
    item
}

fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

fn attribute_values(item: Item) -> Attributes {
    item.into_iter()
        .map(|(name, value)| (name, s(value)))
        .collect()
}

/// Every attribute this API writes is a string. Anything else stored under the same key is
/// invisible to it; if a required attribute is missing that way, the item is malformed.
fn strings(attributes: Attributes) -> Item {
    attributes
        .into_iter()
        .filter_map(|(name, value)| match value {
            AttributeValue::S(text) => Some((name, text)),
            _ => None,
        })
        .collect()
}

impl WriteStorage for DynamoDbTable {
    fn put_new(&self, key: Key, attributes: Item) -> StorageFuture<'_, ()> {
        Box::pin(async move {
            let result = self
                .db
                .put_item()
                .table_name(&self.config.table)
                .set_item(Some(new_item(key, attributes)))
                .condition_expression(ABSENT)
                .send()
                .await;
            match result {
                Ok(_) => Ok(()),
                Err(e) if is_condition_failure(&e) => Err(StorageError::KeyTaken),
                Err(e) => Err(e.into()),
            }
        })
    }

    fn update(&self, key: Key, changes: Vec<(&'static str, String)>) -> StorageFuture<'_, Item> {
        Box::pin(async move {
            let mut placeholders = Placeholders::default();
            let update = placeholders.set(changes);
            let (names, values) = placeholders.into_parts();
            let result = self
                .db
                .update_item()
                .table_name(&self.config.table)
                .set_key(Some(primary_key(key)))
                .condition_expression(PRESENT)
                .return_values(ReturnValue::AllNew)
                .update_expression(update)
                .set_expression_attribute_names(names)
                .set_expression_attribute_values(values)
                .send()
                .await;
            match result {
                Ok(output) => output
                    .attributes
                    .map(strings)
                    .ok_or(StorageError::NoSuchItem),
                Err(e) if is_condition_failure(&e) => Err(StorageError::NoSuchItem),
                Err(e) => Err(e.into()),
            }
        })
    }

    fn delete(&self, key: Key) -> StorageFuture<'_, ()> {
        Box::pin(async move {
            let result = self
                .db
                .delete_item()
                .table_name(&self.config.table)
                .set_key(Some(primary_key(key)))
                .condition_expression(PRESENT)
                .send()
                .await;
            match result {
                Ok(_) => Ok(()),
                Err(e) if is_condition_failure(&e) => Err(StorageError::NoSuchItem),
                Err(e) => Err(e.into()),
            }
        })
    }

    /// One `TransactWriteItems`: DynamoDB makes every write or, when a condition fails, none.
    fn transact(&self, writes: Vec<Write>) -> StorageFuture<'_, ()> {
        Box::pin(async move {
            let items = writes
                .into_iter()
                .map(|write| self.transact_item(write))
                .collect::<Result<Vec<_>, BuildError>>()
                .map_err(|e| StorageError::Failed(format!("building a transaction: {e}")))?;
            let result = self
                .db
                .transact_write_items()
                .set_transact_items(Some(items))
                .send()
                .await;
            match result {
                Ok(_) => Ok(()),
                Err(e) => match e.as_service_error() {
                    Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) => {
                        Err(cancelled_by(cancelled.cancellation_reasons()))
                    }
                    _ => Err(e.into()),
                },
            }
        })
    }
}

impl DynamoDbTable {
    fn transact_item(&self, write: Write) -> Result<TransactWriteItem, BuildError> {
        let table = &self.config.table;
        let mut placeholders = Placeholders::default();
        let item = TransactWriteItem::builder();
        let item = match write {
            Write::Put { key, attributes } => item.put(
                Put::builder()
                    .table_name(table)
                    .set_item(Some(new_item(key, attributes)))
                    .condition_expression(ABSENT)
                    .build()?,
            ),
            Write::Check { key, condition } => {
                let condition = placeholders.condition(&condition);
                let (names, values) = placeholders.into_parts();
                item.condition_check(
                    ConditionCheck::builder()
                        .table_name(table)
                        .set_key(Some(primary_key(key)))
                        .condition_expression(condition)
                        .set_expression_attribute_names(names)
                        .set_expression_attribute_values(values)
                        .build()?,
                )
            }
            Write::Update {
                key,
                changes,
                condition,
            } => {
                let update = placeholders.set(changes);
                let condition = placeholders.condition(&condition);
                let (names, values) = placeholders.into_parts();
                item.update(
                    Update::builder()
                        .table_name(table)
                        .set_key(Some(primary_key(key)))
                        .update_expression(update)
                        .condition_expression(condition)
                        .set_expression_attribute_names(names)
                        .set_expression_attribute_values(values)
                        .build()?,
                )
            }
            Write::Delete { key, condition } => {
                let condition = placeholders.condition(&condition);
                let (names, values) = placeholders.into_parts();
                item.delete(
                    Delete::builder()
                        .table_name(table)
                        .set_key(Some(primary_key(key)))
                        .condition_expression(condition)
                        .set_expression_attribute_names(names)
                        .set_expression_attribute_values(values)
                        .build()?,
                )
            }
        };
        Ok(item.build())
    }
}

/// DynamoDB gives one reason per write, `None` for the writes that were fine. A failed
/// condition, or another transaction on the same item at the same moment, means the state the
/// command decided on has changed. Throttling is "unavailable"; anything else a failure.
fn cancelled_by(reasons: &[CancellationReason]) -> StorageError {
    for (position, reason) in reasons.iter().enumerate() {
        match reason.code() {
            None | Some("None") => {}
            Some("ConditionalCheckFailed" | "TransactionConflict") => {
                return StorageError::ConditionFailed(position);
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

impl ReadStorage for DynamoDbTable {
    fn get(&self, key: Key) -> StorageFuture<'_, Option<Item>> {
        Box::pin(async move {
            let output = self
                .db
                .get_item()
                .table_name(&self.config.table)
                .set_key(Some(primary_key(key)))
                .consistent_read(true)
                .send()
                .await?;
            Ok(output.item.map(strings))
        })
    }

    fn query(&self, query: IndexQuery, page: Page) -> StorageFuture<'_, Listed<Item>> {
        Box::pin(async move {
            let start = match &page.start {
                None => None,
                Some(token) => Some(
                    decode_token(token, key_attributes(query.index))
                        .ok_or(StorageError::ForeignToken)?,
                ),
            };
            let mut placeholders = Placeholders::default();
            let mut terms: Vec<String> = query
                .conditions
                .into_iter()
                .map(|(name, value)| placeholders.equals(name, value))
                .collect();
            if let Some((name, prefix)) = query.prefix {
                let (name, prefix) = placeholders.add(name, prefix);
                terms.push(format!("begins_with({name}, {prefix})"));
            }
            let (names, values) = placeholders.into_parts();
            let continuing = start.is_some();
            let result = self
                .db
                .query()
                .table_name(&self.config.table)
                .set_index_name(self.index_name(query.index).map(str::to_owned))
                .consistent_read(query.index == Index::Table)
                .limit(page.limit)
                .scan_index_forward(page.forward)
                .key_condition_expression(terms.join(" AND "))
                .set_expression_attribute_names(names)
                .set_expression_attribute_values(values)
                .set_exclusive_start_key(start.map(attribute_values))
                .send()
                .await;
            match result {
                Ok(output) => Ok(Listed {
                    items: output
                        .items
                        .unwrap_or_default()
                        .into_iter()
                        .map(strings)
                        .collect(),
                    next: output
                        .last_evaluated_key
                        .map(strings)
                        .as_ref()
                        .and_then(encode_token),
                }),
                // A well-formed token from another listing: DynamoDB refuses the start key.
                Err(e) if continuing && e.code() == Some("ValidationException") => {
                    Err(StorageError::ForeignToken)
                }
                Err(e) => Err(e.into()),
            }
        })
    }
}

fn is_condition_failure<E: ProvideErrorMetadata, R>(error: &SdkError<E, R>) -> bool {
    error.code() == Some("ConditionalCheckFailedException")
}

/// SDK failures the calls did not expect. Conditional-check failures never get here: the calls
/// that set conditions turn them into [`StorageError::NoSuchItem`] or [`StorageError::KeyTaken`]
/// first.
impl<E, R> From<SdkError<E, R>> for StorageError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: Debug + Send + Sync + 'static,
{
    fn from(error: SdkError<E, R>) -> Self {
        let unreachable = matches!(
            error,
            SdkError::DispatchFailure(_) | SdkError::TimeoutError(_)
        );
        let missing_table = error.code() == Some("ResourceNotFoundException");
        let detail = DisplayErrorContext(&error).to_string();
        if unreachable || missing_table {
            Self::Unavailable(detail)
        } else {
            Self::Failed(detail)
        }
    }
}
