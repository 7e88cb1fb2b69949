//! Running other programs the xtask way: print `$ <command line>` first, inherit the terminal.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

use crate::workspace;

/// Why a command did not succeed.
#[derive(Debug)]
pub struct CommandError {
    pub line: String,
    pub program: String,
    pub kind: ErrorKind,
}

#[derive(Debug)]
pub enum ErrorKind {
    /// The program is not installed (not on `PATH`).
    NotFound,
    Spawn(io::Error),
    Exit(ExitStatus),
}

impl CommandError {
    pub fn is_not_found(&self) -> bool {
        matches!(self.kind, ErrorKind::NotFound)
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::NotFound => write!(f, "`{}` is not installed", self.program),
            ErrorKind::Spawn(error) => write!(f, "could not start `{}`: {error}", self.line),
            ErrorKind::Exit(status) => match status.code() {
                Some(code) => write!(f, "`{}` failed with exit code {code}", self.line),
                None => write!(f, "`{}` was stopped ({status})", self.line),
            },
        }
    }
}

impl std::error::Error for CommandError {}

/// `cargo` (the one running xtask, when there is one), in the workspace root.
pub fn cargo() -> Command {
    let mut command = Command::new(cargo_path());
    command.current_dir(workspace::root());
    command
}

/// Any other program (a name on `PATH` or a path), in the workspace root.
pub fn program(name: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(name);
    command.current_dir(workspace::root());
    command
}

fn cargo_path() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// Prints the command line and runs it with the terminal attached; non-zero exit is an error.
pub fn run(command: &mut Command) -> Result<(), CommandError> {
    println!("$ {}", display(command));
    let status = command
        .status()
        .map_err(|error| spawn_error(command, error))?;
    if status.success() {
        Ok(())
    } else {
        Err(error(command, ErrorKind::Exit(status)))
    }
}

/// Like [`run`] but returns what the command printed on stdout (stderr still shows).
pub fn output(command: &mut Command) -> Result<Vec<u8>, CommandError> {
    println!("$ {}", display(command));
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| spawn_error(command, error))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(error(command, ErrorKind::Exit(output.status)))
    }
}

/// Prints the command line and runs it silently: whether it succeeded (a probe such as
/// `docker compose version`). Only a failure to start it at all is an error.
pub fn succeeds(command: &mut Command) -> Result<bool, CommandError> {
    println!("$ {}", display(command));
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|status| status.success())
        .map_err(|error| spawn_error(command, error))
}

fn spawn_error(command: &Command, error: io::Error) -> CommandError {
    let kind = if error.kind() == io::ErrorKind::NotFound {
        ErrorKind::NotFound
    } else {
        ErrorKind::Spawn(error)
    };
    self::error(command, kind)
}

fn error(command: &Command, kind: ErrorKind) -> CommandError {
    CommandError {
        line: display_without_env(command),
        program: program_name(command.get_program()),
        kind,
    }
}

/// The command as one would type it: `INSTA_UPDATE=no cargo test --workspace`.
pub fn display(command: &Command) -> String {
    let mut words: Vec<String> = command
        .get_envs()
        .filter_map(|(key, value)| {
            value.map(|value| format!("{}={}", key.to_string_lossy(), quote(value)))
        })
        .collect();
    words.push(display_without_env(command));
    words.join(" ")
}

fn display_without_env(command: &Command) -> String {
    std::iter::once(program_name(command.get_program()))
        .chain(command.get_args().map(quote))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `cargo` for the cargo binary, workspace-relative paths for our own binaries.
fn program_name(program: &OsStr) -> String {
    if program == cargo_path() {
        return "cargo".to_owned();
    }
    quote(OsStr::new(&workspace::show(Path::new(program))))
}

fn quote(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_env_program_and_quoted_args() {
        let mut command = cargo();
        command
            .args(["test", "-p", "step-00-crud", "--", "it's a filter"])
            .env("INSTA_UPDATE", "no");
        assert_eq!(
            display(&command),
            r"INSTA_UPDATE=no cargo test -p step-00-crud -- 'it'\''s a filter'"
        );
    }

    #[test]
    fn shows_binaries_relative_to_the_workspace() {
        let binary = workspace::root().join("target/debug/step-00-crud");
        assert_eq!(display(&Command::new(binary)), "target/debug/step-00-crud");
    }

    #[test]
    fn a_missing_program_is_reported_as_not_installed() {
        let error = output(&mut program("xtask-surely-not-installed")).expect_err("fails");
        assert!(error.is_not_found());
        assert_eq!(
            error.to_string(),
            "`xtask-surely-not-installed` is not installed"
        );
    }
}
