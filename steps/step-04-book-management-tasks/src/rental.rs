//! `/rental`: create, list (all, by user), get, update and delete rentals of a book by a user.

use axum::Json;
use axum::extract::State;
use plumbing::body::JsonObject;
use plumbing::extract::{Path, Query};
use plumbing::ksuid::{INVALID_BOOK_ID, INVALID_USER_ID, check_id};
use plumbing::page::{ListParams, Listing};
use plumbing::{ErrorBody, Rejection};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::commands::{Create, Delete, Update};
use crate::error::ApiError;
use crate::queries::{Get, List};
use crate::repository::Entity;
use crate::status::{RentalStatus, Status};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_rentals))
        .routes(routes!(list_rentals_by_user))
        .routes(routes!(
            create_rental,
            get_rental,
            update_rental,
            delete_rental
        ))
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Rental {
    pub book_id: String,
    pub user_id: String,
    pub status: RentalStatus,
    pub comment: String,
}

impl Entity for Rental {
    const NAME: &'static str = "Rental";
    type Id = RentalKey;
    type Changes = RentalChanges;
    type Filter = RentalFilter;
}

/// A rental's key; and what a delete answers.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RentalKey {
    pub user_id: String,
    pub book_id: String,
}

/// Any of the fields; the others stay as they are. `comment` may be empty.
#[derive(Debug, ToSchema)]
pub struct RentalChanges {
    pub status: Option<RentalStatus>,
    pub comment: Option<String>,
}

/// Which rentals a listing returns.
#[derive(Debug)]
pub enum RentalFilter {
    Every,
    ByUser(String),
}

/// The path is `/:userId/:bookId`, but the book id is checked first (as in the original).
fn check_ids(user_id: &str, book_id: &str) -> Result<(), Rejection> {
    check_id(book_id, INVALID_BOOK_ID)?;
    check_id(user_id, INVALID_USER_ID)
}

#[utoipa::path(post, path = "/rental/{userId}/{bookId}", operation_id = "CreateRental",
    tag = "Rental",
    params(
        ("userId" = String, Path, description = "User KSUID"),
        ("bookId" = String, Path, description = "Book KSUID"),
    ),
    request_body(content = Option<Object>, description = "Ignored; may be empty"),
    responses(
        (status = 200, description = "The new rental, `BORROWED`", body = Rental),
        (status = 400, description = "Invalid ids or body", body = ErrorBody),
        (status = 409, description = "That user already has a rental of that book", body = ErrorBody),
    ))]
async fn create_rental(
    State(state): State<AppState>,
    Path((user_id, book_id)): Path<(String, String)>,
    _ignored: JsonObject,
) -> Result<Json<Rental>, ApiError> {
    check_ids(&user_id, &book_id)?;
    let rental = Rental {
        book_id,
        user_id,
        status: RentalStatus::Borrowed,
        comment: String::new(),
    };
    Ok(Json(state.execute(Create(rental)).await?))
}

#[utoipa::path(get, path = "/rental", operation_id = "ListRentals", tag = "Rental",
    params(ListParams),
    responses(
        (status = 200, description = "A page of rentals; `x-next-token` when more follow",
            body = Vec<Rental>),
        (status = 400, description = "Invalid list parameters", body = ErrorBody),
    ))]
async fn list_rentals(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Listing<Rental>, ApiError> {
    state
        .answer(List::<Rental> {
            filter: RentalFilter::Every,
            page: params.page()?,
        })
        .await
}

#[utoipa::path(get, path = "/rental/{userId}", operation_id = "ListRentalsByUser", tag = "Rental",
    params(("userId" = String, Path, description = "User KSUID"), ListParams),
    responses(
        (status = 200, description = "A page of the user's rentals", body = Vec<Rental>),
        (status = 400, description = "Invalid user id or list parameters", body = ErrorBody),
    ))]
async fn list_rentals_by_user(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<Listing<Rental>, ApiError> {
    check_id(&user_id, INVALID_USER_ID)?;
    let filter = RentalFilter::ByUser(user_id);
    state
        .answer(List::<Rental> {
            filter,
            page: params.page()?,
        })
        .await
}

#[utoipa::path(get, path = "/rental/{userId}/{bookId}", operation_id = "GetRental", tag = "Rental",
    params(
        ("userId" = String, Path, description = "User KSUID"),
        ("bookId" = String, Path, description = "Book KSUID"),
    ),
    responses(
        (status = 200, description = "The rental", body = Rental),
        (status = 400, description = "Invalid ids", body = ErrorBody),
        (status = 404, description = "No such rental", body = ErrorBody),
    ))]
async fn get_rental(
    State(state): State<AppState>,
    Path((user_id, book_id)): Path<(String, String)>,
) -> Result<Json<Rental>, ApiError> {
    check_ids(&user_id, &book_id)?;
    let key = RentalKey { user_id, book_id };
    Ok(Json(state.answer(Get::<Rental>(key)).await?))
}

#[utoipa::path(put, path = "/rental/{userId}/{bookId}", operation_id = "UpdateRental",
    tag = "Rental",
    params(
        ("userId" = String, Path, description = "User KSUID"),
        ("bookId" = String, Path, description = "Book KSUID"),
    ),
    request_body = RentalChanges,
    responses(
        (status = 200, description = "The rental after the update", body = Rental),
        (status = 400, description = "Invalid ids or fields, or nothing to update", body = ErrorBody),
        (status = 404, description = "No such rental", body = ErrorBody),
    ))]
async fn update_rental(
    State(state): State<AppState>,
    Path((user_id, book_id)): Path<(String, String)>,
    body: JsonObject,
) -> Result<Json<Rental>, ApiError> {
    check_ids(&user_id, &book_id)?;
    let changes = RentalChanges {
        status: body
            .non_empty_string("status")?
            .map(|status| RentalStatus::parse("status", &status))
            .transpose()?,
        comment: body.string("comment")?,
    };
    let key = RentalKey { user_id, book_id };
    Ok(Json(
        state.execute(Update::<Rental> { id: key, changes }).await?,
    ))
}

#[utoipa::path(delete, path = "/rental/{userId}/{bookId}", operation_id = "DeleteRental",
    tag = "Rental",
    params(
        ("userId" = String, Path, description = "User KSUID"),
        ("bookId" = String, Path, description = "Book KSUID"),
    ),
    responses(
        (status = 200, description = "The deleted rental's key", body = RentalKey),
        (status = 400, description = "Invalid ids", body = ErrorBody),
        (status = 404, description = "No such rental", body = ErrorBody),
    ))]
async fn delete_rental(
    State(state): State<AppState>,
    Path((user_id, book_id)): Path<(String, String)>,
) -> Result<Json<RentalKey>, ApiError> {
    check_ids(&user_id, &book_id)?;
    let key = RentalKey { user_id, book_id };
    Ok(Json(state.execute(Delete::<Rental>(key)).await?))
}
