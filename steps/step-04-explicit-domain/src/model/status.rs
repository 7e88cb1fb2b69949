//! The status values of books, rentals and users, exactly as stored (upper case).

use std::fmt;

use crate::error::Error;

pub trait Status: Copy + Sized + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;

    /// The status with exactly this name, if any.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|status| status.as_str() == name)
    }

    /// Input validation of a submitted value: anything but an exact name is refused, naming the
    /// allowed values.
    fn parse(field: &str, text: &str) -> Result<Self, Error> {
        Self::from_name(text).ok_or_else(|| {
            let allowed: Vec<&str> = Self::ALL.iter().map(|s| s.as_str()).collect();
            Error::invalid(format!(
                "Field `{field}` must be one of {}",
                allowed.join(", ")
            ))
        })
    }
}

macro_rules! status_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl Status for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

status_enum!(
    /// AVAILABLE on the shelf, `NOT_AVAILABLE` while lent, MISSING once reported.
    BookStatus {
        Available => "AVAILABLE",
        NotAvailable => "NOT_AVAILABLE",
        Missing => "MISSING",
    }
);

status_enum!(RentalStatus {
    Borrowed => "BORROWED",
    Returned => "RETURNED",
});

status_enum!(UserStatus {
    NotVerified => "NOT_VERIFIED",
    Verified => "VERIFIED",
    Suspended => "SUSPENDED",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_values_only() {
        assert_eq!(
            BookStatus::parse("status", "MISSING").ok(),
            Some(BookStatus::Missing)
        );
        let error = BookStatus::parse("status", "missing")
            .map(|_| ())
            .expect_err("lower case is not stored");
        assert_eq!(
            error.to_string(),
            "Validation Error: 'Field `status` must be one of AVAILABLE, NOT_AVAILABLE, MISSING'"
        );
    }
}
