//! `diff <from> <to> [--stat] [-- <path>...]`: the code diff between two steps (or two
//! approaches), the way the talk shows it.
//!
//! Each step is a full copy of the previous one, so a plain diff is mostly the crate's name
//! (`step-00-crud` in `Cargo.toml`, `step_00_crud` in `use` lines). Both crates are copied to a
//! temporary folder, the older one with its crate name written as the newer one's, snapshots
//! and `target/` left out, and `git diff --no-index` compares the copies. `ladder` counts the
//! same diff for every consecutive pair of steps against the reading budget.

mod changes;
mod copy;
pub mod ladder;

use crate::cmd;
use crate::failure::fail;
use crate::targets::{self, Kind, Target};
use crate::workspace;
use changes::{Change, Filter};
use copy::Copies;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The older step or approach: full name, unique prefix or number (`step-00-crud`, `00`,
    /// `crud`, `approach-01`). A bare number names a step.
    pub from: String,
    /// The newer one, of the same kind (`cargo xtask diff approach-01 02` diffs two approaches).
    pub to: String,
    /// Only which files changed and how much (`git diff --stat`).
    #[arg(long)]
    pub stat: bool,
    /// Only these files, folders or words, inside the crates (`src/book.rs`, `src/commands`,
    /// `book` for every file named after books); a moved file keeps its other half.
    #[arg(last = true)]
    pub paths: Vec<String>,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let root = workspace::root();
    let from = targets::find_step_first(&root, &args.from, "cargo xtask diff")?;
    let to = targets::find(&root, &[from.kind], &args.to, "cargo xtask diff")?;
    let compared = Compared::new(&from, &to)?;
    let filter = Filter::new(&args.paths);
    let changes = if filter.is_empty() {
        compared.changes.clone()
    } else {
        let keep = filter.keep(&compared.changes);
        compared.copies.keep_only(&keep)?;
        compared
            .changes
            .iter()
            .filter(|change| {
                change
                    .old
                    .iter()
                    .chain(&change.new)
                    .any(|p| keep.contains(p))
            })
            .cloned()
            .collect()
    };
    let names = copy::renames(&from.name, &to.name);
    println!(
        "comparing {} with {}, reading the crate name {} as {} ({} as {}); snapshots and \
         target/ left out{}",
        workspace::show(&from.dir),
        workspace::show(&to.dir),
        names[0].0,
        names[0].1,
        names[1].0,
        names[1].1,
        if filter.is_empty() {
            String::new()
        } else {
            format!("; only {}", args.paths.join(", "))
        }
    );
    println!(
        "{} files changed, {} lines (src/: {})",
        changes.len(),
        changes::total(&changes),
        changes::total(changes.iter().filter(|change| change.is_under("src")))
    );
    if let Some(moves) = changes::moves_summary(&changes) {
        println!("{moves}");
    }
    if changes.is_empty() {
        println!("no differences");
        return Ok(());
    }
    let mut git = git_diff(&from, &to, args.stat);
    git.current_dir(compared.copies.folder());
    println!(
        "$ {}  # in {}",
        cmd::display(&git),
        compared.copies.folder().display()
    );
    let status = git.status().map_err(|error| git_error(&error))?;
    // `git diff --no-index` exits 1 when the folders differ: that is the answer, not a failure.
    match status.code() {
        Some(0 | 1) => Ok(()),
        _ => Err(fail(
            format!("git diff failed ({status})"),
            "read git's message above",
        )),
    }
}

/// Two crates copied side by side, and what changed between them.
pub struct Compared {
    pub copies: Copies,
    pub changes: Vec<Change>,
}

impl Compared {
    pub fn new(from: &Target, to: &Target) -> anyhow::Result<Self> {
        let copies = Copies::new(from, to)?;
        let mut git = cmd::program("git");
        git.args(changes::GIT_OPTIONS)
            .args(["--numstat", "-z", "--", &copies.from, &copies.to])
            .current_dir(copies.folder());
        let output = git.output().map_err(|error| git_error(&error))?;
        if !matches!(output.status.code(), Some(0 | 1)) {
            return Err(fail(
                format!(
                    "`{}` failed ({}): {}",
                    cmd::display(&git),
                    output.status,
                    String::from_utf8_lossy(&output.stderr).trim()
                ),
                "read git's message",
            ));
        }
        let changes = changes::parse_numstat(&output.stdout, &copies.from, &copies.to)?;
        Ok(Self { copies, changes })
    }
}

fn git_error(error: &std::io::Error) -> anyhow::Error {
    if error.kind() == std::io::ErrorKind::NotFound {
        fail("`git` is not installed", "install git: the diff is git's")
    } else {
        fail(format!("cannot run git: {error}"), "try again")
    }
}

fn git_diff(from: &Target, to: &Target, stat: bool) -> std::process::Command {
    let folder = if from.kind == Kind::Approach {
        "deployments"
    } else {
        "steps"
    };
    let mut git = cmd::program("git");
    git.args(changes::GIT_OPTIONS).args([
        format!("--src-prefix=a/{folder}/"),
        format!("--dst-prefix=b/{folder}/"),
    ]);
    if stat {
        git.arg("--stat");
    }
    git.args(["--", &from.name, &to.name]);
    git
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn the_git_command_compares_the_copies_under_their_folder() {
        let target = |kind, name: &str| Target {
            kind,
            name: name.into(),
            dir: PathBuf::from(name),
        };
        let git = git_diff(
            &target(Kind::Step, "step-00-crud"),
            &target(Kind::Step, "step-01-repositories"),
            true,
        );
        assert_eq!(
            cmd::display(&git),
            "git diff --no-index -M --src-prefix=a/steps/ --dst-prefix=b/steps/ --stat -- \
             step-00-crud step-01-repositories"
        );
        let git = git_diff(
            &target(Kind::Approach, "approach-00-x"),
            &target(Kind::Approach, "approach-01-y"),
            false,
        );
        assert!(cmd::display(&git).contains("--src-prefix=a/deployments/"));
    }

    #[test]
    fn a_number_names_a_step_and_an_approach_is_named_as_one() {
        let root = workspace::root();
        let name = |query: &str| {
            targets::find_step_first(&root, query, "cargo xtask diff").map(|target| target.name)
        };
        assert!(name("00").is_ok_and(|name| name.starts_with("step-00")));
        assert!(name("approach-01").is_ok_and(|name| name.starts_with("approach-01")));
        assert!(name("monolithic").is_ok_and(|name| name.starts_with("approach-00")));
        assert!(name("crud").is_ok_and(|name| name == "step-00-crud"));
        assert!(name("nothing-like-this").is_err());
    }
}
