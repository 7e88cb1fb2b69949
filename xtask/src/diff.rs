//! `diff <from> <to> [--stat]`: the code diff between two steps, the way the talk shows it.
//!
//! Each step is a full copy of the previous one, so a plain diff is mostly the crate's name
//! (`step-00-crud` in `Cargo.toml`, `step_00_crud` in `use` lines). Both steps are copied to a
//! temporary folder, the older one with its crate name written as the newer one's, snapshots
//! and `target/` left out, and `git diff --no-index` compares the copies.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::failure::{Hint as _, fail};
use crate::targets::{self, Kind, Target};
use crate::{api, cmd, workspace};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The older step: full name, unique prefix or number (`step-00-crud`, `00`, `crud`).
    pub from: String,
    /// The newer step.
    pub to: String,
    /// Only which files changed and how much (`git diff --stat`).
    #[arg(long)]
    pub stat: bool,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let root = workspace::root();
    let from = targets::find(&root, &[Kind::Step], &args.from, "cargo xtask diff")?;
    let to = targets::find(&root, &[Kind::Step], &args.to, "cargo xtask diff")?;
    let temp = TempDir::new()?;
    let names = renames(&from.name, &to.name);
    copy_tree(&from.dir, &temp.0.join(&from.name), &names)
        .and_then(|()| copy_tree(&to.dir, &temp.0.join(&to.name), &[]))
        .with_context(|| format!("cannot copy the steps to {}", temp.0.display()))
        .hint("check that the temporary folder is writable (TMPDIR)")?;
    println!(
        "comparing {} with {}, reading the crate name {} as {} ({} as {}); snapshots and \
         target/ left out",
        workspace::show(&from.dir),
        workspace::show(&to.dir),
        names[0].0,
        names[0].1,
        names[1].0,
        names[1].1
    );
    let mut git = git_diff(&from, &to, args.stat);
    git.current_dir(&temp.0);
    println!("$ {}  # in {}", cmd::display(&git), temp.0.display());
    let status = match git.status() {
        Ok(status) => status,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(fail(
                "`git` is not installed",
                "install git: the diff is git's",
            ));
        }
        Err(error) => return Err(error).context("cannot run git").hint("try again"),
    };
    // `git diff --no-index` exits 1 when the folders differ: that is the answer, not a failure.
    match status.code() {
        Some(0) => {
            println!("no differences");
            Ok(())
        }
        Some(1) => Ok(()),
        _ => Err(fail(
            format!("git diff failed ({status})"),
            "read git's message above",
        )),
    }
}

/// The two spellings of the older crate's name, each with the newer one's.
fn renames(from: &str, to: &str) -> [(String, String); 2] {
    [
        (from.to_owned(), to.to_owned()),
        (from.replace('-', "_"), to.replace('-', "_")),
    ]
}

fn git_diff(from: &Target, to: &Target, stat: bool) -> std::process::Command {
    let mut git = cmd::program("git");
    git.args([
        "diff",
        "--no-index",
        "--src-prefix=a/steps/",
        "--dst-prefix=b/steps/",
    ]);
    if stat {
        git.arg("--stat");
    }
    git.args(["--", &from.name, &to.name]);
    git
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
    let mut entries: Vec<PathBuf> = std::fs::read_dir(from)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
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

/// A fresh folder under the system's temporary folder, deleted on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> anyhow::Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.subsec_nanos());
        let path = std::env::temp_dir().join(format!("xtask-diff-{}-{nanos}", std::process::id()));
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

    #[test]
    fn the_older_crate_name_reads_as_the_newer_one() {
        assert_eq!(
            renames("step-00-crud", "step-01-better-crud"),
            [
                ("step-00-crud".into(), "step-01-better-crud".into()),
                ("step_00_crud".into(), "step_01_better_crud".into())
            ]
        );
    }

    #[test]
    fn the_git_command_compares_the_copies_under_steps() {
        let step = |name: &str| Target {
            kind: Kind::Step,
            name: name.into(),
            dir: PathBuf::from(name),
        };
        let git = git_diff(&step("step-00-crud"), &step("step-01-better-crud"), true);
        assert_eq!(
            cmd::display(&git),
            "git diff --no-index --src-prefix=a/steps/ --dst-prefix=b/steps/ --stat -- \
             step-00-crud step-01-better-crud"
        );
    }

    #[test]
    fn copies_rename_the_crate_and_leave_out_snapshots_and_target() {
        let temp = TempDir::new().expect("temp dir");
        let step = temp.0.join("src-step");
        let write = |path: &str, text: &str| {
            let path = step.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        };
        write("Cargo.toml", "name = \"step-00-crud\"\n");
        write("tests/api/main.rs", "use step_00_crud::router;\n");
        write("tests/api/snapshots/api__snapshots__openapi.snap", "---\n");
        write("target/debug/x", "binary");
        let copy = temp.0.join("copy");
        copy_tree(
            &step,
            &copy,
            &renames("step-00-crud", "step-01-better-crud"),
        )
        .expect("copies");
        let read = |path: &str| std::fs::read_to_string(copy.join(path)).expect("copied");
        assert_eq!(read("Cargo.toml"), "name = \"step-01-better-crud\"\n");
        assert_eq!(
            read("tests/api/main.rs"),
            "use step_01_better_crud::router;\n"
        );
        assert!(!copy.join("tests/api/snapshots").exists());
        assert!(!copy.join("target").exists());
    }
}
