//! Books, and the two moves Book Management makes with them: lending and going missing.

use crate::error::Rule;
use crate::model::{AuthorId, BookId, BookStatus, UserId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    pub id: BookId,
    pub author_id: AuthorId,
    pub title: String,
    pub isbn: String,
    pub status: BookStatus,
}

/// A status change, decided on the status read earlier. Storage applies it only while the book is
/// still in `from`; if another request changed the book in between, nothing is written. That
/// condition is what makes the rule hold under concurrency, not the check before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookTransition {
    pub book_id: BookId,
    pub author_id: AuthorId,
    pub from: BookStatus,
    pub to: BookStatus,
}

impl Book {
    /// A book added to the library is on the shelf: AVAILABLE. (The CRUD steps created books
    /// `NOT_AVAILABLE`; `AddNewBook` is the task that puts a book into circulation.)
    pub fn new(id: BookId, author_id: AuthorId, title: String, isbn: String) -> Self {
        Self {
            id,
            author_id,
            title,
            isbn,
            status: BookStatus::Available,
        }
    }

    /// `BorrowBook`: only an AVAILABLE book can be lent; it becomes `NOT_AVAILABLE`.
    pub fn lend(&self) -> Result<BookTransition, Rule> {
        match self.status {
            BookStatus::Available => Ok(self.transition(BookStatus::NotAvailable)),
            BookStatus::NotAvailable | BookStatus::Missing => {
                Err(Rule::BookNotAvailable(self.id.clone()))
            }
        }
    }

    /// `ReportMissingBook`: only a lent book (`NOT_AVAILABLE`) can go missing; `holder` is the user
    /// who is reporting it, named in the error.
    pub fn report_missing(&self, holder: &UserId) -> Result<BookTransition, Rule> {
        match self.status {
            BookStatus::NotAvailable => Ok(self.transition(BookStatus::Missing)),
            BookStatus::Available | BookStatus::Missing => Err(Rule::BookNotBorrowedByUser {
                book: self.id.clone(),
                user: holder.clone(),
            }),
        }
    }

    fn transition(&self, to: BookStatus) -> BookTransition {
        BookTransition {
            book_id: self.id.clone(),
            author_id: self.author_id.clone(),
            from: self.status,
            to,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ksuid;

    fn id(text: &str) -> Ksuid {
        Ksuid::parse(text).unwrap_or_else(|| panic!("{text} is a KSUID"))
    }

    fn book(status: BookStatus) -> Book {
        Book {
            status,
            ..Book::new(
                id("2Yd7vFcSkFQDzu1LSDybhCXV1wj").into(),
                id("2Yd89pQbgTAtJeRmhmmMnFIAs4u").into(),
                "T".into(),
                "I".into(),
            )
        }
    }

    #[test]
    fn only_available_books_are_lent() {
        let lent = book(BookStatus::Available).lend().map(|t| (t.from, t.to));
        assert_eq!(lent, Ok((BookStatus::Available, BookStatus::NotAvailable)));
        for status in [BookStatus::NotAvailable, BookStatus::Missing] {
            assert_eq!(
                book(status).lend().map_err(|rule| rule.to_string()),
                Err("Book 2Yd7vFcSkFQDzu1LSDybhCXV1wj is not available".to_owned())
            );
        }
    }

    #[test]
    fn only_lent_books_go_missing() {
        let holder = UserId::from(id("2Yd89Ain8o95ISdO9xxYK1xxLUO"));
        let missing = book(BookStatus::NotAvailable)
            .report_missing(&holder)
            .map(|t| (t.from, t.to));
        assert_eq!(missing, Ok((BookStatus::NotAvailable, BookStatus::Missing)));
        for status in [BookStatus::Available, BookStatus::Missing] {
            assert!(book(status).report_missing(&holder).is_err());
        }
    }
}
