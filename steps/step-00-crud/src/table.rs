//! The five DynamoDB calls of this step: put a new item, get, update, delete, and query an index.
//! Handlers build keys and items themselves and call these directly.

use std::collections::HashMap;

use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};

use crate::AppState;
use crate::clock::format_timestamp;
use crate::error::ApiError;
use crate::item::{Item, s};
use crate::pagination::{ListParams, Listed, Page, encode_token, foreign_token};

/// The two global secondary indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// `type` + `subResourceId`.
    EntityType,
    /// `type` + `status`.
    EntityStatus,
}

impl Index {
    fn name(self, state: &AppState) -> &str {
        match self {
            Self::EntityType => &state.config.entity_type_index,
            Self::EntityStatus => &state.config.entity_status_index,
        }
    }

    /// What a page's last evaluated key consists of on this index.
    pub fn key_attributes(self) -> &'static [&'static str] {
        match self {
            Self::EntityType => &["resourceId", "subResourceId", "type"],
            Self::EntityStatus => &["resourceId", "subResourceId", "type", "status"],
        }
    }
}

/// Expression attribute names and values: `type` and `status` are reserved words in DynamoDB,
/// so every name goes through a `#` placeholder, every value through a `:` one.
#[derive(Default)]
struct Placeholders {
    names: HashMap<String, String>,
    values: HashMap<String, AttributeValue>,
}

impl Placeholders {
    /// `#_<n> = :_<n>`, standing for `name` and `value`, for the next free `n`.
    fn equals(&mut self, name: &str, value: AttributeValue) -> String {
        let n = self.names.len();
        let (name_placeholder, value_placeholder) = (format!("#_{n}"), format!(":_{n}"));
        let expression = format!("{name_placeholder} = {value_placeholder}");
        self.names.insert(name_placeholder, name.to_owned());
        self.values.insert(value_placeholder, value);
        expression
    }

    /// `SET` every change.
    fn set(&mut self, changes: Vec<(&'static str, AttributeValue)>) -> String {
        let assignments: Vec<String> = changes
            .into_iter()
            .map(|(name, value)| self.equals(name, value))
            .collect();
        format!("SET {}", assignments.join(", "))
    }
}

pub fn key(resource_id: String, sub_resource_id: String) -> Item {
    Item::from([
        ("resourceId".to_owned(), s(resource_id)),
        ("subResourceId".to_owned(), s(sub_resource_id)),
    ])
}

fn now(state: &AppState) -> AttributeValue {
    s(format_timestamp(state.clock.now()))
}

/// Stores a new item with `createdAt`/`updatedAt`. Never overwrites: an existing key is a 409.
pub async fn put_new(
    state: &AppState,
    entity: &'static str,
    mut item: Item,
) -> Result<(), ApiError> {
    let now = now(state);
    item.insert("createdAt".to_owned(), now.clone());
    item.insert("updatedAt".to_owned(), now);
    let result = state
        .db
        .put_item()
        .table_name(&state.config.table)
        .set_item(Some(item))
        .condition_expression("attribute_not_exists(resourceId)")
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if is_condition_failure(&e) => Err(ApiError::AlreadyExists(entity)),
        Err(e) => Err(e.into()),
    }
}

pub async fn get(state: &AppState, entity: &'static str, key: Item) -> Result<Item, ApiError> {
    let output = state
        .db
        .get_item()
        .table_name(&state.config.table)
        .set_key(Some(key))
        .send()
        .await?;
    output.item.ok_or(ApiError::NotFound(entity))
}

/// Sets `changes` (and `updatedAt`) on an existing item and returns the whole item afterwards.
/// Nothing to change is a 400 before any call; a missing item is a 404.
pub async fn update(
    state: &AppState,
    entity: &'static str,
    key: Item,
    mut changes: Vec<(&'static str, AttributeValue)>,
) -> Result<Item, ApiError> {
    if changes.is_empty() {
        return Err(ApiError::validation("No Fields To Update"));
    }
    changes.push(("updatedAt", now(state)));
    let mut placeholders = Placeholders::default();
    let update = placeholders.set(changes);
    let result = state
        .db
        .update_item()
        .table_name(&state.config.table)
        .set_key(Some(key))
        .condition_expression("attribute_exists(resourceId) AND attribute_exists(subResourceId)")
        .return_values(ReturnValue::AllNew)
        .update_expression(update)
        .set_expression_attribute_names(Some(placeholders.names))
        .set_expression_attribute_values(Some(placeholders.values))
        .send()
        .await;
    match result {
        Ok(output) => output.attributes.ok_or(ApiError::NotFound(entity)),
        Err(e) if is_condition_failure(&e) => Err(ApiError::NotFound(entity)),
        Err(e) => Err(e.into()),
    }
}

/// Deletes an existing item; a missing one is a 404.
pub async fn delete(state: &AppState, entity: &'static str, key: Item) -> Result<(), ApiError> {
    let result = state
        .db
        .delete_item()
        .table_name(&state.config.table)
        .set_key(Some(key))
        .condition_expression("attribute_exists(resourceId)")
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if is_condition_failure(&e) => Err(ApiError::NotFound(entity)),
        Err(e) => Err(e.into()),
    }
}

/// One page of an index query whose key conditions are all equalities.
pub async fn query(
    state: &AppState,
    index: Index,
    conditions: &[(&str, String)],
    page: Page,
) -> Result<(Vec<Item>, Option<String>), ApiError> {
    let mut placeholders = Placeholders::default();
    let terms: Vec<String> = conditions
        .iter()
        .map(|(name, value)| placeholders.equals(name, s(value.clone())))
        .collect();
    let continuing = page.start.is_some();
    let result = state
        .db
        .query()
        .table_name(&state.config.table)
        .index_name(index.name(state))
        .limit(page.limit)
        .scan_index_forward(page.forward)
        .key_condition_expression(terms.join(" AND "))
        .set_expression_attribute_names(Some(placeholders.names))
        .set_expression_attribute_values(Some(placeholders.values))
        .set_exclusive_start_key(page.start)
        .send()
        .await;
    match result {
        Ok(output) => {
            let next = output.last_evaluated_key.as_ref().and_then(encode_token);
            Ok((output.items.unwrap_or_default(), next))
        }
        // A well-formed token from another listing: DynamoDB refuses the start key.
        Err(e) if continuing && e.code() == Some("ValidationException") => Err(foreign_token()),
        Err(e) => Err(e.into()),
    }
}

fn is_condition_failure<E: ProvideErrorMetadata, R>(
    error: &aws_sdk_dynamodb::error::SdkError<E, R>,
) -> bool {
    error.code() == Some("ConditionalCheckFailedException")
}

/// One page of a listing, each item mapped to what the API returns.
pub async fn list<T>(
    state: &AppState,
    index: Index,
    conditions: &[(&str, String)],
    params: &ListParams,
    from_item: fn(&Item) -> Result<T, ApiError>,
) -> Result<Listed<T>, ApiError> {
    let page = params.page(index.key_attributes())?;
    let (items, next) = query(state, index, conditions, page).await?;
    let items = items.iter().map(from_item).collect::<Result<_, _>>()?;
    Ok(Listed { items, next })
}
