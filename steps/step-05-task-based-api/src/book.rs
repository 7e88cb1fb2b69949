//! Book Management, task-based: the talk's three commands and three queries, named after what the
//! library does. Each route checks its input and hands one command or query to the state.

use std::convert::Infallible;

use axum::Json;
use axum::extract::State;
use plumbing::ErrorBody;
use plumbing::body::JsonObject;
use plumbing::extract::{Paged, Path};
use plumbing::field::{required, required_id};
use plumbing::ksuid::{INVALID_AUTHOR_ID, INVALID_BOOK_ID, INVALID_USER_ID, check_id};
use plumbing::page::{Listing, PageParams};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::author::{AuthorId, new_author};
use crate::commands::{
    AddNewBook, AuthorChoice, BookAdded, BookBorrowed, BorrowBook, MissingBookReported,
    ReportMissingBook,
};
use crate::error::ApiError;
use crate::queries::{GetBooksByAuthor, GetBorrowedBooksForUser, GetMissingBooks};
use crate::repository::Entity;
use crate::status::{BookStatus, RentalStatus, Status};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_new_book))
        .routes(routes!(borrow_book))
        .routes(routes!(report_missing_book))
        .routes(routes!(get_books_by_author))
        .routes(routes!(get_borrowed_books_for_user))
        .routes(routes!(get_missing_books))
}

/// A book, as every query answers it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Book {
    pub book_id: String,
    pub author_id: String,
    pub title: String,
    pub isbn: String,
    pub status: BookStatus,
}

impl Entity for Book {
    const NAME: &'static str = "Book";
    type Id = BookKey;
    /// Changed only through Book Management's writes.
    type Changes = Infallible;
    type Filter = BookFilter;
}

/// A book's key.
#[derive(Debug)]
pub struct BookKey {
    pub book_id: String,
    pub author_id: String,
}

/// Which books a listing returns.
#[derive(Debug)]
pub enum BookFilter {
    InStatus(BookStatus),
    ByAuthor(String),
    /// The book with this id, whoever its author.
    WithId(String),
}

/// `AddNewBook`'s answer: where the new book is filed.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AddNewBookResponse {
    pub success: bool,
    pub book_id: String,
    pub author_id: String,
}

impl From<BookAdded> for AddNewBookResponse {
    fn from(added: BookAdded) -> Self {
        Self {
            success: true,
            book_id: added.book_id,
            author_id: added.author_id,
        }
    }
}

/// `BorrowBook`'s and `ReportMissingBook`'s answer: which book, which user.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookUserResponse {
    pub success: bool,
    pub book_id: String,
    pub user_id: String,
}

impl From<BookBorrowed> for BookUserResponse {
    fn from(borrowed: BookBorrowed) -> Self {
        Self {
            success: true,
            book_id: borrowed.book_id,
            user_id: borrowed.user_id,
        }
    }
}

impl From<MissingBookReported> for BookUserResponse {
    fn from(reported: MissingBookReported) -> Self {
        Self {
            success: true,
            book_id: reported.book_id,
            user_id: reported.user_id,
        }
    }
}

// Request bodies, for the OpenAPI document only: handlers read them field by field.

/// `AddNewBook`'s body.
#[derive(ToSchema)]
pub struct AddNewBookBody {
    pub author: AuthorReference,
    pub title: String,
    pub isbn: String,
}

/// Either `id` of an author the library knows, or `name` and `birthdate` of a new author
/// (`birthdate` as RFC 3339 or a bare date).
#[derive(ToSchema)]
#[serde(untagged)]
pub enum AuthorReference {
    Known { id: String },
    New { name: String, birthdate: String },
}

/// `BorrowBook`'s body.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct BorrowBookBody {
    pub user_id: String,
}

/// `ReportMissingBook`'s body: who lost the book, and the book's author (part of its key).
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct ReportMissingBookBody {
    pub user_id: String,
    pub author_id: String,
}

/// Besides the page ([`Paged`]), the one parameter of a status query: any other is refused
/// rather than silently ignored.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatusParam {
    /// The status the query is about: `missing` for `GetMissingBooks`, `borrowed` for
    /// `GetBorrowedBooksForUser`. Required, any case.
    #[param(required = true)]
    pub status: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

/// The `status` a query requires, in any case (`?status=missing` is `MISSING`): the talk's API
/// puts it in the request although each query accepts exactly one value.
fn require_status(
    status: Option<&str>,
    expected: impl Status,
    query: &str,
) -> Result<(), ApiError> {
    match status {
        Some(text) if text.eq_ignore_ascii_case(expected.as_str()) => Ok(()),
        _ => Err(ApiError::validation(format!(
            "Invalid status provided for {query} query"
        ))),
    }
}

#[utoipa::path(post, path = "/book/new", operation_id = "AddNewBook", tag = "Book Management",
    request_body = AddNewBookBody,
    responses(
        (status = 200, description = "The book was added (and its author, when new)",
            body = AddNewBookResponse),
        (status = 400, description = "Invalid input", body = ErrorBody),
        (status = 404, description = "`author.id` names no author", body = ErrorBody),
        (status = 409, description = "A generated id is taken (nothing was written)",
            body = ErrorBody),
    ))]
async fn add_new_book(
    State(state): State<AppState>,
    body: JsonObject,
) -> Result<Json<AddNewBookResponse>, ApiError> {
    // Every field is read, and its type checked, before any is validated.
    let author = match body.object("author")? {
        None => None,
        Some(author) => Some((
            author.string("id")?,
            author.string("name")?,
            author.string("birthdate")?,
        )),
    };
    let (title, isbn) = (body.string("title")?, body.string("isbn")?);
    let author = match author {
        None => return Err(ApiError::validation("Field `author` is required")),
        Some((Some(id), None, None)) => {
            check_id(&id, INVALID_AUTHOR_ID)?;
            AuthorChoice::Existing(AuthorId { id })
        }
        Some((Some(_), _, _)) => {
            return Err(ApiError::validation(
                "Field `author` takes either `id` or `name` and `birthdate`, not both",
            ));
        }
        Some((None, name, birthdate)) => {
            AuthorChoice::New(new_author(&state, "author.", name, birthdate)?)
        }
    };
    let command = AddNewBook {
        author,
        title: required("title", title)?,
        isbn: required("isbn", isbn)?,
        book_id: state.ids.next_id().into(),
    };
    Ok(Json(state.execute(command).await?.into()))
}

#[utoipa::path(post, path = "/book/{bookId}/borrow", operation_id = "BorrowBook",
    tag = "Book Management",
    params(("bookId" = String, Path, description = "Book KSUID")),
    request_body = BorrowBookBody,
    responses(
        (status = 200, description = "The user has the book", body = BookUserResponse),
        (status = 400, description = "Invalid input", body = ErrorBody),
        (status = 404, description = "No such book, or no such user", body = ErrorBody),
        (status = 409, description = "The book is not available, or the user is suspended",
            body = ErrorBody),
    ))]
async fn borrow_book(
    State(state): State<AppState>,
    Path(book_id): Path<String>,
    body: JsonObject,
) -> Result<Json<BookUserResponse>, ApiError> {
    let user_id = body.string("userId")?;
    check_id(&book_id, INVALID_BOOK_ID)?;
    let user_id = required_id("userId", user_id, INVALID_USER_ID)?;
    Ok(Json(
        state.execute(BorrowBook { book_id, user_id }).await?.into(),
    ))
}

#[utoipa::path(post, path = "/book/{bookId}/missing", operation_id = "ReportMissingBook",
    tag = "Book Management",
    params(("bookId" = String, Path, description = "Book KSUID")),
    request_body = ReportMissingBookBody,
    responses(
        (status = 200, description = "The book is MISSING, the user SUSPENDED, the rental gone",
            body = BookUserResponse),
        (status = 400, description = "Invalid input", body = ErrorBody),
        (status = 404, description = "No such book (with that author), or no such user",
            body = ErrorBody),
        (status = 409, description = "The user does not hold the book", body = ErrorBody),
    ))]
async fn report_missing_book(
    State(state): State<AppState>,
    Path(book_id): Path<String>,
    body: JsonObject,
) -> Result<Json<BookUserResponse>, ApiError> {
    let (user_id, author_id) = (body.string("userId")?, body.string("authorId")?);
    check_id(&book_id, INVALID_BOOK_ID)?;
    let command = ReportMissingBook {
        book_id,
        user_id: required_id("userId", user_id, INVALID_USER_ID)?,
        author_id: required_id("authorId", author_id, INVALID_AUTHOR_ID)?,
    };
    Ok(Json(state.execute(command).await?.into()))
}

#[utoipa::path(get, path = "/book/by-author/{authorId}", operation_id = "GetBooksByAuthor",
    tag = "Book Management",
    params(("authorId" = String, Path, description = "Author KSUID"), PageParams),
    responses(
        (status = 200, description = "A page of the author's books, by id", body = Vec<Book>),
        (status = 400, description = "Invalid author id, or query parameters", body = ErrorBody),
    ))]
async fn get_books_by_author(
    State(state): State<AppState>,
    Path(author_id): Path<String>,
    Paged(page, NoParams {}): Paged<NoParams>,
) -> Result<Listing<Book>, ApiError> {
    check_id(&author_id, INVALID_AUTHOR_ID)?;
    state.answer(GetBooksByAuthor { author_id, page }).await
}

#[utoipa::path(get, path = "/book/by-user/{userId}", operation_id = "GetBorrowedBooksForUser",
    tag = "Book Management",
    params(("userId" = String, Path, description = "User KSUID"), StatusParam, PageParams),
    responses(
        (status = 200, description = "A page of the books the user holds, by id", body = Vec<Book>),
        (status = 400, description = "Invalid user id, or status other than `borrowed`",
            body = ErrorBody),
    ))]
async fn get_borrowed_books_for_user(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    Paged(page, params): Paged<StatusParam>,
) -> Result<Listing<Book>, ApiError> {
    check_id(&user_id, INVALID_USER_ID)?;
    let status = params.status.as_deref();
    require_status(status, RentalStatus::Borrowed, "GetBorrowedBooksForUser")?;
    state
        .answer(GetBorrowedBooksForUser { user_id, page })
        .await
}

#[utoipa::path(get, path = "/book", operation_id = "GetMissingBooks", tag = "Book Management",
    params(StatusParam, PageParams),
    responses(
        (status = 200, description = "A page of the missing books, by id", body = Vec<Book>),
        (status = 400, description = "Status other than `missing`", body = ErrorBody),
    ))]
async fn get_missing_books(
    State(state): State<AppState>,
    Paged(page, params): Paged<StatusParam>,
) -> Result<Listing<Book>, ApiError> {
    let status = params.status.as_deref();
    require_status(status, BookStatus::Missing, "GetMissingBooks")?;
    state.answer(GetMissingBooks { page }).await
}
