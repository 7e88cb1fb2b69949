//! Phase 1's "before" and "after" pictures, read from a step's sources: the parts of its code,
//! what each one `use`s of the others, and which of them reach the world (axum, Lambda, the
//! DynamoDB SDK). Drawn as a [`Picture`], so the deck shows it the way it shows a deployment.
//!
//! A part is a top-level module of `src/`; in a step with `core/` and `adapters/`, the core is
//! one part (the picture's point is that it reaches nothing) and each adapter is one. Arrows
//! read "uses"; doc comments do not count. How errors become answers (`error`) and the OpenAPI
//! document (`openapi`) are left out of a flat step's picture: every part uses the first and
//! none the second, so their boxes would only hide the other arrows.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::Path;

use super::template::{Access, Edge, Node, NodeKind, Picture};

/// What a part of the code may reach outside the crate: the crate path, and how the picture
/// names it.
const WORLD: [(&str, &str, NodeKind); 3] = [
    ("axum", "HTTP\naxum", NodeKind::Api),
    (
        "lambda_http",
        "API Gateway events\nlambda_http",
        NodeKind::Api,
    ),
    (
        "aws_sdk_dynamodb",
        "DynamoDB\naws-sdk-dynamodb",
        NodeKind::Table,
    ),
];

/// The modules a flat step's picture leaves out.
const LEFT_OUT: [&str; 2] = ["error", "openapi"];

/// One part of a step's code.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    /// `table`, `core`, `adapters::http`.
    name: String,
    /// What the part holds, when it is a folder: `model, commands, queries`.
    holds: Vec<String>,
    /// The world crates it uses.
    reaches: BTreeSet<&'static str>,
    /// The other parts it uses.
    uses: BTreeSet<String>,
}

/// The picture of the step whose sources are in `src`.
pub fn picture(src: &Path) -> io::Result<Picture> {
    let parts = parts(src)?;
    let mut picture = Picture::default();
    for (path, label, kind) in WORLD {
        if parts.iter().any(|part| part.reaches.contains(path)) {
            picture.nodes.push(Node {
                id: path.to_owned(),
                kind: kind.clone(),
                label: label.to_owned(),
            });
        }
    }
    for part in &parts {
        // Green for a part that reaches nothing outside the crate, orange for one that does.
        let access = if part.reaches.is_empty() {
            Access::ReadOnly
        } else {
            Access::ReadWrite
        };
        let label = if part.holds.is_empty() {
            part.name.replace("::", "/")
        } else {
            format!(
                "{}\n{}",
                part.name.replace("::", "/"),
                part.holds.join(", ")
            )
        };
        picture.nodes.push(Node {
            id: part.name.clone(),
            kind: NodeKind::Function(access),
            label,
        });
        let targets = part.uses.iter().cloned().chain(
            WORLD
                .iter()
                .filter(|(path, ..)| part.reaches.contains(path))
                .map(|(path, ..)| (*path).to_owned()),
        );
        for to in targets {
            picture.edges.push(Edge {
                from: part.name.clone(),
                to,
                label: None,
            });
        }
    }
    Ok(picture)
}

/// The picture as text for the terminal: each part, what it reaches and what it uses.
pub fn text(picture: &Picture) -> String {
    let parts: Vec<&Node> = picture
        .nodes
        .iter()
        .filter(|node| matches!(node.kind, NodeKind::Function(_)))
        .collect();
    let name = |node: &Node| node.label.lines().next().unwrap_or_default().to_owned();
    let width = parts.iter().map(|node| name(node).len()).max().unwrap_or(0);
    let mut lines = Vec::new();
    for node in parts {
        let mut reaches = Vec::new();
        let mut uses = Vec::new();
        for edge in picture.edges.iter().filter(|edge| edge.from == node.id) {
            match picture.node(&edge.to) {
                Some(to) if matches!(to.kind, NodeKind::Function(_)) => uses.push(name(to)),
                Some(to) => reaches.push(to.label.lines().last().unwrap_or_default().to_owned()),
                None => {}
            }
        }
        let reaches = if reaches.is_empty() {
            "reaches nothing outside".to_owned()
        } else {
            format!("reaches {}", reaches.join(", "))
        };
        let uses = if uses.is_empty() {
            String::new()
        } else {
            format!("; uses {}", uses.join(", "))
        };
        lines.push(format!("{:<width$}  {reaches}{uses}", name(node)));
        let holds = node.label.lines().nth(1).unwrap_or_default();
        if !holds.is_empty() {
            lines.push(format!("{:<width$}    ({holds})", ""));
        }
    }
    lines.join("\n")
}

fn parts(src: &Path) -> io::Result<Vec<Part>> {
    let layered = src.join("core").is_dir() && src.join("adapters").is_dir();
    // Each part's name and the files it is made of.
    let mut files: BTreeMap<String, (Vec<String>, Vec<std::path::PathBuf>)> = BTreeMap::new();
    for (module, path) in modules(src)? {
        let top = module.split("::").next().unwrap_or(&module);
        let left_out = if layered {
            // `adapters/mod.rs` only declares the adapters.
            module == "adapters"
        } else {
            LEFT_OUT.contains(&top)
        };
        if matches!(module.as_str(), "lib" | "main") || left_out {
            continue;
        }
        let part = match module.split_once("::") {
            Some(("core", _)) if layered => "core".to_owned(),
            Some(("adapters", rest)) if layered => {
                let adapter = rest.split("::").next().unwrap_or(rest);
                format!("adapters::{adapter}")
            }
            _ => module.split("::").next().unwrap_or(&module).to_owned(),
        };
        let entry = files.entry(part.clone()).or_default();
        if part == "core" {
            let inner = module.strip_prefix("core::").unwrap_or_default();
            let child = inner.split("::").next().unwrap_or_default();
            if !child.is_empty() && !entry.0.iter().any(|held| held == child) {
                entry.0.push(child.to_owned());
            }
        }
        entry.1.push(path);
    }
    let names: Vec<String> = files.keys().cloned().collect();
    let mut parts = Vec::new();
    for (name, (holds, paths)) in files {
        let mut reaches = BTreeSet::new();
        let mut uses = BTreeSet::new();
        for path in paths {
            let source = std::fs::read_to_string(&path)?;
            for line in source.lines().map(str::trim_start) {
                if line.starts_with("//") {
                    continue;
                }
                for (world, ..) in WORLD {
                    if mentions(line, world) {
                        reaches.insert(world);
                    }
                }
                for other in names.iter().filter(|other| **other != name) {
                    if mentions(line, &format!("crate::{other}")) {
                        uses.insert(other.clone());
                    }
                }
            }
        }
        parts.push(Part {
            name,
            holds,
            reaches,
            uses,
        });
    }
    Ok(parts)
}

/// Whether `line` names the path `path` (`crate::table` in `use crate::table::{get}`, not in
/// `crate::tables`).
fn mentions(line: &str, path: &str) -> bool {
    line.match_indices(path).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + path.len()..].chars().next();
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// Every module of `src` by its path (`core::model::book`), with its file, sorted.
fn modules(src: &Path) -> io::Result<Vec<(String, std::path::PathBuf)>> {
    let mut found = Vec::new();
    let mut folders = vec![src.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let Ok(relative) = path.strip_prefix(src) else {
                continue;
            };
            let mut words: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            if words.last().is_some_and(|last| last == "mod") {
                words.pop();
            }
            found.push((words.join("::"), path));
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &str) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn folder(name: &str) -> std::path::PathBuf {
        let folder =
            std::env::temp_dir().join(format!("xtask-architecture-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        folder
    }

    #[test]
    fn a_flat_step_is_its_modules_and_what_they_reach() {
        let src = folder("flat");
        write(
            &src,
            "lib.rs",
            "use axum::Router;\npub mod book;\npub mod table;\n",
        );
        write(&src, "book.rs", "use axum::Json;\nuse crate::table;\n");
        write(
            &src,
            "table.rs",
            "//! Not crate::book.\nuse aws_sdk_dynamodb::Client;\nuse crate::tables;\n",
        );
        let picture = picture(&src).expect("reads");
        let ids: Vec<&str> = picture.nodes.iter().map(|node| node.id.as_str()).collect();
        assert_eq!(ids, ["axum", "aws_sdk_dynamodb", "book", "table"]);
        let edges: Vec<(&str, &str)> = picture
            .edges
            .iter()
            .map(|edge| (edge.from.as_str(), edge.to.as_str()))
            .collect();
        assert_eq!(
            edges,
            [
                ("book", "table"),
                ("book", "axum"),
                ("table", "aws_sdk_dynamodb")
            ]
        );
        assert_eq!(
            text(&picture),
            "book   reaches axum; uses table\ntable  reaches aws-sdk-dynamodb"
        );
        let _ = std::fs::remove_dir_all(&src);
    }

    #[test]
    fn a_layered_step_is_one_core_and_each_adapter() {
        let src = folder("layered");
        write(
            &src,
            "core/mod.rs",
            "//! No axum in here.\npub mod model;\n",
        );
        write(&src, "core/model/book.rs", "pub struct Book;\n");
        write(
            &src,
            "core/commands/mod.rs",
            "use crate::core::model::Book;\n",
        );
        write(
            &src,
            "adapters/http/mod.rs",
            "use axum::Router;\nuse crate::core::model;\n",
        );
        write(
            &src,
            "adapters/memory.rs",
            "use crate::core::model::Book;\n",
        );
        let picture = picture(&src).expect("reads");
        let labels: Vec<&str> = picture
            .nodes
            .iter()
            .map(|node| node.label.as_str())
            .collect();
        assert_eq!(
            labels,
            [
                "HTTP\naxum",
                "adapters/http",
                "adapters/memory",
                "core\ncommands, model"
            ]
        );
        assert!(
            picture
                .nodes
                .iter()
                .any(|node| node.id == "core" && node.kind == NodeKind::Function(Access::ReadOnly))
        );
        assert_eq!(
            text(&picture),
            "adapters/http    reaches axum; uses core\n\
             adapters/memory  reaches nothing outside; uses core\n\
             core             reaches nothing outside\n\
             \x20                  (commands, model)"
        );
        let _ = std::fs::remove_dir_all(&src);
    }
}
