//! The domain core: what the library does, in its own words, and nothing about how a request
//! arrives or where the data lives. Nothing in here imports axum or the AWS SDK (a test walks
//! these files to keep it that way), so the same core runs behind axum, behind API Gateway and
//! Lambda, on DynamoDB or in memory.
//!
//! - [`model`]: the entities, their id newtypes and the rules that are theirs (status transitions
//!   that return domain errors).
//! - [`commands`] and [`queries`]: Book Management as tasks, one module per operation, each with
//!   its validated input type and its handler (a method on [`App`]).
//! - [`crud`]: authors and users, another context that stays CRUD.
//! - [`ports`]: what the core needs from the outside (storage, a clock, ids), as traits; the
//!   adapters implement them.

mod app;
pub mod commands;
pub mod crud;
mod error;
pub mod model;
mod operation;
pub mod ports;
pub mod queries;

pub use app::App;
pub use error::{Entity, Error, Rule};
pub use operation::{Kind, Operation, UnknownOperation};
