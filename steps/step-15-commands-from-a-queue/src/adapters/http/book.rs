//! Book Management, task-based: the three commands and the three queries of the talk's API,
//! named after what the library does instead of the rows it stores. Each route reads its request
//! into the payload of one command or query, lets it parse itself, and hands it to
//! `state.execute` or `state.answer`.

use axum::Json;
use axum::extract::State;
use plumbing::ErrorBody;
use plumbing::body::JsonObject;
use plumbing::extract::{Paged, Path};
use plumbing::idempotency::{IDEMPOTENCY_KEY, Idempotency};
use plumbing::ksuid::IdGenerator;
use plumbing::page::{Listing, PageParams};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::adapters::http::error::ApiError;
use crate::core::App;
use crate::core::commands::{
    AddNewBook, AddNewBookPayload, AuthorPayload, BookAdded, BookBorrowed, BorrowBook,
    BorrowBookPayload, MissingBookReported, ReportMissingBook, ReportMissingBookPayload,
};
use crate::core::model::{AuthorId, Book, BookId, UserId};
use crate::core::ports::Storage;
use crate::core::queries::{GetBooksByAuthor, GetBorrowedBooksForUser, GetMissingBooks};

/// `AddNewBook`'s answer: where the new book is filed.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AddNewBookResponse {
    pub success: bool,
    #[schema(value_type = String)]
    pub book_id: BookId,
    #[schema(value_type = String)]
    pub author_id: AuthorId,
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
    #[schema(value_type = String)]
    pub book_id: BookId,
    #[schema(value_type = String)]
    pub user_id: UserId,
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

#[utoipa::path(post, path = "/book/new", operation_id = "AddNewBook", tag = "Book Management",
    params(("Idempotency-Key" = String, Header, description = IDEMPOTENCY_KEY)),
    request_body = AddNewBookBody,
    responses(
        (status = 200, description = "The book was added (and its author, when new)",
            body = AddNewBookResponse),
        (status = 400, description = "Invalid input", body = ErrorBody),
        (status = 404, description = "`author.id` names no author", body = ErrorBody),
        (status = 409, description = "A generated id is taken (nothing was written)",
            body = ErrorBody),
    ))]
pub async fn add_new_book<S: Storage>(
    State(state): State<App<S>>,
    Idempotency(idempotency_key): Idempotency,
    body: JsonObject,
) -> Result<Json<AddNewBookResponse>, ApiError> {
    let command = AddNewBook {
        idempotency_key,
        ..add_new_book_command(&body, &*state.ids)?
    };
    Ok(Json(state.execute(command).await?.into()))
}

#[utoipa::path(post, path = "/book/{bookId}/borrow", operation_id = "BorrowBook",
    tag = "Book Management",
    params(("bookId" = String, Path, description = "Book KSUID"),
        ("Idempotency-Key" = String, Header, description = IDEMPOTENCY_KEY)),
    request_body = BorrowBookBody,
    responses(
        (status = 200, description = "The user has the book", body = BookUserResponse),
        (status = 400, description = "Invalid input", body = ErrorBody),
        (status = 404, description = "No such book, or no such user", body = ErrorBody),
        (status = 409, description = "The book is not available, or the user is suspended",
            body = ErrorBody),
    ))]
pub async fn borrow_book<S: Storage>(
    State(state): State<App<S>>,
    Path(book_id): Path<String>,
    Idempotency(idempotency_key): Idempotency,
    body: JsonObject,
) -> Result<Json<BookUserResponse>, ApiError> {
    let command = BorrowBook {
        idempotency_key,
        ..borrow_book_command(&book_id, &body)?
    };
    Ok(Json(state.execute(command).await?.into()))
}

#[utoipa::path(post, path = "/book/{bookId}/missing", operation_id = "ReportMissingBook",
    tag = "Book Management",
    params(("bookId" = String, Path, description = "Book KSUID"),
        ("Idempotency-Key" = String, Header, description = IDEMPOTENCY_KEY)),
    request_body = ReportMissingBookBody,
    responses(
        (status = 200, description = "The book is MISSING, the user SUSPENDED, the rental gone",
            body = BookUserResponse),
        (status = 400, description = "Invalid input", body = ErrorBody),
        (status = 404, description = "No such book (with that author), or no such user",
            body = ErrorBody),
        (status = 409, description = "The user does not hold the book", body = ErrorBody),
    ))]
pub async fn report_missing_book<S: Storage>(
    State(state): State<App<S>>,
    Path(book_id): Path<String>,
    Idempotency(idempotency_key): Idempotency,
    body: JsonObject,
) -> Result<Json<BookUserResponse>, ApiError> {
    let command = ReportMissingBook {
        idempotency_key,
        ..report_missing_book_command(&book_id, &body)?
    };
    Ok(Json(state.execute(command).await?.into()))
}

// The commands as a JSON body carries them: the HTTP routes' bodies, and a queue message's
// (`crate::adapters::queue`). Every field is read, and its type checked, before any is validated.

pub fn add_new_book_command(
    body: &JsonObject,
    ids: &dyn IdGenerator,
) -> Result<AddNewBook, ApiError> {
    let author = match body.object("author")? {
        None => None,
        Some(author) => Some(AuthorPayload {
            id: author.string("id")?,
            name: author.string("name")?,
            birthdate: author.string("birthdate")?,
        }),
    };
    let payload = AddNewBookPayload {
        author,
        title: body.string("title")?,
        isbn: body.string("isbn")?,
    };
    Ok(AddNewBook::parse(payload, ids)?)
}

pub fn borrow_book_command(book_id: &str, body: &JsonObject) -> Result<BorrowBook, ApiError> {
    let payload = BorrowBookPayload {
        user_id: body.string("userId")?,
    };
    Ok(BorrowBook::parse(book_id, payload)?)
}

pub fn report_missing_book_command(
    book_id: &str,
    body: &JsonObject,
) -> Result<ReportMissingBook, ApiError> {
    let payload = ReportMissingBookPayload {
        user_id: body.string("userId")?,
        author_id: body.string("authorId")?,
    };
    Ok(ReportMissingBook::parse(book_id, payload)?)
}

#[utoipa::path(get, path = "/book/by-author/{authorId}", operation_id = "GetBooksByAuthor",
    tag = "Book Management",
    params(("authorId" = String, Path, description = "Author KSUID"), PageParams),
    responses(
        (status = 200, description = "A page of the author's books, by id", body = Vec<Book>),
        (status = 400, description = "Invalid author id, or query parameters", body = ErrorBody),
    ))]
pub async fn get_books_by_author<S: Storage>(
    State(state): State<App<S>>,
    Path(author_id): Path<String>,
    Paged(page, NoParams {}): Paged<NoParams>,
) -> Result<Listing<Book>, ApiError> {
    let query = GetBooksByAuthor::parse(&author_id, page)?;
    Ok(state.answer(query).await?)
}

#[utoipa::path(get, path = "/book/by-user/{userId}", operation_id = "GetBorrowedBooksForUser",
    tag = "Book Management",
    params(("userId" = String, Path, description = "User KSUID"), StatusParam, PageParams),
    responses(
        (status = 200, description = "A page of the books the user holds, by id", body = Vec<Book>),
        (status = 400, description = "Invalid user id, or status other than `borrowed`",
            body = ErrorBody),
    ))]
pub async fn get_borrowed_books_for_user<S: Storage>(
    State(state): State<App<S>>,
    Path(user_id): Path<String>,
    Paged(page, params): Paged<StatusParam>,
) -> Result<Listing<Book>, ApiError> {
    let query = GetBorrowedBooksForUser::parse(&user_id, params.status.as_deref(), page)?;
    Ok(state.answer(query).await?)
}

#[utoipa::path(get, path = "/book", operation_id = "GetMissingBooks", tag = "Book Management",
    params(StatusParam, PageParams),
    responses(
        (status = 200, description = "A page of the missing books, by id", body = Vec<Book>),
        (status = 400, description = "Status other than `missing`", body = ErrorBody),
    ))]
pub async fn get_missing_books<S: Storage>(
    State(state): State<App<S>>,
    Paged(page, params): Paged<StatusParam>,
) -> Result<Listing<Book>, ApiError> {
    let query = GetMissingBooks::parse(params.status.as_deref(), page)?;
    Ok(state.answer(query).await?)
}
