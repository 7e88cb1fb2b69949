//! The data the fixtures name, written through the step-05 `App` (its own commands, with ids
//! given in advance): the same author, books and user as `cargo xtask db seed`, so the fixtures
//! also play against a seeded local table.

use std::collections::VecDeque;
use std::sync::Mutex;

use step_05_ports_and_adapters::SequentialKsuids;
use step_05_ports_and_adapters::core::commands::{
    AddNewBook, AddNewBookPayload, AuthorPayload, BorrowBook, BorrowBookPayload, ReportMissingBook,
    ReportMissingBookPayload,
};
use step_05_ports_and_adapters::core::model::{AuthorDetails, Ksuid, UserChanges, UserDetails};
use step_05_ports_and_adapters::core::ports::{IdGenerator, Storage};
use step_05_ports_and_adapters::core::{App, Error, Operation};

/// John Doe, the author of both books (`cargo xtask db seed`'s ids).
pub const JOHN_DOE: &str = "2Yd89pQbgTAtJeRmhmmMnFIAs4u";
/// James Doe, a verified user.
pub const JAMES_DOE: &str = "2Yd89Ain8o95ISdO9xxYK1xxLUO";
/// "A Winning Combination": the book the fixtures borrow and then report missing.
pub const FIRST_BOOK: &str = "2Yd7vFcSkFQDzu1LSDybhCXV1wj";
/// "Commands and Queries".
pub const SECOND_BOOK: &str = "2Yd7vFcSkFQDzu1LSDybhCXV1wi";

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
/// played: John Doe with both books and James Doe (verified) always; James holding the first
/// book for `ReportMissingBook` and `GetBorrowedBooksForUser`; that book reported missing for
/// `GetMissingBooks`. Returns the app with sequential ids, so what it adds next is predictable.
pub async fn seed<S: Storage>(app: App<S>, operation: Operation) -> Result<App<S>, Error> {
    let ids = [JOHN_DOE, FIRST_BOOK, SECOND_BOOK, JAMES_DOE]
        .into_iter()
        .filter_map(Ksuid::parse)
        .collect();
    let app = app.with_ids(GivenIds {
        given: Mutex::new(ids),
        then: SequentialKsuids::default(),
    });
    let text = |value: &str| Some(value.to_owned());

    app.create_author(AuthorDetails::parse(
        "",
        text("John Doe"),
        text("1980-02-03T23:00:00.000Z"),
    )?)
    .await?;
    for (title, isbn) in [
        ("A Winning Combination", "978-1-86197-271-2"),
        ("Commands and Queries", "978-1-86197-272-9"),
    ] {
        let payload = AddNewBookPayload {
            author: Some(AuthorPayload {
                id: text(JOHN_DOE),
                ..AuthorPayload::default()
            }),
            title: text(title),
            isbn: text(isbn),
        };
        app.add_new_book(AddNewBook::parse(payload)?).await?;
    }
    let james = app
        .create_user(UserDetails::parse(
            text("James Doe"),
            text("jd@example.com"),
        )?)
        .await?;
    let verified = UserChanges::parse(None, None, text("VERIFIED"), None)?;
    app.update_user(&james.id, &verified).await?;

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
        app.borrow_book(BorrowBook::parse(FIRST_BOOK, payload)?)
            .await?;
    }
    if operation == Operation::GetMissingBooks {
        let payload = ReportMissingBookPayload {
            user_id: text(JAMES_DOE),
            author_id: text(JOHN_DOE),
        };
        app.report_missing_book(ReportMissingBook::parse(FIRST_BOOK, payload)?)
            .await?;
    }
    Ok(app.with_ids(SequentialKsuids::default()))
}
