//! What changed in the API between two steps: operations added, removed and changed (path,
//! method, request schema, response schemas, status codes), matched by operationId.

use std::fmt::Write as _;

use serde_json::Value;

use super::document::{Api, Operation};
use crate::style::Style;

/// How many schema differences one operation lists before summing up the rest.
const MAX_SCHEMA_LINES: usize = 6;

#[derive(Debug, Default, PartialEq)]
pub struct ApiDiff {
    pub added: Vec<Operation>,
    pub removed: Vec<Operation>,
    pub changed: Vec<Changed>,
    pub unchanged: usize,
}

#[derive(Debug, PartialEq)]
pub struct Changed {
    /// The operation as it is in the newer step.
    pub operation: Operation,
    /// One line per difference.
    pub changes: Vec<String>,
}

pub fn compare(from: &Api, to: &Api) -> ApiDiff {
    let find = |api: &Api, id: &str| api.operations.iter().find(|o| o.id == id).cloned();
    let mut diff = ApiDiff {
        removed: from
            .operations
            .iter()
            .filter(|o| find(to, &o.id).is_none())
            .cloned()
            .collect(),
        ..ApiDiff::default()
    };
    for new in &to.operations {
        match find(from, &new.id) {
            None => diff.added.push(new.clone()),
            Some(old) => {
                let changes = changes(&old, new);
                if changes.is_empty() {
                    diff.unchanged += 1;
                } else {
                    diff.changed.push(Changed {
                        operation: new.clone(),
                        changes,
                    });
                }
            }
        }
    }
    diff
}

fn changes(old: &Operation, new: &Operation) -> Vec<String> {
    let mut lines = Vec::new();
    if old.method != new.method {
        lines.push(format!("method {} -> {}", old.method, new.method));
    }
    if old.path != new.path {
        lines.push(format!("path {} -> {}", old.path, new.path));
    }
    let gone: Vec<&str> = old
        .statuses
        .iter()
        .filter(|s| !new.statuses.contains(s))
        .map(String::as_str)
        .collect();
    let came: Vec<&str> = new
        .statuses
        .iter()
        .filter(|s| !old.statuses.contains(s))
        .map(String::as_str)
        .collect();
    if !gone.is_empty() || !came.is_empty() {
        let mut line = "status codes".to_owned();
        for status in came {
            let _ = write!(line, " +{status}");
        }
        for status in gone {
            let _ = write!(line, " -{status}");
        }
        lines.push(line);
    }
    match (&old.request, &new.request) {
        (None, Some(_)) => lines.push("request body added".to_owned()),
        (Some(_), None) => lines.push("request body removed".to_owned()),
        (Some(a), Some(b)) => schema_lines("request body", a, b, &mut lines),
        (None, None) => {}
    }
    for (status, new_schema) in &new.responses {
        let old_schema = old.responses.iter().find(|(s, _)| s == status);
        if let Some((_, old_schema)) = old_schema {
            schema_lines(
                &format!("response {status}"),
                old_schema,
                new_schema,
                &mut lines,
            );
        }
    }
    lines
}

fn schema_lines(what: &str, old: &Value, new: &Value, lines: &mut Vec<String>) {
    let mut differences = Vec::new();
    value_differences(old, new, "", &mut differences);
    let total = differences.len();
    for difference in differences.into_iter().take(MAX_SCHEMA_LINES) {
        lines.push(format!("{what} schema: {difference}"));
    }
    if total > MAX_SCHEMA_LINES {
        lines.push(format!(
            "{what} schema: ... and {} more",
            total - MAX_SCHEMA_LINES
        ));
    }
}

/// Where two JSON values differ, as pointer paths: added and removed keys, changed values.
fn value_differences(old: &Value, new: &Value, at: &str, out: &mut Vec<String>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{at}/{key}");
                match b.get(key) {
                    None => out.push(format!("{here} removed")),
                    Some(other) => value_differences(value, other, &here, out),
                }
            }
            for key in b.keys().filter(|key| !a.contains_key(*key)) {
                out.push(format!("{at}/{key} added"));
            }
        }
        (a, b) if a != b => {
            let at = if at.is_empty() { "/" } else { at };
            out.push(format!("{at}: {} -> {}", short(a), short(b)));
        }
        _ => {}
    }
}

fn short(value: &Value) -> String {
    const MAX: usize = 40;
    let text = value.to_string();
    if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX - 3).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// The diff as terminal text.
pub fn render(from: &str, to: &str, diff: &ApiDiff, style: Style) -> String {
    let mut out = format!("{} -> {}\n", style.bold(from), style.bold(to));
    let row = |sign: &str, o: &Operation| {
        format!(
            "{sign} {:<24} {:<7} {:<30} {}",
            o.id,
            o.method,
            o.path,
            o.kind.as_str()
        )
    };
    for o in &diff.removed {
        let _ = writeln!(out, "  {}", style.red(row("-", o).trim_end()));
    }
    for o in &diff.added {
        let _ = writeln!(out, "  {}", style.green(row("+", o).trim_end()));
    }
    for changed in &diff.changed {
        let _ = writeln!(
            out,
            "  {}",
            style.yellow(row("~", &changed.operation).trim_end())
        );
        for line in &changed.changes {
            let _ = writeln!(out, "        {line}");
        }
    }
    let _ = writeln!(
        out,
        "  {} added, {} removed, {} changed, {} unchanged",
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len(),
        diff.unchanged
    );
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::document::{from_document, tests::document};
    use super::*;

    fn ids(operations: &[Operation]) -> Vec<&str> {
        operations.iter().map(|o| o.id.as_str()).collect()
    }

    #[test]
    fn crud_to_tasks_removes_book_crud_and_adds_the_six_operations() {
        let crud = from_document(&document(&[
            ("get", "/", "GetApiVersion"),
            ("post", "/author", "CreateAuthor"),
            ("post", "/book/{authorId}", "CreateBook"),
            ("get", "/book", "ListBooks"),
            ("post", "/rental/{userId}/{bookId}", "CreateRental"),
        ]));
        let tasks = from_document(&document(&[
            ("get", "/", "GetApiVersion"),
            ("post", "/author", "CreateAuthor"),
            ("post", "/book/new", "AddNewBook"),
            ("post", "/book/{bookId}/borrow", "BorrowBook"),
            ("post", "/book/{bookId}/missing", "ReportMissingBook"),
            ("get", "/book/by-author/{authorId}", "GetBooksByAuthor"),
            ("get", "/book/by-user/{userId}", "GetBorrowedBooksForUser"),
            ("get", "/book", "GetMissingBooks"),
        ]));
        let diff = compare(&crud, &tasks);
        assert_eq!(
            ids(&diff.removed),
            ["CreateBook", "ListBooks", "CreateRental"]
        );
        assert_eq!(
            ids(&diff.added),
            [
                "AddNewBook",
                "BorrowBook",
                "ReportMissingBook",
                "GetBooksByAuthor",
                "GetBorrowedBooksForUser",
                "GetMissingBooks",
            ]
        );
        assert!(diff.changed.is_empty());
        assert_eq!(diff.unchanged, 2);

        let text = render("step-02", "step-03", &diff, Style::PLAIN);
        assert!(text.starts_with("step-02 -> step-03\n"), "{text}");
        assert!(text.contains("\n  - CreateBook  "), "{text}");
        assert!(
            text.contains(
                "\n  + AddNewBook               POST    /book/new                      command\n"
            ),
            "{text}"
        );
        assert!(
            text.ends_with("  6 added, 3 removed, 0 changed, 2 unchanged\n"),
            "{text}"
        );
    }

    #[test]
    fn finds_changed_paths_methods_statuses_and_schemas() {
        let old = from_document(&document(&[("post", "/book/{authorId}", "CreateBook")]));
        let mut document = document(&[("put", "/book", "CreateBook")]);
        let responses = &mut document["paths"]["/book"]["put"]["responses"];
        responses.as_object_mut().expect("responses").remove("400");
        responses["409"] = json!({"description": "taken"});
        document["paths"]["/book"]["put"]["requestBody"] =
            json!({"content": {"application/json": {"schema": {"type": "object"}}}});
        document["components"]["schemas"]["Book"]["properties"]["status"] =
            json!({"type": "string"});
        document["components"]["schemas"]["Book"]["properties"]["bookId"]["type"] =
            json!("integer");
        let new = from_document(&document);

        let diff = compare(&old, &new);
        assert_eq!(diff.changed.len(), 1);
        assert_eq!(
            diff.changed[0].changes,
            [
                "method POST -> PUT",
                "path /book/{authorId} -> /book",
                "status codes +409 -400",
                "request body added",
                r#"response 200 schema: /properties/bookId/type: "string" -> "integer""#,
                "response 200 schema: /properties/status added",
            ]
        );
        let text = render("a", "b", &diff, Style::PLAIN);
        assert!(text.contains("  ~ CreateBook "), "{text}");
        assert!(
            text.contains("\n        status codes +409 -400\n"),
            "{text}"
        );
    }

    #[test]
    fn long_schema_differences_are_summed_up() {
        let old = json!({"a": 1});
        let new = json!({"b": 1, "c": 2, "d": 3, "e": 4, "f": 5, "g": 6, "h": 7});
        let mut lines = Vec::new();
        schema_lines("request body", &old, &new, &mut lines);
        assert_eq!(lines.len(), MAX_SCHEMA_LINES + 1);
        assert_eq!(lines[0], "request body schema: /a removed");
        assert_eq!(
            lines[MAX_SCHEMA_LINES],
            "request body schema: ... and 2 more"
        );
        assert_eq!(short(&json!("x".repeat(50))).chars().count(), 40);
    }
}
