//! The storage ports on DynamoDB: the table, each entity's record, and Book Management's
//! transactions.

pub mod book_management;
pub mod item;
pub mod records;
pub mod table;
pub mod transaction;
