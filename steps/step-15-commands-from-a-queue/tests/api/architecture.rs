//! The hexagon's one rule, checked on the sources: the core depends on no adapter. Nothing under
//! `src/core/` names axum, the AWS SDK, Lambda, or the adapters' parts of the plumbing, so the
//! same core can run behind any transport, on any storage.

use std::path::{Path, PathBuf};

/// What only adapters may name, as path prefixes.
const ADAPTER_ONLY: [&str; 13] = [
    "axum::",
    "aws_config::",
    "aws_sdk_dynamodb::",
    "aws_smithy",
    "lambda_http::",
    "hyper::",
    "tower::",
    "tower_http::",
    "utoipa_axum::",
    "plumbing::body",
    "plumbing::dynamodb",
    "plumbing::extract",
    "plumbing::http",
];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn the_core_names_no_adapter() {
    let core_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut files = Vec::new();
    rust_files(&core_dir, &mut files);
    assert!(files.len() >= 10, "the core's files: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        for (n, line) in text.lines().enumerate() {
            let source = line.split("//").next().unwrap_or_default();
            let named = ADAPTER_ONLY.iter().chain(&["crate::adapters"]);
            for name in named.filter(|name| source.contains(*name)) {
                found.push(format!("{}:{}: {name}", file.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core names an adapter:\n{}",
        found.join("\n")
    );
}
