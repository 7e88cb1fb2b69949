//! Where each operation lives over HTTP, read from the library's own OpenAPI document:
//! the routes API Gateway must send to a function that serves the operation.

use std::sync::LazyLock;

use library::core::Operation;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationRoute {
    pub operation: Operation,
    /// Upper case (`POST`).
    pub method: String,
    /// The path template, `{name}` for a path parameter (API Gateway's syntax too).
    pub path: String,
    /// The query string parameters the operation requires.
    pub required_query: Vec<String>,
}

/// The route of every operation of the library, read from its OpenAPI document once per process.
pub fn operation_routes() -> &'static [OperationRoute] {
    static ROUTES: LazyLock<Vec<OperationRoute>> = LazyLock::new(read_routes);
    &ROUTES
}

fn read_routes() -> Vec<OperationRoute> {
    // Serialising a document the library built cannot fail; should it, there are no routes and
    // every check that needs one says so.
    let document = serde_json::to_value(library::openapi()).unwrap_or_default();
    let mut routes = Vec::new();
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            let Some(Ok(parsed)) = operation["operationId"]
                .as_str()
                .map(str::parse::<Operation>)
            else {
                continue; // `GET /`, which describes the API rather than doing anything
            };
            let required_query = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query" && p["required"] == true)
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect();
            routes.push(OperationRoute {
                operation: parsed,
                method: method.to_uppercase(),
                path: path.clone(),
                required_query,
            });
        }
    }
    routes
}

/// The operation served at `method` `path` (a path template), if any.
pub fn operation_at(method: &str, path: &str) -> Option<Operation> {
    operation_routes()
        .iter()
        .find(|route| route.method.eq_ignore_ascii_case(method) && route.path == path)
        .map(|route| route.operation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_one_route() {
        let routes = operation_routes();
        let mut operations: Vec<Operation> = routes.iter().map(|r| r.operation).collect();
        operations.sort_unstable();
        let mut all = Operation::ALL.to_vec();
        all.sort_unstable();
        assert_eq!(operations, all);
    }

    #[test]
    fn the_book_management_routes_are_the_talks() {
        assert_eq!(
            operation_at("POST", "/book/{bookId}/missing"),
            Some(Operation::ReportMissingBook)
        );
        assert_eq!(
            operation_at("get", "/book"),
            Some(Operation::GetMissingBooks)
        );
        assert_eq!(operation_at("POST", "/book"), None);
        let mut status_queries: Vec<Operation> = operation_routes()
            .iter()
            .filter(|route| route.required_query == ["status"])
            .map(|route| route.operation)
            .collect();
        status_queries.sort_unstable();
        assert_eq!(
            status_queries,
            [
                Operation::GetBorrowedBooksForUser,
                Operation::GetMissingBooks
            ]
        );
    }
}
