//! `lambda serve|build|watch|invoke|lint`: the deployments (phase 2) on this machine.
//!
//! - `serve` runs `support/local-gateway`: the approach's API as its template routes it, each
//!   route to its function in process, on the DynamoDB `serve` uses. Nothing to install.
//! - `build`, `watch` and `invoke` go through cargo-lambda (`pip install cargo-lambda`): the
//!   release bootstraps for arm64, its Lambda emulator, one event sent to one function.
//!   `invoke --in-process` needs no cargo-lambda: the local gateway invokes the function.
//! - `lint` is cfn-lint on every template, a `ci` stage.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::db::ENDPOINT_ENV;
use crate::failure::{Hint as _, fail};
use crate::serve::{self, Data, Server, Storage};
use crate::targets::{self, Kind, Target};
use crate::{cmd, net, process, style, workspace};

/// The gateway's package (and binary) name.
const GATEWAY: &str = "local-gateway";
/// Where the event fixtures live, relative to the workspace root.
const EVENTS: &str = "deployments/events";
/// cargo-lambda's emulator (`cargo lambda watch`) takes invocations on this port.
const EMULATOR_PORT: u16 = 9000;
const INSTALL_CARGO_LAMBDA: &str = "pip install cargo-lambda (it brings zig for cross-compiling)";

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Serve an approach's API on localhost as API Gateway would: each route of its template to
    /// the function it names (in process, Lambda events and all), against a local DynamoDB.
    Serve(ServeArgs),
    /// Build an approach's functions for AWS Lambda (release, arm64) with cargo-lambda and show
    /// each bootstrap's size.
    Build(ApproachArgs),
    /// Run an approach's functions in cargo-lambda's Lambda emulator (port 9000), against a local
    /// DynamoDB, for `lambda invoke`.
    Watch(ApproachArgs),
    /// Send an event of deployments/events/ to one function: through `cargo lambda invoke` (start
    /// `lambda watch` first) or, with --in-process, through the local gateway.
    Invoke(InvokeArgs),
    /// cfn-lint on every approach's template.yaml (part of `ci`).
    Lint,
}

#[derive(Debug, clap::Args)]
pub struct ApproachArgs {
    /// The approach: full name, unique prefix or number (`approach-01`, `01`, `extract`).
    pub approach: String,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The approach: full name, unique prefix or number (`approach-01`, `01`, `extract`).
    pub approach: String,
    /// The port the gateway listens on.
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Also serve the author and user CRUD routes (contexts no approach deploys), so users and
    /// authors can be created; `cargo xtask demo <step> --url` needs them.
    #[arg(long)]
    pub with_crud: bool,
    /// A new, throw-away database holding the sample library, whatever else runs: what the
    /// banner prints succeeds on it, on every run.
    #[arg(long)]
    pub fresh: bool,
}

#[derive(Debug, clap::Args)]
pub struct InvokeArgs {
    /// The approach: full name, unique prefix or number.
    pub approach: String,
    /// The function: its logical id in template.yaml (`CommandsDispatcher`) or its binary.
    pub function: String,
    /// An event: a fixture of deployments/events/ (`BorrowBook`) or a file.
    pub event: String,
    /// Invoke in process through the local gateway instead of cargo-lambda's emulator.
    #[arg(long)]
    pub in_process: bool,
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => serve(args),
        Command::Build(args) => build(&approach(&args.approach, "build")?),
        Command::Watch(args) => watch(&approach(&args.approach, "watch")?),
        Command::Invoke(args) => invoke(args),
        Command::Lint => cfn_lint(),
    }
}

fn approach(query: &str, command: &str) -> anyhow::Result<Target> {
    targets::find(
        &workspace::root(),
        &[Kind::Approach],
        query,
        &format!("cargo xtask lambda {command}"),
    )
}

/// cfn-lint on every approach's template, in one run.
pub fn cfn_lint() -> anyhow::Result<()> {
    let templates: Vec<PathBuf> = targets::select(Kind::Approach, &[], "cargo xtask lambda lint")?
        .into_iter()
        .map(|approach| approach.dir.join("template.yaml"))
        .filter(|template| template.is_file())
        .collect();
    if templates.is_empty() {
        println!("no template.yaml under deployments/: nothing to lint");
        return Ok(());
    }
    let mut command = cmd::program(cfn_lint_program()?);
    command.args(templates.iter().map(|t| workspace::show(t)));
    match cmd::run(&mut command) {
        Err(error) if error.is_not_found() => Err(fail(error, "pip install cfn-lint")),
        result => result.hint("fix the findings above in the templates"),
    }
}

/// `cfn-lint` from `PATH`, or else from a virtual environment under `target/`, installed there
/// from `PyPI` the first time, so a fresh machine needs only Python, not a global install.
fn cfn_lint_program() -> anyhow::Result<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("cfn-lint").is_file()));
    if on_path {
        return Ok(PathBuf::from("cfn-lint"));
    }
    let venv = workspace::target_dir()?.join("tools").join("cfn-lint");
    let program = venv.join("bin").join("cfn-lint");
    if !program.is_file() {
        println!(
            "cfn-lint is not on PATH: installing it from PyPI into {} (once)",
            workspace::show(&venv)
        );
        cmd::run(cmd::program("python3").args(["-m", "venv"]).arg(&venv)).hint(
            "cfn-lint needs Python 3 with venv; or install it yourself: pip install cfn-lint",
        )?;
        cmd::run(cmd::program(venv.join("bin").join("pip")).args(["install", "-q", "cfn-lint"]))
            .hint("installing cfn-lint from PyPI failed; or install it yourself: pip install cfn-lint")?;
    }
    Ok(program)
}

/// Builds the local gateway; its binary's path.
fn gateway() -> anyhow::Result<PathBuf> {
    let target = targets::find(
        &workspace::root(),
        &[Kind::Support],
        GATEWAY,
        "cargo build -p",
    )?;
    serve::build(&target)
}

fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    let approach = approach(&args.approach, "serve")?;
    let port = args.port;
    net::require_free(port, &format!("cargo xtask lambda serve {}", args.approach))?;
    let binary = gateway()?;
    let data = if args.fresh { Data::Fresh } else { Data::File };
    crate::runtime()?.block_on(Storage::run(data, async |endpoint| {
        let ctrl_c = process::ctrl_c()?;
        let mut command = serve::with_dynamodb(cmd::program(&binary), endpoint);
        command.args(["serve", &approach.name, "--port", &port.to_string()]);
        if args.with_crud {
            command.arg("--with-crud");
        }
        let name = format!("{GATEWAY} for {}", approach.name);
        let hint = format!("rebuild it: cargo build -p {GATEWAY}");
        let gateway = Server::spawn(command, &name, port, hint)?;
        let triggers = other_triggers(&approach);
        gateway
            .supervise(ctrl_c, || {
                if triggers {
                    print_triggers_welcome(port);
                } else {
                    print_welcome(port, args.with_crud, args.fresh);
                }
            })
            .await
    }))
}

fn print_welcome(port: u16, with_crud: bool, fresh: bool) {
    println!();
    println!(
        "serving http://localhost:{port}/; each answer names its function in x-lambda-function"
    );
    serve::print_sample(&scenario::SAMPLE_TASKS, port, fresh);
    if with_crud {
        println!("  cargo xtask demo step-14 --url http://localhost:{port}");
    }
    println!("stop with Ctrl-C");
}

/// Whether the approach's functions are called by other triggers (a queue, a GraphQL API)
/// instead of REST routes: no function of its template has an `Api` event.
fn other_triggers(approach: &Target) -> bool {
    let text = std::fs::read_to_string(approach.dir.join("template.yaml")).unwrap_or_default();
    let Ok(template) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
        return false;
    };
    let resources = template
        .get("Resources")
        .and_then(serde_yaml::Value::as_mapping);
    let types: Vec<&str> = resources
        .into_iter()
        .flat_map(|resources| resources.values())
        .filter_map(|resource| resource.get("Properties")?.get("Events")?.as_mapping())
        .flat_map(|events| events.values())
        .filter_map(|event| event.get("Type")?.as_str())
        .collect();
    !types.is_empty() && !types.contains(&"Api")
}

fn print_triggers_welcome(port: u16) {
    println!();
    println!(
        "serving http://localhost:{port}/graphql and /queue; each answer names its function in \
         x-lambda-function"
    );
    println!("  curl -s localhost:{port}/graphql -H 'content-type: application/json' \\");
    println!(
        "       -d '{{\"query\": \"{{ getMissingBooks {{ items {{ bookId title }} next }} }}\"}}'"
    );
    println!("  curl -s localhost:{port}/queue -H 'content-type: application/json' \\");
    println!(
        "       -d '{{\"command\": \"BorrowBook\", \"bookId\": \"2Yd7vFcSkFQDzu1LSDybhCXV1wj\", \
         \"userId\": \"2Yd89Ain8o95ISdO9xxYK1xxLUO\"}}'"
    );
    println!("  curl -s localhost:{port}/queue       # queued, done, dead letters");
    println!("stop with Ctrl-C");
}

/// The approach's binaries: `src/bin/*.rs`, one per function.
fn binaries(approach: &Target) -> anyhow::Result<Vec<String>> {
    let dir = approach.dir.join("src").join("bin");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir)
        .with_context(|| format!("cannot list {}", workspace::show(&dir)))
        .hint("every approach has one binary per function in src/bin/")?
    {
        let path = entry.context("cannot list the binaries")?.path();
        if path.extension().is_some_and(|e| e == "rs")
            && let Some(name) = path.file_stem().and_then(|s| s.to_str())
        {
            names.push(name.to_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Fails with the install hint when cargo-lambda is missing.
fn require_cargo_lambda() -> anyhow::Result<()> {
    // A cargo subcommand's binary takes its own name first, as cargo passes it.
    match cmd::succeeds(cmd::program("cargo-lambda").args(["lambda", "--version"])) {
        Ok(true) => Ok(()),
        Ok(false) => Err(fail("cargo-lambda does not run", INSTALL_CARGO_LAMBDA)),
        Err(error) => Err(fail(error, INSTALL_CARGO_LAMBDA)),
    }
}

fn build(approach: &Target) -> anyhow::Result<()> {
    require_cargo_lambda()?;
    cmd::run(cmd::cargo().args([
        "lambda",
        "build",
        "--release",
        "--arm64",
        "-p",
        &approach.name,
    ]))
    .hint(
        "read the errors above; cross-compiling needs the aarch64-unknown-linux-gnu target \
             (rustup target add aarch64-unknown-linux-gnu) and zig (pip install cargo-lambda)",
    )?;
    let lambda_dir = workspace::target_dir()?.join("lambda");
    println!();
    println!("{} bootstraps (release, arm64):", approach.name);
    for binary in binaries(approach)? {
        let bootstrap = lambda_dir.join(&binary).join("bootstrap");
        let size = std::fs::metadata(&bootstrap)
            .with_context(|| format!("cargo lambda built no {}", workspace::show(&bootstrap)))
            .hint("check the binary names in src/bin/ against template.yaml")?
            .len();
        println!(
            "  {:>9}  {}",
            style::mebibytes(size),
            workspace::show(&bootstrap)
        );
    }
    Ok(())
}

fn watch(approach: &Target) -> anyhow::Result<()> {
    require_cargo_lambda()?;
    if !net::port_is_free(EMULATOR_PORT) {
        return Err(fail(
            format!("port {EMULATOR_PORT} is already in use"),
            "is cargo lambda watch already running? invoke it: cargo xtask lambda invoke ...",
        ));
    }
    crate::runtime()?.block_on(Storage::run(Data::File, async |endpoint| {
        let ctrl_c = process::ctrl_c()?;
        tokio::pin!(ctrl_c);
        // What the templates set, plus the local DynamoDB; cargo-lambda passes these to each
        // function it starts.
        let variables = format!(
            "{ENDPOINT_ENV}={endpoint},AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH=true,RUST_LOG=info"
        );
        let mut command = cmd::cargo();
        command.args([
            "lambda",
            "watch",
            "-p",
            &approach.name,
            "--env-vars",
            &variables,
        ]);
        let command = serve::with_dynamodb(command, endpoint);
        let mut emulator = Server::spawn(
            command,
            "cargo lambda watch",
            EMULATOR_PORT,
            INSTALL_CARGO_LAMBDA,
        )?;
        println!();
        println!(
            "the emulator takes invocations on port {EMULATOR_PORT}; in another terminal: cargo \
             xtask lambda invoke {} <function> <event>",
            approach.name
        );
        let outcome = emulator.until_stopped(&mut ctrl_c).await;
        emulator.stop().await;
        outcome
    }))
}

fn invoke(args: &InvokeArgs) -> anyhow::Result<()> {
    let approach = approach(&args.approach, "invoke")?;
    let function = function(&approach, &args.function)?;
    let event = event_file(&args.event)?;
    if args.in_process {
        let binary = gateway()?;
        return crate::runtime()?.block_on(Storage::run(Data::File, async |endpoint| {
            let mut command = serve::with_dynamodb(cmd::program(&binary), endpoint);
            command
                .args(["invoke", &approach.name, &function.name])
                .arg(&event)
                .env("RUST_LOG", "warn");
            println!("$ {}", cmd::display(command.as_std()));
            let status = command
                .status()
                .await
                .context("cannot start the local gateway")
                .hint(format!("rebuild it: cargo build -p {GATEWAY}"))?;
            match status {
                status if status.success() => Ok(()),
                status => Err(fail(
                    format!("the invocation failed ({status})"),
                    "read the error above",
                )),
            }
        }));
    }
    require_cargo_lambda()?;
    if !net::answers(EMULATOR_PORT) {
        return Err(fail(
            format!("cargo-lambda's emulator is not running on port {EMULATOR_PORT}"),
            format!(
                "start it in another terminal: cargo xtask lambda watch {}; or add --in-process",
                approach.name
            ),
        ));
    }
    cmd::run(
        cmd::cargo()
            .args(["lambda", "invoke", &function.binary, "--data-file"])
            .arg(&event),
    )
    .hint(format!(
        "is cargo xtask lambda watch {} the one running?",
        approach.name
    ))
}

/// A function of an approach, as its template declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Function {
    name: String,
    binary: String,
}

/// The template's functions: logical id and `BuildProperties: Binary`.
fn functions(approach: &Target) -> anyhow::Result<Vec<Function>> {
    let path = approach.dir.join("template.yaml");
    let hint = "cargo xtask lambda lint says what is wrong with it";
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", workspace::show(&path)))
        .hint(hint)?;
    parse_functions(&text)
        .with_context(|| format!("{} is not valid YAML", workspace::show(&path)))
        .hint(hint)
}

fn parse_functions(template: &str) -> anyhow::Result<Vec<Function>> {
    let template: serde_yaml::Value = serde_yaml::from_str(template)?;
    let resources = template.get("Resources").and_then(|r| r.as_mapping());
    Ok(resources
        .into_iter()
        .flatten()
        .filter(|(_, resource)| {
            resource.get("Type").and_then(|t| t.as_str()) == Some("AWS::Serverless::Function")
        })
        .filter_map(|(name, resource)| {
            let binary = resource
                .get("Metadata")?
                .get("BuildProperties")?
                .get("Binary")?
                .as_str()?;
            Some(Function {
                name: name.as_str()?.to_owned(),
                binary: binary.to_owned(),
            })
        })
        .collect())
}

/// The function `query` names: its logical id or binary, exactly or by a unique prefix (any case).
fn function(approach: &Target, query: &str) -> anyhow::Result<Function> {
    let functions = functions(approach)?;
    let lower = query.to_lowercase();
    let exact = functions
        .iter()
        .find(|f| f.name == query || f.binary == query);
    let loose: Vec<&Function> = functions
        .iter()
        .filter(|f| {
            f.name.to_lowercase().starts_with(&lower) || f.binary.to_lowercase().starts_with(&lower)
        })
        .collect();
    let names = || {
        functions
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (exact, loose.as_slice()) {
        (Some(function), _) => Ok(function.clone()),
        (None, [function]) => Ok((*function).clone()),
        (None, []) => Err(fail(
            format!("{} has no function `{query}`", approach.name),
            format!("it has {}", names()),
        )),
        (None, _) => Err(fail(
            format!(
                "`{query}` could be any of several functions of {}",
                approach.name
            ),
            format!("name one of {}", names()),
        )),
    }
}

/// An event file: a path, or the name of a fixture in deployments/events/.
fn event_file(query: &str) -> anyhow::Result<PathBuf> {
    let given = Path::new(query);
    if given.is_file() {
        return std::path::absolute(given).context("cannot resolve the event's path");
    }
    let dir = workspace::root().join(EVENTS);
    let name = query.strip_suffix(".json").unwrap_or(query);
    let fixture = dir.join(format!("{name}.json"));
    if fixture.is_file() {
        return Ok(fixture);
    }
    let mut available: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let stem = path.file_stem()?.to_str()?.to_owned();
            (path.extension()? == "json").then_some(stem)
        })
        .collect();
    available.sort();
    Err(fail(
        format!("no event file or fixture is called `{query}`"),
        format!("fixtures in {EVENTS}/: {}", available.join(", ")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approach_01() -> Target {
        targets::find(
            &workspace::root(),
            &[Kind::Approach],
            "01",
            "cargo xtask lambda",
        )
        .expect("approach 01 exists")
    }

    /// Approach 05's functions have a queue and AppSync in front of them, not REST routes.
    #[test]
    fn tells_other_triggers_from_routes() {
        let root = workspace::root();
        let approach_05 = targets::find(&root, &[Kind::Approach], "05", "cargo xtask lambda")
            .expect("approach 05 exists");
        assert!(other_triggers(&approach_05));
        assert!(!other_triggers(&approach_01()));
    }

    #[test]
    fn reads_the_functions_of_a_template() {
        let functions = functions(&approach_01()).expect("a template");
        assert_eq!(
            functions,
            [
                Function {
                    name: "CommandsDispatcher".to_owned(),
                    binary: "approach-01-commands-dispatcher".to_owned(),
                },
                Function {
                    name: "QueriesDispatcher".to_owned(),
                    binary: "approach-01-queries-dispatcher".to_owned(),
                },
            ]
        );
        assert_eq!(
            binaries(&approach_01()).expect("binaries"),
            [
                "approach-01-commands-dispatcher",
                "approach-01-queries-dispatcher"
            ]
        );
    }

    #[test]
    fn names_a_function_by_id_binary_or_prefix() {
        let approach = approach_01();
        for query in [
            "QueriesDispatcher",
            "approach-01-queries-dispatcher",
            "queries",
            "Q",
        ] {
            assert_eq!(
                function(&approach, query).map(|f| f.name).ok().as_deref(),
                Some("QueriesDispatcher"),
                "{query}"
            );
        }
        let error = function(&approach, "approach-01").expect_err("ambiguous");
        let failure = error.downcast_ref::<crate::Failure>().expect("a failure");
        assert_eq!(
            failure.hint,
            "name one of CommandsDispatcher, QueriesDispatcher"
        );
        assert!(function(&approach, "Nope").is_err());
    }

    #[test]
    fn names_an_event_by_fixture_or_path() {
        let fixture = event_file("BorrowBook").expect("a fixture");
        assert!(fixture.ends_with("deployments/events/BorrowBook.json"));
        assert_eq!(event_file("BorrowBook.json").ok(), Some(fixture.clone()));
        assert_eq!(
            event_file(&fixture.display().to_string()).ok(),
            Some(fixture)
        );
        let error = event_file("Borrow").expect_err("no such fixture");
        let failure = error.downcast_ref::<crate::Failure>().expect("a failure");
        assert!(
            failure.hint.contains("BorrowBook, GetBooksByAuthor"),
            "{}",
            failure.hint
        );
    }

    #[test]
    fn parses_the_lambda_commands() {
        use crate::tests::parse;

        let Ok(crate::Command::Lambda(Command::Serve(serve))) = parse(&["lambda", "serve", "01"])
        else {
            panic!("lambda serve parses");
        };
        assert_eq!(
            (serve.approach.as_str(), serve.port, serve.with_crud),
            ("01", 3000, false)
        );
        let Ok(crate::Command::Lambda(Command::Serve(serve))) =
            parse(&["lambda", "serve", "02", "--port", "3002", "--with-crud"])
        else {
            panic!("lambda serve with options parses");
        };
        assert_eq!((serve.port, serve.with_crud), (3002, true));
        let Ok(crate::Command::Lambda(Command::Invoke(invoke))) = parse(&[
            "lambda",
            "invoke",
            "04",
            "BorrowBookCommandHandler",
            "BorrowBook",
            "--in-process",
        ]) else {
            panic!("lambda invoke parses");
        };
        assert_eq!(
            (
                invoke.function.as_str(),
                invoke.event.as_str(),
                invoke.in_process
            ),
            ("BorrowBookCommandHandler", "BorrowBook", true)
        );
        for words in [
            &["lambda", "build", "00"][..],
            &["lambda", "watch", "00"],
            &["lambda", "lint"],
        ] {
            assert!(parse(words).is_ok(), "{words:?}");
        }
        assert!(
            parse(&["lambda", "invoke", "04", "X"]).is_err(),
            "the event is required"
        );
        assert!(
            parse(&["lambda", "serve"]).is_err(),
            "the approach is required"
        );
    }
}
