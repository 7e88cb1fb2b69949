//! The ports: what the core needs from the outside world, as traits the adapters implement.
//!
//! - [`LibraryReads`] and [`LibraryWrites`]: storage, split the CQRS way. Queries are written
//!   against the read port only; each command makes its change in one atomic write.
//! - [`Clock`] and [`IdGenerator`]: "now" and new ids, injected so tests and transcripts can be
//!   deterministic.

mod clock;
mod ids;
mod storage;

pub use clock::Clock;
pub use ids::IdGenerator;
pub use storage::{
    BookAuthor, Borrowing, Cursor, LibraryReads, LibraryWrites, Listing, MissingReport, NewBook,
    Page, SortOrder, Storage, StorageError,
};
