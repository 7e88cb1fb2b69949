use std::any::Any;

use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde_json::Value;
use tokio::task::JoinHandle;

/// An app under test: its [`Api`], plus whatever must stay alive while it runs (the embedded
/// engine, the server task).
pub struct Running {
    pub api: Api,
    /// The table the app stores in, for the cases that look beside the API ([`crate::stored`]).
    pub db: Option<aws_sdk_dynamodb::Client>,
    guards: Vec<Box<dyn Any + Send>>,
}

impl Running {
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            api: Api::new(base_url),
            db: None,
            guards: Vec::new(),
        }
    }

    /// The app stores in the table `db` reaches.
    #[must_use]
    pub fn with_db(mut self, db: aws_sdk_dynamodb::Client) -> Self {
        self.db = Some(db);
        self
    }

    /// The app's task queries through `POST /graphql` ([`Api::with_queries_over_graphql`]).
    #[must_use]
    pub fn with_queries_over_graphql(mut self) -> Self {
        self.api = self.api.with_queries_over_graphql();
        self
    }

    /// Keeps `guard` alive as long as the app is.
    #[must_use]
    pub fn keep(mut self, guard: impl Any + Send) -> Self {
        self.guards.push(Box::new(guard));
        self
    }

    /// Keeps the spawned `task` (the server) running as long as the app is, and stops it when the
    /// app is dropped: dropping a `JoinHandle` alone would leave the task running.
    #[must_use]
    pub fn keep_task<T: Send + 'static>(self, task: JoinHandle<T>) -> Self {
        self.keep(AbortOnDrop(task))
    }
}

struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// An HTTP client bound to one base URL.
#[derive(Clone)]
pub struct Api {
    base_url: String,
    client: reqwest::Client,
    /// The task queries through `POST /graphql` ([`crate::graphql`]).
    pub(crate) graphql: bool,
}

/// A finished exchange: status, headers and the JSON body.
#[derive(Debug)]
pub struct Reply {
    pub method: Method,
    pub path: String,
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Api {
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            client: reqwest::Client::new(),
            graphql: false,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub async fn get(&self, path: &str) -> Reply {
        if self.graphql
            && let Some((field, arguments)) = crate::graphql::field_for(path)
        {
            return self.get_over_graphql(path, field, &arguments).await;
        }
        self.send(Method::GET, path, None).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::POST, path, Some(body.to_string())).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::PUT, path, Some(body.to_string())).await
    }

    /// Every page of the listing at `path` (which may have a query already), `page_size` at a
    /// time, following `x-next-token`: the items of all pages, and how many pages there were.
    pub async fn every_page(&self, path: &str, page_size: u32) -> (Vec<Value>, usize) {
        let separator = if path.contains('?') { '&' } else { '?' };
        let first = format!("{path}{separator}pageSize={page_size}");
        let (mut items, mut pages, mut next) = (Vec::new(), 0, first.clone());
        loop {
            let reply = self.get(&next).await.expect(200);
            pages += 1;
            assert!(
                reply.items().len() <= page_size as usize,
                "{next}: over pageSize"
            );
            items.extend(reply.items().iter().cloned());
            match reply.header("x-next-token") {
                Some(token) => next = format!("{first}&next={token}"),
                None => return (items, pages),
            }
            assert!(pages < 100, "{path}: the pages do not end");
        }
    }

    /// `POST`s `body` with an `Idempotency-Key` header.
    pub async fn post_with_key(&self, path: &str, body: &Value, key: &str) -> Reply {
        let headers = [("Idempotency-Key", key)];
        self.send_with(Method::POST, path, Some(body.to_string()), &headers)
            .await
    }

    /// Sends `body` exactly as given (malformed JSON, huge bodies, empty bodies).
    pub async fn send_raw(&self, method: Method, path: &str, body: impl Into<String>) -> Reply {
        self.send(method, path, Some(body.into())).await
    }

    async fn send(&self, method: Method, path: &str, body: Option<String>) -> Reply {
        self.send_with(method, path, body, &[]).await
    }

    async fn send_with(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let url = format!("{}{path}", self.base_url);
        let mut request = self.client.request(method.clone(), &url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.header(CONTENT_TYPE, "application/json").body(body);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: no answer: {e}"));
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response
            .text()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: unreadable body: {e}"));
        let reply = Reply {
            body: serde_json::from_str(&text).unwrap_or_else(|e| {
                panic!(
                    "{method} {path} answered {status} with a body that is not JSON ({e}): {text:?}"
                )
            }),
            method,
            path: path.to_owned(),
            status,
            headers,
        };
        reply.check_invariants();
        reply
    }
}

impl Reply {
    /// What holds for every answer of every route.
    fn check_invariants(&self) {
        assert!(
            self.status < 500,
            "{} {} answered {}: no input may cause a 5xx. Body: {}",
            self.method,
            self.path,
            self.status,
            self.body
        );
        let content_type = self
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            content_type.starts_with("application/json"),
            "{} {} answered with content type {content_type:?}, not JSON",
            self.method,
            self.path
        );
        if self.status >= 400 {
            let message = self.body.get("message").and_then(Value::as_str);
            assert!(
                message.is_some_and(|m| !m.is_empty())
                    && self.body.as_object().map(serde_json::Map::len) == Some(1),
                "{} {} answered {} without a `{{\"message\": ...}}` body: {}",
                self.method,
                self.path,
                self.status,
                self.body
            );
        }
    }

    /// Asserts the status, showing the body when it differs; returns the reply for chaining.
    #[track_caller]
    #[allow(clippy::return_self_not_must_use)] // asserting is the point; chaining is optional
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(
            self.status, status,
            "{} {}: expected {status}, got {} with body {}",
            self.method, self.path, self.status, self.body
        );
        self
    }

    /// Asserts an error answer with exactly this status and message.
    #[track_caller]
    #[allow(clippy::return_self_not_must_use)]
    pub fn expect_error(self, status: u16, message: &str) -> Self {
        let reply = self.expect(status);
        assert_eq!(
            reply.message(),
            message,
            "{} {}: wrong error message",
            reply.method,
            reply.path
        );
        reply
    }

    /// The `message` of an error body (empty when there is none).
    pub fn message(&self) -> &str {
        self.body
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// A string field of the body, which must be there.
    #[track_caller]
    pub fn field(&self, name: &str) -> String {
        self.body
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_else(|| {
                panic!(
                    "{} {}: no string `{name}` in {}",
                    self.method, self.path, self.body
                )
            })
            .to_owned()
    }

    /// The body as an array.
    #[track_caller]
    pub fn items(&self) -> &Vec<Value> {
        self.body.as_array().unwrap_or_else(|| {
            panic!(
                "{} {}: body is not an array: {}",
                self.method, self.path, self.body
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}
