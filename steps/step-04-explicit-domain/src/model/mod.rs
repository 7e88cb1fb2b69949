//! The entities and the rules that belong to them.
//!
//! Values here are valid by construction: ids are KSUIDs, statuses are one of their enum values,
//! required text is non-empty. Raw input becomes these types once, when a request is read into a
//! command or a query (parse, don't validate); after that no handler checks a format again.

mod author;
mod book;
pub mod field;
mod id;
mod rental;
mod status;
mod timestamp;
mod user;

pub use author::{Author, AuthorChanges, AuthorDetails};
pub use book::{Book, BookTransition};
pub use id::{AuthorId, BookId, InvalidId, Ksuid, UserId};
pub use rental::Rental;
pub use status::{BookStatus, RentalStatus, Status, UserStatus};
pub use timestamp::Timestamp;
pub use user::{Suspension, User, UserChanges, UserDetails};
