//! Clocks for the [`Clock`] port.

use time::OffsetDateTime;

use crate::core::model::Timestamp;
use crate::core::ports::Clock;

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        OffsetDateTime::now_utc().into()
    }
}

/// Always the same instant, for tests and transcripts.
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0.into()
    }
}
