//! `/user`: CRUD for users, as in step 00.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::adapters::http::listing::{ListParams, Listed};
use crate::adapters::http::request::{JsonObject, Path, Query, id_from_path};
use crate::adapters::http::{ApiError, ErrorBody};
use crate::core::model::{self, Status, UserChanges, UserDetails, UserId};
use crate::core::ports::Storage;
use crate::core::{App, Operation};

#[derive(Debug, Serialize, ToSchema)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
    /// `NOT_VERIFIED`, `VERIFIED` or `SUSPENDED`.
    pub status: &'static str,
    /// Why the user has this status.
    pub comment: String,
}

impl From<model::User> for User {
    fn from(user: model::User) -> Self {
        Self {
            id: user.id.to_string(),
            name: user.name,
            email: user.email,
            status: user.status.as_str(),
            comment: user.comment,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeletedUser {
    pub id: String,
}

// Request bodies are documented here but read field by field by the handlers, so each problem
// gets its own message.

/// `CreateUser`'s body. A new user is `NOT_VERIFIED` with an empty comment.
#[derive(ToSchema)]
#[expect(
    dead_code,
    reason = "documentation only: the handler reads the body field by field"
)]
pub struct NewUser {
    pub name: String,
    pub email: String,
}

/// `UpdateUser`'s body: any of the fields; the others stay as they are. `comment` may be empty.
#[derive(ToSchema)]
#[expect(
    dead_code,
    reason = "documentation only: the handler reads the body field by field"
)]
pub struct UserUpdate {
    pub name: Option<String>,
    pub email: Option<String>,
    /// `NOT_VERIFIED`, `VERIFIED` or `SUSPENDED`.
    pub status: Option<String>,
    pub comment: Option<String>,
}

#[utoipa::path(post, path = "/user", operation_id = Operation::CreateUser.name(),
    tag = "User",
    request_body = NewUser,
    responses(
        (status = 200, description = "The new user", body = User),
        (status = 400, description = "Invalid input", body = ErrorBody),
    ))]
pub async fn create_user<S: Storage>(
    State(app): State<App<S>>,
    body: JsonObject,
) -> Result<Json<User>, ApiError> {
    let details = UserDetails::parse(body.string("name")?, body.string("email")?)?;
    Ok(Json(app.create_user(details).await?.into()))
}

#[utoipa::path(get, path = "/user", operation_id = Operation::ListUsers.name(),
    tag = "User",
    params(ListParams),
    responses(
        (status = 200, description = "A page of users; `x-next-token` when more follow",
            body = Vec<User>),
        (status = 400, description = "Invalid list parameters", body = ErrorBody),
    ))]
pub async fn list_users<S: Storage>(
    State(app): State<App<S>>,
    Query(params): Query<ListParams>,
) -> Result<Listed<User>, ApiError> {
    let listing = app.list_users(params.page()?).await?;
    Ok(Listed(listing.map(User::from)))
}

#[utoipa::path(get, path = "/user/{id}", operation_id = Operation::GetUser.name(),
    tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    responses(
        (status = 200, description = "The user", body = User),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ))]
pub async fn get_user<S: Storage>(
    State(app): State<App<S>>,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    let id = id_from_path(&id, UserId::parse)?;
    Ok(Json(app.get_user(&id).await?.into()))
}

#[utoipa::path(put, path = "/user/{id}", operation_id = Operation::UpdateUser.name(),
    tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    request_body = UserUpdate,
    responses(
        (status = 200, description = "The user after the update", body = User),
        (status = 400, description = "Invalid id or fields, or nothing to update", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ))]
pub async fn update_user<S: Storage>(
    State(app): State<App<S>>,
    Path(id): Path<String>,
    body: JsonObject,
) -> Result<Json<User>, ApiError> {
    let id = id_from_path(&id, UserId::parse)?;
    let changes = UserChanges::parse(
        body.string("name")?,
        body.string("email")?,
        body.string("status")?,
        body.string("comment")?,
    )?;
    Ok(Json(app.update_user(&id, &changes).await?.into()))
}

#[utoipa::path(delete, path = "/user/{id}", operation_id = Operation::DeleteUser.name(),
    tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    responses(
        (status = 200, description = "The deleted user's id", body = DeletedUser),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ))]
pub async fn delete_user<S: Storage>(
    State(app): State<App<S>>,
    Path(id): Path<String>,
) -> Result<Json<DeletedUser>, ApiError> {
    let user_id = id_from_path(&id, UserId::parse)?;
    app.delete_user(&user_id).await?;
    Ok(Json(DeletedUser { id }))
}
