//! `/book`: create, list (all, by status, by author), get, update and delete books.

use axum::Json;
use axum::extract::State;
use plumbing::body::JsonObject;
use plumbing::extract::{Path, Query};
use plumbing::ksuid::{INVALID_AUTHOR_ID, INVALID_BOOK_ID, check_id};
use plumbing::page::{ListParams, Listing};
use plumbing::{ErrorBody, Rejection};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::ApiError;
use crate::item::{Item, id_in, s, text};
use crate::status::{BookStatus, Status};
use crate::table::{self, Index};

const ENTITY: &str = "Book";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_books))
        .routes(routes!(create_book, list_books_by_author))
        .routes(routes!(get_book, update_book, delete_book))
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Book {
    pub book_id: String,
    pub author_id: String,
    pub title: String,
    pub isbn: String,
    pub status: BookStatus,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookKey {
    pub book_id: String,
    pub author_id: String,
}

/// The request body (documentation only: handlers read it field by field). A new book is always
/// `NOT_AVAILABLE`.
#[derive(ToSchema)]
pub struct NewBook {
    pub title: String,
    pub isbn: String,
}

/// Any of the fields; the others stay as they are.
#[derive(ToSchema)]
pub struct BookChanges {
    pub title: Option<String>,
    pub isbn: Option<String>,
    pub status: Option<BookStatus>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusFilter {
    /// Only books in this status (any case: `missing` is `MISSING`).
    pub status: Option<String>,
}

/// The sort key of an author's books.
fn by_author(author_id: &str) -> String {
    format!("Author#{author_id}")
}

fn key(author_id: &str, book_id: &str) -> Item {
    table::key(format!("Book#{book_id}"), by_author(author_id))
}

impl Book {
    fn from_item(item: &Item) -> Result<Self, ApiError> {
        Ok(Self {
            book_id: id_in(item, "resourceId")?,
            author_id: id_in(item, "subResourceId")?,
            title: text(item, "title")?,
            isbn: text(item, "isbn")?,
            status: BookStatus::parse("status", &text(item, "status")?)?,
        })
    }
}

fn check_ids(author_id: &str, book_id: &str) -> Result<(), Rejection> {
    check_id(book_id, INVALID_BOOK_ID)?;
    check_id(author_id, INVALID_AUTHOR_ID)
}

#[utoipa::path(post, path = "/book/{authorId}", operation_id = "CreateBook", tag = "Book",
    params(("authorId" = String, Path, description = "Author KSUID")),
    request_body = NewBook,
    responses(
        (status = 200, description = "The new book", body = Book),
        (status = 400, description = "Invalid author id or fields", body = ErrorBody),
    ))]
async fn create_book(
    State(state): State<AppState>,
    Path(author_id): Path<String>,
    body: JsonObject,
) -> Result<Json<Book>, ApiError> {
    check_id(&author_id, INVALID_AUTHOR_ID)?;
    let book = Book {
        title: body.required_string("title")?,
        isbn: body.required_string("isbn")?,
        book_id: state.ids.next_id().into(),
        author_id,
        status: BookStatus::NotAvailable,
    };
    let mut item = key(&book.author_id, &book.book_id);
    item.insert("type".into(), s(ENTITY));
    item.insert("title".into(), s(&book.title));
    item.insert("isbn".into(), s(&book.isbn));
    item.insert("status".into(), s(book.status.as_str()));
    table::put_new(&state, ENTITY, item).await?;
    Ok(Json(book))
}

#[utoipa::path(get, path = "/book", operation_id = "ListBooks", tag = "Book",
    params(StatusFilter, ListParams),
    responses(
        (status = 200, description = "A page of books; `x-next-token` when more follow",
            body = Vec<Book>),
        (status = 400, description = "Invalid status or list parameters", body = ErrorBody),
    ))]
async fn list_books(
    State(state): State<AppState>,
    Query(filter): Query<StatusFilter>,
    Query(params): Query<ListParams>,
) -> Result<Listing<Book>, ApiError> {
    let status = filter
        .status
        .filter(|status| !status.is_empty())
        .map(|status| BookStatus::parse("status", &status.to_ascii_uppercase()))
        .transpose()?;
    let (index, conditions) = match status {
        Some(status) => (
            Index::EntityStatus,
            vec![("type", ENTITY.into()), ("status", status.as_str().into())],
        ),
        None => (Index::EntityType, vec![("type", ENTITY.into())]),
    };
    table::list(&state, index, &conditions, params, Book::from_item).await
}

#[utoipa::path(get, path = "/book/{authorId}", operation_id = "ListBooksByAuthor", tag = "Book",
    params(("authorId" = String, Path, description = "Author KSUID"), ListParams),
    responses(
        (status = 200, description = "A page of the author's books", body = Vec<Book>),
        (status = 400, description = "Invalid author id or list parameters", body = ErrorBody),
    ))]
async fn list_books_by_author(
    State(state): State<AppState>,
    Path(author_id): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<Listing<Book>, ApiError> {
    check_id(&author_id, INVALID_AUTHOR_ID)?;
    let conditions = [
        ("type", ENTITY.into()),
        ("subResourceId", by_author(&author_id)),
    ];
    table::list(
        &state,
        Index::EntityType,
        &conditions,
        params,
        Book::from_item,
    )
    .await
}

#[utoipa::path(get, path = "/book/{authorId}/{bookId}", operation_id = "GetBook", tag = "Book",
    params(
        ("authorId" = String, Path, description = "Author KSUID"),
        ("bookId" = String, Path, description = "Book KSUID"),
    ),
    responses(
        (status = 200, description = "The book", body = Book),
        (status = 400, description = "Invalid ids", body = ErrorBody),
        (status = 404, description = "No such book", body = ErrorBody),
    ))]
async fn get_book(
    State(state): State<AppState>,
    Path((author_id, book_id)): Path<(String, String)>,
) -> Result<Json<Book>, ApiError> {
    check_ids(&author_id, &book_id)?;
    let item = table::get(&state, ENTITY, key(&author_id, &book_id)).await?;
    Ok(Json(Book::from_item(&item)?))
}

#[utoipa::path(put, path = "/book/{authorId}/{bookId}", operation_id = "UpdateBook", tag = "Book",
    params(
        ("authorId" = String, Path, description = "Author KSUID"),
        ("bookId" = String, Path, description = "Book KSUID"),
    ),
    request_body = BookChanges,
    responses(
        (status = 200, description = "The book after the update", body = Book),
        (status = 400, description = "Invalid ids or fields, or nothing to update", body = ErrorBody),
        (status = 404, description = "No such book", body = ErrorBody),
    ))]
async fn update_book(
    State(state): State<AppState>,
    Path((author_id, book_id)): Path<(String, String)>,
    body: JsonObject,
) -> Result<Json<Book>, ApiError> {
    check_ids(&author_id, &book_id)?;
    let mut changes = Vec::new();
    if let Some(title) = body.non_empty_string("title")? {
        changes.push(("title", s(title)));
    }
    if let Some(isbn) = body.non_empty_string("isbn")? {
        changes.push(("isbn", s(isbn)));
    }
    if let Some(status) = body.non_empty_string("status")? {
        changes.push(("status", s(BookStatus::parse("status", &status)?.as_str())));
    }
    let item = table::update(&state, ENTITY, key(&author_id, &book_id), changes).await?;
    Ok(Json(Book::from_item(&item)?))
}

#[utoipa::path(delete, path = "/book/{authorId}/{bookId}", operation_id = "DeleteBook", tag = "Book",
    params(
        ("authorId" = String, Path, description = "Author KSUID"),
        ("bookId" = String, Path, description = "Book KSUID"),
    ),
    responses(
        (status = 200, description = "The deleted book's key", body = BookKey),
        (status = 400, description = "Invalid ids", body = ErrorBody),
        (status = 404, description = "No such book", body = ErrorBody),
    ))]
async fn delete_book(
    State(state): State<AppState>,
    Path((author_id, book_id)): Path<(String, String)>,
) -> Result<Json<BookKey>, ApiError> {
    check_ids(&author_id, &book_id)?;
    table::delete(&state, ENTITY, key(&author_id, &book_id)).await?;
    Ok(Json(BookKey { book_id, author_id }))
}
