//! The event fixtures: `deployments/events/<Operation>[.<variant>].json`, shared by every
//! approach, the xtask `lambda invoke` command and anyone with `cargo lambda invoke`.

use std::path::{Path, PathBuf};

use library::core::Operation;

/// Where the fixtures live.
pub const EVENTS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../deployments/events");

/// One event fixture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixture {
    /// The file name without `.json`: `BorrowBook`, `AddNewBook.base64-body`.
    pub name: String,
    /// The operation it carries (the name up to the first dot).
    pub operation: Operation,
    /// The event, as Lambda receives it.
    pub event: String,
}

#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: `{name}` names no operation (a fixture is `<Operation>[.<variant>].json`)")]
    Name { path: PathBuf, name: String },
    #[error("no fixture is called `{0}`")]
    Unknown(String),
}

/// Every fixture, by name.
pub fn fixtures() -> Result<Vec<Fixture>, FixtureError> {
    let dir = Path::new(EVENTS_DIR);
    let read_error = |source| FixtureError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if path.extension().is_some_and(|e| e == "json") {
            found.push(load(&path)?);
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// The event in `deployments/events/<path>` as Lambda receives it, for the triggers that are not
/// API Gateway (`sqs/BorrowBook.json`, `appsync/GetMissingBooks.json`): no operation in its name.
pub fn trigger_event(path: &str) -> String {
    let path = Path::new(EVENTS_DIR).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fixture called `name` (with or without `.json`).
pub fn fixture(name: &str) -> Result<Fixture, FixtureError> {
    let name = name.strip_suffix(".json").unwrap_or(name);
    let path = Path::new(EVENTS_DIR).join(format!("{name}.json"));
    if !path.is_file() {
        return Err(FixtureError::Unknown(name.to_owned()));
    }
    load(&path)
}

fn load(path: &Path) -> Result<Fixture, FixtureError> {
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    let operation = name
        .split('.')
        .next()
        .and_then(|operation| operation.parse().ok())
        .ok_or_else(|| FixtureError::Name {
            path: path.to_path_buf(),
            name: name.clone(),
        })?;
    let event = std::fs::read_to_string(path).map_err(|source| FixtureError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Fixture {
        name,
        operation,
        event,
    })
}
