//! The two crates side by side in a temporary folder, the older one with its crate name written
//! as the newer one's, so the diff is about the code and not the name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::api;
use crate::failure::Hint as _;
use crate::targets::Target;

/// `from` and `to` copied under one temporary folder, each in a folder of its own name.
pub struct Copies {
    folder: TempDir,
    pub from: String,
    pub to: String,
}

impl Copies {
    pub fn new(from: &Target, to: &Target) -> anyhow::Result<Self> {
        let folder = TempDir::new()?;
        copy_tree(
            &from.dir,
            &folder.0.join(&from.name),
            &renames(&from.name, &to.name),
        )
        .and_then(|()| copy_tree(&to.dir, &folder.0.join(&to.name), &[]))
        .with_context(|| format!("cannot copy the crates to {}", folder.0.display()))
        .hint("check that the temporary folder is writable (TMPDIR)")?;
        Ok(Self {
            folder,
            from: from.name.clone(),
            to: to.name.clone(),
        })
    }

    pub fn folder(&self) -> &Path {
        &self.folder.0
    }

    /// Deletes every copied file whose path (inside its crate) is not in `keep`.
    pub fn keep_only(&self, keep: &BTreeSet<String>) -> anyhow::Result<()> {
        for name in [&self.from, &self.to] {
            let root = self.folder.0.join(name);
            remove_unkept(&root, &root, keep)
                .with_context(|| format!("cannot filter the copy in {}", root.display()))?;
        }
        Ok(())
    }
}

/// The two spellings of the older crate's name, each with the newer one's.
pub fn renames(from: &str, to: &str) -> [(String, String); 2] {
    [
        (from.to_owned(), to.to_owned()),
        (from.replace('-', "_"), to.replace('-', "_")),
    ]
}

/// What the diff leaves out: build output and snapshots (the API diff is `cargo xtask api diff`).
fn is_excluded(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    (path.is_dir() && name == "target") || api::is_snapshot_file(name)
}

/// Copies `from` into `to`, replacing `names` in every UTF-8 file; empty folders are not made.
fn copy_tree(from: &Path, to: &Path, names: &[(String, String)]) -> std::io::Result<()> {
    for path in sorted_entries(from)? {
        if is_excluded(&path) {
            continue;
        }
        let Some(name) = path.file_name() else {
            continue;
        };
        let target = to.join(name);
        if path.is_dir() {
            copy_tree(&path, &target, names)?;
            continue;
        }
        std::fs::create_dir_all(to)?;
        let bytes = std::fs::read(&path)?;
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                for (old, new) in names {
                    text = text.replace(old.as_str(), new);
                }
                std::fs::write(&target, text)?;
            }
            Err(binary) => std::fs::write(&target, binary.into_bytes())?,
        }
    }
    Ok(())
}

fn remove_unkept(root: &Path, folder: &Path, keep: &BTreeSet<String>) -> std::io::Result<()> {
    for path in sorted_entries(folder)? {
        if path.is_dir() {
            remove_unkept(root, &path, keep)?;
            continue;
        }
        let relative = path.strip_prefix(root).map(crate_path).unwrap_or_default();
        if !keep.contains(&relative) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// A path inside a crate as the diff names it: `/`-separated.
pub fn crate_path(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn sorted_entries(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    Ok(entries)
}

/// A fresh folder under the system's temporary folder, deleted on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> anyhow::Result<Self> {
        static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let count = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.subsec_nanos());
        let path =
            std::env::temp_dir().join(format!("xtask-diff-{}-{count}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path)
            .with_context(|| format!("cannot create {}", path.display()))
            .hint("check that the temporary folder is writable (TMPDIR)")?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::Kind;

    #[test]
    fn the_older_crate_name_reads_as_the_newer_one() {
        assert_eq!(
            renames("step-00-crud", "step-01-repositories"),
            [
                ("step-00-crud".into(), "step-01-repositories".into()),
                ("step_00_crud".into(), "step_01_repositories".into())
            ]
        );
    }

    #[test]
    fn copies_rename_the_crate_leave_out_snapshots_and_target_and_filter() {
        let source = TempDir::new().expect("temp dir");
        let write = |step: &str, path: &str, text: &str| {
            let path = source.0.join(step).join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        };
        write("step-00-crud", "Cargo.toml", "name = \"step-00-crud\"\n");
        write(
            "step-00-crud",
            "tests/api/main.rs",
            "use step_00_crud::router;\n",
        );
        write(
            "step-00-crud",
            "tests/api/snapshots/api__snapshots__openapi.snap",
            "---\n",
        );
        write("step-00-crud", "target/debug/x", "binary");
        write("step-01-repositories", "src/lib.rs", "//! one\n");
        let target = |name: &str| Target {
            kind: Kind::Step,
            name: name.into(),
            dir: source.0.join(name),
        };
        let copies =
            Copies::new(&target("step-00-crud"), &target("step-01-repositories")).expect("copies");
        let read = |path: &str| {
            std::fs::read_to_string(copies.folder().join("step-00-crud").join(path))
                .expect("copied")
        };
        assert_eq!(read("Cargo.toml"), "name = \"step-01-repositories\"\n");
        assert_eq!(
            read("tests/api/main.rs"),
            "use step_01_repositories::router;\n"
        );
        let old = copies.folder().join("step-00-crud");
        assert!(!old.join("tests/api/snapshots").exists());
        assert!(!old.join("target").exists());

        copies
            .keep_only(&BTreeSet::from(["Cargo.toml".to_owned()]))
            .expect("filters");
        assert!(old.join("Cargo.toml").exists());
        assert!(!old.join("tests/api/main.rs").exists());
        assert!(
            !copies
                .folder()
                .join("step-01-repositories/src/lib.rs")
                .exists()
        );
    }
}
