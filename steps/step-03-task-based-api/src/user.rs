//! `/user`: create, list, get, update and delete users.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::commands::user::{CreateUser, DeleteUser, NewUser, UpdateUser, UserChanges};
use crate::error::{ApiError, ErrorBody};
use crate::pagination::{ListParams, Listed};
use crate::queries::user::{GetUser, ListUsers};
use crate::repository::user::User;
use crate::request::{INVALID_ID, JsonObject, Path, Query, check_id};
use crate::status::{Status, UserStatus};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_user, list_users))
        .routes(routes!(get_user, update_user, delete_user))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserId {
    pub id: String,
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
    let user = NewUser {
        name: body.required_string("name")?,
        email: body.required_string("email")?,
    };
    Ok(Json(state.execute(CreateUser { user }).await?))
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
    Ok(state.answer(ListUsers { page }).await?)
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
    check_id(&id, INVALID_ID)?;
    Ok(Json(state.answer(GetUser { id }).await?))
}

#[utoipa::path(put, path = "/user/{id}", operation_id = "UpdateUser", tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    request_body = UserChanges,
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
    check_id(&id, INVALID_ID)?;
    let changes = UserChanges {
        name: body.non_empty_string("name")?,
        email: body.non_empty_string("email")?,
        status: body
            .non_empty_string("status")?
            .map(|status| UserStatus::parse("status", &status))
            .transpose()?,
        comment: body.string("comment")?,
    };
    Ok(Json(state.execute(UpdateUser { id, changes }).await?))
}

#[utoipa::path(delete, path = "/user/{id}", operation_id = "DeleteUser", tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    responses(
        (status = 200, description = "The deleted user's id", body = UserId),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ))]
async fn delete_user(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<UserId>, ApiError> {
    check_id(&id, INVALID_ID)?;
    state.execute(DeleteUser { id: id.clone() }).await?;
    Ok(Json(UserId { id }))
}
