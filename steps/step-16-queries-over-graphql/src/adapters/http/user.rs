//! `/user`: create, list, get, update and delete users.

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
use crate::core::model::{User, UserChanges, UserId};
use crate::core::ports::Every;
use crate::core::ports::Storage;
use crate::core::queries::{Get, List};

/// What a delete answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeletedUser {
    #[schema(value_type = String)]
    pub id: UserId,
}

/// The request body (documentation only: handlers read it field by field). A new user is
/// `NOT_VERIFIED` with an empty comment.
#[derive(ToSchema)]
pub struct NewUser {
    pub name: String,
    pub email: String,
}

#[utoipa::path(post, path = "/user", operation_id = "CreateUser", tag = "User",
    request_body = NewUser,
    responses(
        (status = 200, description = "The new user", body = User),
        (status = 400, description = "Invalid input", body = ErrorBody),
    ))]
pub async fn create_user<S: Storage>(
    State(state): State<App<S>>,
    body: JsonObject,
) -> Result<Json<User>, ApiError> {
    let (name, email) = (body.string("name")?, body.string("email")?);
    let user = User::parse(name, email, &*state.ids)?;
    Ok(Json(state.execute(Create(user)).await?))
}

#[utoipa::path(get, path = "/user", operation_id = "ListUsers", tag = "User",
    params(ListParams),
    responses(
        (status = 200, description = "A page of users; `x-next-token` when more follow",
            body = Vec<User>),
        (status = 400, description = "Invalid list parameters", body = ErrorBody),
    ))]
pub async fn list_users<S: Storage>(
    State(state): State<App<S>>,
    Query(params): Query<ListParams>,
) -> Result<Listing<User>, ApiError> {
    let query = List::<User> {
        filter: Every,
        page: params.page()?,
    };
    Ok(state.answer(query).await?)
}

#[utoipa::path(get, path = "/user/{id}", operation_id = "GetUser", tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    responses(
        (status = 200, description = "The user", body = User),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
    ))]
pub async fn get_user<S: Storage>(
    State(state): State<App<S>>,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    let id = UserId::checked(&id, INVALID_ID)?;
    Ok(Json(state.answer(Get::<User>(id)).await?))
}

#[utoipa::path(put, path = "/user/{id}", operation_id = "UpdateUser", tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    request_body = UserChanges,
    responses(
        (status = 200, description = "The user after the update", body = User),
        (status = 400, description = "Invalid id or fields, or nothing to update", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
        (status = 409, description = "A status was given: only the tasks change it", body = ErrorBody),
    ))]
pub async fn update_user<S: Storage>(
    State(state): State<App<S>>,
    Path(id): Path<String>,
    body: JsonObject,
) -> Result<Json<User>, ApiError> {
    let id = UserId::checked(&id, INVALID_ID)?;
    let (name, email) = (body.string("name")?, body.string("email")?);
    let (status, comment) = (body.string("status")?, body.string("comment")?);
    let changes = UserChanges::parse(name, email, status, comment)?;
    Ok(Json(state.execute(Update::<User> { id, changes }).await?))
}

#[utoipa::path(delete, path = "/user/{id}", operation_id = "DeleteUser", tag = "User",
    params(("id" = String, Path, description = "User KSUID")),
    responses(
        (status = 200, description = "The deleted user's id", body = DeletedUser),
        (status = 400, description = "Invalid id", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
        (status = 409, description = "The user holds books", body = ErrorBody),
    ))]
pub async fn delete_user<S: Storage>(
    State(state): State<App<S>>,
    Path(id): Path<String>,
) -> Result<Json<DeletedUser>, ApiError> {
    let id = UserId::checked(&id, INVALID_ID)?;
    let id = state.execute(Delete::<User>(id)).await?;
    Ok(Json(DeletedUser { id }))
}
