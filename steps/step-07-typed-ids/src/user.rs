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
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::commands::{Create, Delete, Update};
use crate::error::ApiError;
use crate::ids::UserId;
use crate::queries::{Get, List};
use crate::repository::{Entity, Every};
use crate::status::{Status, UserStatus};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_user, list_users))
        .routes(routes!(get_user, update_user, delete_user))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct User {
    #[schema(value_type = String)]
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub status: UserStatus,
    /// Why the user has this status.
    pub comment: String,
}

impl Entity for User {
    const NAME: &'static str = "User";
    type Id = UserId;
    type Changes = UserChanges;
    type Filter = Every;
}

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

/// Any of the fields; the others stay as they are. `comment` may be empty.
#[derive(Debug, ToSchema)]
pub struct UserChanges {
    pub name: Option<String>,
    pub email: Option<String>,
    pub status: Option<UserStatus>,
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
    let user = User {
        name: body.required_string("name")?,
        email: body.required_string("email")?,
        id: state.ids.next_id().into(),
        status: UserStatus::NotVerified,
        comment: String::new(),
    };
    Ok(Json(state.execute(Create(user)).await?))
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
) -> Result<Listing<User>, ApiError> {
    state
        .answer(List::<User> {
            filter: Every,
            page: params.page()?,
        })
        .await
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
async fn update_user(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: JsonObject,
) -> Result<Json<User>, ApiError> {
    let id = UserId::checked(&id, INVALID_ID)?;
    let changes = UserChanges {
        name: body.non_empty_string("name")?,
        email: body.non_empty_string("email")?,
        status: body
            .non_empty_string("status")?
            .map(|status| UserStatus::parse("status", &status))
            .transpose()?,
        comment: body.string("comment")?,
    };
    if changes.status.is_some() {
        // Only the tasks change a status: an update must not lift a suspension.
        return Err(ApiError::RuleViolated(
            "A user's status changes only through the library's tasks".to_owned(),
        ));
    }
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
async fn delete_user(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DeletedUser>, ApiError> {
    let id = UserId::checked(&id, INVALID_ID)?;
    let id = state.execute(Delete::<User>(id)).await?;
    Ok(Json(DeletedUser { id }))
}
