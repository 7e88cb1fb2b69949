//! The core, wired to its ports: a storage adapter, the clock and the id generator.

use std::sync::Arc;

use plumbing::clock::{Clock, SystemClock, Timestamp};
use plumbing::ksuid::{IdGenerator, RandomKsuids};

use crate::core::commands::Command;
use crate::core::model::Error;
use crate::core::queries::Query;

/// The app on storage `S`: any adapter of the ports, DynamoDB or memory. Cheap to clone: the
/// adapters share their state, the clock and ids are reference counted.
#[derive(Clone)]
pub struct App<S> {
    pub storage: S,
    pub ids: Arc<dyn IdGenerator>,
    pub clock: Arc<dyn Clock>,
}

impl<S> App<S> {
    /// The app on `storage`, with random KSUIDs and the system clock.
    pub fn on(storage: S) -> Self {
        Self {
            storage,
            ids: Arc::new(RandomKsuids),
            clock: Arc::new(SystemClock),
        }
    }

    #[must_use]
    pub fn with_ids(mut self, ids: impl IdGenerator + 'static) -> Self {
        self.ids = Arc::new(ids);
        self
    }

    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Carries out `command` on the write side.
    pub async fn execute<C: Command<S>>(&self, command: C) -> Result<C::Outcome, Error> {
        command.handle(&self.storage, self.now()).await
    }

    /// Answers `query` on the read side.
    pub async fn answer<Q: Query<S>>(&self, query: Q) -> Result<Q::Answer, Error> {
        Ok(query.handle(&self.storage).await?)
    }
}
