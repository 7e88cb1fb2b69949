//! The route table: in the terminal (`api show`) and in markdown (the step READMEs).

use std::fmt::Write as _;

use super::document::{Api, Kind};

/// `23 operations (22 CRUD, 1 meta)`.
pub fn summary(api: &Api) -> String {
    let kinds = [
        Kind::Command,
        Kind::Query,
        Kind::Crud,
        Kind::Meta,
        Kind::Other,
    ];
    let counts: Vec<String> = kinds
        .iter()
        .filter_map(|&kind| {
            let count = api.operations.iter().filter(|o| o.kind == kind).count();
            let noun = match (kind, count) {
                (Kind::Command, 1) => "command".to_owned(),
                (Kind::Command, _) => "commands".to_owned(),
                (Kind::Query, 1) => "query".to_owned(),
                (Kind::Query, _) => "queries".to_owned(),
                (kind, _) => kind.as_str().to_owned(),
            };
            (count > 0).then(|| format!("{count} {noun}"))
        })
        .collect();
    let total = api.operations.len();
    let noun = if total == 1 {
        "operation"
    } else {
        "operations"
    };
    format!("{total} {noun} ({})", counts.join(", "))
}

/// Aligned columns for the terminal.
pub fn terminal(api: &Api) -> String {
    let header = ["METHOD", "PATH", "OPERATION", "KIND", "STATUS"];
    let rows: Vec<[String; 5]> = api
        .operations
        .iter()
        .map(|o| {
            [
                o.method.clone(),
                o.path.clone(),
                o.id.clone(),
                o.kind.as_str().to_owned(),
                o.statuses.join(" "),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: [&str; 5]| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                text.push_str(cell);
            } else {
                let _ = write!(text, "{cell:<width$}  ");
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(header);
    for row in &rows {
        line([&row[0], &row[1], &row[2], &row[3], &row[4]]);
    }
    out
}

/// The markdown table a step README carries between the route markers.
pub fn markdown(api: &Api) -> String {
    let mut out = format!(
        "Generated from the OpenAPI snapshot in [`tests/api/snapshots`](tests/api/snapshots) by \
         `cargo xtask api update`: {}.\n\n\
         | Method | Path | Operation | Kind | Status codes |\n\
         |---|---|---|---|---|\n",
        summary(api)
    );
    for o in &api.operations {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            o.method,
            o.path,
            o.id,
            o.kind.as_str(),
            o.statuses.join(", ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::document::{from_document, tests::document};
    use super::*;

    fn api() -> Api {
        from_document(&document(&[
            ("get", "/", "GetApiVersion"),
            ("post", "/book/new", "AddNewBook"),
            ("get", "/book/by-author/{authorId}", "GetBooksByAuthor"),
            ("post", "/author", "CreateAuthor"),
        ]))
    }

    #[test]
    fn counts_operations_by_kind() {
        assert_eq!(
            summary(&api()),
            "4 operations (1 command, 1 query, 1 CRUD, 1 meta)"
        );
    }

    #[test]
    fn the_terminal_table_is_aligned() {
        assert_eq!(
            terminal(&api()),
            "\
METHOD  PATH                        OPERATION         KIND     STATUS
GET     /                           GetApiVersion     meta     200 400
POST    /book/new                   AddNewBook        command  200 400
GET     /book/by-author/{authorId}  GetBooksByAuthor  query    200 400
POST    /author                     CreateAuthor      CRUD     200 400
"
        );
    }

    #[test]
    fn the_markdown_table_says_where_it_comes_from() {
        let table = markdown(&api());
        assert!(table.contains("`cargo xtask api update`: 4 operations (1 command, 1 query, 1 CRUD, 1 meta).\n\n| Method |"));
        assert!(table.contains("| POST | `/book/new` | AddNewBook | command | 200, 400 |\n"));
    }
}
