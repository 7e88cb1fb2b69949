//! A step's API as xtask sees it: the operations of its committed OpenAPI snapshot (the insta
//! `.snap` file, YAML under a small header), with each operation's kind.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::Value;

use crate::failure::{Hint as _, fail};
use crate::targets::Target;
use crate::workspace;

/// Where a step's OpenAPI snapshot lives, relative to the step: `tests/api/snapshots.rs` writes it.
pub const OPENAPI_SNAPSHOT: &str = "tests/api/snapshots/api__snapshots__openapi.snap";
/// The folder of a step's API snapshots, and the test module that writes them.
pub const SNAPSHOT_DIR: &str = "tests/api/snapshots";
pub const SNAPSHOT_TESTS: &str = "tests/api/snapshots.rs";

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "options", "head", "trace",
];

/// What an operation is, in the talk's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Command,
    Query,
    Crud,
    Meta,
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Command => "command",
            Self::Query => "query",
            Self::Crud => "CRUD",
            Self::Meta => "meta",
            Self::Other => "other",
        }
    }
}

/// The kind of an operation, from its operationId: the six operations of the task-based API are
/// commands or queries, `Create*/Update*/Delete*/List*/Get*` on the CRUD entities are CRUD, and
/// `GetApiVersion` is about the API itself.
pub fn kind(operation_id: &str) -> Kind {
    match operation_id {
        "AddNewBook" | "BorrowBook" | "ReportMissingBook" => Kind::Command,
        "GetBooksByAuthor" | "GetBorrowedBooksForUser" | "GetMissingBooks" => Kind::Query,
        "GetApiVersion" => Kind::Meta,
        id if ["Create", "Update", "Delete", "List", "Get"]
            .iter()
            .any(|verb| id.starts_with(verb)) =>
        {
            Kind::Crud
        }
        _ => Kind::Other,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Upper case: `GET`.
    pub method: String,
    pub path: String,
    /// The operationId, or `METHOD path` when there is none.
    pub id: String,
    pub kind: Kind,
    /// Response status codes, as in the document (`200`, `400`, ...).
    pub statuses: Vec<String>,
    /// The request body's schema with `$ref`s resolved; `None` when there is no body.
    pub request: Option<Value>,
    /// Each response's body schema with `$ref`s resolved (`Null` when it has none).
    pub responses: Vec<(String, Value)>,
}

/// A step's API: the document's title and its operations, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    pub operations: Vec<Operation>,
}

pub fn snapshot_path(step: &Target) -> PathBuf {
    step.dir.join(OPENAPI_SNAPSHOT)
}

/// Reads a step's committed OpenAPI snapshot.
pub fn load(step: &Target) -> anyhow::Result<Api> {
    let path = snapshot_path(step);
    let shown = workspace::show(&path);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(fail(
                format!("{} has no OpenAPI snapshot ({shown})", step.name),
                format!(
                    "copy {SNAPSHOT_TESTS} from steps/step-00-crud (rename the crate), then run \
                     cargo xtask api update"
                ),
            ));
        }
        Err(error) => {
            return Err(error)
                .with_context(|| format!("cannot read {shown}"))
                .hint("check the file's permissions");
        }
    };
    let document = parse_snapshot(&text)
        .with_context(|| format!("{shown} is not an insta YAML snapshot"))
        .hint("regenerate it: cargo xtask api update")?;
    Ok(from_document(&document))
}

/// The YAML body of an insta `.snap` file (after its `---` header) as JSON.
pub fn parse_snapshot(text: &str) -> anyhow::Result<Value> {
    let body = split_header(text).context("no `---` header")?;
    Ok(serde_yaml::from_str(body)?)
}

fn split_header(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some(&rest[end + "\n---\n".len()..])
}

/// The operations of an OpenAPI document, in document order.
pub fn from_document(document: &Value) -> Api {
    let title = document
        .pointer("/info/title")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut operations = Vec::new();
    let paths = document.get("paths").and_then(Value::as_object);
    for (path, item) in paths.into_iter().flatten() {
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let method = method.to_uppercase();
            let id = operation
                .get("operationId")
                .and_then(Value::as_str)
                .map_or_else(|| format!("{method} {path}"), str::to_owned);
            let request = operation
                .get("requestBody")
                .map(|body| resolve(&body_schema(body), document, &mut Vec::new()));
            let responses: Vec<(String, Value)> = operation
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(status, response)| {
                    let schema = resolve(&body_schema(response), document, &mut Vec::new());
                    (status.clone(), schema)
                })
                .collect();
            operations.push(Operation {
                kind: kind(&id),
                statuses: responses.iter().map(|(status, _)| status.clone()).collect(),
                method,
                path: path.clone(),
                id,
                request,
                responses,
            });
        }
    }
    Api { title, operations }
}

/// The schema of a request body or response: its first media type's (JSON, here).
fn body_schema(body: &Value) -> Value {
    body.get("content")
        .and_then(Value::as_object)
        .and_then(|content| content.values().next())
        .and_then(|media| media.get("schema"))
        .cloned()
        .unwrap_or(Value::Null)
}

/// `value` with every local `$ref` replaced by what it points at, so a change to a component
/// shows in every operation that uses it. A reference already being resolved (a cycle) stays.
fn resolve(value: &Value, document: &Value, stack: &mut Vec<String>) -> Value {
    match value {
        Value::Object(object) => {
            if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
                let target = reference
                    .strip_prefix('#')
                    .and_then(|pointer| document.pointer(pointer));
                if let Some(target) = target.filter(|_| !stack.iter().any(|r| r == reference)) {
                    stack.push(reference.to_owned());
                    let resolved = resolve(target, document, stack);
                    stack.pop();
                    return resolved;
                }
            }
            Value::Object(
                object
                    .iter()
                    .map(|(key, item)| (key.clone(), resolve(item, document, stack)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| resolve(item, document, stack))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The markdown file of a step, for messages.
pub fn readme(step: &Target) -> PathBuf {
    step.dir.join("README.md")
}

/// Whether the step has the snapshot tests (the file later steps copy).
pub fn has_snapshot_tests(step: &Target) -> bool {
    step.dir.join(SNAPSHOT_TESTS).is_file()
}

/// Whether a file name is insta's: a snapshot, or the leftover of an interrupted run.
pub fn is_snapshot_file(name: &str) -> bool {
    [".snap", ".snap.new", ".pending-snap"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// The `.snap` files (and insta's leftovers) in a step's API snapshot folder.
pub fn snapshot_files(step_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let dir = step_dir.join(SNAPSHOT_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if is_snapshot_file(name) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
pub mod tests {
    use serde_json::json;

    use super::*;

    /// A small document in the shape utoipa writes.
    pub fn document(operations: &[(&str, &str, &str)]) -> Value {
        let mut paths = serde_json::Map::new();
        for (method, path, id) in operations {
            let item = paths.entry((*path).to_owned()).or_insert_with(|| json!({}));
            item[*method] = json!({
                "operationId": id,
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Book"}}}},
                    "400": {"description": "bad", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
                }
            });
        }
        json!({
            "openapi": "3.1.0",
            "info": {"title": "Library", "version": "1"},
            "paths": paths,
            "components": {"schemas": {
                "Book": {"type": "object", "properties": {
                    "bookId": {"type": "string"},
                    "next": {"$ref": "#/components/schemas/Book"}}},
                "ErrorBody": {"type": "object", "properties": {"message": {"type": "string"}}}
            }}
        })
    }

    #[test]
    fn kinds_come_from_operation_ids() {
        let kinds: Vec<&str> = [
            "AddNewBook",
            "BorrowBook",
            "ReportMissingBook",
            "GetBooksByAuthor",
            "GetBorrowedBooksForUser",
            "GetMissingBooks",
            "CreateAuthor",
            "ListRentalsByUser",
            "GetUser",
            "DeleteBook",
            "UpdateRental",
            "GetApiVersion",
            "Ping",
        ]
        .into_iter()
        .map(|id| kind(id).as_str())
        .collect();
        assert_eq!(
            kinds,
            [
                "command", "command", "command", "query", "query", "query", "CRUD", "CRUD", "CRUD",
                "CRUD", "CRUD", "meta", "other"
            ]
        );
    }

    #[test]
    fn reads_operations_in_document_order_with_refs_resolved() {
        let api = from_document(&document(&[
            ("get", "/", "GetApiVersion"),
            ("post", "/book/new", "AddNewBook"),
            ("get", "/book/new", "GetNew"),
        ]));
        assert_eq!(api.title, "Library");
        let rows: Vec<(&str, &str, &str)> = api
            .operations
            .iter()
            .map(|o| (o.method.as_str(), o.path.as_str(), o.id.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("GET", "/", "GetApiVersion"),
                ("GET", "/book/new", "GetNew"),
                ("POST", "/book/new", "AddNewBook"),
            ]
        );
        let add = &api.operations[2];
        assert_eq!(add.statuses, ["200", "400"]);
        assert_eq!(add.request, None);
        assert_eq!(
            add.responses[0].1,
            json!({"type": "object", "properties": {
                "bookId": {"type": "string"},
                "next": {"$ref": "#/components/schemas/Book"}}}),
            "resolved, with the cycle left as a reference"
        );
    }

    #[test]
    fn parses_an_insta_snapshot() {
        let text = "---\nsource: x.rs\nexpression: \"step::openapi()\"\n---\nopenapi: 3.1.0\n\
                    paths:\n  /:\n    get:\n      operationId: GetApiVersion\n      \
                    responses:\n        \"200\":\n          description: ok\n";
        let document = parse_snapshot(text).expect("parses");
        assert_eq!(document["openapi"], "3.1.0");
        let api = from_document(&document);
        assert_eq!(api.operations[0].statuses, ["200"]);
        assert!(parse_snapshot("openapi: 3.1.0\n").is_err());
    }
}
