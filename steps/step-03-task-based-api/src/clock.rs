//! Time: the clock port, and the one timestamp format of the API and the table.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

/// Where "now" comes from; tests inject a [`FixedClock`].
pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

/// `YYYY-MM-DDTHH:MM:SS.sssZ`, always UTC with milliseconds (JavaScript's `toISOString`).
pub fn format_timestamp(at: OffsetDateTime) -> String {
    let utc = at.to_offset(UtcOffset::UTC);
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    // Formatting a UTC date of a four-digit year cannot fail; the fallback only keeps the
    // signature infallible for years the API cannot produce.
    utc.format(&format).unwrap_or_else(|_| utc.to_string())
}

/// Accepts RFC 3339 (`1975-02-15T10:10:00.000Z`, any offset) and a bare date (`1975-02-15`,
/// taken as UTC midnight, never as the server's local time).
pub fn parse_date_time(text: &str) -> Option<OffsetDateTime> {
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(at);
    }
    Date::parse(text, format_description!("[year]-[month]-[day]"))
        .ok()
        .map(|date| date.midnight().assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn formats_with_milliseconds_in_utc() {
        assert_eq!(
            format_timestamp(datetime!(2023-11-27 11:15:30.1234 +01:00)),
            "2023-11-27T10:15:30.123Z"
        );
    }

    #[test]
    fn parses_rfc3339_and_bare_dates() {
        let parsed = parse_date_time("1975-02-15T10:10:00.000Z").map(format_timestamp);
        assert_eq!(parsed.as_deref(), Some("1975-02-15T10:10:00.000Z"));
        let parsed = parse_date_time("1975-02-15").map(format_timestamp);
        assert_eq!(parsed.as_deref(), Some("1975-02-15T00:00:00.000Z"));
        assert_eq!(parse_date_time("15/02/1975"), None);
        assert_eq!(parse_date_time(""), None);
    }
}
