//! The storage ports on DynamoDB: the table, each entity's record, and Book Management's
//! transactions.

pub mod book_management;
pub mod item;
pub mod records;
pub mod table;
pub mod transaction;

use plumbing::dynamodb::TableConfig;

use crate::adapters::dynamodb::table::Table;
use crate::core::App;

impl App<Table> {
    /// Production wiring: the DynamoDB table through `db`, random KSUIDs and the system clock.
    pub fn new(db: aws_sdk_dynamodb::Client, tables: TableConfig) -> Self {
        Self::on(Table::new(db, tables))
    }
}
