//! The HTTP adapter: the handlers, each reading its request into a payload; the dispatcher, which
//! routes any set of operations; the one mapping of errors to status codes.

pub mod author;
pub mod book;
pub mod dispatcher;
pub mod error;
pub mod openapi;
pub mod user;
