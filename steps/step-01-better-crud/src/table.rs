//! The DynamoDB adapter: the storage port's one implementation, and the one module that speaks
//! DynamoDB (attribute values, expressions, conditions, error codes, index names).

use std::collections::HashMap;
use std::fmt::Debug;

use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};

use crate::config::Config;
use crate::item::Item;
use crate::pagination::{Listed, Page, decode_token, encode_token};
use crate::storage::{Index, Key, Query, Storage, StorageError, StorageFuture};

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

    fn index_name(&self, index: Index) -> &str {
        match index {
            Index::EntityType => &self.config.entity_type_index,
            Index::EntityStatus => &self.config.entity_status_index,
        }
    }
}

/// What a page's last evaluated key consists of on this index.
fn key_attributes(index: Index) -> &'static [&'static str] {
    match index {
        Index::EntityType => &["resourceId", "subResourceId", "type"],
        Index::EntityStatus => &["resourceId", "subResourceId", "type", "status"],
    }
}

/// Expression attribute names and values: `type` and `status` are reserved words in DynamoDB,
/// so every name goes through a `#` placeholder, every value through a `:` one.
#[derive(Default)]
struct Placeholders {
    names: HashMap<String, String>,
    values: Attributes,
}

impl Placeholders {
    /// `#_<n> = :_<n>`, standing for `name` and `value`, for the next free `n`.
    fn equals(&mut self, name: &str, value: String) -> String {
        let n = self.names.len();
        let (name_placeholder, value_placeholder) = (format!("#_{n}"), format!(":_{n}"));
        let expression = format!("{name_placeholder} = {value_placeholder}");
        self.names.insert(name_placeholder, name.to_owned());
        self.values.insert(value_placeholder, s(value));
        expression
    }

    /// `SET` every change.
    fn set(&mut self, changes: Vec<(&'static str, String)>) -> String {
        let assignments: Vec<String> = changes
            .into_iter()
            .map(|(name, value)| self.equals(name, value))
            .collect();
        format!("SET {}", assignments.join(", "))
    }
}

fn primary_key(key: Key) -> Attributes {
    Attributes::from([
        ("resourceId".to_owned(), s(key.resource_id)),
        ("subResourceId".to_owned(), s(key.sub_resource_id)),
    ])
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

impl Storage for DynamoDbTable {
    fn put_new(&self, key: Key, attributes: Item) -> StorageFuture<'_, ()> {
        Box::pin(async move {
            let mut item = primary_key(key);
            item.extend(attribute_values(attributes));
            let result = self
                .db
                .put_item()
                .table_name(&self.config.table)
                .set_item(Some(item))
                .condition_expression("attribute_not_exists(resourceId)")
                .send()
                .await;
            match result {
                Ok(_) => Ok(()),
                Err(e) if is_condition_failure(&e) => Err(StorageError::KeyTaken),
                Err(e) => Err(e.into()),
            }
        })
    }

    fn get(&self, key: Key) -> StorageFuture<'_, Option<Item>> {
        Box::pin(async move {
            let output = self
                .db
                .get_item()
                .table_name(&self.config.table)
                .set_key(Some(primary_key(key)))
                .send()
                .await?;
            Ok(output.item.map(strings))
        })
    }

    fn update(&self, key: Key, changes: Vec<(&'static str, String)>) -> StorageFuture<'_, Item> {
        Box::pin(async move {
            let mut placeholders = Placeholders::default();
            let update = placeholders.set(changes);
            let result = self
                .db
                .update_item()
                .table_name(&self.config.table)
                .set_key(Some(primary_key(key)))
                .condition_expression(
                    "attribute_exists(resourceId) AND attribute_exists(subResourceId)",
                )
                .return_values(ReturnValue::AllNew)
                .update_expression(update)
                .set_expression_attribute_names(Some(placeholders.names))
                .set_expression_attribute_values(Some(placeholders.values))
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
                .condition_expression("attribute_exists(resourceId)")
                .send()
                .await;
            match result {
                Ok(_) => Ok(()),
                Err(e) if is_condition_failure(&e) => Err(StorageError::NoSuchItem),
                Err(e) => Err(e.into()),
            }
        })
    }

    fn query(&self, query: Query, page: Page) -> StorageFuture<'_, Listed<Item>> {
        Box::pin(async move {
            let start = match &page.start {
                None => None,
                Some(token) => Some(
                    decode_token(token, key_attributes(query.index))
                        .ok_or(StorageError::ForeignToken)?,
                ),
            };
            let mut placeholders = Placeholders::default();
            let terms: Vec<String> = query
                .conditions
                .into_iter()
                .map(|(name, value)| placeholders.equals(name, value))
                .collect();
            let continuing = start.is_some();
            let result = self
                .db
                .query()
                .table_name(&self.config.table)
                .index_name(self.index_name(query.index))
                .limit(page.limit)
                .scan_index_forward(page.forward)
                .key_condition_expression(terms.join(" AND "))
                .set_expression_attribute_names(Some(placeholders.names))
                .set_expression_attribute_values(Some(placeholders.values))
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
