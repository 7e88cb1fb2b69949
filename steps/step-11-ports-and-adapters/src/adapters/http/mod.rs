//! The HTTP adapter: the routes, each reading its request into a payload, and the one mapping of
//! errors to status codes.

pub mod author;
pub mod book;
pub mod error;
pub mod openapi;
pub mod user;
