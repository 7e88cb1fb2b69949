//! Colour in the terminal, and only there: plain text when stdout is a file or a pipe, or when
//! `NO_COLOR` is set. And the one way sizes are shown.

use std::io::IsTerminal as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    colour: bool,
}

impl Style {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    pub fn stdout() -> Self {
        Self {
            colour: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    #[cfg(test)]
    pub const PLAIN: Self = Self { colour: false };

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn green(self, text: &str) -> String {
        self.paint("32", text)
    }

    pub fn red(self, text: &str) -> String {
        self.paint("31", text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.paint("33", text)
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    /// An HTTP status: green for 2xx, yellow for 4xx, red for 5xx.
    pub fn status(self, status: u16, text: &str) -> String {
        match status {
            200..=299 => self.green(text),
            500.. => self.red(text),
            _ => self.yellow(text),
        }
    }
}

/// `3.1 MiB`.
pub fn mebibytes(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    // Sizes of binaries and processes fit an f64's 52-bit mantissa many times over.
    #[allow(clippy::cast_precision_loss)]
    let mib = bytes as f64 / MIB;
    format!("{mib:.1} MiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_style_adds_nothing_and_colour_wraps() {
        assert_eq!(Style::PLAIN.green("+ x"), "+ x");
        let colour = Style { colour: true };
        assert_eq!(colour.red("- x"), "\x1b[31m- x\x1b[0m");
        assert_eq!(colour.status(409, "409"), "\x1b[33m409\x1b[0m");
    }

    #[test]
    fn sizes_read_in_mebibytes() {
        assert_eq!(mebibytes(3 * 1024 * 1024 + 100 * 1024), "3.1 MiB");
    }
}
