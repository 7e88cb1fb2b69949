//! `api check` and `api update`: the steps' API snapshots against their code, stale snapshots,
//! and the README route tables against the snapshots.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::document::{self, SNAPSHOT_TESTS};
use super::{readme, table};
use crate::failure::{Hint as _, fail};
use crate::targets::{self, Kind, Target};
use crate::{cmd, workspace};

/// insta appends the path of every snapshot an assertion reads or writes to this file.
pub const REFERENCES_ENV: &str = "INSTA_SNAPSHOT_REFERENCES_FILE";
const UPDATE_HINT: &str = "review the snapshot diff above; if the change is intended, run \
                           cargo xtask api update and commit the result with the code";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Snapshots frozen: a difference fails the test.
    Check,
    /// Snapshots rewritten in place, header included (`force`: a snapshot copied from another
    /// step gets its own `source:` line even when its content already matches).
    Update,
}

/// Where `ci`'s test stage records the snapshots it read, for the `api` stage after it.
pub fn references_file() -> anyhow::Result<PathBuf> {
    let dir = workspace::target_dir()?.join("xtask");
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create {}", workspace::show(&dir)))
        .hint("check that the target folder is writable")?;
    Ok(dir.join("snapshot-references.txt"))
}

/// The references file, emptied: a run records into it from scratch.
pub fn fresh_references_file() -> anyhow::Result<PathBuf> {
    let path = references_file()?;
    workspace::remove_file(&path)?;
    Ok(path)
}

/// `api check`: runs the steps' snapshot tests with snapshots frozen, then [`verify`].
pub fn check(only: &[String]) -> anyhow::Result<()> {
    let (steps, referenced) = run_snapshot_tests(only, Mode::Check, "cargo xtask api check")?;
    verify(&steps, &referenced)
}

/// The `ci` stage: the test stage already ran every snapshot test and recorded what they read,
/// so only the stale-snapshot and README checks are left (when it did not, run the tests).
pub fn check_after_tests() -> anyhow::Result<()> {
    let references = references_file()?;
    if !references.is_file() {
        return check(&[]);
    }
    let recorded = read_references(&references)?;
    workspace::remove_file(&references)?;
    verify(&steps(&[], "cargo xtask api check")?, &recorded)
}

/// No stale snapshots, and every README route table as the step's OpenAPI snapshot says.
fn verify(steps: &[Target], referenced: &BTreeSet<PathBuf>) -> anyhow::Result<()> {
    let mut problems = Vec::new();
    for step in steps {
        // Every step documents its API: a step without the snapshot tests fails the check.
        if !document::has_snapshot_tests(step) {
            problems.push(format!(
                "{}: no API snapshot tests (copy {SNAPSHOT_TESTS} from steps/step-00-crud)",
                step.name
            ));
            continue;
        }
        if !wrote_here(step, referenced) {
            problems.push(not_here(step));
            continue;
        }
        let stale = unreferenced(step, referenced)?;
        if !stale.is_empty() {
            let names: Vec<String> = stale.iter().map(|path| workspace::show(path)).collect();
            problems.push(format!(
                "{}: stale snapshot {} (no test writes it)",
                step.name,
                names.join(", ")
            ));
        }
        if document::snapshot_path(step).is_file() {
            match readme_table(step)? {
                Readme::Current => {}
                Readme::NoMarkers => problems.push(format!(
                    "{}: README.md has no route table markers ({} ... {})",
                    step.name,
                    readme::BEGIN,
                    readme::END
                )),
                Readme::Outdated(_) => problems.push(format!(
                    "{}: the route table in README.md is not the one its OpenAPI snapshot gives",
                    step.name
                )),
            }
        }
    }
    if problems.is_empty() {
        let checked: Vec<&str> = steps.iter().map(|step| step.name.as_str()).collect();
        println!(
            "API snapshots and README route tables are current: {}",
            checked.join(", ")
        );
        Ok(())
    } else {
        Err(fail(problems.join("; "), UPDATE_HINT))
    }
}

/// `api update`: rewrites the snapshots, deletes stale ones, regenerates the README tables, and
/// shows what changed.
pub fn update(only: &[String]) -> anyhow::Result<()> {
    let (steps, written) = run_snapshot_tests(only, Mode::Update, "cargo xtask api update")?;
    // Before deleting anything: every step's tests must have written where this checkout is.
    if let Some(step) = steps
        .iter()
        .find(|s| document::has_snapshot_tests(s) && !wrote_here(s, &written))
    {
        return Err(fail(
            not_here(step),
            format!(
                "rebuild its tests (cargo clean -p {}), then run cargo xtask api update again",
                step.name
            ),
        ));
    }
    for step in &steps {
        for path in unreferenced(step, &written)? {
            workspace::remove_file(&path)?;
            println!("deleted {} (no test writes it)", workspace::show(&path));
        }
        if !document::snapshot_path(step).is_file() {
            continue;
        }
        if let Readme::Outdated(updated) = readme_table(step)? {
            let path = document::readme(step);
            std::fs::write(&path, updated)
                .with_context(|| format!("cannot write {}", workspace::show(&path)))
                .hint("check the file's permissions")?;
            println!("rewrote the route table in {}", workspace::show(&path));
        }
    }
    show_changes();
    Ok(())
}

/// The steps named in `only` (every step when it is empty), with a note for those that have
/// no snapshot tests yet.
fn steps(only: &[String], command: &str) -> anyhow::Result<Vec<Target>> {
    let steps = targets::select(Kind::Step, only, command)?;
    for step in steps
        .iter()
        .filter(|step| !document::has_snapshot_tests(step))
    {
        println!(
            "note: {} has no API snapshot tests yet: copy {SNAPSHOT_TESTS} from \
             steps/step-00-crud (rename the crate), then run cargo xtask api update",
            step.name
        );
    }
    Ok(steps)
}

/// `cargo test -p <step> --test api snapshots::`: only the snapshot tests.
fn snapshot_test_command(step: &Target, mode: Mode, references: &Path) -> std::process::Command {
    let mut command = cmd::cargo();
    command.args(["test", "-p", &step.name, "--test", "api", "snapshots::"]);
    match mode {
        Mode::Check => command.env("INSTA_UPDATE", "no").env("CI", "true"),
        Mode::Update => command.env("INSTA_UPDATE", "force").env_remove("CI"),
    };
    command.env(REFERENCES_ENV, references);
    command
}

/// Runs the snapshot tests of the steps `only` names (every step when empty) that have them;
/// returns the steps and every snapshot their tests referenced.
fn run_snapshot_tests(
    only: &[String],
    mode: Mode,
    command: &str,
) -> anyhow::Result<(Vec<Target>, BTreeSet<PathBuf>)> {
    let steps = steps(only, command)?;
    let references = fresh_references_file()?;
    for step in steps
        .iter()
        .filter(|step| document::has_snapshot_tests(step))
    {
        run_step_snapshot_tests(step, mode, &references)?;
    }
    let recorded = read_references(&references)?;
    workspace::remove_file(&references)?;
    Ok((steps, recorded))
}

fn run_step_snapshot_tests(step: &Target, mode: Mode, references: &Path) -> anyhow::Result<()> {
    let result = cmd::run(&mut snapshot_test_command(step, mode, references));
    match (result, mode) {
        (Ok(()), _) => Ok(()),
        (Err(error), Mode::Check) => Err(fail(
            format!(
                "{}: the API snapshots differ from the code ({error})",
                step.name
            ),
            UPDATE_HINT,
        )),
        (Err(error), Mode::Update) => Err(fail(
            format!(
                "{}: the snapshot tests fail even when updating ({error})",
                step.name
            ),
            format!(
                "read the failure above: the step or its walk-through in support/scenario is \
                 broken (try cargo xtask demo {})",
                step.name
            ),
        )),
    }
}

/// Whether the tests referenced a snapshot in the step's own snapshot folder. They do not when
/// their binary was built from another checkout sharing the target folder (insta writes where
/// the crate was compiled), or when the snapshot module did not run.
fn wrote_here(step: &Target, referenced: &BTreeSet<PathBuf>) -> bool {
    let dir = canonical(&step.dir.join(document::SNAPSHOT_DIR));
    referenced.iter().any(|path| path.starts_with(&dir))
}

fn not_here(step: &Target) -> String {
    format!(
        "{}: its snapshot tests referenced no snapshot in {} (a test binary built from another \
         checkout, or tests/api/main.rs without `mod snapshots;`)",
        step.name,
        workspace::show(&step.dir.join(document::SNAPSHOT_DIR))
    )
}

fn read_references(path: &Path) -> anyhow::Result<BTreeSet<PathBuf>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(error)
                .with_context(|| format!("cannot read {}", workspace::show(path)))
                .hint("run the check again");
        }
    };
    Ok(text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| canonical(Path::new(line.trim())))
        .collect())
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The files in the step's API snapshot folder that no test referenced, and insta's leftovers
/// (`.snap.new`, `.pending-snap`) of interrupted runs.
fn unreferenced(step: &Target, referenced: &BTreeSet<PathBuf>) -> anyhow::Result<Vec<PathBuf>> {
    let files = document::snapshot_files(&step.dir)
        .with_context(|| format!("cannot list the snapshots of {}", step.name))
        .hint("check that the step's tests folder is readable")?;
    Ok(files
        .into_iter()
        .filter(|path| {
            let is_snapshot = path.extension().is_some_and(|ext| ext == "snap");
            !is_snapshot || !referenced.contains(&canonical(path))
        })
        .collect())
}

enum Readme {
    Current,
    /// The README as it should be.
    Outdated(String),
    NoMarkers,
}

fn readme_table(step: &Target) -> anyhow::Result<Readme> {
    let path = document::readme(step);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", workspace::show(&path)))
        .hint("every step has a README.md")?;
    let wanted = table::markdown(&document::load(step)?);
    match readme::current(&text) {
        None => {
            println!(
                "note: {} has no route table markers ({} ... {}); add them where the table belongs",
                workspace::show(&path),
                readme::BEGIN,
                readme::END
            );
            Ok(Readme::NoMarkers)
        }
        Some(current) if current == wanted.trim_matches('\n') => Ok(Readme::Current),
        Some(_) => {
            Ok(readme::with_table(&text, &wanted).map_or(Readme::NoMarkers, Readme::Outdated))
        }
    }
}

/// What `api update` changed, as git sees it (new snapshot files show as untracked).
fn show_changes() {
    println!("insta rewrote every snapshot (`updated snapshot`); what really changed:");
    let paths = ["steps/*/tests/api/snapshots", "steps/*/README.md"];
    let mut diff = cmd::program("git");
    diff.args(["diff", "--stat", "--"]).args(paths);
    let mut status = cmd::program("git");
    status.args(["status", "--short", "--"]).args(paths);
    if cmd::run(&mut diff)
        .and_then(|()| cmd::run(&mut status))
        .is_err()
    {
        println!("note: git could not show the changes; look at steps/*/tests/api/snapshots");
    }
    println!(
        "review every changed snapshot (git diff steps/) before committing: the snapshots are \
         what the API promises"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_freeze_snapshots_and_updates_write_them() {
        let step = Target {
            kind: Kind::Step,
            name: "step-00-crud".into(),
            dir: PathBuf::from("steps/step-00-crud"),
        };
        let refs = Path::new("refs.txt");
        assert_eq!(
            cmd::display(&snapshot_test_command(&step, Mode::Check, refs)),
            "CI=true INSTA_SNAPSHOT_REFERENCES_FILE=refs.txt INSTA_UPDATE=no \
             cargo test -p step-00-crud --test api snapshots::"
        );
        assert_eq!(
            cmd::display(&snapshot_test_command(&step, Mode::Update, refs)),
            "INSTA_SNAPSHOT_REFERENCES_FILE=refs.txt INSTA_UPDATE=force \
             cargo test -p step-00-crud --test api snapshots::"
        );
    }

    #[test]
    fn unreferenced_snapshots_and_leftovers_are_stale() {
        let root = std::env::temp_dir().join(format!("xtask-stale-{}", std::process::id()));
        let dir = root.join(document::SNAPSHOT_DIR);
        std::fs::create_dir_all(&dir).expect("mkdir");
        for name in ["a.snap", "b.snap", "c.snap.new", "notes.md"] {
            std::fs::write(dir.join(name), "").expect("write");
        }
        let step = Target {
            kind: Kind::Step,
            name: "step-09-x".into(),
            dir: root.clone(),
        };
        let referenced = BTreeSet::from([canonical(&dir.join("a.snap"))]);
        assert!(wrote_here(&step, &referenced));
        assert!(!wrote_here(
            &step,
            &BTreeSet::from([PathBuf::from("/elsewhere/a.snap")])
        ));
        let stale = unreferenced(&step, &referenced).expect("lists");
        let names: Vec<_> = stale
            .iter()
            .filter_map(|path| path.file_name()?.to_str())
            .collect();
        assert_eq!(names, ["b.snap", "c.snap.new"]);
        std::fs::remove_dir_all(&root).expect("clean up");
    }
}
