//! Where "now" comes from. The one timestamp format of the API and the table is the model's
//! [`Timestamp`].

use time::OffsetDateTime;

use crate::model::Timestamp;

/// Where "now" comes from; tests inject a [`FixedClock`].
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

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
