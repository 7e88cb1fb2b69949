//! How xtask fails: one line saying why, one line saying what to do about it.

use std::fmt;

/// A failure the user can act on.
#[derive(Debug)]
pub struct Failure {
    pub reason: String,
    pub hint: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Failure {}

/// `error: <reason>` then `hint: <hint>`.
pub fn fail(reason: impl fmt::Display, hint: impl fmt::Display) -> anyhow::Error {
    Failure {
        reason: one_line(&reason.to_string()),
        hint: one_line(&hint.to_string()),
    }
    .into()
}

/// Attaches a hint to any error; the error (with its causes) becomes the reason.
pub trait Hint<T> {
    fn hint(self, hint: impl fmt::Display) -> anyhow::Result<T>;
}

impl<T, E> Hint<T> for Result<T, E>
where
    E: Into<anyhow::Error>,
{
    fn hint(self, hint: impl fmt::Display) -> anyhow::Result<T> {
        self.map_err(|error| {
            let error: anyhow::Error = error.into();
            match error.downcast::<Failure>() {
                // Already actionable: keep the reason and the more specific hint.
                Ok(failure) => failure.into(),
                Err(error) => fail(format!("{error:#}"), hint),
            }
        })
    }
}

/// Prints an error the way every xtask command fails.
pub fn report(error: &anyhow::Error) {
    match error.downcast_ref::<Failure>() {
        Some(failure) => {
            eprintln!("error: {}", failure.reason);
            eprintln!("hint: {}", failure.hint);
        }
        None => eprintln!("error: {}", one_line(&format!("{error:#}"))),
    }
}

/// Error messages from tools and SDKs may span lines; the reason stays on one.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_turns_any_error_into_a_one_line_failure() {
        let result: Result<(), std::io::Error> = Err(std::io::Error::other("broken\n  pipe"));
        let error = result.hint("try again").expect_err("fails");
        let failure = error.downcast_ref::<Failure>().expect("a failure");
        assert_eq!(failure.reason, "broken pipe");
        assert_eq!(failure.hint, "try again");
    }

    #[test]
    fn the_innermost_hint_wins() {
        let result: anyhow::Result<()> = Err(fail("no DynamoDB is running", "cargo xtask db up"));
        let error = result.hint("something generic").expect_err("fails");
        let failure = error.downcast_ref::<Failure>().expect("a failure");
        assert_eq!(failure.hint, "cargo xtask db up");
    }
}
