//! `cargo xtask`: the one entry point for everything a presenter, a learner or CI does in this
//! workspace. Plain Rust, no shell scripts: every command prints what it runs (`$ cargo ...`) and
//! fails with one line saying why and one `hint:` line saying what to do next.
//!
//! Adding a command: one variant in [`Command`], one module named after what it does, one arm in
//! [`run`].

mod api;
mod bench;
mod ci;
mod cmd;
pub mod counts;
mod db;
mod demo;
mod diff;
mod failure;
mod lambda;
mod net;
mod process;
mod sdk;
pub mod seed;
mod serve;
mod slides;
mod style;
pub mod targets;
mod workspace;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use failure::{Failure, Hint, fail};

/// Tasks for the "AWS Lambda and CQRS" workspace.
#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Everything CI checks, in order, stopping at the first failure: formatting, clippy, tests.
    Ci,
    /// Formatting check and clippy with warnings denied.
    Lint,
    /// Run the tests of the workspace, or of one step, approach or crate.
    Test(ci::TestArgs),
    /// Run and manage the local DynamoDB (embedded by default, or DynamoDB Local in Docker).
    #[command(subcommand)]
    Db(db::Command),
    /// Build a step and run it as a local HTTP server against a local DynamoDB.
    Serve(serve::Args),
    /// Measure each step: start-to-first-answer, memory, latency and throughput (release build).
    Bench(bench::Args),
    /// Serve a step and play its scripted walk-through, printing each request and answer.
    Demo(demo::Args),
    /// The API of a step as a route table, the API changes between steps, the snapshot checks.
    #[command(subcommand)]
    Api(api::Command),
    /// The code diff between two steps or two approaches, without the noise of the crate's name.
    Diff(diff::Args),
    /// Every consecutive pair of steps against the reading budget (800 changed lines in src/,
    /// 1,200 in all, 400 in what the README says to look at).
    Ladder,
    /// The Lambda deployments: serve one locally, build, watch or invoke its functions.
    #[command(subcommand)]
    Lambda(lambda::Command),
    /// The talk's deck: regenerate its code excerpts and diagrams, build the HTML deck under
    /// target/slides/, check it, test it in a browser, serve it.
    Slides(slides::Args),
}

/// Runs one parsed command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Ci => ci::ci(),
        Command::Lint => ci::lint(),
        Command::Test(args) => ci::test(&args),
        Command::Db(command) => db::run(command),
        Command::Serve(args) => serve::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Demo(args) => demo::run(&args),
        Command::Api(command) => api::run(&command),
        Command::Diff(args) => diff::run(&args),
        Command::Ladder => diff::ladder::run(),
        Command::Lambda(command) => lambda::run(&command),
        Command::Slides(args) => slides::run(&args),
    }
}

/// The binary's `main`: parse, run, report a failure as `error:` + `hint:` and exit non-zero.
pub fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            failure::report(&error);
            ExitCode::FAILURE
        }
    }
}

/// A tokio runtime for the commands that talk to DynamoDB or supervise a server.
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Runtime::new().hint("the machine refused threads or sockets; try again")
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// `cargo xtask <words>` as parsed (the lambda module's tests use it too).
    pub(crate) fn parse(words: &[&str]) -> Result<Command, clap::Error> {
        let command_line = std::iter::once("cargo xtask").chain(words.iter().copied());
        Cli::try_parse_from(command_line).map(|cli| cli.command)
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_the_simple_commands() {
        assert!(matches!(parse(&["ci"]), Ok(Command::Ci)));
        assert!(matches!(parse(&["lint"]), Ok(Command::Lint)));
        assert!(matches!(
            parse(&["test"]),
            Ok(Command::Test(ci::TestArgs { target: None }))
        ));
        assert!(matches!(
            parse(&["test", "step-00"]),
            Ok(Command::Test(ci::TestArgs { target: Some(t) })) if t == "step-00"
        ));
    }

    #[test]
    fn serve_takes_a_step_and_defaults_to_port_3000() {
        let Ok(Command::Serve(args)) = parse(&["serve", "00"]) else {
            panic!("serve 00 parses");
        };
        assert_eq!((args.step.as_str(), args.port), ("00", 3000));
        let Ok(Command::Serve(args)) = parse(&["serve", "step-01", "--port", "3001"]) else {
            panic!("serve --port parses");
        };
        assert_eq!((args.step.as_str(), args.port), ("step-01", 3001));
        assert!(parse(&["serve"]).is_err(), "the step is required");
        assert!(parse(&["serve", "00", "--port", "http"]).is_err());
    }

    #[test]
    fn db_up_defaults_and_options() {
        let Ok(Command::Db(db::Command::Up(up))) = parse(&["db", "up"]) else {
            panic!("db up parses");
        };
        assert_eq!((up.port, up.data, up.docker), (None, None, false));

        let Ok(Command::Db(db::Command::Up(up))) =
            parse(&["db", "up", "--port", "8001", "--data", "/tmp/x"])
        else {
            panic!("db up with options parses");
        };
        assert_eq!(up.port, Some(8001));
        assert_eq!(up.data.as_deref(), Some(std::path::Path::new("/tmp/x")));

        assert!(matches!(
            parse(&["db", "up", "--docker"]),
            Ok(Command::Db(db::Command::Up(db::UpArgs {
                docker: true,
                ..
            })))
        ));
        // docker-compose.yml fixes the port and the data folder.
        assert!(parse(&["db", "up", "--docker", "--port", "8001"]).is_err());
        assert!(parse(&["db", "up", "--docker", "--data", "x"]).is_err());
    }

    #[test]
    fn parses_every_db_subcommand() {
        for name in [
            "down",
            "status",
            "create-table",
            "destroy-table",
            "seed",
            "reset",
        ] {
            assert!(parse(&["db", name]).is_ok(), "db {name}");
        }
        assert!(parse(&["db", "engine", "--port", "8000", "--data", "data"]).is_ok());
        assert!(parse(&["db"]).is_err(), "db needs a subcommand");
    }

    #[test]
    fn parses_demo_api_and_diff() {
        let Ok(Command::Demo(demo)) = parse(&["demo", "05", "--url", "localhost:3000"]) else {
            panic!("demo parses");
        };
        assert_eq!(
            (demo.step.as_str(), demo.url.as_deref()),
            ("05", Some("localhost:3000"))
        );
        assert!(matches!(
            parse(&["api", "show", "00", "--markdown"]),
            Ok(Command::Api(api::Command::Show(api::ShowArgs {
                markdown: true,
                ..
            })))
        ));
        assert!(matches!(
            parse(&["api", "diff", "--all"]),
            Ok(Command::Api(api::Command::Diff(api::DiffArgs {
                all: true,
                ..
            })))
        ));
        assert!(parse(&["api", "diff", "00"]).is_err(), "two steps or --all");
        assert!(parse(&["api", "diff", "00", "01", "--all"]).is_err());
        assert!(matches!(
            parse(&["api", "update", "00", "01"]),
            Ok(Command::Api(api::Command::Update(api::StepsArgs { steps }))) if steps.len() == 2
        ));
        assert!(matches!(
            parse(&["api", "check"]),
            Ok(Command::Api(api::Command::Check(api::StepsArgs { steps }))) if steps.is_empty()
        ));
        let Ok(Command::Diff(diff)) = parse(&["diff", "00", "01", "--stat"]) else {
            panic!("diff parses");
        };
        assert_eq!(
            (diff.from.as_str(), diff.to.as_str(), diff.stat),
            ("00", "01", true)
        );
        let Ok(Command::Diff(diff)) = parse(&["diff", "04", "05", "--", "book", "src/lib.rs"])
        else {
            panic!("diff with paths parses");
        };
        assert_eq!(diff.paths, ["book", "src/lib.rs"]);
        assert!(matches!(parse(&["ladder"]), Ok(Command::Ladder)));
    }

    #[test]
    fn the_engine_subcommand_is_hidden() {
        let mut cli = Cli::command();
        let help = cli
            .find_subcommand_mut("db")
            .expect("db exists")
            .render_help()
            .to_string();
        assert!(help.contains("status"));
        assert!(
            !help
                .lines()
                .any(|line| line.trim_start().starts_with("engine")),
            "{help}"
        );
    }
}
