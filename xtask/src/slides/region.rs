//! Named regions of source files: the code a slide shows.
//!
//! A region is the lines between two marker comments, each alone on its line: `// region: name`
//! and `// endregion: name` in Rust, `# region: name` and `# endregion: name` in YAML, TOML or
//! shell. Markers are comments so the file stays what it was (valid YAML for cfn-lint, code
//! rustfmt leaves alone). The excerpt leaves out the markers of other regions nested inside,
//! and the indentation all its lines share, so a region cut from inside a block reads from the
//! left margin.

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
/// common indentation, blank lines at either end dropped.
pub fn extract(source: &str, name: &str) -> Result<String, RegionError> {
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
