//! The storage ports on DynamoDB: the single table of the design (reference 2.2), its two
//! indexes, and one `TransactWriteItems` per command so each command's change is all or nothing.
//!
//! - `reads` and `writes` implement the two ports, each method a few lines;
//! - `author`, `book`, `rental`, `user` know each entity's key and item layout;
//! - `table` holds the single-item calls and the queries, `transaction` the multi-item writes,
//!   `expression` the expressions they share, `cursor` the continuation token, `error` how SDK
//!   failures become [`StorageError`](crate::core::ports::StorageError)s.

mod author;
mod book;
mod config;
mod cursor;
mod error;
mod expression;
mod item;
mod reads;
mod rental;
mod table;
mod transaction;
mod user;
mod writes;

use std::sync::Arc;

use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::Client;

pub use config::TableConfig;

use crate::adapters::clock::SystemClock;
use crate::adapters::ids::RandomKsuids;
use crate::core::App;

/// Storage in a DynamoDB table. Clones share the SDK client (its connection pool and credentials
/// cache).
#[derive(Clone)]
pub struct DynamoDb {
    client: Client,
    tables: Arc<TableConfig>,
}

impl DynamoDb {
    pub fn new(client: Client, tables: TableConfig) -> Self {
        Self {
            client,
            tables: Arc::new(tables),
        }
    }
}

impl App<DynamoDb> {
    /// The production wiring, meant to run once per process (a Lambda cold start, a server
    /// start): the SDK configured the standard way (`AWS_REGION`, the credential chain,
    /// `AWS_ENDPOINT_URL_DYNAMODB` for a local engine), table and index names from
    /// [`TableConfig::from_env`], random KSUIDs and the system clock.
    pub async fn from_env() -> Self {
        let aws = aws_config::load_defaults(BehaviorVersion::latest()).await;
        Self::with_dynamodb(Client::new(&aws), TableConfig::from_env())
    }

    /// The app on an SDK client you configured yourself, with random KSUIDs and the system clock.
    pub fn with_dynamodb(client: Client, tables: TableConfig) -> Self {
        Self::new(DynamoDb::new(client, tables), SystemClock, RandomKsuids)
    }
}
