//! The model: the library's entities (authors, books, rentals, users), their ids and statuses,
//! and how each is parsed from what a client sends. The HTTP handlers only read requests and
//! shape answers; what the library holds is here.

pub mod author;
pub mod book;
pub mod id;
pub mod rental;
pub mod status;
pub mod user;

pub use author::{Author, AuthorChanges};
pub use book::{Book, BookFilter, BookKey};
pub use id::{AuthorId, BookId, Id, UserId};
pub use rental::{Rental, RentalFilter, RentalKey};
pub use status::{BookStatus, RentalStatus, Status, UserStatus};
pub use user::{User, UserChanges};
