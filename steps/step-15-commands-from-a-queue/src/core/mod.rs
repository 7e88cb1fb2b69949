//! The core: what the library does, in its own words, and nothing about how a request arrives or
//! where the data lives. Nothing in here imports axum or the AWS SDK (`tests/api/architecture.rs`
//! walks these files to keep it that way).
//!
//! - [`model`]: the entities, their ids, and the rules that are theirs;
//! - [`commands`] and [`queries`]: Book Management as tasks, authors and users as CRUD;
//! - [`ports`]: what the core needs from storage, as traits the adapters implement;
//! - [`Operation`]: every operation by its name in the talk, command or query;
//! - [`App`]: the core wired to a storage adapter, a clock and ids.

mod app;
pub mod commands;
pub mod model;
mod operation;
pub mod ports;
pub mod queries;

pub use app::App;
pub use operation::{Kind, Operation, UnknownOperation};
