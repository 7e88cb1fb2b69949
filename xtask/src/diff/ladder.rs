//! `ladder`: every consecutive pair of steps against the reading budget, a `ci` stage.
//!
//! A learner reads the ladder one diff at a time, so each diff must fit one sitting: at most
//! [`SRC_BUDGET`] changed lines in `src/` and [`WHOLE_BUDGET`] in the whole diff, counted as
//! `cargo xtask diff A B` counts them (crate name read as the same, snapshots left out). The
//! files a step's README lists under "What to look at" carry its one idea in at most
//! [`LOOK_AT_BUDGET`] of them.

use std::path::Path;

use crate::diff::Compared;
use crate::diff::changes::{self, Change};
use crate::failure::fail;
use crate::targets::{self, Kind, Target};

pub const SRC_BUDGET: usize = 800;
pub const WHOLE_BUDGET: usize = 1200;
pub const LOOK_AT_BUDGET: usize = 400;

/// The heading of the README section that names the files carrying the step's idea.
const LOOK_AT_HEADING: &str = "## What to look at";

/// One consecutive pair, counted.
#[derive(Debug)]
pub struct Pair {
    pub from: String,
    pub to: String,
    /// The newer step's README title: its one idea.
    pub idea: String,
    pub src: usize,
    pub whole: usize,
    pub look_at: usize,
    pub look_at_files: usize,
    /// Why the pair breaks the budget or its README cannot be read; empty when it is fine.
    pub problems: Vec<String>,
}

pub fn run() -> anyhow::Result<()> {
    let steps = targets::select(Kind::Step, &[], "cargo xtask ladder")?;
    println!(
        "the ladder: changed lines per consecutive pair (budget: src/ {SRC_BUDGET}, whole diff \
         {WHOLE_BUDGET}, what the README says to look at {LOOK_AT_BUDGET})"
    );
    let mut problems = Vec::new();
    for pair in steps.windows(2) {
        let [from, to] = pair else { continue };
        let pair = count(from, to)?;
        println!(
            "  {:<36} → {:<36} src {:>4}  whole {:>4}  look at {:>4} in {} files  {}{}",
            pair.from,
            pair.to,
            pair.src,
            pair.whole,
            pair.look_at,
            pair.look_at_files,
            pair.idea,
            if pair.problems.is_empty() {
                ""
            } else {
                "  ✗"
            }
        );
        problems.extend(
            pair.problems
                .iter()
                .map(|problem| format!("{} → {}: {problem}", pair.from, pair.to)),
        );
    }
    if problems.is_empty() {
        println!("every pair is within budget");
        return Ok(());
    }
    Err(fail(
        problems.join("; "),
        "split the step, write a pattern the entities share once, or move plumbing into \
         plumbing/; `cargo xtask diff A B --stat` shows where the lines are",
    ))
}

pub fn count(from: &Target, to: &Target) -> anyhow::Result<Pair> {
    let compared = Compared::new(from, to)?;
    let readme = std::fs::read_to_string(to.dir.join("README.md")).unwrap_or_default();
    let mut pair = judge(&compared.changes, &readme, |path| {
        to.dir.join(path).exists() || from.dir.join(path).exists()
    });
    pair.from.clone_from(&from.name);
    pair.to.clone_from(&to.name);
    Ok(pair)
}

/// Counts `changes` and checks them, and the README's list, against the budget.
fn judge(changes: &[Change], readme: &str, exists: impl Fn(&Path) -> bool) -> Pair {
    let src = changes::total(changes.iter().filter(|change| change.is_under("src")));
    let whole = changes::total(changes);
    let look_at = look_at(readme);
    let mut problems = Vec::new();
    if src > SRC_BUDGET {
        problems.push(format!("{src} changed lines in src/, over {SRC_BUDGET}"));
    }
    if whole > WHOLE_BUDGET {
        problems.push(format!("{whole} changed lines in all, over {WHOLE_BUDGET}"));
    }
    if look_at.is_empty() {
        problems.push(format!(
            "its README has no \"{LOOK_AT_HEADING}\" list of files ([`src/x.rs`](src/x.rs))"
        ));
    }
    for path in &look_at {
        if !exists(Path::new(path)) {
            problems.push(format!(
                "its README says to look at {path}, which is not there"
            ));
        }
    }
    let looked_at = changes::total(
        changes
            .iter()
            .filter(|change| look_at.iter().any(|path| change.is_under(path))),
    );
    if looked_at > LOOK_AT_BUDGET {
        problems.push(format!(
            "the files its README says to look at change {looked_at} lines, over \
             {LOOK_AT_BUDGET}"
        ));
    }
    Pair {
        from: String::new(),
        to: String::new(),
        idea: title(readme),
        src,
        whole,
        look_at: looked_at,
        look_at_files: look_at.len(),
        problems,
    }
}

/// The README's first heading, without the `#`.
fn title(readme: &str) -> String {
    readme
        .lines()
        .find_map(|line| line.strip_prefix("# "))
        .unwrap_or("(no title)")
        .trim()
        .to_owned()
}

/// Every local link target of the bullets under the "What to look at" heading, continuation
/// lines included: a file a bullet names is a file to read. Prose around the list may point
/// elsewhere (a test, a file the idea only touches).
pub fn look_at(readme: &str) -> Vec<String> {
    let mut lines = readme
        .lines()
        .skip_while(|line| line.trim() != LOOK_AT_HEADING);
    lines.next();
    let mut in_bullet = false;
    let mut paths = Vec::new();
    for line in lines.take_while(|line| !line.starts_with("## ")) {
        in_bullet = line.starts_with("- ") || (in_bullet && line.starts_with("  "));
        if !in_bullet {
            continue;
        }
        let mut rest = line;
        while let Some((_, after)) = rest.split_once("](") {
            let Some((target, next)) = after.split_once(')') else {
                break;
            };
            rest = next;
            let path = target.split_once('#').map_or(target, |(path, _)| path);
            let path = path.trim_end_matches('/');
            if !path.is_empty() && !path.contains("://") && !paths.iter().any(|p| p == path) {
                paths.push(path.to_owned());
            }
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    const README: &str = "# Step 07: typed ids\n\nWhy.\n\n## What to look at\n\n\
        - [`src/ids.rs`](src/ids.rs): the one `Id<E>`.\n  more words ([y](src/y.rs)).\n\
        - [`src/commands/`](src/commands/#readme) and [`ids`](src/ids.rs), [web](https://x.org)\n\
        - not a link\n\nProse: [`tests/t.rs`](tests/t.rs).\n\n## Try it\n\n- [`src/lib.rs`](src/lib.rs)\n";

    fn change(path: &str, added: usize, deleted: usize) -> Change {
        Change {
            old: Some(path.to_owned()),
            new: Some(path.to_owned()),
            added,
            deleted,
        }
    }

    #[test]
    fn the_look_at_list_is_every_local_link_of_the_bullets_of_its_section() {
        assert_eq!(look_at(README), ["src/ids.rs", "src/y.rs", "src/commands"]);
        assert_eq!(title(README), "Step 07: typed ids");
        assert!(look_at("# Step\n").is_empty());
    }

    #[test]
    fn a_pair_within_budget_has_no_problems() {
        let changes = [
            change("src/ids.rs", 100, 20),
            change("src/commands/borrow_book.rs", 10, 10),
            change("src/lib.rs", 300, 300),
            change("tests/api/main.rs", 200, 200),
        ];
        let pair = judge(&changes, README, |_| true);
        assert_eq!((pair.src, pair.whole, pair.look_at), (740, 1140, 140));
        assert!(pair.problems.is_empty(), "{:?}", pair.problems);
    }

    #[test]
    fn a_pair_over_budget_says_by_how_much() {
        let changes = [change("src/ids.rs", 500, 301), change("README.md", 400, 0)];
        let pair = judge(&changes, README, |path| path != Path::new("src/commands"));
        assert_eq!(pair.look_at_files, 3);
        assert_eq!(
            pair.problems,
            [
                "801 changed lines in src/, over 800",
                "1201 changed lines in all, over 1200",
                "its README says to look at src/commands, which is not there",
                "the files its README says to look at change 801 lines, over 400",
            ]
        );
        let pair = judge(&changes[1..], "# Step\n", |_| true);
        assert_eq!(pair.problems.len(), 1, "{:?}", pair.problems);
        assert!(pair.problems[0].contains("no \"## What to look at\""));
    }
}
