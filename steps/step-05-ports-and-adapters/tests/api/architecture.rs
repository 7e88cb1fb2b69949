//! The one rule of this step, checked: the core does not know HTTP or DynamoDB.

use std::path::Path;

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn the_core_imports_neither_axum_nor_aws() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    assert!(files.len() > 10, "found the core's files: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable source");
        for forbidden in [
            "axum::",
            "aws_sdk_dynamodb",
            "aws_config",
            "tower",
            "utoipa",
            "crate::adapters",
        ] {
            assert!(
                !text.contains(forbidden),
                "{} mentions `{forbidden}`: the core must not depend on adapters",
                file.display()
            );
        }
    }
}
