//! What a function's binary holds: the functions defined in its symbol table. A function is
//! built for its operations only (`Function<E>`), so the linker keeps their handlers and drops
//! the rest: a query function holds no write path at all, whatever its IAM role would allow.

use std::path::Path;

use library::adapters::lambda::Deployed;
use library::core::{Kind, Operation};
use object::{Object as _, ObjectSymbol as _, SymbolKind};

/// The code that writes the table: the SDK's write operations (a command's one
/// `TransactWriteItems`, and the CRUD contexts' puts, updates and deletes) and the library's
/// write ports. A binary holding none of them cannot write, whatever its credentials.
pub const WRITE_PATH: [&str; 7] = [
    "transact_write_items",
    "put_item",
    "update_item",
    "delete_item",
    "add_book",
    "record_borrowing",
    "record_missing_book",
];

/// The names of the functions `binary` defines (mangled, as the symbol table has them).
pub fn defined_functions(binary: &Path) -> Vec<String> {
    let data = std::fs::read(binary).unwrap_or_else(|e| panic!("{}: {e}", binary.display()));
    let file = object::File::parse(&*data)
        .unwrap_or_else(|e| panic!("{}: not an executable object reads: {e}", binary.display()));
    file.symbols()
        .filter(|symbol| symbol.is_definition() && symbol.kind() == SymbolKind::Text)
        .filter_map(|symbol| symbol.name().ok().map(str::to_owned))
        .collect()
}

/// The core module that handles `operation`: `commands::borrow_book` for `BorrowBook`. (The
/// author and user CRUD share generic handlers, which have no module of their own.) Only the
/// handler counts: every function's OpenAPI document still names every operation.
fn handler_module(operation: Operation) -> Option<(&'static str, &'static str)> {
    Some(match operation {
        Operation::AddNewBook => ("commands", "add_new_book"),
        Operation::BorrowBook => ("commands", "borrow_book"),
        Operation::ReportMissingBook => ("commands", "report_missing_book"),
        Operation::GetBooksByAuthor => ("queries", "get_books_by_author"),
        Operation::GetBorrowedBooksForUser => ("queries", "get_borrowed_books_for_user"),
        Operation::GetMissingBooks => ("queries", "get_missing_books"),
        _ => return None,
    })
}

/// How a mangled symbol spells the path `parent::module`: as a path (`8commands11borrow_book`)
/// or inside an impl's type (`commands..borrow_book`).
fn spellings(parent: &str, module: &str) -> [String; 2] {
    [
        format!("{}{parent}{}{module}", parent.len(), module.len()),
        format!("{parent}..{module}"),
    ]
}

/// Each function's binary holds the handlers of its own operations and no other's; one that
/// serves only queries holds nothing of [`WRITE_PATH`], one that serves a command does.
pub fn assert_holds_only_its_operations(
    functions: &[&dyn Deployed],
    binary: impl Fn(&str) -> std::path::PathBuf,
) {
    for function in functions {
        let symbols = defined_functions(&binary(function.binary()));
        let holds = |part: &str| symbols.iter().any(|symbol| symbol.contains(part));
        let served = function.operations();
        for operation in Operation::ALL {
            let Some((parent, module)) = handler_module(operation) else {
                continue;
            };
            let [path, in_impl] = spellings(parent, module);
            assert_eq!(
                holds(&path) || holds(&in_impl),
                served.contains(&operation),
                "{}: the {operation} handler (`{parent}::{module}`) is {} its binary",
                function.name(),
                if served.contains(&operation) {
                    "missing from"
                } else {
                    "linked into"
                }
            );
        }
        let writes = served
            .iter()
            .any(|operation| operation.kind() == Kind::Command);
        let write_path: Vec<&str> = WRITE_PATH.into_iter().filter(|part| holds(part)).collect();
        if writes {
            assert!(
                holds("transact_write_items"),
                "{} serves a command but holds no TransactWriteItems",
                function.name()
            );
        } else {
            assert!(
                write_path.is_empty(),
                "{} serves only queries but its binary holds {write_path:?}",
                function.name()
            );
        }
    }
}
