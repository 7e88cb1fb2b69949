//! The data the fixtures name, written through the library's `App` (its own commands, with ids
//! given in advance): the sample library of `embedded_dynamodb::sample`, the same authors, books
//! and users as `cargo xtask db seed`, so the fixtures also play against a seeded local table.

use std::collections::VecDeque;
use std::sync::Mutex;

use embedded_dynamodb::sample::{AUTHORS, BOOKS, FIRST_BOOK, JAMES_DOE, JOHN_DOE, USERS};
use library::core::commands::{
    AddNewBook, AddNewBookPayload, AuthorPayload, BorrowBook, BorrowBookPayload, Create,
    ReportMissingBook, ReportMissingBookPayload,
};
use library::core::model::{Author, Error, Status, User, UserStatus};
use library::core::ports::Storage;
use library::core::{App, Operation};
use plumbing::ksuid::{IdGenerator, Ksuid, SequentialKsuids};

/// Ids handed out in the order given, then sequential ones.
struct GivenIds {
    given: Mutex<VecDeque<Ksuid>>,
    then: SequentialKsuids,
}

impl IdGenerator for GivenIds {
    fn next_id(&self) -> Ksuid {
        let given = self.given.lock().ok().and_then(|mut ids| ids.pop_front());
        given.unwrap_or_else(|| self.then.next_id())
    }
}

/// Writes what a fixture of `operation` finds in the table, as if the fixtures before it had
/// played: the sample library always (John Doe with both his books, James Doe verified, and the
/// rest); James holding John Doe's first book for `ReportMissingBook` and
/// `GetBorrowedBooksForUser`; that book reported missing for `GetMissingBooks`. Returns the app
/// with sequential ids, so what it adds next is predictable.
pub async fn seed<S: Storage>(app: App<S>, operation: Operation) -> Result<App<S>, Error> {
    // Each create below takes the next id: authors, then books, then users, in sample order.
    let ids = AUTHORS
        .iter()
        .map(|author| author.id)
        .chain(BOOKS.iter().map(|book| book.id))
        .chain(USERS.iter().map(|user| user.id))
        .filter_map(Ksuid::parse)
        .collect();
    let app = app.with_ids(GivenIds {
        given: Mutex::new(ids),
        then: SequentialKsuids::default(),
    });
    let text = |value: &str| Some(value.to_owned());

    for author in AUTHORS {
        let author = Author::parse("", text(author.name), text(author.birthdate), &*app.ids)?;
        app.execute(Create(author)).await?;
    }
    // AddNewBook puts every book on the shelf, where every sample book is.
    for book in BOOKS {
        let payload = AddNewBookPayload {
            author: Some(AuthorPayload {
                id: text(book.author_id),
                ..AuthorPayload::default()
            }),
            title: text(book.title),
            isbn: text(book.isbn),
        };
        app.execute(AddNewBook::parse(payload, &*app.ids)?).await?;
    }
    for user in USERS {
        // Stored as the sample has them: no request sets a status, only the tasks do.
        let mut created = User::parse(text(user.name), text(user.email), &*app.ids)?;
        created.status = UserStatus::parse("status", user.status)?;
        user.comment.clone_into(&mut created.comment);
        app.execute(Create(created)).await?;
    }

    let holds_first_book = matches!(
        operation,
        Operation::ReportMissingBook
            | Operation::GetBorrowedBooksForUser
            | Operation::GetMissingBooks
    );
    if holds_first_book {
        let payload = BorrowBookPayload {
            user_id: text(JAMES_DOE),
        };
        app.execute(BorrowBook::parse(FIRST_BOOK, payload)?).await?;
    }
    if operation == Operation::GetMissingBooks {
        let payload = ReportMissingBookPayload {
            user_id: text(JAMES_DOE),
            author_id: text(JOHN_DOE),
        };
        app.execute(ReportMissingBook::parse(FIRST_BOOK, payload)?)
            .await?;
    }
    Ok(app.with_ids(SequentialKsuids::default()))
}

/// A fresh embedded engine with the table, seeded as a fixture of `operation` finds it, and the
/// app on it: for the tests that drive functions with events of their own.
pub async fn seeded(operation: Operation) -> (App<library::Table>, embedded_dynamodb::Engine) {
    let engine = embedded_dynamodb::Engine::with_table()
        .await
        .unwrap_or_else(|e| panic!("embedded DynamoDB: {e}"));
    let app = App::new(engine.client(), plumbing::dynamodb::TableConfig::default());
    let app = seed(app, operation)
        .await
        .unwrap_or_else(|e| panic!("seeding for {operation}: {e}"));
    (app, engine)
}
