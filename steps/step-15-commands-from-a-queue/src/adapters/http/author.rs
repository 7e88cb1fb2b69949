//! `/author`: create, list, get, update and delete authors.

use axum::Json;
use axum::extract::State;
use plumbing::ErrorBody;
use plumbing::body::JsonObject;
use plumbing::extract::{Path, Query};
use plumbing::ksuid::INVALID_ID;
use plumbing::page::{ListParams, Listing};
use serde::Serialize;
use utoipa::ToSchema;

use crate::adapters::http::error::ApiError;
use crate::core::App;
use crate::core::commands::{Create, Delete, Update};
use crate::core::model::{Author, AuthorChanges, AuthorId};
use crate::core::ports::Every;
use crate::core::ports::Storage;
use crate::core::queries::{Get, List};

/// What a delete answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeletedAuthor {
    #[schema(value_type = String)]
    pub id: AuthorId,
}

/// The request body (documentation only: handlers read it field by field, so each problem gets
/// its own message). Both fields are required. `birthdate` is RFC 3339 or a bare date (UTC midnight).
#[derive(ToSchema)]
pub struct NewAuthor {
    pub name: String,
    pub birthdate: String,
}

#[utoipa::path(post, path = "/author", operation_id = "CreateAuthor", tag = "Author",
    request_body = NewAuthor,
    responses(
        (status = 200, description = "The new author", body = Author),
        (status = 400, description = "Invalid input", body = ErrorBody),
    ))]
pub async fn create_author<S: Storage>(
    State(state): State<App<S>>,
    body: JsonObject,
) -> Result<Json<Author>, ApiError> {
    let (name, birthdate) = (body.string("name")?, body.string("birthdate")?);
    let author = Author::parse("", name, birthdate, &*state.ids)?;
    Ok(Json(state.execute(Create(author)).await?))
}

#[utoipa::path(get, path = "/author", operation_id = "ListAuthors", tag = "Author",
    params(ListParams),
    responses(
        (status = 200, description = "A page of authors; `x-next-token` when more follow",
            body = Vec<Author>),
        (status = 400, description = "Invalid list parameters", body = ErrorBody),
    ))]
pub async fn list_authors<S: Storage>(
    State(state): State<App<S>>,
    Query(params): Query<ListParams>,
) -> Result<Listing<Author>, ApiError> {
    let query = List::<Author> {
        filter: Every,
        page: params.page()?,
    };
    Ok(state.answer(query).await?)
}

#[utoipa::path(get, path = "/author/{id}", operation_id = "GetAuthor", tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    responses(
        (status = 200, description = "The author", body = Author),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
    ))]
pub async fn get_author<S: Storage>(
    State(state): State<App<S>>,
    Path(id): Path<String>,
) -> Result<Json<Author>, ApiError> {
    let id = AuthorId::checked(&id, INVALID_ID)?;
    Ok(Json(state.answer(Get::<Author>(id)).await?))
}

#[utoipa::path(put, path = "/author/{id}", operation_id = "UpdateAuthor", tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    request_body = AuthorChanges,
    responses(
        (status = 200, description = "The author after the update", body = Author),
        (status = 400, description = "Invalid id or fields, or nothing to update", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
    ))]
pub async fn update_author<S: Storage>(
    State(state): State<App<S>>,
    Path(id): Path<String>,
    body: JsonObject,
) -> Result<Json<Author>, ApiError> {
    let id = AuthorId::checked(&id, INVALID_ID)?;
    let changes = AuthorChanges::parse(body.string("name")?, body.string("birthdate")?)?;
    Ok(Json(state.execute(Update::<Author> { id, changes }).await?))
}

#[utoipa::path(delete, path = "/author/{id}", operation_id = "DeleteAuthor", tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    responses(
        (status = 200, description = "The deleted author's id", body = DeletedAuthor),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
        (status = 409, description = "The author has books in the library", body = ErrorBody),
    ))]
pub async fn delete_author<S: Storage>(
    State(state): State<App<S>>,
    Path(id): Path<String>,
) -> Result<Json<DeletedAuthor>, ApiError> {
    let id = AuthorId::checked(&id, INVALID_ID)?;
    let id = state.execute(Delete::<Author>(id)).await?;
    Ok(Json(DeletedAuthor { id }))
}
