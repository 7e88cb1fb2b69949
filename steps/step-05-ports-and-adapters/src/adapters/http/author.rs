//! `/author`: CRUD for authors, as in step 00.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::adapters::http::listing::{ListParams, Listed};
use crate::adapters::http::request::{JsonObject, Path, Query, id_from_path};
use crate::adapters::http::{ApiError, ErrorBody};
use crate::core::model::{self, AuthorChanges, AuthorDetails, AuthorId};
use crate::core::ports::Storage;
use crate::core::{App, Operation};

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

// Request bodies are documented here but read field by field by the handlers, so each problem
// gets its own message.

/// `CreateAuthor`'s body. `birthdate` is RFC 3339 or a bare date (UTC midnight).
#[derive(ToSchema)]
#[expect(
    dead_code,
    reason = "documentation only: the handler reads the body field by field"
)]
pub struct NewAuthor {
    pub name: String,
    pub birthdate: String,
}

/// `UpdateAuthor`'s body: any of the fields; the others stay as they are.
#[derive(ToSchema)]
#[expect(
    dead_code,
    reason = "documentation only: the handler reads the body field by field"
)]
pub struct AuthorUpdate {
    pub name: Option<String>,
    pub birthdate: Option<String>,
}

#[utoipa::path(post, path = "/author", operation_id = Operation::CreateAuthor.name(),
    tag = "Author",
    request_body = NewAuthor,
    responses(
        (status = 200, description = "The new author", body = Author),
        (status = 400, description = "Invalid input", body = ErrorBody),
    ))]
pub async fn create_author<S: Storage>(
    State(app): State<App<S>>,
    body: JsonObject,
) -> Result<Json<Author>, ApiError> {
    let details = AuthorDetails::parse("", body.string("name")?, body.string("birthdate")?)?;
    Ok(Json(app.create_author(details).await?.into()))
}

#[utoipa::path(get, path = "/author", operation_id = Operation::ListAuthors.name(),
    tag = "Author",
    params(ListParams),
    responses(
        (status = 200, description = "A page of authors; `x-next-token` when more follow",
            body = Vec<Author>),
        (status = 400, description = "Invalid list parameters", body = ErrorBody),
    ))]
pub async fn list_authors<S: Storage>(
    State(app): State<App<S>>,
    Query(params): Query<ListParams>,
) -> Result<Listed<Author>, ApiError> {
    let listing = app.list_authors(params.page()?).await?;
    Ok(Listed(listing.map(Author::from)))
}

#[utoipa::path(get, path = "/author/{id}", operation_id = Operation::GetAuthor.name(),
    tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    responses(
        (status = 200, description = "The author", body = Author),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
    ))]
pub async fn get_author<S: Storage>(
    State(app): State<App<S>>,
    Path(id): Path<String>,
) -> Result<Json<Author>, ApiError> {
    let id = id_from_path(&id, AuthorId::parse)?;
    Ok(Json(app.get_author(&id).await?.into()))
}

#[utoipa::path(put, path = "/author/{id}", operation_id = Operation::UpdateAuthor.name(),
    tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    request_body = AuthorUpdate,
    responses(
        (status = 200, description = "The author after the update", body = Author),
        (status = 400, description = "Invalid id or fields, or nothing to update", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
    ))]
pub async fn update_author<S: Storage>(
    State(app): State<App<S>>,
    Path(id): Path<String>,
    body: JsonObject,
) -> Result<Json<Author>, ApiError> {
    let id = id_from_path(&id, AuthorId::parse)?;
    let changes = AuthorChanges::parse(body.string("name")?, body.string("birthdate")?)?;
    Ok(Json(app.update_author(&id, &changes).await?.into()))
}

#[utoipa::path(delete, path = "/author/{id}", operation_id = Operation::DeleteAuthor.name(),
    tag = "Author",
    params(("id" = String, Path, description = "Author KSUID")),
    responses(
        (status = 200, description = "The deleted author's id", body = DeletedAuthor),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such author", body = ErrorBody),
    ))]
pub async fn delete_author<S: Storage>(
    State(app): State<App<S>>,
    Path(id): Path<String>,
) -> Result<Json<DeletedAuthor>, ApiError> {
    let author_id = id_from_path(&id, AuthorId::parse)?;
    app.delete_author(&author_id).await?;
    Ok(Json(DeletedAuthor { id }))
}
