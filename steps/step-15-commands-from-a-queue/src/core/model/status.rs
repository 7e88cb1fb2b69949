//! The status values of books, rentals and users, exactly as stored (upper case).

use serde::Serialize;
use utoipa::ToSchema;

use crate::core::model::Error;

pub trait Status: Copy + Sized + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;

    /// Parses a stored or submitted value; anything else is a 400 naming the allowed values.
    fn parse(field: &str, text: &str) -> Result<Self, Error> {
        Self::ALL
            .iter()
            .copied()
            .find(|status| status.as_str() == text)
            .ok_or_else(|| {
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
        // `rename_all` rather than a `rename` per variant: utoipa cannot read a `rename` whose
        // value comes from a macro argument, and would document `NotAvailable`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
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
    };
}

status_enum!(BookStatus {
    Available => "AVAILABLE",
    NotAvailable => "NOT_AVAILABLE",
    Missing => "MISSING",
});

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

    #[test]
    fn json_and_storage_spell_statuses_alike() {
        fn check<S: Status + Serialize>() {
            for status in S::ALL {
                assert_eq!(
                    serde_json::to_value(status).ok(),
                    Some(status.as_str().into())
                );
            }
        }
        check::<BookStatus>();
        check::<RentalStatus>();
        check::<UserStatus>();
    }
}
