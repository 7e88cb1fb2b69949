//! The model: the library's entities and the rules that are theirs. A book knows when it can be
//! lent or go missing, a user when they may borrow; each refusal is a [`Rule`] in the library's
//! words. Commands ask the entities instead of checking statuses themselves.

pub mod author;
pub mod book;
mod error;
pub mod id;
pub mod rental;
pub mod status;
pub mod user;

pub use author::{Author, AuthorChanges};
pub use book::{Book, BookFilter, BookKey, BookTransition};
pub use error::{Error, Rule};
pub use id::{AuthorId, BookId, Id, UserId};
pub use rental::{Rental, RentalFilter, RentalKey};
pub use status::{BookStatus, RentalStatus, Status, UserStatus};
pub use user::{Suspension, User, UserChanges};
