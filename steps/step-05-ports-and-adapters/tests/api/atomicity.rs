//! The writes are all or nothing. Driven through the storage ports directly, with a state in
//! which one condition of the write fails: the adapter must refuse the whole write, name the
//! entity, and leave every item as it was. Run against both adapters; on DynamoDB the raw table
//! is compared too, timestamps included.

use std::collections::BTreeMap;

use aws_sdk_dynamodb::types::AttributeValue;
use step_05_ports_and_adapters::App;
use step_05_ports_and_adapters::core::Entity;
use step_05_ports_and_adapters::core::commands::{
    AddNewBook, AddNewBookPayload, AuthorPayload, BorrowBook, BorrowBookPayload,
};
use step_05_ports_and_adapters::core::model::{
    Book, BookId, BookStatus, Rental, RentalStatus, Timestamp, User, UserChanges, UserDetails,
    UserId, UserStatus,
};
use step_05_ports_and_adapters::core::ports::{
    Borrowing, LibraryWrites, MissingReport, Storage, StorageError,
};
use time::macros::datetime;

use crate::dynamodb_app;

fn later() -> Timestamp {
    datetime!(2030-01-01 00:00 UTC).into()
}

/// A book lent to a user: the state a missing report starts from.
struct Lent {
    book: Book,
    user: User,
    rental: Rental,
}

async fn lend<S: Storage>(app: &App<S>) -> Lent {
    let payload = AddNewBookPayload {
        author: Some(AuthorPayload {
            name: Some("Ann".into()),
            birthdate: Some("1966-03-02".into()),
            ..AuthorPayload::default()
        }),
        title: Some("T".into()),
        isbn: Some("I".into()),
    };
    let added = app
        .add_new_book(AddNewBook::parse(payload).expect("valid"))
        .await
        .expect("added");
    let details = UserDetails::parse(Some("U".into()), Some("u@x.org".into())).expect("valid");
    let user = app.create_user(details).await.expect("created");
    let borrow = BorrowBook::parse(
        added.book_id.as_str(),
        BorrowBookPayload {
            user_id: Some(user.id.to_string()),
        },
    )
    .expect("valid");
    app.borrow_book(borrow).await.expect("borrowed");
    let storage = app.storage();
    Lent {
        book: storage
            .find_book(&added.book_id)
            .await
            .expect("read")
            .expect("book"),
        user: storage.user(&user.id).await.expect("read").expect("user"),
        rental: storage
            .rental(&added.book_id, &user.id)
            .await
            .expect("read")
            .expect("rental"),
    }
}

/// The report the handler would build from `lent`.
fn report(lent: &Lent) -> MissingReport {
    MissingReport {
        book: lent.book.report_missing(&lent.user.id).expect("lent"),
        suspension: lent.user.suspend(&lent.book.id, later()),
        rental: lent.rental.clone(),
    }
}

/// What the ports can see of the three entities.
async fn observed<S: Storage>(
    storage: &S,
    book: &BookId,
    user: &UserId,
) -> (Option<Book>, Option<User>, Option<Rental>) {
    (
        storage.find_book(book).await.expect("read"),
        storage.user(user).await.expect("read"),
        storage.rental(book, user).await.expect("read"),
    )
}

/// Each way a missing report can find the state changed under it, and the entity it names.
async fn refused_reports_change_nothing<S: Storage>(app: &App<S>) {
    let storage = app.storage();

    // The book is no longer in the status the report was decided on.
    let lent = lend(app).await;
    let mut stale = report(&lent);
    stale.book.from = BookStatus::Available;
    let before = observed(storage, &lent.book.id, &lent.user.id).await;
    assert_eq!(
        storage.record_missing_book(&stale, later()).await,
        Err(StorageError::ConditionFailed(Entity::Book))
    );
    assert_eq!(
        observed(storage, &lent.book.id, &lent.user.id).await,
        before
    );

    // The rental is no longer in the status the report read (returned meanwhile, say).
    let lent = lend(app).await;
    let mut stale = report(&lent);
    stale.rental.status = RentalStatus::Returned;
    let before = observed(storage, &lent.book.id, &lent.user.id).await;
    assert_eq!(
        storage.record_missing_book(&stale, later()).await,
        Err(StorageError::ConditionFailed(Entity::Rental))
    );
    assert_eq!(
        observed(storage, &lent.book.id, &lent.user.id).await,
        before
    );

    // The user was deleted meanwhile: the book must not go missing without a suspension.
    let lent = lend(app).await;
    let report = report(&lent);
    storage.delete_user(&lent.user.id).await.expect("deleted");
    let before = observed(storage, &lent.book.id, &lent.user.id).await;
    assert_eq!(
        storage.record_missing_book(&report, later()).await,
        Err(StorageError::ConditionFailed(Entity::User))
    );
    assert_eq!(
        observed(storage, &lent.book.id, &lent.user.id).await,
        before
    );
    assert_eq!(
        before.0.map(|book| book.status),
        Some(BookStatus::NotAvailable)
    );
}

/// A borrowing whose borrower got suspended after the handler checked writes nothing.
async fn refused_borrowing_changes_nothing<S: Storage>(app: &App<S>) {
    let storage = app.storage();
    let lent = lend(app).await;
    let details = UserDetails::parse(Some("V".into()), Some("v@x.org".into())).expect("valid");
    let borrower = app.create_user(details).await.expect("created");
    // A second book, still AVAILABLE, that the borrower was about to take.
    let payload = AddNewBookPayload {
        author: Some(AuthorPayload {
            id: Some(lent.book.author_id.to_string()),
            ..AuthorPayload::default()
        }),
        title: Some("T2".into()),
        isbn: Some("I2".into()),
    };
    let added = app
        .add_new_book(AddNewBook::parse(payload).expect("valid"))
        .await
        .expect("added");
    let book = storage
        .find_book(&added.book_id)
        .await
        .expect("read")
        .expect("book");
    let borrowing = Borrowing {
        book: book.lend().expect("available"),
        rental: Rental::borrowed(book.id.clone(), borrower.id.clone(), later()),
    };
    let suspend = UserChanges {
        name: None,
        email: None,
        status: Some(UserStatus::Suspended),
        comment: None,
    };
    storage
        .update_user(&borrower.id, &suspend, later())
        .await
        .expect("suspended");
    let before = observed(storage, &book.id, &borrower.id).await;
    assert_eq!(
        storage.record_borrowing(&borrowing, later()).await,
        Err(StorageError::ConditionFailed(Entity::User))
    );
    assert_eq!(observed(storage, &book.id, &borrower.id).await, before);
    assert_eq!(before.0.map(|b| b.status), Some(BookStatus::Available));
    assert_eq!(before.2, None, "no rental");
}

async fn table(db: &aws_sdk_dynamodb::Client) -> Vec<BTreeMap<String, AttributeValue>> {
    let output = db
        .scan()
        .table_name("library-system-database")
        .send()
        .await
        .expect("scan");
    let mut items: Vec<BTreeMap<_, _>> = output
        .items()
        .iter()
        .map(|item| item.clone().into_iter().collect())
        .collect();
    items.sort_by_key(|item| format!("{item:?}"));
    items
}

#[tokio::test]
async fn dynamodb_refused_writes_change_nothing() {
    let (app, engine) = dynamodb_app().await;
    refused_reports_change_nothing(&app).await;
    refused_borrowing_changes_nothing(&app).await;

    // And on the raw table, timestamps included: a cancelled transaction leaves every item
    // exactly as it was.
    let db = engine.client();
    let lent = lend(&app).await;
    let mut stale = report(&lent);
    stale.book.from = BookStatus::Missing;
    let before = table(&db).await;
    assert_eq!(
        app.storage().record_missing_book(&stale, later()).await,
        Err(StorageError::ConditionFailed(Entity::Book))
    );
    assert_eq!(table(&db).await, before);
}

#[tokio::test]
async fn in_memory_refused_writes_change_nothing() {
    let app = App::in_memory();
    refused_reports_change_nothing(&app).await;
    refused_borrowing_changes_nothing(&app).await;
}
