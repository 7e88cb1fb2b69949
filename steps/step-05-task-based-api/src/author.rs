//! `/author`: create, list, get, update and delete authors.

use axum::Json;
use axum::extract::State;
use plumbing::ErrorBody;
use plumbing::body::JsonObject;
use plumbing::clock::Timestamp;
use plumbing::extract::{Path, Query};
use plumbing::field::required;
use plumbing::ksuid::{INVALID_ID, check_id};
use plumbing::page::{ListParams, Listing};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::commands::{Create, Delete, Update};
use crate::error::ApiError;
use crate::queries::{Get, List};
use crate::repository::{Entity, Every};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_author, list_authors))
        .routes(routes!(get_author, update_author, delete_author))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Author {
    pub id: String,
    pub name: String,
    /// UTC, with milliseconds.
    pub birthdate: String,
}

impl Entity for Author {
    const NAME: &'static str = "Author";
    type Id = AuthorId;
    type Changes = AuthorChanges;
    type Filter = Every;
}

/// An author's key; and what a delete answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorId {
    pub id: String,
}

/// The request body (documentation only: handlers read it field by field, so each problem gets
/// its own message). Both fields are required. `birthdate` is RFC 3339 or a bare date (UTC midnight).
#[derive(ToSchema)]
pub struct NewAuthor {
    pub name: String,
    pub birthdate: String,
}

/// Any of the fields; the others stay as they are.
#[derive(Debug, ToSchema)]
pub struct AuthorChanges {
    pub name: Option<String>,
    pub birthdate: Option<String>,
}

fn birthdate(field: &str, value: &str) -> Result<String, ApiError> {
    Timestamp::parse(value)
        .map(|at| at.to_string())
        .ok_or_else(|| {
            ApiError::validation(format!("Field `{field}` must convert to date and time"))
        })
}

/// A new author, checked, under a new id. `AddNewBook` adds authors too: `prefix` says where the
/// fields sit in the body (`""` here, `"author."` there), so each message names the field to fix.
pub fn new_author(
    state: &AppState,
    prefix: &str,
    name: Option<String>,
    birthdate: Option<String>,
) -> Result<Author, ApiError> {
    let name = required(&format!("{prefix}name"), name)?;
    let field = format!("{prefix}birthdate");
    let birthdate = birthdate
        .filter(|value| !value.is_empty())
        .ok_or_else(|| ApiError::validation(format!("Field `{field}` is required")))
        .and_then(|value| self::birthdate(&field, &value))?;
    Ok(Author {
        id: state.ids.next_id().into(),
        name,
        birthdate,
    })
}

#[utoipa::path(post, path = "/author", operation_id = "CreateAuthor", tag = "Author",
    request_body = NewAuthor,
    responses(
        (status = 200, description = "The new author", body = Author),
        (status = 400, description = "Invalid input", body = ErrorBody),
    ))]
async fn create_author(
    State(state): State<AppState>,
    body: JsonObject,
) -> Result<Json<Author>, ApiError> {
    let author = new_author(&state, "", body.string("name")?, body.string("birthdate")?)?;
    Ok(Json(state.execute(Create(author)).await?))
}

#[utoipa::path(get, path = "/author", operation_id = "ListAuthors", tag = "Author",
    params(ListParams),
    responses(
        (status = 200, description = "A page of authors; `x-next-token` when more follow",
            body = Vec<Author>),
        (status = 400, description = "Invalid list parameters", body = ErrorBody),
    ))]
async fn list_authors(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Listing<Author>, ApiError> {
    state
        .answer(List::<Author> {
            filter: Every,
            page: params.page()?,
        })
        .await
}

#[utoipa::path(get, path = "/author/{id}", operation_id = "GetAuthor", tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    responses(
        (status = 200, description = "The author", body = Author),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
    ))]
async fn get_author(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Author>, ApiError> {
    check_id(&id, INVALID_ID)?;
    Ok(Json(state.answer(Get::<Author>(AuthorId { id })).await?))
}

#[utoipa::path(put, path = "/author/{id}", operation_id = "UpdateAuthor", tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    request_body = AuthorChanges,
    responses(
        (status = 200, description = "The author after the update", body = Author),
        (status = 400, description = "Invalid id or fields, or nothing to update", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
    ))]
async fn update_author(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: JsonObject,
) -> Result<Json<Author>, ApiError> {
    check_id(&id, INVALID_ID)?;
    let changes = AuthorChanges {
        name: body.non_empty_string("name")?,
        birthdate: body
            .non_empty_string("birthdate")?
            .map(|value| birthdate("birthdate", &value))
            .transpose()?,
    };
    Ok(Json(
        state
            .execute(Update::<Author> {
                id: AuthorId { id },
                changes,
            })
            .await?,
    ))
}

#[utoipa::path(delete, path = "/author/{id}", operation_id = "DeleteAuthor", tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    responses(
        (status = 200, description = "The deleted author's id", body = AuthorId),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
        (status = 409, description = "The author has books in the library", body = ErrorBody),
    ))]
async fn delete_author(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<AuthorId>, ApiError> {
    check_id(&id, INVALID_ID)?;
    let id = AuthorId { id };
    Ok(Json(state.execute(Delete::<Author>(id)).await?))
}
