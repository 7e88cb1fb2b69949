//! The storage ports on DynamoDB: the table, each entity's record, and Book Management's
//! transactions.

pub mod book_management;
pub mod item;
pub mod records;
pub mod table;
pub mod transaction;

use aws_sdk_dynamodb::error::DisplayErrorContext;
use plumbing::dynamodb::{self, TableConfig};

use crate::adapters::dynamodb::table::Table;
use crate::core::App;

impl App<Table> {
    /// Production wiring: the DynamoDB table through `db`, random KSUIDs and the system clock.
    pub fn new(db: aws_sdk_dynamodb::Client, tables: TableConfig) -> Self {
        Self::on(Table::new(db, tables))
    }

    /// The production wiring from the environment, meant to run once per process (a Lambda cold
    /// start): the SDK configured the standard way, table and index names from
    /// [`TableConfig::from_env`].
    pub async fn from_env() -> Self {
        Self::new(dynamodb::client_from_env().await, TableConfig::from_env())
    }

    /// [`App::from_env`], once the table has answered: a process that cannot work (no region,
    /// no table, no way to reach it) finds out at its start rather than at every request.
    pub async fn checked_from_env() -> Result<Self, StartError> {
        let db = dynamodb::client_from_env().await;
        if db.config().region().is_none() {
            return Err(StartError::NoRegion);
        }
        let tables = TableConfig::from_env();
        db.describe_table()
            .table_name(&tables.table)
            .send()
            .await
            .map_err(|error| StartError::Table {
                table: tables.table.clone(),
                detail: DisplayErrorContext(&error).to_string(),
            })?;
        Ok(Self::new(db, tables))
    }
}

/// Why [`App::checked_from_env`] could not wire the app.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("no AWS region: AWS_REGION is not set, so the SDK cannot tell which DynamoDB to call")]
    NoRegion,
    #[error("the table {table} does not answer: {detail}")]
    Table { table: String, detail: String },
}
