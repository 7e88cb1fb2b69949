//! Where things are: the workspace root, the cargo target directory, the local data folder.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::Context as _;

use crate::cmd;
use crate::failure::Hint as _;

/// The workspace root (the parent of this crate's directory).
pub fn root() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).to_path_buf()
}

/// `data/dynamodb`: the embedded engine's database file, log and state file.
pub fn dynamodb_dir() -> PathBuf {
    root().join("data").join("dynamodb")
}

/// `path` relative to the workspace root when it is inside it, for shorter messages.
pub fn show(path: &Path) -> String {
    let root = root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Deletes `path`; a file that is not there is as good as deleted.
pub fn remove_file(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error)
            .with_context(|| format!("cannot delete {}", show(path)))
            .hint("check the folder's permissions"),
        _ => Ok(()),
    }
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, else what `cargo metadata` says. Asked once
/// per xtask run (`ci`, `bench` and `api` need it several times; `cargo metadata` is slow).
pub fn target_dir() -> anyhow::Result<PathBuf> {
    static TARGET_DIR: OnceLock<PathBuf> = OnceLock::new();
    if let Some(dir) = TARGET_DIR.get() {
        return Ok(dir.clone());
    }
    let dir = find_target_dir()?;
    Ok(TARGET_DIR.get_or_init(|| dir).clone())
}

fn find_target_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
        return Ok(root().join(dir));
    }
    let hint = "check that `cargo metadata` works in the workspace root";
    let stdout = cmd::output(cmd::cargo().args(["metadata", "--format-version", "1", "--no-deps"]))
        .hint(hint)?;
    let metadata: serde_json::Value = serde_json::from_slice(&stdout)
        .context("cargo metadata printed something that is not JSON")
        .hint(hint)?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .context("cargo metadata did not name a target_directory")
        .hint(hint)
}
