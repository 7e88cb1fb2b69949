use std::net::SocketAddr;
use std::path::Path;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use dynoxide::Database;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::table::{self, TableNames};

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("could not open the embedded DynamoDB database: {0}")]
    Open(String),
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Table(#[from] table::TableError),
}

/// A DynamoDB emulator running inside this process.
///
/// Requests go through a real TCP socket and the real DynamoDB JSON protocol, so the code under
/// test uses exactly the SDK path it uses against AWS. Dropping the engine stops it.
pub struct Engine {
    endpoint: String,
    addr: SocketAddr,
    /// One client for every caller: clones share its connections.
    client: Client,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<Result<(), String>>>,
}

impl Engine {
    /// A fresh, empty, in-memory engine on an ephemeral loopback port: one per test, so tests
    /// run in parallel without sharing state.
    pub async fn in_memory() -> Result<Self, EngineError> {
        Self::in_memory_at(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// A fresh, empty, in-memory engine on `addr` (port 0 picks a free one).
    pub async fn in_memory_at(addr: SocketAddr) -> Result<Self, EngineError> {
        let db = Database::memory().map_err(|e| EngineError::Open(e.to_string()))?;
        Self::serve(db, addr).await
    }

    /// An in-memory engine that already holds the library table (the common test setup).
    pub async fn with_table() -> Result<Self, EngineError> {
        let engine = Self::in_memory().await?;
        table::create(&engine.client(), &TableNames::default()).await?;
        Ok(engine)
    }

    /// An engine whose data lives in the SQLite file `path` (created when missing), so data
    /// survives restarts. Listens on `addr` (port 0 picks a free one).
    pub async fn file_backed(path: &Path, addr: SocketAddr) -> Result<Self, EngineError> {
        let path = path.to_string_lossy();
        let db = Database::new(&path).map_err(|e| EngineError::Open(format!("{path}: {e}")))?;
        Self::serve(db, addr).await
    }

    async fn serve(db: Database, addr: SocketAddr) -> Result<Self, EngineError> {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| EngineError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| EngineError::Bind { addr, source })?;
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(dynoxide::server::serve_with_shutdown(
            listener,
            db,
            async move {
                // A dropped sender means the engine was dropped: stop too.
                let _ = stopped.await;
            },
        ));
        let endpoint = format!("http://{addr}");
        Ok(Self {
            client: local_client(&endpoint),
            endpoint,
            addr,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:<port>`, the value for `AWS_ENDPOINT_URL_DYNAMODB`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// An SDK client for this engine (static local credentials, region `local`). Every call
    /// hands out a clone of the same client, so they share one connection pool.
    pub fn client(&self) -> Client {
        self.client.clone()
    }

    /// Stops accepting connections and waits for requests in flight to finish.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Serves until the engine's task ends (used by `xtask db up`'s background process).
    pub async fn wait(mut self) -> Result<(), String> {
        match self.task.take() {
            Some(task) => task.await.map_err(|e| e.to_string())?,
            None => Ok(()),
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// An SDK client for a local DynamoDB endpoint (the embedded engine or DynamoDB Local).
/// Local engines accept any credentials; region `local` keeps requests from ever reaching AWS.
pub fn local_client(endpoint: &str) -> Client {
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("local"))
        .credentials_provider(Credentials::new("local", "local", None, None, "local"))
        .endpoint_url(endpoint)
        .build();
    Client::from_conf(config)
}
