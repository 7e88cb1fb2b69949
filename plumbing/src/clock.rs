//! Time: the one timestamp format of the API and the table, the dates clients may send, and the
//! clock, injected so tests and transcripts can fix "now".

use std::fmt;

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

/// An instant, shown as `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC, milliseconds: JavaScript's
/// `toISOString`, what the original stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// Accepts RFC 3339 (`1975-02-15T10:10:00.000Z`, any offset) and a bare date (`1975-02-15`,
    /// taken as UTC midnight, never as the server's local time), of the years 0001 to 9999 once
    /// in UTC: what the stored form (four digits, no sign) can hold and read back.
    /// `0000-01-01T00:00:00+01:00` is in the year -1 in UTC, so it is refused.
    pub fn parse(text: &str) -> Option<Self> {
        let at = match OffsetDateTime::parse(text, &Rfc3339) {
            // Converting can leave the range `time` holds (-9999-01-01T00:00+01:00): refused.
            Ok(at) => at.checked_to_offset(UtcOffset::UTC)?,
            Err(_) => Date::parse(text, format_description!("[year]-[month]-[day]"))
                .ok()?
                .midnight()
                .assume_utc(),
        };
        (1..=9999).contains(&at.year()).then_some(Self(at))
    }
}

impl Timestamp {
    /// Seconds since 1970 (what DynamoDB's time to live reads).
    pub fn unix_seconds(self) -> i64 {
        self.0.unix_timestamp()
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(at: OffsetDateTime) -> Self {
        Self(at.to_offset(UtcOffset::UTC))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
        );
        // Formatting a UTC time of a four-digit year cannot fail; the fallback only keeps this
        // infallible for years no client can send (RFC 3339 has four-digit years).
        match self.0.format(&format) {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(f, "{}", self.0),
        }
    }
}

/// Where "now" comes from.
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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn accepts_only_what_reads_back() {
        for text in [
            "0001-01-01",
            "9999-12-31T23:59:59.999Z",
            "1966-03-02",
            "2000-01-01T00:30:00+01:00",
        ] {
            let at = Timestamp::parse(text).unwrap_or_else(|| panic!("{text} is accepted"));
            assert_eq!(
                Timestamp::parse(&at.to_string()),
                Some(at),
                "{text} reads back"
            );
        }
        for text in [
            "-0001-01-01",
            "0000-01-01",
            "0000-01-01T00:00:00+01:00",
            "0001-01-01T00:30:00+01:00",
            "9999-12-31T23:30:00-01:00",
            "+10000-01-01",
            "1966-02-30",
            "-9999-01-01T00:00:00+01:00",
            "",
        ] {
            assert_eq!(Timestamp::parse(text), None, "{text} is refused");
        }
    }

    #[test]
    fn shows_utc_with_milliseconds() {
        let at = Timestamp::from(datetime!(2023-11-27 11:15:30.1234 +01:00));
        assert_eq!(at.to_string(), "2023-11-27T10:15:30.123Z");
        assert_eq!(
            FixedClock(datetime!(2023-11-27 10:00 UTC))
                .now()
                .to_string(),
            "2023-11-27T10:00:00.000Z"
        );
    }

    #[test]
    fn parses_rfc3339_and_bare_dates() {
        let shown = |text: &str| Timestamp::parse(text).map(|at| at.to_string());
        assert_eq!(
            shown("1975-02-15T10:10:00.000Z").as_deref(),
            Some("1975-02-15T10:10:00.000Z")
        );
        assert_eq!(
            shown("1975-02-15T10:10:00+02:00").as_deref(),
            Some("1975-02-15T08:10:00.000Z")
        );
        assert_eq!(
            shown("1975-02-15").as_deref(),
            Some("1975-02-15T00:00:00.000Z")
        );
        assert_eq!(shown("15/02/1975"), None);
        assert_eq!(shown(""), None);
    }
}
