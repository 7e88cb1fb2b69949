//! Which DynamoDB to talk to: `AWS_ENDPOINT_URL_DYNAMODB` when set, else the engine `db up`
//! started, else none.

use std::path::PathBuf;

use super::state::{self, State};
use crate::failure::fail;
use crate::workspace;

pub const ENDPOINT_ENV: &str = "AWS_ENDPOINT_URL_DYNAMODB";

#[derive(Debug, Clone)]
pub enum Source {
    /// Whatever `AWS_ENDPOINT_URL_DYNAMODB` points at.
    Env(String),
    /// The background engine recorded in `data/dynamodb/engine.json`.
    Running(State),
    /// An embedded engine inside this xtask process (`serve` and `demo` start one when none
    /// runs): its database file, or `None` when it keeps its data in memory.
    InProcess {
        endpoint: String,
        data: Option<PathBuf>,
    },
}

impl Source {
    /// The DynamoDB in use, if any.
    pub fn find() -> anyhow::Result<Option<Self>> {
        if let Some(endpoint) = endpoint_from_env() {
            return Ok(Some(Self::Env(endpoint)));
        }
        Ok(state::running()?.map(Self::Running))
    }

    /// The DynamoDB in use, or a failure telling how to start one.
    pub fn require() -> anyhow::Result<Self> {
        Self::find()?.ok_or_else(|| fail("no DynamoDB is running", "run cargo xtask db up"))
    }

    pub fn endpoint(&self) -> &str {
        match self {
            Self::Env(endpoint) | Self::InProcess { endpoint, .. } => endpoint,
            Self::Running(state) => &state.endpoint,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Self::Env(_) => format!("the DynamoDB {ENDPOINT_ENV} points at"),
            Self::Running(state) => state.describe(),
            Self::InProcess {
                data: Some(data), ..
            } => format!(
                "embedded engine inside this xtask (data in {})",
                workspace::show(data)
            ),
            Self::InProcess { data: None, .. } => {
                "embedded engine inside this xtask (in memory, gone when it stops)".to_owned()
            }
        }
    }

    /// What to do when this DynamoDB does not answer.
    pub fn unreachable_hint(&self) -> String {
        match self {
            Self::Env(endpoint) => format!(
                "is something serving {endpoint}? unset {ENDPOINT_ENV} to use cargo xtask db up's engine"
            ),
            Self::Running(_) => "restart it: cargo xtask db down && cargo xtask db up".to_owned(),
            Self::InProcess { .. } => "try again, or start one with cargo xtask db up".to_owned(),
        }
    }
}

pub fn endpoint_from_env() -> Option<String> {
    std::env::var(ENDPOINT_ENV)
        .ok()
        .filter(|value| !value.trim().is_empty())
}
