//! The task queries over GraphQL (`POST /graphql`, step 15 on): an [`Api`] made with
//! [`Api::with_queries_over_graphql`] sends each `GET` of a query route as the GraphQL field of
//! that query, and reads the GraphQL answer back as the route would have answered: the page as
//! the body, its `next` as `x-next-token`, an error as its status and `{"message"}`. So the task
//! contract's query cases run unchanged through the GraphQL adapter, and must pass the same way.

use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};

use crate::{Api, Reply};

/// A query route's path as the field and arguments of the GraphQL query that answers it; `None`
/// for any other path. A query string's `status` is the route's own (the fields take none).
pub fn field_for(path: &str) -> Option<(&'static str, Value)> {
    let (route, query) = path.split_once('?').unwrap_or((path, ""));
    let mut arguments = serde_json::Map::new();
    for (name, value) in query.split('&').filter_map(|pair| pair.split_once('=')) {
        match name {
            "pageSize" => arguments.insert(
                "pageSize".to_owned(),
                value
                    .parse::<i64>()
                    .map_or_else(|_| json!(value), Value::from),
            ),
            "next" => arguments.insert("next".to_owned(), json!(value)),
            _ => None,
        };
    }
    let segments: Vec<&str> = route.trim_matches('/').split('/').collect();
    let field = match segments.as_slice() {
        ["book", "by-author", author_id] => {
            arguments.insert("authorId".to_owned(), json!(author_id));
            "getBooksByAuthor"
        }
        ["book", "by-user", user_id] => {
            arguments.insert("userId".to_owned(), json!(user_id));
            "getBorrowedBooksForUser"
        }
        ["book"] => "getMissingBooks",
        _ => return None,
    };
    Some((field, Value::Object(arguments)))
}

/// The GraphQL request for `field`: every argument a variable, so ids and tokens need no quoting.
pub fn request_for(field: &str, arguments: &Value) -> Value {
    let types = [
        ("authorId", "ID!"),
        ("userId", "ID!"),
        ("pageSize", "Int"),
        ("next", "String"),
    ];
    let given: Vec<(&str, &str)> = types
        .into_iter()
        .filter(|(name, _)| arguments.get(name).is_some())
        .collect();
    let declared: Vec<String> = given.iter().map(|(n, t)| format!("${n}: {t}")).collect();
    let passed: Vec<String> = given.iter().map(|(n, _)| format!("{n}: ${n}")).collect();
    let (declared, passed) = if given.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("({})", declared.join(", ")),
            format!("({})", passed.join(", ")),
        )
    };
    let query = format!(
        "query {field}{declared} {{ {field}{passed} {{ items {{ bookId authorId title isbn status }} next }} }}"
    );
    json!({"query": query, "variables": arguments})
}

/// The status an error type names: the library writes a status's reason phrase there.
fn status_of(error_type: &str) -> u16 {
    (100..600)
        .filter_map(|code| reqwest::StatusCode::from_u16(code).ok())
        .find(|status| status.canonical_reason() == Some(error_type))
        .map_or(500, |status| status.as_u16())
}

impl Api {
    /// The task queries' routes answered through `POST /graphql`; every other route as before.
    #[must_use]
    pub fn with_queries_over_graphql(mut self) -> Self {
        self.graphql = true;
        self
    }

    /// `GET path` through GraphQL, read back as the query route answers.
    pub(crate) async fn get_over_graphql(
        &self,
        path: &str,
        field: &str,
        arguments: &Value,
    ) -> Reply {
        let reply = self
            .post("/graphql", &request_for(field, arguments))
            .await
            .expect(200);
        let answer = &reply.body;
        let mut headers = HeaderMap::new();
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        let (status, body) = if let Some(error) = answer["errors"].get(0) {
            let error_type = error["extensions"]["errorType"]
                .as_str()
                .unwrap_or_default();
            (status_of(error_type), json!({"message": error["message"]}))
        } else {
            let page = &answer["data"][field];
            if let Some(next) = page["next"].as_str() {
                let token = HeaderValue::from_str(next).expect("a token is a header value");
                headers.insert("x-next-token", token);
            }
            (200, page["items"].clone())
        };
        assert!(
            body.is_array() || status >= 400,
            "{path} over GraphQL: neither a page nor an error: {answer}"
        );
        Reply {
            method: reqwest::Method::GET,
            path: path.to_owned(),
            status,
            headers,
            body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_routes_become_fields() {
        let (field, arguments) =
            field_for("/book/by-user/u1?status=borrowed&pageSize=2&next=ab.cd")
                .expect("a query route");
        assert_eq!(field, "getBorrowedBooksForUser");
        assert_eq!(
            arguments,
            json!({"userId": "u1", "pageSize": 2, "next": "ab.cd"})
        );
        assert_eq!(
            field_for("/book?status=missing").map(|f| f.0),
            Some("getMissingBooks")
        );
        assert_eq!(field_for("/book/new"), None);
        assert_eq!(field_for("/author"), None);
    }

    #[test]
    fn an_error_type_names_its_status() {
        assert_eq!(status_of("Bad Request"), 400);
        assert_eq!(status_of("Not Found"), 404);
        assert_eq!(status_of("Service Unavailable"), 503);
        assert_eq!(status_of("Nonsense"), 500);
    }

    #[test]
    fn arguments_are_variables() {
        let request = request_for("getBooksByAuthor", &json!({"authorId": "a"}));
        assert_eq!(
            request["query"],
            "query getBooksByAuthor($authorId: ID!) { getBooksByAuthor(authorId: $authorId) \
             { items { bookId authorId title isbn status } next } }"
        );
    }
}
