//! The GraphQL adapter: the talk's three queries as the fields of a GraphQL schema. The talk's
//! other "other trigger": AWS AppSync in front of a Lambda function, a direct Lambda resolver.
//!
//! One [`resolve`] answers a field from its name and arguments, as AppSync's event names them,
//! on any storage. Two adapters call it:
//!
//! - on Lambda, [`Resolver::run`]: AppSync runs the GraphQL (parsing, validation, selection) and
//!   sends each field to the function, which answers the field's value, or fails with an error
//!   type AppSync puts in the answer's `errors`;
//! - locally, the HTTP server's `POST /graphql`: `async-graphql` runs the same schema, whose
//!   fields call [`resolve`] in process. Its SDL ([`sdl`]) is the schema AppSync deploys.
//!
//! Only queries: commands reach the library through its HTTP API or its queue
//! ([`crate::adapters::queue`]), so the resolver's function only ever reads.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, LazyLock};

use async_graphql::{
    Context, EmptyMutation, EmptySubscription, Enum, ErrorExtensions as _, ID, Object, Schema,
    SimpleObject,
};
use aws_lambda_events::appsync::AppSyncDirectResolverEvent;
use axum::Json;
use axum::extract::State;
use lambda_http::lambda_runtime::{self, Diagnostic, LambdaEvent, service_fn};
use plumbing::body::JsonObject;
use plumbing::page::{Listing, PageParams};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use aws_lambda_events::appsync;

use crate::adapters::http::error::ApiError;
use crate::adapters::lambda::{Error, start};
use crate::core::model::Book;
use crate::core::ports::Storage;
use crate::core::queries::{GetBooksByAuthor, GetBorrowedBooksForUser, GetMissingBooks};
use crate::core::{App, Operation};

/// Each field, and the query it answers.
pub const FIELDS: [(&str, Operation); 3] = [
    ("getBooksByAuthor", Operation::GetBooksByAuthor),
    (
        "getBorrowedBooksForUser",
        Operation::GetBorrowedBooksForUser,
    ),
    ("getMissingBooks", Operation::GetMissingBooks),
];

/// A field's arguments, as AppSync sends them (checked against the schema already).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Arguments {
    author_id: Option<String>,
    user_id: Option<String>,
    page_size: Option<i64>,
    next: Option<String>,
}

/// What every field answers: a page of books, and where the next one starts.
#[derive(Debug, Serialize)]
struct Answer {
    items: Vec<Book>,
    next: Option<String>,
}

/// The value of `field` with `arguments`, or why there is none.
pub async fn resolve<S: Storage>(
    app: &App<S>,
    field: &str,
    arguments: Value,
) -> Result<Value, FieldError> {
    // A field without arguments may come with `null` for them.
    let arguments: Arguments = match arguments {
        Value::Null => Arguments::default(),
        given => serde_json::from_value(given)
            .map_err(|e| FieldError::invalid(&format!("Arguments do not fit the schema: {e}")))?,
    };
    let page_size = arguments
        .page_size
        .map(|size| u32::try_from(size).unwrap_or(0));
    let page = PageParams {
        page_size,
        next: arguments.next,
    }
    .page()
    .map_err(ApiError::from)?;
    let id = |id: Option<String>| id.unwrap_or_default();
    let listing: Listing<Book> = match FIELDS.iter().find(|(name, _)| *name == field) {
        Some((_, Operation::GetBooksByAuthor)) => {
            let query = GetBooksByAuthor::parse(&id(arguments.author_id), page);
            app.answer(query.map_err(ApiError::from)?).await
        }
        Some((_, Operation::GetBorrowedBooksForUser)) => {
            let query =
                GetBorrowedBooksForUser::parse(&id(arguments.user_id), Some("borrowed"), page);
            app.answer(query.map_err(ApiError::from)?).await
        }
        Some((_, Operation::GetMissingBooks)) => {
            let query = GetMissingBooks::parse(Some("missing"), page);
            app.answer(query.map_err(ApiError::from)?).await
        }
        _ => {
            return Err(FieldError::invalid(&format!(
                "No field is called `{field}`"
            )));
        }
    }
    .map_err(ApiError::from)?;
    let answer = Answer {
        items: listing.items,
        next: listing.next.map(|cursor| cursor.0),
    };
    serde_json::to_value(answer).map_err(|e| FieldError::internal(&e.to_string()))
}

/// A field that cannot be answered: the error AppSync shows (`errorType`, the HTTP status's
/// reason: `Bad Request`, `Not Found`, `Service Unavailable`...) and its message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FieldError {
    pub error_type: String,
    pub message: String,
}

impl FieldError {
    fn invalid(message: &str) -> Self {
        Self::from(ApiError::from(plumbing::Rejection::invalid(message)))
    }

    fn internal(message: &str) -> Self {
        Self::from(ApiError::from(crate::core::model::Error::Internal(
            message.to_owned(),
        )))
    }
}

impl From<ApiError> for FieldError {
    fn from(error: ApiError) -> Self {
        let status = error.status();
        if status.is_server_error() {
            tracing::error!(%error, "field not resolved");
        }
        Self {
            error_type: status.canonical_reason().unwrap_or("Error").to_owned(),
            message: error.to_string(),
        }
    }
}

impl From<FieldError> for Diagnostic {
    fn from(error: FieldError) -> Self {
        Self {
            error_type: error.error_type,
            error_message: error.message,
        }
    }
}

/// A function AppSync calls for the schema's fields: its logical id and its binary.
pub struct Resolver {
    pub name: &'static str,
    pub binary: &'static str,
}

impl Resolver {
    /// The function's `main`: the app built once at the cold start, then every field resolved.
    pub async fn run(&self) -> Result<(), Error> {
        let app = start().await?;
        let resolver = service_fn(|event: LambdaEvent<AppSyncDirectResolverEvent>| {
            let app = app.clone();
            async move { resolve_event(&app, event.payload).await }
        });
        lambda_runtime::run(resolver).await
    }
}

/// A direct Lambda resolver's event: the field, by name, with its arguments.
pub async fn resolve_event<S: Storage>(
    app: &App<S>,
    event: AppSyncDirectResolverEvent,
) -> Result<Value, FieldError> {
    let arguments = event.arguments.unwrap_or_default();
    resolve(app, &event.info.field_name, arguments).await
}

// The schema, for async-graphql: its SDL is what AppSync deploys, and it serves `/graphql`.

/// Whatever resolves the fields: the app in process, or a resolver function invoked with an
/// AppSync event (the local gateway).
pub trait Fields: Send + Sync {
    fn resolve<'a>(
        &'a self,
        field: &'a str,
        arguments: Value,
    ) -> Pin<Box<dyn Future<Output = Result<Value, FieldError>> + Send + 'a>>;
}

impl<S: Storage> Fields for App<S> {
    fn resolve<'a>(
        &'a self,
        field: &'a str,
        arguments: Value,
    ) -> Pin<Box<dyn Future<Output = Result<Value, FieldError>> + Send + 'a>> {
        Box::pin(resolve(self, field, arguments))
    }
}

#[derive(Debug, SimpleObject, Deserialize)]
#[graphql(name = "Book")]
#[serde(rename_all = "camelCase")]
struct BookView {
    book_id: ID,
    author_id: ID,
    title: String,
    isbn: String,
    status: BookStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum BookStatus {
    Available,
    NotAvailable,
    Missing,
}

/// A page of books; `next`, when present, continues the listing.
#[derive(Debug, SimpleObject, Deserialize)]
struct BookPage {
    items: Vec<BookView>,
    next: Option<String>,
}

pub struct Query;

#[Object]
impl Query {
    /// `GetBooksByAuthor`: a page of the author's books, by id.
    async fn get_books_by_author(
        &self,
        ctx: &Context<'_>,
        author_id: ID,
        page_size: Option<i32>,
        next: Option<String>,
    ) -> async_graphql::Result<BookPage> {
        let arguments =
            serde_json::json!({"authorId": author_id.0, "pageSize": page_size, "next": next});
        field(ctx, "getBooksByAuthor", arguments).await
    }

    /// `GetBorrowedBooksForUser`: a page of the books the user holds, by id.
    async fn get_borrowed_books_for_user(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        page_size: Option<i32>,
        next: Option<String>,
    ) -> async_graphql::Result<BookPage> {
        let arguments =
            serde_json::json!({"userId": user_id.0, "pageSize": page_size, "next": next});
        field(ctx, "getBorrowedBooksForUser", arguments).await
    }

    /// `GetMissingBooks`: a page of the books reported missing, by id.
    async fn get_missing_books(
        &self,
        ctx: &Context<'_>,
        page_size: Option<i32>,
        next: Option<String>,
    ) -> async_graphql::Result<BookPage> {
        let arguments = serde_json::json!({"pageSize": page_size, "next": next});
        field(ctx, "getMissingBooks", arguments).await
    }
}

async fn field(ctx: &Context<'_>, name: &str, arguments: Value) -> async_graphql::Result<BookPage> {
    let fields = ctx.data::<Arc<dyn Fields>>()?;
    match fields.resolve(name, arguments).await {
        Ok(value) => Ok(serde_json::from_value(value)?),
        Err(error) => Err(async_graphql::Error::new(error.message)
            .extend_with(|_, extensions| extensions.set("errorType", error.error_type))),
    }
}

pub type LibrarySchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// Built once: the schema holds no state, each request brings what resolves its fields. Every
/// field is a query of the table, so a request may ask for a few (aliases), not for hundreds.
static SCHEMA: LazyLock<LibrarySchema> = LazyLock::new(|| {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_depth(4)
        .finish()
});

/// A page of each of the three fields, every book field selected, three times over.
const MAX_COMPLEXITY: usize = 3 * 3 * 8;

/// The schema in GraphQL's own language, as AppSync takes it: without the declarations of
/// `@include` and `@skip`, which every GraphQL server (AppSync too) has built in.
pub fn sdl() -> String {
    const QUOTES: &str = "\"\"\"";
    let sdl = SCHEMA.sdl();
    let mut kept: Vec<&str> = Vec::new();
    for line in sdl.lines() {
        if line.starts_with("directive @include") || line.starts_with("directive @skip") {
            // Its description, from `"""` to `"""`, came just before it.
            if kept.last() == Some(&QUOTES) {
                kept.pop();
                while kept.pop().is_some_and(|line| line != QUOTES) {}
            }
        } else {
            kept.push(line);
        }
    }
    kept.join("\n") + "\n"
}

/// Runs one GraphQL request (`{"query", "variables", "operationName"}`) with `fields`.
pub async fn execute(fields: Arc<dyn Fields>, body: JsonObject) -> Result<Value, ApiError> {
    let not_graphql =
        |why: &str| plumbing::Rejection::invalid(format!("Not a GraphQL request: {why}"));
    let body = body.into_fields();
    if !body.get("query").is_some_and(Value::is_string) {
        return Err(not_graphql("field `query` must be a string").into());
    }
    let request: async_graphql::Request =
        serde_json::from_value(Value::Object(body)).map_err(|e| not_graphql(&e.to_string()))?;
    let response = SCHEMA.execute(request.data(fields)).await;
    serde_json::to_value(response)
        .map_err(|e| crate::core::model::Error::Internal(e.to_string()).into())
}

/// `POST /graphql`: the schema on the app in process. Errors in resolving are the GraphQL
/// answer's `errors` (with a 200, as GraphQL over HTTP has it); a body that is no GraphQL
/// request is a 400.
pub async fn serve<S: Storage>(
    State(app): State<App<S>>,
    body: JsonObject,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(execute(Arc::new(app), body).await?))
}
