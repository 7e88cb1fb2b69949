//! The storage ports on DynamoDB: the table, each entity's record, and Book Management's
//! transactions.

pub mod book_management;
pub mod item;
pub mod records;
pub mod table;
pub mod transaction;

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
}
