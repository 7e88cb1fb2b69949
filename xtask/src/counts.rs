//! How many items of each entity type the table holds (for `db status` and the seed tests).

use std::collections::BTreeMap;

use anyhow::Context as _;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{AttributeValue, Select};
use embedded_dynamodb::TableNames;

/// The entity types of the library domain, the values of the `type` attribute.
pub const TYPES: [&str; 4] = ["Author", "Book", "Rental", "User"];

/// Items per entity type, counted through the entity-type index (every type present, even at 0).
pub async fn per_type(
    client: &Client,
    names: &TableNames,
) -> anyhow::Result<BTreeMap<&'static str, usize>> {
    let mut counts = BTreeMap::new();
    for entity_type in TYPES {
        let mut pages = client
            .query()
            .table_name(&names.table)
            .index_name(&names.entity_type_index)
            .key_condition_expression("#type = :type")
            .expression_attribute_names("#type", "type")
            .expression_attribute_values(":type", AttributeValue::S(entity_type.to_owned()))
            .select(Select::Count)
            .into_paginator()
            .send();
        let mut count = 0;
        while let Some(page) = pages.next().await {
            let page = page
                .map_err(crate::sdk::error)
                .with_context(|| format!("counting {entity_type} items failed"))?;
            count += usize::try_from(page.count()).unwrap_or_default();
        }
        counts.insert(entity_type, count);
    }
    Ok(counts)
}

/// Every item of the table, whatever its type.
pub async fn total(client: &Client, names: &TableNames) -> anyhow::Result<usize> {
    let mut pages = client
        .scan()
        .table_name(&names.table)
        .select(Select::Count)
        .into_paginator()
        .send();
    let mut total = 0;
    while let Some(page) = pages.next().await {
        let page = page
            .map_err(crate::sdk::error)
            .context("counting items failed")?;
        total += usize::try_from(page.count()).unwrap_or_default();
    }
    Ok(total)
}
