//! The library table: the one definition every test, xtask command and SAM template check uses.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType,
};

pub const TABLE_NAME: &str = "library-system-database";
pub const PARTITION_KEY: &str = "resourceId";
pub const SORT_KEY: &str = "subResourceId";
/// Every key attribute of the table and its indexes; all are strings.
pub const KEY_ATTRIBUTES: [&str; 4] = [PARTITION_KEY, SORT_KEY, "type", "status"];
pub const BILLING_MODE: &str = "PAY_PER_REQUEST";

pub const TABLE_NAME_ENV: &str = "DYNAMODB_TABLE_NAME";

/// A global secondary index of the library table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Index {
    pub default_name: &'static str,
    /// The environment variable that renames it (the SAM templates pass their parameter here).
    pub name_env: &'static str,
    pub partition_key: &'static str,
    pub sort_key: &'static str,
}

/// "GSI1": every entity of a type, ordered by `subResourceId`; books of an author; rentals of a user.
pub const ENTITY_TYPE_INDEX: Index = Index {
    default_name: "entity-type",
    name_env: "DYNAMODB_ENTITY_TYPE_INDEX_NAME",
    partition_key: "type",
    sort_key: SORT_KEY,
};

/// "GSI2": entities of a type by status (missing books, borrowed rentals). Sparse: authors have
/// no status.
pub const ENTITY_STATUS_INDEX: Index = Index {
    default_name: "entity-status",
    name_env: "DYNAMODB_ENTITY_STATUS_INDEX_NAME",
    partition_key: "type",
    sort_key: "status",
};

pub const INDEXES: [Index; 2] = [ENTITY_TYPE_INDEX, ENTITY_STATUS_INDEX];

/// The physical names in use: the defaults above, or what the environment says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableNames {
    pub table: String,
    pub entity_type_index: String,
    pub entity_status_index: String,
}

impl Default for TableNames {
    fn default() -> Self {
        Self {
            table: TABLE_NAME.to_owned(),
            entity_type_index: ENTITY_TYPE_INDEX.default_name.to_owned(),
            entity_status_index: ENTITY_STATUS_INDEX.default_name.to_owned(),
        }
    }
}

impl TableNames {
    pub fn from_env() -> Self {
        let var = |name: &str, default: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default.to_owned())
        };
        Self {
            table: var(TABLE_NAME_ENV, TABLE_NAME),
            entity_type_index: var(ENTITY_TYPE_INDEX.name_env, ENTITY_TYPE_INDEX.default_name),
            entity_status_index: var(
                ENTITY_STATUS_INDEX.name_env,
                ENTITY_STATUS_INDEX.default_name,
            ),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("DynamoDB refused to {action} table `{table}`: {message}")]
    Sdk {
        action: &'static str,
        table: String,
        message: String,
    },
    #[error("building the table request failed: {0}")]
    Build(#[from] aws_sdk_dynamodb::error::BuildError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Create found the table already there, or destroy found it already gone.
    AlreadyThatWay,
}

fn key(name: &str, key_type: KeyType) -> Result<KeySchemaElement, TableError> {
    Ok(KeySchemaElement::builder()
        .attribute_name(name)
        .key_type(key_type)
        .build()?)
}

fn index(definition: Index, name: &str) -> Result<GlobalSecondaryIndex, TableError> {
    Ok(GlobalSecondaryIndex::builder()
        .index_name(name)
        .key_schema(key(definition.partition_key, KeyType::Hash)?)
        .key_schema(key(definition.sort_key, KeyType::Range)?)
        .projection(
            Projection::builder()
                .projection_type(ProjectionType::All)
                .build(),
        )
        .build()?)
}

/// Creates the table with both GSIs, on demand billing. An existing table is not an error.
pub async fn create(client: &Client, names: &TableNames) -> Result<Outcome, TableError> {
    let mut request = client
        .create_table()
        .table_name(&names.table)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(PARTITION_KEY, KeyType::Hash)?)
        .key_schema(key(SORT_KEY, KeyType::Range)?)
        .global_secondary_indexes(index(ENTITY_TYPE_INDEX, &names.entity_type_index)?)
        .global_secondary_indexes(index(ENTITY_STATUS_INDEX, &names.entity_status_index)?);
    for attribute in KEY_ATTRIBUTES {
        request = request.attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(attribute)
                .attribute_type(ScalarAttributeType::S)
                .build()?,
        );
    }
    match request.send().await {
        Ok(_) => Ok(Outcome::Done),
        Err(e) if e.code() == Some("ResourceInUseException") => Ok(Outcome::AlreadyThatWay),
        Err(e) => Err(TableError::Sdk {
            action: "create",
            table: names.table.clone(),
            message: DisplayErrorContext(e).to_string(),
        }),
    }
}

/// Deletes the table. A table that is already gone is not an error.
pub async fn destroy(client: &Client, names: &TableNames) -> Result<Outcome, TableError> {
    match client.delete_table().table_name(&names.table).send().await {
        Ok(_) => Ok(Outcome::Done),
        Err(e) if e.code() == Some("ResourceNotFoundException") => Ok(Outcome::AlreadyThatWay),
        Err(e) => Err(TableError::Sdk {
            action: "delete",
            table: names.table.clone(),
            message: DisplayErrorContext(e).to_string(),
        }),
    }
}

/// Whether the table exists (any other failure, such as an unreachable endpoint, is an error).
pub async fn exists(client: &Client, names: &TableNames) -> Result<bool, TableError> {
    match client
        .describe_table()
        .table_name(&names.table)
        .send()
        .await
    {
        Ok(_) => Ok(true),
        Err(e) if e.code() == Some("ResourceNotFoundException") => Ok(false),
        Err(e) => Err(TableError::Sdk {
            action: "describe",
            table: names.table.clone(),
            message: DisplayErrorContext(e).to_string(),
        }),
    }
}
