//! Named regions of source files: the code a slide shows.
//!
//! A region is the lines between two marker comments, each alone on its line: `// region: name`
//! and `// endregion: name` in Rust, `# region: name` and `# endregion: name` in YAML, TOML or
//! shell. Markers are comments so the file stays what it was (valid YAML for cfn-lint, code
//! rustfmt leaves alone). The excerpt leaves out the markers of other regions nested inside,
//! and the indentation all its lines share, so a region cut from inside a block reads from the
//! left margin.
//!
//! In Rust a slide can also name an item instead of a region, by the words that start it:
//! `fn borrow_book`, `trait Storage`, `impl Command for BorrowBook`. The excerpt is the item
//! with its doc comments and attributes, so a step's source needs no marker, and adding one
//! never shows in the ladder's diffs.

use std::fmt;

/// Why a region could not be cut out of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionError {
    /// No `region: name` marker.
    Missing { name: String },
    /// A `region: name` without its `endregion: name`.
    Unclosed { name: String, line: usize },
    /// Two regions of the same name: which one a slide means would be a guess.
    Duplicate { name: String, line: usize },
    /// Nothing between the markers.
    Empty { name: String, line: usize },
    /// No item starts with these words.
    NoItem { item: String },
    /// Two items start with these words.
    DuplicateItem { item: String, line: usize },
    /// The item's braces never close.
    UnclosedItem { item: String, line: usize },
}

impl fmt::Display for RegionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { name } => {
                write!(f, "has no region `{name}` (no `region: {name}` marker)")
            }
            Self::Unclosed { name, line } => {
                write!(
                    f,
                    "opens region `{name}` on line {line} but never closes it (`endregion: {name}`)"
                )
            }
            Self::Duplicate { name, line } => {
                write!(f, "opens region `{name}` a second time on line {line}")
            }
            Self::Empty { name, line } => write!(f, "has an empty region `{name}` (line {line})"),
            Self::NoItem { item } => write!(f, "has no item starting `{item}`"),
            Self::DuplicateItem { item, line } => write!(
                f,
                "has a second item starting `{item}` on line {line}: name it by more words"
            ),
            Self::UnclosedItem { item, line } => {
                write!(
                    f,
                    "has an item `{item}` on line {line} whose braces never close"
                )
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Begin,
    End,
}

/// A marker line: a comment (`//` or `#`) holding nothing but `region: name` or
/// `endregion: name`.
fn marker(line: &str) -> Option<(Marker, &str)> {
    let trimmed = line.trim();
    let comment = trimmed
        .strip_prefix("//")
        .or_else(|| trimmed.strip_prefix('#'))?
        .trim_start();
    let (kind, name) = if let Some(name) = comment.strip_prefix("region:") {
        (Marker::Begin, name)
    } else if let Some(name) = comment.strip_prefix("endregion:") {
        (Marker::End, name)
    } else {
        return None;
    };
    let name = name.trim();
    (!name.is_empty() && !name.contains(char::is_whitespace)).then_some((kind, name))
}

/// The text of region `name` in `source`: its lines without nested markers and without their
/// common indentation, blank lines at either end dropped. A `name` of several words is a Rust
/// item (see [`item`]).
pub fn extract(source: &str, name: &str) -> Result<String, RegionError> {
    if name.contains(char::is_whitespace) {
        return item(source, name);
    }
    let mut begin = None;
    let mut end = None;
    for (index, line) in source.lines().enumerate() {
        match marker(line) {
            Some((Marker::Begin, found)) if found == name => {
                if begin.is_some() {
                    return Err(RegionError::Duplicate {
                        name: name.to_owned(),
                        line: index + 1,
                    });
                }
                begin = Some(index);
            }
            Some((Marker::End, found)) if found == name && begin.is_some() && end.is_none() => {
                end = Some(index);
            }
            _ => {}
        }
    }
    let Some(begin) = begin else {
        return Err(RegionError::Missing {
            name: name.to_owned(),
        });
    };
    let Some(end) = end else {
        return Err(RegionError::Unclosed {
            name: name.to_owned(),
            line: begin + 1,
        });
    };
    let lines: Vec<&str> = source
        .lines()
        .skip(begin + 1)
        .take(end - begin - 1)
        .filter(|line| marker(line).is_none())
        .collect();
    let text = dedent(&lines);
    if text.is_empty() {
        return Err(RegionError::Empty {
            name: name.to_owned(),
            line: begin + 1,
        });
    }
    Ok(text)
}

/// The Rust item whose first line, past its visibility and `async`/`const`/`unsafe`, starts with
/// the words of `selector` (`fn lend` is `pub fn lend(`, not `fn lender`): its doc comments and
/// attributes, then every line to the brace that closes its first one, or to its `;`.
pub fn item(source: &str, selector: &str) -> Result<String, RegionError> {
    let wanted: Vec<&str> = selector.split_whitespace().collect();
    let lines: Vec<&str> = source.lines().collect();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&index| starts_item(lines[index], &wanted))
        .collect();
    let item = wanted.join(" ");
    let (start, rest) = match starts.as_slice() {
        [] => return Err(RegionError::NoItem { item }),
        [start, rest @ ..] => (*start, rest),
    };
    if let Some(second) = rest.first() {
        return Err(RegionError::DuplicateItem {
            item,
            line: second + 1,
        });
    }
    let first = (0..start)
        .rev()
        .take_while(|&index| {
            let line = lines[index].trim_start();
            line.starts_with("///") || line.starts_with("#[")
        })
        .last()
        .unwrap_or(start);
    let mut depth = 0_i32;
    let mut opened = false;
    for (index, line) in lines.iter().enumerate().skip(start) {
        for brace in code_braces(line) {
            depth += if brace == '{' { 1 } else { -1 };
            opened = true;
        }
        let ends = if opened {
            depth <= 0
        } else {
            line.trim_end().ends_with(';')
        };
        if ends {
            return Ok(dedent(&lines[first..=index]));
        }
    }
    Err(RegionError::UnclosedItem {
        item,
        line: start + 1,
    })
}

/// Whether `line` opens an item whose words start with `wanted`; visibility and qualifiers
/// (`pub`, `async`, `const fn`, `unsafe`) count on neither side.
fn starts_item(line: &str, wanted: &[&str]) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (words, wanted) = (unqualified(&words), unqualified(wanted));
    let Some((last, whole)) = wanted.split_last() else {
        return false;
    };
    if words.len() < wanted.len() || words[..whole.len()] != *whole {
        return false;
    }
    // The last word may run on into the item's punctuation: `lend(`, `Storage:`, `Book<S>`.
    words[whole.len()]
        .strip_prefix(last)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// `words` past their leading qualifiers; a `const` not followed by `fn` is an item of its own.
fn unqualified<'a, 'b>(mut words: &'a [&'b str]) -> &'a [&'b str] {
    while let [first, rest @ ..] = words {
        let is_qualifier = matches!(*first, "pub" | "async" | "unsafe")
            || first.starts_with("pub(")
            || (*first == "const" && rest.first().is_some_and(|next| *next == "fn"));
        if !is_qualifier {
            break;
        }
        words = rest;
    }
    words
}

/// The braces of `line` outside string and char literals and comments.
fn code_braces(line: &str) -> Vec<char> {
    let mut braces = Vec::new();
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_string => {
                chars.next();
            }
            '"' => in_string = !in_string,
            '/' if !in_string && chars.peek() == Some(&'/') => break,
            '\'' if !in_string => {
                // A char literal ('{', '\\'') is skipped; a lifetime ('a) has no closing quote.
                let rest: String = chars.clone().take(3).collect();
                if let Some(end) = rest.find('\'').filter(|&end| end > 0) {
                    for _ in 0..=end {
                        chars.next();
                    }
                }
            }
            '{' | '}' if !in_string => braces.push(c),
            _ => {}
        }
    }
    braces
}

/// The lines without the leading whitespace they all share (blank lines do not count), and
/// without blank lines at either end.
fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let cut: Vec<&str> = lines
        .iter()
        .map(|line| line.get(indent..).unwrap_or("").trim_end())
        .collect();
    let first = cut.iter().position(|line| !line.is_empty());
    let last = cut.iter().rposition(|line| !line.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => cut[first..=last].join("\n"),
        _ => String::new(),
    }
}

/// The fenced-code language for a file, from its extension (what GitHub and presenterm
/// highlight).
pub fn language(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, extension)| extension);
    match extension {
        "rs" => "rust",
        "yaml" | "yml" => "yaml",
        "toml" => "toml",
        "sh" => "bash",
        "json" => "json",
        "md" => "markdown",
        _ => "text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUST: &str = "\
use a::b;

pub mod table {
    // region: functions
    /// The first.
    pub const ONE: u8 = 1;
    // region: inner
    pub const TWO: u8 = 2;
    // endregion: inner

    pub const THREE: u8 = 3;
    // endregion: functions
}
";

    #[test]
    fn cuts_a_region_without_its_markers_or_its_indentation() {
        assert_eq!(
            extract(RUST, "functions"),
            Ok("/// The first.\npub const ONE: u8 = 1;\npub const TWO: u8 = 2;\n\npub const THREE: u8 = 3;".into())
        );
        assert_eq!(extract(RUST, "inner"), Ok("pub const TWO: u8 = 2;".into()));
    }

    #[test]
    fn reads_yaml_comment_markers_and_keeps_nested_indentation() {
        let yaml = "Resources:\n  Fn:\n    # region: policy\n    Policies:\n      - Statement: []\n    # endregion: policy\n";
        assert_eq!(
            extract(yaml, "policy"),
            Ok("Policies:\n  - Statement: []".into())
        );
    }

    #[test]
    fn a_missing_unclosed_duplicate_or_empty_region_is_an_error() {
        assert_eq!(
            extract(RUST, "nope"),
            Err(RegionError::Missing {
                name: "nope".into()
            })
        );
        assert_eq!(
            extract("// region: a\nx\n", "a"),
            Err(RegionError::Unclosed {
                name: "a".into(),
                line: 1
            })
        );
        assert_eq!(
            extract("// region: a\nx\n// endregion: a\n// region: a\n", "a"),
            Err(RegionError::Duplicate {
                name: "a".into(),
                line: 4
            })
        );
        assert_eq!(
            extract("# region: a\n\n# endregion: a\n", "a"),
            Err(RegionError::Empty {
                name: "a".into(),
                line: 1
            })
        );
        let message = RegionError::Missing { name: "x".into() }.to_string();
        assert_eq!(message, "has no region `x` (no `region: x` marker)");
    }

    const ITEMS: &str = "\
/// A book.
#[derive(Debug)]
pub struct Book {
    id: u8,
}

impl Book {
    /// Lends it.
    pub async fn lend(&self) -> Result<(), Error> {
        let text = \"}\";
        if self.id == b'{' as u8 { return Err(Error) } // }
        Ok(())
    }

    pub fn lender(&self) {}
}

pub(crate) type Books = Vec<Book>;
";

    #[test]
    fn cuts_a_rust_item_with_its_docs_and_attributes_by_its_first_words() {
        assert_eq!(
            extract(ITEMS, "struct Book"),
            Ok("/// A book.\n#[derive(Debug)]\npub struct Book {\n    id: u8,\n}".into())
        );
        assert_eq!(
            extract(ITEMS, "fn lend"),
            Ok("/// Lends it.\npub async fn lend(&self) -> Result<(), Error> {\n    let text = \"}\";\n    \
                if self.id == b'{' as u8 { return Err(Error) } // }\n    Ok(())\n}"
                .into())
        );
        assert_eq!(
            extract(ITEMS, "fn lender"),
            Ok("pub fn lender(&self) {}".into())
        );
        assert_eq!(
            extract(ITEMS, "type Books"),
            Ok("pub(crate) type Books = Vec<Book>;".into())
        );
        assert!(extract(ITEMS, "impl Book").is_ok_and(|text| text.ends_with("{}\n}")));
        assert_eq!(
            extract(ITEMS, "fn borrow"),
            Err(RegionError::NoItem {
                item: "fn borrow".into()
            })
        );
        assert_eq!(
            extract(&format!("{ITEMS}{ITEMS}"), "type Books"),
            Err(RegionError::DuplicateItem {
                item: "type Books".into(),
                line: 36
            })
        );
        assert_eq!(
            extract("fn open() {\n", "fn open"),
            Err(RegionError::UnclosedItem {
                item: "fn open".into(),
                line: 1
            })
        );
    }

    #[test]
    fn only_whole_comment_lines_are_markers() {
        assert_eq!(marker("  // region: a"), Some((Marker::Begin, "a")));
        assert_eq!(marker("# endregion: a"), Some((Marker::End, "a")));
        assert_eq!(marker("let x = 1; // region: a"), None);
        assert_eq!(
            marker("/// region: a"),
            None,
            "a doc comment is not a marker"
        );
        assert_eq!(marker("// region: two words"), None);
        assert_eq!(marker("// region:"), None);
    }

    #[test]
    fn names_the_language_by_extension() {
        assert_eq!(language("deployments/x/src/lib.rs"), "rust");
        assert_eq!(language("deployments/x/template.yaml"), "yaml");
        assert_eq!(language("Makefile"), "text");
    }
}
