//! `/user`: create, list, get, update and delete users.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::commands::user::{CreateUser, DeleteUser, UpdateUser};
use crate::error::{ApiError, ErrorBody};
use crate::model::{self, Status, UserChanges, UserDetails, UserId};
use crate::pagination::{ListParams, Listed};
use crate::queries::user::{GetUser, ListUsers};
use crate::request::{JsonObject, Path, Query, id_from_path};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_user, list_users))
        .routes(routes!(get_user, update_user, delete_user))
}

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

// Request bodies, for the OpenAPI document only: the handlers read them field by field, so each
// problem gets its own message.

/// `CreateUser`'s body. A new user is `NOT_VERIFIED` with an empty comment.
#[derive(ToSchema)]
pub struct NewUser {
    pub name: String,
    pub email: String,
}

/// `UpdateUser`'s body: any of the fields; the others stay as they are. `comment` may be empty.
#[derive(ToSchema)]
pub struct UserUpdate {
    pub name: Option<String>,
    pub email: Option<String>,
    /// `NOT_VERIFIED`, `VERIFIED` or `SUSPENDED`.
    pub status: Option<String>,
    pub comment: Option<String>,
}

#[utoipa::path(post, path = "/user", operation_id = "CreateUser", tag = "User",
    request_body = NewUser,
    responses(
        (status = 200, description = "The new user", body = User),
        (status = 400, description = "Invalid input", body = ErrorBody),
    ))]
async fn create_user(
    State(state): State<AppState>,
    body: JsonObject,
) -> Result<Json<User>, ApiError> {
    let details = UserDetails::parse(body.string("name")?, body.string("email")?)?;
    Ok(Json(
        state.execute(CreateUser { user: details }).await?.into(),
    ))
}

#[utoipa::path(get, path = "/user", operation_id = "ListUsers", tag = "User",
    params(ListParams),
    responses(
        (status = 200, description = "A page of users; `x-next-token` when more follow",
            body = Vec<User>),
        (status = 400, description = "Invalid list parameters", body = ErrorBody),
    ))]
async fn list_users(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Listed<User>, ApiError> {
    let page = params.page()?;
    Ok(state.answer(ListUsers { page }).await?.map(User::from))
}

#[utoipa::path(get, path = "/user/{id}", operation_id = "GetUser", tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    responses(
        (status = 200, description = "The user", body = User),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ))]
async fn get_user(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    let id = id_from_path(&id, UserId::parse)?;
    Ok(Json(state.answer(GetUser { id }).await?.into()))
}

#[utoipa::path(put, path = "/user/{id}", operation_id = "UpdateUser", tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    request_body = UserUpdate,
    responses(
        (status = 200, description = "The user after the update", body = User),
        (status = 400, description = "Invalid id or fields, or nothing to update", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ))]
async fn update_user(
    State(state): State<AppState>,
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
    Ok(Json(
        state.execute(UpdateUser { id, changes }).await?.into(),
    ))
}

#[utoipa::path(delete, path = "/user/{id}", operation_id = "DeleteUser", tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    responses(
        (status = 200, description = "The deleted user's id", body = DeletedUser),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ))]
async fn delete_user(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DeletedUser>, ApiError> {
    let user_id = id_from_path(&id, UserId::parse)?;
    state.execute(DeleteUser { id: user_id }).await?;
    Ok(Json(DeletedUser { id }))
}
