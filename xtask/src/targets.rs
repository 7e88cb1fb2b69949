//! The workspace's runnable and testable crates, found on the filesystem, and name resolution:
//! `step-00-crud`, `step-00`, `00`, `0` and `crud` all name the same step.
//!
//! A crate's package name is its directory name (and, for steps and approaches, its binary's).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `steps/step-NN-name`: phase 1 of the talk.
    Step,
    /// `deployments/approach-NN-name`: phase 2, one Lambda deployment approach each.
    Approach,
    /// `support/*`: dev-only helpers.
    Support,
    /// `xtask` itself.
    Tool,
}

impl Kind {
    pub const ALL: [Self; 4] = [Self::Step, Self::Approach, Self::Support, Self::Tool];

    /// The folder holding crates of this kind, relative to the workspace root.
    fn folder(self) -> &'static str {
        match self {
            Self::Step => "steps",
            Self::Approach => "deployments",
            Self::Support => "support",
            Self::Tool => ".",
        }
    }

    /// The prefix before `NN-name` in numbered crates.
    fn prefix(self) -> Option<&'static str> {
        match self {
            Self::Step => Some("step-"),
            Self::Approach => Some("approach-"),
            Self::Support | Self::Tool => None,
        }
    }

    /// What a list of crates of this kind is called in messages.
    pub fn plural(self) -> &'static str {
        match self {
            Self::Step => "steps",
            Self::Approach => "approaches",
            Self::Support => "support crates",
            Self::Tool => "tools",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub kind: Kind,
    /// Package name = directory name = binary name.
    pub name: String,
    pub dir: PathBuf,
}

impl Target {
    fn new(kind: Kind, name: &str, dir: PathBuf) -> Self {
        Self {
            kind,
            name: name.to_owned(),
            dir,
        }
    }

    /// Whether `query` names this target other than exactly: a prefix of the name (`step-00`),
    /// of the name without its kind prefix (`00`, `00-cr`), the number (`0`), or a prefix of
    /// the words after the number (`crud`).
    fn loosely_matches(&self, query: &str) -> bool {
        if query.is_empty() {
            return false;
        }
        let rest = self.kind.prefix().and_then(|p| self.name.strip_prefix(p));
        let (number, words) =
            rest.map_or(("", ""), |rest| rest.split_once('-').unwrap_or((rest, "")));
        if query.bytes().all(|b| b.is_ascii_digit()) {
            // `0`, `00` and `000` all mean number 0, never "everything starting with 0".
            return matches!(
                (query.parse::<u32>(), number.parse::<u32>()),
                (Ok(wanted), Ok(number)) if wanted == number
            );
        }
        self.name.starts_with(query)
            || rest.is_some_and(|rest| rest.starts_with(query))
            || words.starts_with(query)
    }
}

/// The crates of the given kinds that exist, sorted by kind then name.
pub fn list(root: &Path, kinds: &[Kind]) -> io::Result<Vec<Target>> {
    let mut targets = Vec::new();
    for &kind in kinds {
        if kind == Kind::Tool {
            if root.join("xtask").join("Cargo.toml").is_file() {
                targets.push(Target::new(kind, "xtask", root.join("xtask")));
            }
            continue;
        }
        let folder = root.join(kind.folder());
        if !folder.is_dir() {
            continue;
        }
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&folder)? {
            let dir = entry?.path();
            let is_crate = dir.join("Cargo.toml").is_file();
            let name = dir
                .file_name()
                .and_then(|name| name.to_str())
                .map(str::to_owned);
            if let (true, Some(name)) = (is_crate, name) {
                let numbered = kind.prefix().is_none_or(|prefix| name.starts_with(prefix));
                if numbered {
                    found.push(Target::new(kind, &name, dir));
                }
            }
        }
        found.sort_by(|a, b| a.name.cmp(&b.name));
        targets.extend(found);
    }
    Ok(targets)
}

/// Why a query named no single target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// There is nothing of the wanted kinds at all.
    Nothing { kinds: String },
    NoMatch {
        query: String,
        available: Vec<String>,
    },
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Nothing { kinds } => write!(f, "there are no {kinds} in this workspace yet"),
            Self::NoMatch { query, available } => write!(
                f,
                "nothing is called `{query}`; available: {}",
                available.join(", ")
            ),
            Self::Ambiguous { query, candidates } => {
                write!(f, "`{query}` could be any of: {}", candidates.join(", "))
            }
        }
    }
}

impl std::error::Error for ResolveError {}

/// Finds the one target `query` names: an exact name wins, else the only loose match.
pub fn resolve<'a>(query: &str, targets: &'a [Target]) -> Result<&'a Target, ResolveError> {
    if targets.is_empty() {
        return Err(ResolveError::Nothing {
            kinds: "crates of that kind".to_owned(),
        });
    }
    if let Some(exact) = targets.iter().find(|t| t.name == query) {
        return Ok(exact);
    }
    let names = |targets: Vec<&Target>| targets.iter().map(|t| t.name.clone()).collect();
    let matches: Vec<&Target> = targets
        .iter()
        .filter(|t| t.loosely_matches(query))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(ResolveError::NoMatch {
            query: query.to_owned(),
            available: names(targets.iter().collect()),
        }),
        _ => Err(ResolveError::Ambiguous {
            query: query.to_owned(),
            candidates: names(matches),
        }),
    }
}

/// Lists the `kinds` under `root` and resolves `query` among them, as a ready-to-print failure
/// whose hint shows `command` with a valid argument.
pub fn find(root: &Path, kinds: &[Kind], query: &str, command: &str) -> anyhow::Result<Target> {
    use crate::failure::Hint as _;

    let targets = list(root, kinds).hint("check that the workspace folders are readable")?;
    let nouns: Vec<&str> = kinds.iter().map(|kind| kind.plural()).collect();
    match resolve(query, &targets) {
        Ok(target) => Ok(target.clone()),
        Err(ResolveError::Nothing { .. }) => Err(crate::fail(
            ResolveError::Nothing {
                kinds: nouns.join(" or "),
            },
            format!(
                "they live in {}",
                kinds
                    .iter()
                    .map(|kind| format!("{}/", kind.folder()))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        )),
        Err(error) => {
            let example = targets.first().map_or("", |t| t.name.as_str());
            Err(crate::fail(
                error,
                format!(
                    "name one exactly or by a unique prefix or number, e.g. {command} {example}"
                ),
            ))
        }
    }
}

/// `query` among the steps first, then among every other kind: `00` and `crud` are steps,
/// `approach-00`, `monolithic` and `embedded-dynamodb` are what they name. A bare number is
/// always a step (`approach-00` is how to say the approach).
pub fn find_step_first(root: &Path, query: &str, command: &str) -> anyhow::Result<Target> {
    let steps = list(root, &[Kind::Step]).unwrap_or_default();
    if let Ok(step) = resolve(query, &steps) {
        return Ok(step.clone());
    }
    if query.bytes().all(|b| b.is_ascii_digit()) {
        return find(root, &[Kind::Step], query, command);
    }
    find(root, &Kind::ALL, query, command)
}

/// The crates of `kind` that `queries` name, in the order given; every one of them when there
/// are no queries.
pub fn select(kind: Kind, queries: &[String], command: &str) -> anyhow::Result<Vec<Target>> {
    use crate::failure::Hint as _;

    let root = crate::workspace::root();
    if queries.is_empty() {
        return list(&root, &[kind]).hint(format!(
            "check that the {}/ folder is readable",
            kind.folder()
        ));
    }
    queries
        .iter()
        .map(|query| find(&root, &[kind], query, command))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(kind: Kind, name: &str) -> Target {
        Target::new(kind, name, PathBuf::from(name))
    }

    fn sample() -> Vec<Target> {
        vec![
            target(Kind::Step, "step-00-crud"),
            target(Kind::Step, "step-01-repositories"),
            target(Kind::Step, "step-02-commands-and-queries"),
            target(Kind::Step, "step-10-later"),
            target(Kind::Approach, "approach-00-monolithic-dispatcher"),
            target(Kind::Support, "embedded-dynamodb"),
            target(Kind::Tool, "xtask"),
        ]
    }

    fn steps() -> Vec<Target> {
        sample()
            .into_iter()
            .filter(|t| t.kind == Kind::Step)
            .collect()
    }

    fn resolved(query: &str, targets: &[Target]) -> Result<String, ResolveError> {
        resolve(query, targets).map(|t| t.name.clone())
    }

    #[test]
    fn resolves_a_step_by_name_prefix_number_or_words() {
        let steps = steps();
        for query in ["step-00-crud", "step-00", "00", "0", "00-c", "crud"] {
            assert_eq!(
                resolved(query, &steps),
                Ok("step-00-crud".into()),
                "{query}"
            );
        }
        for query in ["step-01", "01", "1", "repo"] {
            assert_eq!(
                resolved(query, &steps),
                Ok("step-01-repositories".into()),
                "{query}"
            );
        }
        assert_eq!(resolved("10", &steps), Ok("step-10-later".into()));
    }

    #[test]
    fn an_exact_name_wins_over_prefixes() {
        let targets = vec![
            target(Kind::Support, "contract"),
            target(Kind::Support, "contract-tests"),
        ];
        assert_eq!(resolved("contract", &targets), Ok("contract".into()));
    }

    /// `cargo xtask test 00` (the README's example): a bare number is a step, though an approach
    /// carries it too; the approach stays reachable by its own name.
    #[test]
    fn a_number_is_a_step_first() {
        let root = crate::workspace::root();
        let step = find_step_first(&root, "00", "cargo xtask test").map(|t| t.name);
        assert_eq!(step.ok().as_deref(), Some("step-00-crud"));
        let approach = find_step_first(&root, "approach-00", "cargo xtask test").map(|t| t.name);
        assert_eq!(
            approach.ok().as_deref(),
            Some("approach-00-monolithic-dispatcher")
        );
    }

    #[test]
    fn ambiguous_queries_list_the_candidates() {
        assert_eq!(
            resolved("00", &sample()),
            Err(ResolveError::Ambiguous {
                query: "00".into(),
                candidates: vec![
                    "step-00-crud".into(),
                    "approach-00-monolithic-dispatcher".into()
                ],
            })
        );
        assert!(matches!(
            resolved("step-0", &steps()),
            Err(ResolveError::Ambiguous { candidates, .. }) if candidates.len() == 3
        ));
    }

    #[test]
    fn kind_prefixes_disambiguate() {
        let all = sample();
        assert_eq!(resolved("step-00", &all), Ok("step-00-crud".into()));
        assert_eq!(
            resolved("approach-00", &all),
            Ok("approach-00-monolithic-dispatcher".into())
        );
        assert_eq!(resolved("embedded", &all), Ok("embedded-dynamodb".into()));
        assert_eq!(resolved("xtask", &all), Ok("xtask".into()));
    }

    #[test]
    fn unknown_queries_list_what_exists() {
        let error = resolve("step-99", &steps()).expect_err("no such step");
        assert_eq!(
            error.to_string(),
            "nothing is called `step-99`; available: step-00-crud, step-01-repositories, \
             step-02-commands-and-queries, step-10-later"
        );
        assert!(matches!(
            resolve("", &steps()),
            Err(ResolveError::NoMatch { .. })
        ));
        assert!(matches!(
            resolve("00", &[]),
            Err(ResolveError::Nothing { .. })
        ));
    }

    #[test]
    fn lists_crates_from_the_filesystem() {
        let root = std::env::temp_dir().join(format!("xtask-targets-{}", std::process::id()));
        let make = |dir: &str, manifest: bool| {
            let dir = root.join(dir);
            std::fs::create_dir_all(&dir).expect("mkdir");
            if manifest {
                std::fs::write(dir.join("Cargo.toml"), "").expect("manifest");
            }
        };
        make("steps/step-01-repositories", true);
        make("steps/step-00-crud", true);
        make("steps/notes", true); // not numbered: not a step
        make("steps/step-02-draft", false); // no manifest: not a crate
        make("deployments/approach-00-monolithic-dispatcher", true);
        make("support/embedded-dynamodb", true);
        make("xtask", true);

        let names = |kinds: &[Kind]| -> Vec<String> {
            list(&root, kinds)
                .expect("list")
                .into_iter()
                .map(|t| t.name)
                .collect()
        };
        assert_eq!(
            names(&[Kind::Step]),
            ["step-00-crud", "step-01-repositories"]
        );
        assert_eq!(
            names(&Kind::ALL),
            [
                "step-00-crud",
                "step-01-repositories",
                "approach-00-monolithic-dispatcher",
                "embedded-dynamodb",
                "xtask"
            ]
        );
        std::fs::remove_dir_all(&root).expect("clean up");
        assert!(
            list(&root, &Kind::ALL)
                .expect("missing folders are empty")
                .is_empty()
        );
    }

    #[test]
    fn find_explains_failures_with_a_hint() {
        let root = Path::new("/nonexistent-xtask-root");
        let error = find(root, &[Kind::Step], "00", "cargo xtask serve").expect_err("no steps");
        let failure = error.downcast_ref::<crate::Failure>().expect("a failure");
        assert_eq!(failure.reason, "there are no steps in this workspace yet");
        assert_eq!(failure.hint, "they live in steps/");
    }
}
