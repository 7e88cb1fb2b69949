//! `/author`: create, list, get, update and delete authors.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::commands::author::{CreateAuthor, DeleteAuthor, UpdateAuthor};
use crate::error::{ApiError, ErrorBody};
use crate::model::{self, AuthorChanges, AuthorDetails, AuthorId};
use crate::pagination::{ListParams, Listed};
use crate::queries::author::{GetAuthor, ListAuthors};
use crate::request::{JsonObject, Path, Query, id_from_path};

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

impl From<model::Author> for Author {
    fn from(author: model::Author) -> Self {
        Self {
            id: author.id.to_string(),
            name: author.name,
            birthdate: author.birthdate.to_string(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeletedAuthor {
    pub id: String,
}

// Request bodies, for the OpenAPI document only: the handlers read them field by field, so each
// problem gets its own message.

/// `CreateAuthor`'s body. `birthdate` is RFC 3339 or a bare date (UTC midnight).
#[derive(ToSchema)]
pub struct NewAuthor {
    pub name: String,
    pub birthdate: String,
}

/// `UpdateAuthor`'s body: any of the fields; the others stay as they are.
#[derive(ToSchema)]
pub struct AuthorUpdate {
    pub name: Option<String>,
    pub birthdate: Option<String>,
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
    let details = AuthorDetails::parse("", body.string("name")?, body.string("birthdate")?)?;
    let author = state.execute(CreateAuthor { author: details }).await?;
    Ok(Json(author.into()))
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
) -> Result<Listed<Author>, ApiError> {
    let page = params.page()?;
    Ok(state.answer(ListAuthors { page }).await?.map(Author::from))
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
    let id = id_from_path(&id, AuthorId::parse)?;
    Ok(Json(state.answer(GetAuthor { id }).await?.into()))
}

#[utoipa::path(put, path = "/author/{id}", operation_id = "UpdateAuthor", tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    request_body = AuthorUpdate,
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
    let id = id_from_path(&id, AuthorId::parse)?;
    let changes = AuthorChanges::parse(body.string("name")?, body.string("birthdate")?)?;
    Ok(Json(
        state.execute(UpdateAuthor { id, changes }).await?.into(),
    ))
}

#[utoipa::path(delete, path = "/author/{id}", operation_id = "DeleteAuthor", tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    responses(
        (status = 200, description = "The deleted author's id", body = DeletedAuthor),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
    ))]
async fn delete_author(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DeletedAuthor>, ApiError> {
    let author_id = id_from_path(&id, AuthorId::parse)?;
    state.execute(DeleteAuthor { id: author_id }).await?;
    Ok(Json(DeletedAuthor { id }))
}
