//! Time: the one timestamp format of the API and the table, the dates clients may send, and the
//! clock, injected so tests and transcripts can fix "now".

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

/// An instant, shown as `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC, milliseconds: JavaScript's
/// `toISOString`, what the original stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// Accepts what [`date_pattern`] describes: RFC 3339 (`1975-02-15T10:10:00.000Z`, any
    /// offset) and a bare date (`1975-02-15`, taken as UTC midnight, never as the server's local
    /// time), of the years 0001 to 9999 once in UTC: what the stored form (four digits, no sign)
    /// can hold and read back. `0000-01-01T00:00:00+01:00` is in the year -1 in UTC, so it is
    /// refused.
    pub fn parse(text: &str) -> Option<Self> {
        static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(&date_pattern()).ok());
        if !DATE.as_ref().is_some_and(|date| date.is_match(text)) {
            return None;
        }
        let at = match OffsetDateTime::parse(text, &Rfc3339) {
            // Converting can leave the range `time` holds (-9999-01-01T00:00+01:00): refused.
            Ok(at) => at.checked_to_offset(UtcOffset::UTC)?,
            Err(_) => Date::parse(text, format_description!("[year]-[month]-[day]"))
                .ok()?
                .midnight()
                .assume_utc(),
        };
        // What the stored form keeps: milliseconds, like JavaScript's dates.
        let at = at.replace_millisecond(at.millisecond()).ok()?;
        (1..=9999).contains(&at.year()).then_some(Self(at))
    }
}

/// The dates [`Timestamp::parse`] accepts, as one pattern that both the parser and the OpenAPI
/// use, so that a schema-valid date is never refused: a bare date, or a date and time with
/// seconds, up to nine fraction digits, and `Z` or an offset. The calendar is in it (30 days in
/// April, 29 in February of a leap year), and so is the range: on the first and the last day the
/// years 0001 to 9999 hold (0001-01-01, 9999-12-31), an offset could cross it, so there a time
/// must be in UTC.
pub fn date_pattern() -> String {
    const ANY_YEAR: &str = "(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})";
    const INNER_YEAR: &str = "(?:000[2-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])";
    // Every fourth year, except centuries not divisible by 400; the edge years are not leap years.
    const LEAP_YEAR: &str =
        "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)";
    const TIME: &str = r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,9})?";
    const UTC: &str = "(?:Z|[+-]00:00)";
    const OFFSET: &str = "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])";
    let leap_day = format!("{LEAP_YEAR}-02-29");
    let date = format!("(?:{ANY_YEAR}-{}|{leap_day})", month_days(None));
    let inner = format!(
        "(?:{INNER_YEAR}-{}|0001-{}|9999-{}|{leap_day})",
        month_days(None),
        month_days(Some((1, 1))),
        month_days(Some((12, 31))),
    );
    format!("^(?:{date}(?:{TIME}{UTC})?|{inner}{TIME}{OFFSET})$")
}

/// `MM-DD` of a year that is not a leap year, without `skip` (month, day), which is the first or
/// last day of its month.
fn month_days(skip: Option<(u32, u32)>) -> String {
    const LENGTHS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let months: Vec<String> = (1..=12)
        .zip(LENGTHS)
        .map(|(month, length)| {
            let (first, last) = match skip {
                Some((m, 1)) if m == month => (2, length),
                Some((m, day)) if m == month && day == length => (1, length - 1),
                _ => (1, length),
            };
            format!("{month:02}-(?:{})", two_digits(first, last))
        })
        .collect();
    format!("(?:{})", months.join("|"))
}

/// The two-digit numbers `low..=high`, ten by ten: `0[1-9]|1[0-9]|2[0-9]|3[01]`.
fn two_digits(low: u32, high: u32) -> String {
    let units = |first: u32, last: u32| match last - first {
        0 => first.to_string(),
        1 => format!("[{first}{last}]"),
        _ => format!("[{first}-{last}]"),
    };
    (low / 10..=high / 10)
        .map(|tens| {
            let first = if tens == low / 10 { low % 10 } else { 0 };
            let last = if tens == high / 10 { high % 10 } else { 9 };
            format!("{tens}{}", units(first, last))
        })
        .collect::<Vec<_>>()
        .join("|")
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
            "0001-01-02T00:30:00+01:00",
            "2000-02-29",
            "2024-02-29T12:00:00.123456789-12:30",
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
            // Kept simple enough for one pattern: UTC on the edge days, the calendar, one format.
            "0001-01-01T12:00:00+01:00",
            "1900-02-29",
            "2023-02-29",
            "1975-02-15t10:10:00z",
            "1975-02-15 10:10:00Z",
            "1975-02-15T23:59:60Z",
            "1975-02-15T10:10:00.1234567890Z",
            "1975-02-15T10:10",
        ] {
            assert_eq!(Timestamp::parse(text), None, "{text} is refused");
        }
    }

    #[test]
    fn days_ten_by_ten() {
        assert_eq!(two_digits(1, 31), "0[1-9]|1[0-9]|2[0-9]|3[01]");
        assert_eq!(two_digits(2, 28), "0[2-9]|1[0-9]|2[0-8]");
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
