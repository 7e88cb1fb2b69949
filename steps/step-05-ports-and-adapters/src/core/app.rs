//! The core, wired to its ports.

use std::sync::Arc;

use crate::core::model::{Ksuid, Timestamp};
use crate::core::ports::{Clock, IdGenerator};

/// A storage adapter plus the clock and id ports: everything a handler needs. Every operation is
/// a method of `App`, defined next to its input type (`app.borrow_book(command)` lives in
/// `core/commands/borrow_book.rs`).
///
/// Cheap to clone: the storage adapters share their state, the ports are reference counted.
#[derive(Clone)]
pub struct App<S> {
    storage: S,
    clock: Arc<dyn Clock>,
    ids: Arc<dyn IdGenerator>,
}

impl<S> App<S> {
    pub fn new(storage: S, clock: impl Clock + 'static, ids: impl IdGenerator + 'static) -> Self {
        Self {
            storage,
            clock: Arc::new(clock),
            ids: Arc::new(ids),
        }
    }

    /// The same app with another clock (tests and transcripts use a fixed one).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The same app with another id generator (tests and transcripts use sequential ids).
    #[must_use]
    pub fn with_ids(mut self, ids: impl IdGenerator + 'static) -> Self {
        self.ids = Arc::new(ids);
        self
    }

    pub fn storage(&self) -> &S {
        &self.storage
    }

    pub(crate) fn now(&self) -> Timestamp {
        self.clock.now()
    }

    pub(crate) fn new_id(&self) -> Ksuid {
        self.ids.next_id()
    }
}
