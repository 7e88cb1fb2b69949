//! What changed between the two copies, file by file, as `git diff --numstat` counts it: the
//! numbers `--stat` prints, the ladder's budget and the renamed-files summary all come from here.

use std::collections::BTreeSet;

use crate::failure::fail;

/// One changed file: its path inside the older and the newer crate (`None` when it is new or
/// gone) and the lines added and deleted (0 for binary files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub old: Option<String>,
    pub new: Option<String>,
    pub added: usize,
    pub deleted: usize,
}

impl Change {
    pub fn lines(&self) -> usize {
        self.added + self.deleted
    }

    /// A file git paired with one at another path: renamed, moved or both.
    pub fn is_move(&self) -> bool {
        matches!((&self.old, &self.new), (Some(old), Some(new)) if old != new)
    }

    fn paths(&self) -> impl Iterator<Item = &str> {
        self.old.iter().chain(&self.new).map(String::as_str)
    }

    /// Whether the file is under `folder` (`src`) on either side.
    pub fn is_under(&self, folder: &str) -> bool {
        self.paths().any(|path| is_under(path, folder))
    }
}

fn is_under(path: &str, folder: &str) -> bool {
    path == folder
        || path
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The sum of changed lines (insertions plus deletions) of `changes`.
pub fn total<'a>(changes: impl IntoIterator<Item = &'a Change>) -> usize {
    changes.into_iter().map(Change::lines).sum()
}

/// The `git diff` options every count and every shown diff share, so they agree: renames paired
/// whatever the user's git configuration says.
pub const GIT_OPTIONS: [&str; 3] = ["diff", "--no-index", "-M"];

/// Reads `git diff --no-index --numstat -z <from> <to>`: each record is `added\tdeleted\t`, then
/// the older and the newer path, NUL-terminated (`/dev/null` for a side that does not exist).
pub fn parse_numstat(output: &[u8], from: &str, to: &str) -> anyhow::Result<Vec<Change>> {
    let text = String::from_utf8_lossy(output);
    let mut fields = text.split('\0');
    let mut changes = Vec::new();
    while let Some(counts) = fields.next().filter(|field| !field.is_empty()) {
        let mut numbers = counts.split('\t');
        let (Some(added), Some(deleted), Some(path)) =
            (numbers.next(), numbers.next(), numbers.next())
        else {
            return Err(unreadable(counts));
        };
        let (old, new) = if path.is_empty() {
            let (Some(old), Some(new)) = (fields.next(), fields.next()) else {
                return Err(unreadable(counts));
            };
            (old.to_owned(), new.to_owned())
        } else {
            (path.to_owned(), path.to_owned())
        };
        // Binary files count `-`: they are no lines to read.
        let count = |n: &str| n.parse().unwrap_or(0);
        changes.push(Change {
            old: inside(&old, from),
            new: inside(&new, to),
            added: count(added),
            deleted: count(deleted),
        });
    }
    Ok(changes)
}

fn unreadable(record: &str) -> anyhow::Error {
    fail(
        format!("cannot read git's numstat line {record:?}"),
        "check that `git --version` is 2.x",
    )
}

/// `step-01-x/src/lib.rs` as `src/lib.rs`; `/dev/null` as nothing.
fn inside(path: &str, crate_name: &str) -> Option<String> {
    path.strip_prefix(crate_name)
        .and_then(|rest| rest.strip_prefix('/'))
        .map(str::to_owned)
}

/// What `diff A B -- <filter>...` keeps: a file (`src/book.rs`), a folder (`src/commands`), or a
/// word naming files of any folder (`book` is `src/book.rs`, `src/records/book.rs`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter(Vec<String>);

impl Filter {
    pub fn new(filters: &[String]) -> Self {
        Self(
            filters
                .iter()
                .map(|filter| {
                    let filter = filter.strip_prefix("./").unwrap_or(filter);
                    filter.trim_end_matches('/').to_owned()
                })
                .filter(|filter| !filter.is_empty())
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn matches(&self, path: &str) -> bool {
        let stem = path
            .rsplit('/')
            .next()
            .map(|name| name.split_once('.').map_or(name, |(stem, _)| stem));
        self.0
            .iter()
            .any(|filter| is_under(path, filter) || stem == Some(filter.as_str()))
    }

    /// The paths to keep in both copies: every side of every change the filter names, so a
    /// moved file keeps its other half and still reads as a move.
    pub fn keep(&self, changes: &[Change]) -> BTreeSet<String> {
        changes
            .iter()
            .filter(|change| change.paths().any(|path| self.matches(path)))
            .flat_map(|change| change.paths().map(str::to_owned).collect::<Vec<_>>())
            .collect()
    }
}

/// One line naming the files git paired across paths, or nothing when none moved. Files moved
/// between the same two folders under their own names read as one move:
/// `src/{author,book}.rs → src/model/`.
pub fn moves_summary(changes: &[Change]) -> Option<String> {
    // (older folder, newer folder) → names, in the order git gave them.
    let mut groups: Vec<((String, String), Vec<String>)> = Vec::new();
    let mut renamed = Vec::new();
    let mut count = 0;
    for change in changes.iter().filter(|change| change.is_move()) {
        count += 1;
        let old = change.old.as_deref().unwrap_or_default();
        let new = change.new.as_deref().unwrap_or_default();
        let edited = if change.lines() == 0 {
            String::new()
        } else {
            format!(" (edited, {} lines)", change.lines())
        };
        let (old_folder, old_name) = old.rsplit_once('/').unwrap_or(("", old));
        let (new_folder, new_name) = new.rsplit_once('/').unwrap_or(("", new));
        if old_name != new_name {
            renamed.push(format!("{old} → {new}{edited}"));
            continue;
        }
        let key = (old_folder.to_owned(), new_folder.to_owned());
        let name = format!("{old_name}{edited}");
        match groups.iter_mut().find(|(folders, _)| *folders == key) {
            Some((_, names)) => names.push(name),
            None => groups.push((key, vec![name])),
        }
    }
    let folder = |folder: &str| {
        if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        }
    };
    let mut moves: Vec<String> = groups
        .into_iter()
        .map(|((old, new), names)| {
            let names = match names.as_slice() {
                [one] => one.clone(),
                many => format!("{{{}}}", many.join(", ")),
            };
            format!("{}{names} → {}", folder(&old), folder(&new))
        })
        .collect();
    moves.extend(renamed);
    match count {
        0 => None,
        1 => Some(format!("moved: {}", moves.join(", "))),
        count => Some(format!("moved ({count} files): {}", moves.join("; "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(old: Option<&str>, new: Option<&str>, added: usize, deleted: usize) -> Change {
        Change {
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
            added,
            deleted,
        }
    }

    #[test]
    fn numstat_records_read_as_changes_inside_each_crate() {
        let output = b"1\t1\t\0a/Cargo.toml\0b/Cargo.toml\0\
                       3\t0\t\0/dev/null\0b/src/new.rs\0\
                       0\t2\t\0a/src/gone.rs\0/dev/null\0\
                       0\t0\t\0a/src/book.rs\0b/src/model/book.rs\0\
                       -\t-\t\0a/logo.png\0b/logo.png\0";
        let changes = parse_numstat(output, "a", "b").expect("reads");
        assert_eq!(
            changes,
            [
                change(Some("Cargo.toml"), Some("Cargo.toml"), 1, 1),
                change(None, Some("src/new.rs"), 3, 0),
                change(Some("src/gone.rs"), None, 0, 2),
                change(Some("src/book.rs"), Some("src/model/book.rs"), 0, 0),
                change(Some("logo.png"), Some("logo.png"), 0, 0),
            ]
        );
        assert_eq!(total(changes.iter().filter(|c| c.is_under("src"))), 5);
        assert!(parse_numstat(b"1\t1\0", "a", "b").is_err());
    }

    #[test]
    fn a_filter_names_a_file_a_folder_or_a_word() {
        let changes = [
            change(Some("src/book.rs"), Some("src/model/book.rs"), 0, 0),
            change(Some("src/records/book.rs"), None, 0, 9),
            change(Some("src/bookshelf.rs"), Some("src/bookshelf.rs"), 1, 0),
            change(
                Some("src/commands/mod.rs"),
                Some("src/commands/mod.rs"),
                1,
                1,
            ),
            change(Some("README.md"), Some("README.md"), 1, 1),
        ];
        let keep = |filters: &[&str]| {
            let filters: Vec<String> = filters.iter().map(|f| (*f).to_owned()).collect();
            Filter::new(&filters)
                .keep(&changes)
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keep(&["book"]),
            ["src/book.rs", "src/model/book.rs", "src/records/book.rs"]
        );
        assert_eq!(keep(&["./src/commands/"]), ["src/commands/mod.rs"]);
        assert_eq!(
            keep(&["src/model/book.rs"]),
            ["src/book.rs", "src/model/book.rs"],
            "a moved file keeps its older half"
        );
        assert_eq!(keep(&["README.md", "src/nothing"]), ["README.md"]);
        assert!(Filter::new(&["/".to_owned()]).is_empty());
    }

    #[test]
    fn moved_files_are_summed_up_in_one_line() {
        let changes = [
            change(Some("src/lib.rs"), Some("src/lib.rs"), 2, 1),
            change(Some("src/book.rs"), Some("src/model/book.rs"), 0, 0),
            change(Some("src/a.rs"), Some("src/b.rs"), 2, 1),
            change(Some("src/user.rs"), Some("src/model/user.rs"), 1, 0),
            change(Some("item.rs"), Some("src/item.rs"), 0, 0),
        ];
        assert_eq!(
            moves_summary(&changes).as_deref(),
            Some(
                "moved (4 files): src/{book.rs, user.rs (edited, 1 lines)} → src/model/; \
                 item.rs → src/; src/a.rs → src/b.rs (edited, 3 lines)"
            )
        );
        assert_eq!(
            moves_summary(&changes[1..2]).as_deref(),
            Some("moved: src/book.rs → src/model/")
        );
        assert_eq!(moves_summary(&changes[..1]), None);
    }
}
