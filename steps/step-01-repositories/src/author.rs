//! `/author`: create, list, get, update and delete authors.

use axum::Json;
use axum::extract::State;
use plumbing::ErrorBody;
use plumbing::body::JsonObject;
use plumbing::clock::Timestamp;
use plumbing::extract::{Path, Query};
use plumbing::ksuid::{INVALID_ID, check_id};
use plumbing::page::{ListParams, Listing};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::ApiError;
use crate::records::Every;

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

fn birthdate(value: &str) -> Result<String, ApiError> {
    Timestamp::parse(value)
        .map(|at| at.to_string())
        .ok_or_else(|| ApiError::validation("Field `birthdate` must convert to date and time"))
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
    let name = body.required_string("name")?;
    let birthdate = body
        .string("birthdate")?
        .filter(|value| !value.is_empty())
        .ok_or_else(|| ApiError::validation("Field `birthdate` is required"))
        .and_then(|value| self::birthdate(&value))?;
    let author = Author {
        id: state.ids.next_id().into(),
        name,
        birthdate,
    };
    Ok(Json(state.authors().create(author).await?))
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
    state.authors().list(&Every, params).await
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
    Ok(Json(state.authors().get(&AuthorId { id }).await?))
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
            .map(|value| birthdate(&value))
            .transpose()?,
    };
    Ok(Json(
        state.authors().update(&AuthorId { id }, &changes).await?,
    ))
}

#[utoipa::path(delete, path = "/author/{id}", operation_id = "DeleteAuthor", tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    responses(
        (status = 200, description = "The deleted author's id", body = AuthorId),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
    ))]
async fn delete_author(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<AuthorId>, ApiError> {
    check_id(&id, INVALID_ID)?;
    let id = AuthorId { id };
    state.authors().delete(&id).await?;
    Ok(Json(id))
}
