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
use crate::error::ApiError;
use crate::item::{Item, id_in, s, text};
use crate::status::{RentalStatus, Status};
use crate::table::{self, Index};

const ENTITY: &str = "Rental";

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

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RentalKey {
    pub user_id: String,
    pub book_id: String,
}

/// Any of the fields; the others stay as they are. `comment` may be empty.
#[derive(ToSchema)]
pub struct RentalChanges {
    pub status: Option<RentalStatus>,
    pub comment: Option<String>,
}

/// The sort key of a user's rentals.
fn by_user(user_id: &str) -> String {
    format!("User#{user_id}")
}

fn key(user_id: &str, book_id: &str) -> Item {
    table::key(format!("Book#{book_id}"), by_user(user_id))
}

impl Rental {
    fn from_item(item: &Item) -> Result<Self, ApiError> {
        Ok(Self {
            book_id: id_in(item, "resourceId")?,
            user_id: id_in(item, "subResourceId")?,
            status: RentalStatus::parse("status", &text(item, "status")?)?,
            comment: text(item, "comment")?,
        })
    }
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
    let mut item = key(&rental.user_id, &rental.book_id);
    item.insert("type".into(), s(ENTITY));
    item.insert("status".into(), s(rental.status.as_str()));
    item.insert("comment".into(), s(&rental.comment));
    table::put_new(&state, ENTITY, item).await?;
    Ok(Json(rental))
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
    let conditions = [("type", ENTITY.into())];
    table::list(
        &state,
        Index::EntityType,
        &conditions,
        params,
        Rental::from_item,
    )
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
    let conditions = [
        ("type", ENTITY.into()),
        ("subResourceId", by_user(&user_id)),
    ];
    table::list(
        &state,
        Index::EntityType,
        &conditions,
        params,
        Rental::from_item,
    )
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
    let item = table::get(&state, ENTITY, key(&user_id, &book_id)).await?;
    Ok(Json(Rental::from_item(&item)?))
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
    let mut changes = Vec::new();
    if let Some(status) = body.non_empty_string("status")? {
        changes.push((
            "status",
            s(RentalStatus::parse("status", &status)?.as_str()),
        ));
    }
    if let Some(comment) = body.string("comment")? {
        changes.push(("comment", s(comment)));
    }
    let item = table::update(&state, ENTITY, key(&user_id, &book_id), changes).await?;
    Ok(Json(Rental::from_item(&item)?))
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
    table::delete(&state, ENTITY, key(&user_id, &book_id)).await?;
    Ok(Json(RentalKey { user_id, book_id }))
}
