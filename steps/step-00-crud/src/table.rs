//! The five DynamoDB calls of this step: put a new item, get, update, delete, and query an index.
//! Handlers build keys and items themselves and call these directly.

use aws_sdk_dynamodb::types::ReturnValue;
use plumbing::dynamodb::expression::{Change, Condition, Expressions};
use plumbing::dynamodb::{cursor, is_condition_failure, is_foreign_start_key, readable};
use plumbing::page::{INVALID_TOKEN, ListParams, Listing, Page, SortOrder};

use crate::AppState;
use crate::error::ApiError;
use crate::item::{Item, s};

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
            Self::EntityType => &state.tables.entity_type_index,
            Self::EntityStatus => &state.tables.entity_status_index,
        }
    }
}

pub fn key(resource_id: String, sub_resource_id: String) -> Item {
    Item::from([
        ("resourceId".to_owned(), s(resource_id)),
        ("subResourceId".to_owned(), s(sub_resource_id)),
    ])
}

/// Stores a new item with `createdAt`/`updatedAt`. Never overwrites: an existing key is a 409.
pub async fn put_new(
    state: &AppState,
    entity: &'static str,
    mut item: Item,
) -> Result<(), ApiError> {
    let now = s(state.clock.now().to_string());
    item.insert("createdAt".to_owned(), now.clone());
    item.insert("updatedAt".to_owned(), now);
    let expressions = Expressions::default().when(Condition::Absent);
    let result = state
        .db
        .put_item()
        .table_name(&state.tables.table)
        .set_item(Some(item))
        .set_condition_expression(expressions.condition)
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
        .table_name(&state.tables.table)
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
    mut changes: Vec<Change>,
) -> Result<Item, ApiError> {
    if changes.is_empty() {
        return Err(ApiError::validation("No Fields To Update"));
    }
    changes.push(("updatedAt", s(state.clock.now().to_string())));
    let expressions = Expressions::set(changes).when(Condition::Present);
    let result = state
        .db
        .update_item()
        .table_name(&state.tables.table)
        .set_key(Some(key))
        .set_update_expression(expressions.update.clone())
        .set_condition_expression(expressions.condition.clone())
        .set_expression_attribute_names(expressions.names())
        .set_expression_attribute_values(expressions.values())
        .return_values(ReturnValue::AllNew)
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
    let expressions = Expressions::default().when(Condition::Present);
    let result = state
        .db
        .delete_item()
        .table_name(&state.tables.table)
        .set_key(Some(key))
        .set_condition_expression(expressions.condition)
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
) -> Result<Listing<Item>, ApiError> {
    let start = match &page.after {
        None => None,
        Some(after) => Some(
            cursor::decode(after, conditions).ok_or_else(|| ApiError::validation(INVALID_TOKEN))?,
        ),
    };
    let continuing = start.is_some();
    let equal = conditions
        .iter()
        .map(|(name, value)| (*name, s(value)))
        .collect();
    let expressions = Expressions::keys(equal, None);
    let result = state
        .db
        .query()
        .table_name(&state.tables.table)
        .index_name(index.name(state))
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
        Err(e) if continuing && is_foreign_start_key(&e) => {
            Err(ApiError::validation(INVALID_TOKEN))
        }
        Err(e) => Err(e.into()),
    }
}

/// One page of a listing, each item mapped to what the API returns.
pub async fn list<T>(
    state: &AppState,
    index: Index,
    conditions: &[(&str, String)],
    params: ListParams,
    from_item: fn(&Item) -> Result<T, ApiError>,
) -> Result<Listing<T>, ApiError> {
    let listing = query(state, index, conditions, params.page()?).await?;
    Ok(Listing {
        items: readable(&listing.items, from_item),
        next: listing.next,
    })
}
