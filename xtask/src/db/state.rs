//! `data/dynamodb/engine.json`: which background DynamoDB `db up` started, and where.

use std::path::PathBuf;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::failure::Hint as _;
use crate::{net, process, workspace};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `xtask db engine`, a detached process of this workspace's own binary.
    Embedded,
    /// `docker compose up -d dynamodb-local`.
    Docker,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub engine: Kind,
    /// The engine's process (embedded only).
    pub pid: Option<u32>,
    pub port: u16,
    pub endpoint: String,
    /// Where the data lives: the database file, or the folder Docker mounts.
    pub data: PathBuf,
}

impl State {
    /// Whether the engine still serves: its port answers and (embedded) its process exists.
    pub fn is_serving(&self) -> bool {
        net::answers(self.port) && self.pid.is_none_or(process::exists)
    }

    pub fn describe(&self) -> String {
        match (&self.engine, self.pid) {
            (Kind::Embedded, Some(pid)) => format!(
                "embedded engine (pid {pid}, data in {})",
                workspace::show(&self.data)
            ),
            (Kind::Embedded, None) => "embedded engine".to_owned(),
            (Kind::Docker, _) => format!(
                "DynamoDB Local in Docker (data in {})",
                workspace::show(&self.data)
            ),
        }
    }
}

pub fn path() -> PathBuf {
    workspace::dynamodb_dir().join("engine.json")
}

fn fix_hint() -> String {
    format!(
        "stop the engine if it still runs, then delete {}",
        workspace::show(&path())
    )
}

/// The recorded engine, if any (running or not).
pub fn load() -> anyhow::Result<Option<State>> {
    let path = path();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(error)
                .with_context(|| format!("cannot read {}", workspace::show(&path)))
                .hint(fix_hint());
        }
    };
    serde_json::from_str(&text)
        .map(Some)
        .with_context(|| format!("{} is not a valid engine record", workspace::show(&path)))
        .hint(fix_hint())
}

pub fn save(state: &State) -> anyhow::Result<()> {
    let path = path();
    let write = || -> anyhow::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, serde_json::to_string_pretty(state)? + "\n")?;
        Ok(())
    };
    write()
        .with_context(|| format!("cannot write {}", workspace::show(&path)))
        .hint("check that the data/ folder is writable")
}

pub fn forget() -> anyhow::Result<()> {
    workspace::remove_file(&path())
}

/// The recorded engine if it still serves. A record of an engine that is gone is removed.
pub fn running() -> anyhow::Result<Option<State>> {
    let Some(state) = load()? else {
        return Ok(None);
    };
    if state.is_serving() {
        return Ok(Some(state));
    }
    println!(
        "note: the {} recorded in {} no longer runs; forgetting it",
        state.describe(),
        workspace::show(&path())
    );
    forget()?;
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_is_small_readable_json() {
        let state = State {
            engine: Kind::Embedded,
            pid: Some(42),
            port: 8000,
            endpoint: "http://127.0.0.1:8000".into(),
            data: "/w/data/dynamodb/library.db".into(),
        };
        let json = serde_json::to_value(&state).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "engine": "embedded",
                "pid": 42,
                "port": 8000,
                "endpoint": "http://127.0.0.1:8000",
                "data": "/w/data/dynamodb/library.db",
            })
        );
        assert_eq!(
            serde_json::from_value::<State>(json).expect("parses"),
            state
        );
    }

    #[test]
    fn an_engine_whose_port_is_closed_is_not_serving() {
        let listener = std::net::TcpListener::bind(net::loopback(0)).expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let state = State {
            engine: Kind::Docker,
            pid: None,
            port,
            endpoint: format!("http://127.0.0.1:{port}"),
            data: "data/dynamodb-local".into(),
        };
        assert!(state.is_serving());
        drop(listener);
        assert!(!state.is_serving());
    }
}
