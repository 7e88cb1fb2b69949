//! Book Management's tasks, run as commands and queries straight on the app, without HTTP: each
//! rule, each refusal, and the race (the contract's task suite drives the same over HTTP), on
//! both storage adapters.

use plumbing::dynamodb::TableConfig;
use step_15_commands_from_a_queue::App;
use step_15_commands_from_a_queue::core::commands::{
    AddNewBook, AuthorChoice, BorrowBook, Create, ReportMissingBook,
};
use step_15_commands_from_a_queue::core::model::Error;
use step_15_commands_from_a_queue::core::model::{
    Author, AuthorId, BookId, BookStatus, Id, User, UserId, UserStatus,
};
use step_15_commands_from_a_queue::core::ports::Storage;
use step_15_commands_from_a_queue::core::queries::{Get, GetMissingBooks};
use step_15_commands_from_a_queue::core::queries::{GetBooksByAuthor, GetBorrowedBooksForUser};

/// The app on a fresh table, and the engine that holds it.
async fn on_dynamodb() -> (App<impl Storage>, embedded_dynamodb::Engine) {
    let engine = embedded_dynamodb::Engine::with_table()
        .await
        .expect("starts");
    (App::new(engine.client(), TableConfig::default()), engine)
}

fn id<E, S: Storage>(state: &App<S>) -> Id<E> {
    state.ids.next_id().into()
}

async fn user<S: Storage>(state: &App<S>) -> UserId {
    let (name, email, comment) = ("U".into(), "u@x.org".into(), String::new());
    let status = UserStatus::NotVerified;
    let user = User {
        id: id(state),
        name,
        email,
        status,
        comment,
    };
    state.execute(Create(user)).await.expect("created").id
}

/// A new book by `author`: `(book_id, author_id)`.
async fn book<S: Storage>(
    state: &App<S>,
    author: AuthorChoice,
) -> Result<(BookId, AuthorId), Error> {
    let (book_id, title, isbn) = (id(state), "T".into(), "I".into());
    let added = state
        .execute(AddNewBook {
            author,
            book_id,
            title,
            isbn,
            idempotency_key: None,
        })
        .await?;
    Ok((added.book_id, added.author_id))
}

fn new_author<S: Storage>(state: &App<S>) -> AuthorChoice {
    let (name, birthdate) = ("Ann".into(), "1966-03-02T00:00:00.000Z".into());
    AuthorChoice::New(Author {
        id: id(state),
        name,
        birthdate,
    })
}

async fn borrow<S: Storage>(
    state: &App<S>,
    book_id: &BookId,
    user_id: &UserId,
) -> Result<(), Error> {
    let (book_id, user_id) = (book_id.clone(), user_id.clone());
    state
        .execute(BorrowBook {
            book_id,
            user_id,
            idempotency_key: None,
        })
        .await
        .map(drop)
}

/// The first page of a query, as a client asks for it by default.
fn first_page() -> plumbing::page::Page {
    plumbing::page::PageParams::default()
        .page()
        .expect("the default page")
}

fn refusal(result: Result<impl std::fmt::Debug, Error>) -> String {
    result.expect_err("refused").to_string()
}

async fn books_are_added_and_lent_by_the_library_rules<S: Storage>(state: App<S>) {
    let (book_id, author_id) = book(&state, new_author(&state)).await.expect("added");
    let known = AuthorChoice::Existing(author_id.clone());
    book(&state, known).await.expect("added for a known author");
    let unknown = AuthorChoice::Existing(id(&state));
    assert_eq!(
        refusal(book(&state, unknown).await),
        "Entity Not Found: Author"
    );
    let books = state
        .answer(GetBooksByAuthor {
            author_id,
            page: first_page(),
        })
        .await
        .expect("answered")
        .items;
    assert_eq!(books.len(), 2);
    assert!(
        books
            .iter()
            .all(|book| book.status == BookStatus::Available)
    );

    let (first, second) = (user(&state).await, user(&state).await);
    borrow(&state, &book_id, &first).await.expect("lent");
    let held = state
        .answer(GetBorrowedBooksForUser {
            user_id: first,
            page: first_page(),
        })
        .await
        .expect("answered")
        .items;
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].status, BookStatus::NotAvailable);
    let not_available = format!("Business Rule Violated: Book {book_id} is not available");
    assert_eq!(
        refusal(borrow(&state, &book_id, &second).await),
        not_available
    );
    assert_eq!(
        refusal(borrow(&state, &id(&state), &second).await),
        "Entity Not Found: Book"
    );
}

async fn only_the_borrower_reports_a_book_missing_and_is_suspended<S: Storage>(state: App<S>) {
    let (book_id, author_id) = book(&state, new_author(&state)).await.expect("added");
    let (borrower, other) = (user(&state).await, user(&state).await);
    borrow(&state, &book_id, &borrower).await.expect("lent");
    let report = |user_id: &UserId| {
        let (book_id, author_id, user_id) = (book_id.clone(), author_id.clone(), user_id.clone());
        state.execute(ReportMissingBook {
            book_id,
            author_id,
            user_id,
            idempotency_key: None,
        })
    };
    let not_borrowed = |user: &UserId| {
        format!("Business Rule Violated: Book {book_id} is not borrowed by user {user}")
    };
    assert_eq!(refusal(report(&other).await), not_borrowed(&other));
    report(&borrower).await.expect("reported");
    assert_eq!(
        refusal(report(&borrower).await),
        not_borrowed(&borrower),
        "once"
    );
    let missing = state
        .answer(GetMissingBooks { page: first_page() })
        .await
        .expect("answered")
        .items;
    assert_eq!(missing.len(), 1);
    let user = state
        .answer(Get::<User>(borrower.clone()))
        .await
        .expect("read");
    assert_eq!(user.status, UserStatus::Suspended);
    let (next, _) = book(&state, new_author(&state)).await.expect("added");
    let suspended = format!("Business Rule Violated: User {borrower} is suspended");
    assert_eq!(refusal(borrow(&state, &next, &borrower).await), suspended);
}

/// Many threads, so the borrows really race: each borrow's writes re-check the book's status.
async fn concurrent_borrows_have_one_winner<S: Storage>(state: App<S>) {
    let (book_id, _) = book(&state, new_author(&state)).await.expect("added");
    let mut borrows = Vec::new();
    for _ in 0..10 {
        let (state, book_id, user_id) = (state.clone(), book_id.clone(), user(&state).await);
        borrows.push(tokio::spawn(async move {
            borrow(&state, &book_id, &user_id).await.is_ok()
        }));
    }
    let mut winners = 0;
    for borrow in borrows {
        winners += usize::from(borrow.await.expect("joined"));
    }
    assert_eq!(winners, 1);
}

/// Every scenario above, on one adapter.
macro_rules! on_adapter {
    ($adapter:ident, $app:expr) => {
        mod $adapter {
            #[tokio::test]
            async fn books_are_added_and_lent_by_the_library_rules() {
                let (app, _engine) = $app;
                super::books_are_added_and_lent_by_the_library_rules(app).await;
            }

            #[tokio::test]
            async fn only_the_borrower_reports_a_book_missing_and_is_suspended() {
                let (app, _engine) = $app;
                super::only_the_borrower_reports_a_book_missing_and_is_suspended(app).await;
            }

            /// Many threads, so the borrows really race.
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn concurrent_borrows_have_one_winner() {
                let (app, _engine) = $app;
                super::concurrent_borrows_have_one_winner(app).await;
            }
        }
    };
}

on_adapter!(dynamodb, super::on_dynamodb().await);
on_adapter!(memory, (super::App::in_memory(), ()));
