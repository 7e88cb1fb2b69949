//! `serve <step>`: build a step, give it a DynamoDB, run it on a local port until Ctrl-C.
//!
//! The pieces are what `demo`, `bench` and `lambda` run their servers with too: [`build`] and
//! [`build_all`] for the binaries, [`Storage::run`] for the DynamoDB, [`with_dynamodb`] for the
//! environment that points a program at it, and [`Server`] to wait for, watch and stop one.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use embedded_dynamodb::Engine;

use crate::db::{Db, ENDPOINT_ENV, Source};
use crate::failure::{Hint as _, fail};
use crate::targets::{self, Kind, Target};
use crate::{cmd, net, process, workspace};

const READY_TIMEOUT: Duration = Duration::from_secs(15);
/// How often [`Server::supervise`] asks whether the server answers yet.
pub const POLL: Duration = Duration::from_millis(100);
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The step: full name, unique prefix or number (`step-00-crud`, `step-00`, `00`, `crud`).
    pub step: String,
    /// The port the step listens on.
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// A new, throw-away database holding the sample library, whatever else runs: what the
    /// banner prints succeeds on it, on every run.
    #[arg(long)]
    pub fresh: bool,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let step = targets::find(
        &workspace::root(),
        &[Kind::Step],
        &args.step,
        "cargo xtask serve",
    )?;
    net::require_free(args.port, &format!("cargo xtask serve {}", args.step))?;
    let binary = build(&step)?;
    let data = if args.fresh { Data::Fresh } else { Data::File };
    crate::runtime()?.block_on(serve(&step, &binary, args.port, data))
}

/// `cargo build -p <step>`; returns the binary's path.
pub fn build(step: &Target) -> anyhow::Result<PathBuf> {
    let mut built = cargo_build(std::slice::from_ref(step), "dev")?;
    take_binary(&mut built, step)
}

/// `cargo build -p <a> -p <b> ... --profile <profile>`, one cargo run for all of them; returns
/// their binaries' paths, in order.
pub fn build_all(targets: &[Target], profile: &str) -> anyhow::Result<Vec<PathBuf>> {
    if targets.is_empty() {
        // `cargo build` without `-p` would build the whole workspace.
        return Ok(Vec::new());
    }
    let mut built = cargo_build(targets, profile)?;
    targets
        .iter()
        .map(|target| take_binary(&mut built, target))
        .collect()
}

/// Builds the targets; the binaries cargo reports, by name (so wherever the target folder and
/// the profile's folder in it are).
fn cargo_build(targets: &[Target], profile: &str) -> anyhow::Result<HashMap<String, PathBuf>> {
    let mut command = cmd::cargo();
    command.arg("build");
    for target in targets {
        command.args(["-p", &target.name]);
    }
    // Errors and progress still show on stderr; stdout says where each binary went.
    command.args([
        "--profile",
        profile,
        "--message-format=json-render-diagnostics",
    ]);
    let dirs: Vec<String> = targets.iter().map(|t| workspace::show(&t.dir)).collect();
    let messages = cmd::output(&mut command)
        .hint(format!("fix the build errors above in {}", dirs.join(", ")))?;
    Ok(executables(&messages))
}

/// `cargo build -p <a> -p <b> ... --profile <profile>`: every binary the packages have, by name
/// (an approach has one per function).
pub fn build_binaries(
    targets: &[Target],
    profile: &str,
) -> anyhow::Result<HashMap<String, PathBuf>> {
    cargo_build(targets, profile)
}

fn take_binary(built: &mut HashMap<String, PathBuf>, target: &Target) -> anyhow::Result<PathBuf> {
    built.remove(&target.name).ok_or_else(|| {
        fail(
            format!("cargo built {} but no binary of that name", target.name),
            format!("a binary must be named like its package: {}", target.name),
        )
    })
}

/// The binaries in cargo's JSON messages, by name.
fn executables(messages: &[u8]) -> HashMap<String, PathBuf> {
    String::from_utf8_lossy(messages)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter_map(|message| {
            let name = message.pointer("/target/name")?.as_str()?;
            let executable = message.get("executable")?.as_str()?;
            Some((name.to_owned(), PathBuf::from(executable)))
        })
        .collect()
}

/// Where an embedded engine keeps its data when xtask has to start one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    /// `data/dynamodb/library.db`: survives restarts (`serve`).
    File,
    /// Nothing survives the engine (`demo`: every walk-through starts from an empty table).
    Memory,
    /// A new in-memory engine holding the sample library, even when another DynamoDB runs
    /// (`serve --fresh`: the same state on every run).
    Fresh,
}

/// The DynamoDB the step uses: one already running, or an embedded engine inside xtask.
pub struct Storage {
    source: Source,
    engine: Option<Engine>,
}

impl Storage {
    /// Runs `work` with the endpoint of the DynamoDB [`Storage::start`] gives, then stops the
    /// engine if it started one, whatever `work` returned.
    pub async fn run<T>(
        data: Data,
        work: impl AsyncFnOnce(&str) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let storage = Self::start(data).await?;
        let outcome = work(storage.endpoint()).await;
        storage.stop().await;
        outcome
    }

    /// The running DynamoDB (`AWS_ENDPOINT_URL_DYNAMODB`, `db up`), else an embedded engine;
    /// either way with the table created. Prints which one.
    async fn start(data: Data) -> anyhow::Result<Self> {
        let storage = Self::find_or_embed(data).await?;
        println!(
            "DynamoDB: {} at {}",
            storage.source.describe(),
            storage.endpoint()
        );
        let db = Db::new(storage.source.clone());
        let table = async {
            db.check_reachable().await?;
            db.create_table().await?;
            if data == Data::Fresh {
                db.seed().await?;
            }
            Ok::<(), anyhow::Error>(())
        };
        if let Err(error) = table.await {
            storage.stop().await;
            return Err(error);
        }
        Ok(storage)
    }

    async fn find_or_embed(data: Data) -> anyhow::Result<Self> {
        if let Some(source) = Source::find()?.filter(|_| data != Data::Fresh) {
            return Ok(Self {
                source,
                engine: None,
            });
        }
        let (engine, data) = match data {
            Data::Memory | Data::Fresh => {
                let engine = Engine::in_memory()
                    .await
                    .hint("the machine refused a loopback port; try again")?;
                (engine, None)
            }
            Data::File => {
                let data_dir = workspace::dynamodb_dir();
                let data = crate::db::database_file(&data_dir);
                std::fs::create_dir_all(&data_dir)
                    .with_context(|| format!("cannot create {}", workspace::show(&data_dir)))
                    .hint("check that the data/ folder is writable")?;
                let engine = Engine::file_backed(&data, net::loopback(0)).await.hint(
                    "is another program using data/dynamodb/library.db? try cargo xtask db up",
                )?;
                (engine, Some(data))
            }
        };
        let endpoint = engine.endpoint().to_owned();
        Ok(Self {
            source: Source::InProcess { endpoint, data },
            engine: Some(engine),
        })
    }

    fn endpoint(&self) -> &str {
        self.source.endpoint()
    }

    async fn stop(self) {
        if let Some(engine) = self.engine {
            engine.stop().await;
            println!("stopped the embedded DynamoDB");
        }
    }
}

async fn serve(step: &Target, binary: &Path, port: u16, data: Data) -> anyhow::Result<()> {
    Storage::run(data, async |endpoint| {
        let ctrl_c = process::ctrl_c()?;
        let server = spawn_step(step, binary, port, endpoint, &[])?;
        let sample = scenario::sample_for_step(&step.name);
        server
            .supervise(ctrl_c, || {
                println!();
                println!("{} is serving http://localhost:{port}/", step.name);
                if let Some(sample) = sample {
                    print_sample(sample, port, data == Data::Fresh);
                }
                println!(
                    "  cargo xtask demo {} --url http://localhost:{port}",
                    step.name
                );
                println!("stop with Ctrl-C");
            })
            .await
    })
    .await
}

/// The sample requests as `curl` lines, in the order that succeeds on a freshly seeded table.
pub fn print_sample(sample: &scenario::Scenario, port: u16, seeded: bool) {
    if seeded {
        println!(
            "the table holds the sample library; try, in this order ({}):",
            sample.summary
        );
    } else {
        println!(
            "try, in this order, on the sample library ({}; serve --fresh gives a new seeded \
             table, cargo xtask db reset && cargo xtask db seed resets this one):",
            sample.summary
        );
    }
    let Ok(requests) = scenario::requests(sample) else {
        return;
    };
    for (request, step) in requests.iter().zip(sample.steps) {
        println!("  # {}", step.title);
        println!("  {}", curl(request, port));
    }
}

/// `request` as a `curl` command line against `localhost:port`.
fn curl(request: &scenario::Sent, port: u16) -> String {
    let url = format!("localhost:{port}{}", request.path);
    let url = if url.contains('?') {
        format!("'{url}'")
    } else {
        url
    };
    let mut line = String::from("curl -si");
    if request.method != "GET" {
        line.push_str(" -X ");
        line.push_str(request.method);
    }
    line.push(' ');
    line.push_str(&url);
    if let Some(body) = &request.body {
        let _ = write!(line, " -H 'content-type: application/json' -d '{body}'");
    }
    line
}

/// `command` against the DynamoDB at `endpoint`, killed if xtask lets go of it, with local
/// credentials unless the environment has some (the SDK wants a region and credentials even
/// for a local endpoint).
pub fn with_dynamodb(command: std::process::Command, endpoint: &str) -> tokio::process::Command {
    let mut command = tokio::process::Command::from(command);
    command.env(ENDPOINT_ENV, endpoint).kill_on_drop(true);
    for name in ["AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] {
        if std::env::var_os(name).is_none() {
            command.env(name, "local");
        }
    }
    command
}

/// Starts the step's binary on `port` against `endpoint`, with `env` on top.
pub fn spawn_step(
    step: &Target,
    binary: &Path,
    port: u16,
    endpoint: &str,
    env: &[(&str, &str)],
) -> anyhow::Result<Server> {
    let mut command = with_dynamodb(cmd::program(binary), endpoint);
    command
        .env("PORT", port.to_string())
        .envs(env.iter().copied());
    Server::spawn(
        command,
        &step.name,
        port,
        format!("rebuild it: cargo build -p {}", step.name),
    )
}

/// A server xtask started: its process, its name in messages, the port it was told to use.
pub struct Server {
    child: tokio::process::Child,
    name: String,
    port: u16,
}

impl Server {
    /// Prints the command line and starts it; `hint` says what to do when it cannot start.
    pub fn spawn(
        mut command: tokio::process::Command,
        name: &str,
        port: u16,
        hint: impl std::fmt::Display,
    ) -> anyhow::Result<Self> {
        println!("$ {}", cmd::display(command.as_std()));
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {name}"))
            .hint(hint)?;
        Ok(Self {
            child,
            name: name.to_owned(),
            port,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Waits until it answers HTTP, calls `welcome`, runs until a stop request (Ctrl-C) or its
    /// own exit, then stops it.
    pub async fn supervise(
        mut self,
        ctrl_c: impl Future<Output = ()>,
        welcome: impl FnOnce(),
    ) -> anyhow::Result<()> {
        tokio::pin!(ctrl_c);
        let outcome = async {
            if !self.wait_until_serving(&mut ctrl_c, POLL).await? {
                return Ok(());
            }
            welcome();
            self.until_stopped(&mut ctrl_c).await
        }
        .await;
        self.stop().await;
        outcome
    }

    /// Waits until it answers HTTP on its port, probing every `poll`: `true` once it does,
    /// `false` on a stop request (Ctrl-C) first; an error when it exits or stays silent.
    pub async fn wait_until_serving(
        &mut self,
        mut ctrl_c: impl Future<Output = ()> + Unpin,
        poll: Duration,
    ) -> anyhow::Result<bool> {
        let started = Instant::now();
        let port = self.port;
        loop {
            if let Some(status) = self.child.try_wait().context("cannot watch the server")? {
                return Err(self.exited(status));
            }
            let answers = tokio::task::spawn_blocking(move || net::http_answers(port));
            if answers.await.unwrap_or(false) {
                return Ok(true);
            }
            if started.elapsed() > READY_TIMEOUT {
                return Err(fail(
                    format!(
                        "{} did not answer GET http://127.0.0.1:{port}/ within {}s",
                        self.name,
                        READY_TIMEOUT.as_secs()
                    ),
                    "read its output above: does it listen on the port it is given?",
                ));
            }
            tokio::select! {
                () = tokio::time::sleep(poll) => {}
                () = &mut ctrl_c => {
                    stopping(&self.name);
                    return Ok(false);
                }
            }
        }
    }

    /// Runs until a stop request (Ctrl-C) or its own exit: an error unless it exits cleanly.
    pub async fn until_stopped(
        &mut self,
        ctrl_c: impl Future<Output = ()> + Unpin,
    ) -> anyhow::Result<()> {
        tokio::select! {
            status = self.child.wait() => match status.context("cannot watch the server")? {
                status if status.success() => Ok(()),
                status => Err(self.exited(status)),
            },
            () = ctrl_c => {
                stopping(&self.name);
                Ok(())
            }
        }
    }

    fn exited(&self, status: ExitStatus) -> anyhow::Error {
        fail(
            format!("{} exited ({status})", self.name),
            format!(
                "read its output above; check that port {} is free",
                self.port
            ),
        )
    }

    /// SIGTERM first so the server can finish requests in flight; kill if it takes too long.
    pub async fn stop(mut self) {
        if self.child.try_wait().ok().flatten().is_some() {
            return;
        }
        if let Some(pid) = self.child.id() {
            let _ = process::terminate(pid);
        }
        if tokio::time::timeout(STOP_TIMEOUT, self.child.wait())
            .await
            .is_err()
        {
            println!(
                "{} did not stop within {}s; killing it",
                self.name,
                STOP_TIMEOUT.as_secs()
            );
            let _ = self.child.kill().await;
        }
    }
}

pub fn stopping(name: &str) {
    println!();
    println!("stopping {name}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_request_reads_as_curl() {
        let request = |method, path: &str, body| scenario::Sent {
            method,
            path: path.to_owned(),
            body,
        };
        assert_eq!(
            curl(&request("GET", "/book?status=missing", None), 3000),
            "curl -si 'localhost:3000/book?status=missing'"
        );
        assert_eq!(
            curl(
                &request(
                    "POST",
                    "/book/b/borrow",
                    Some(serde_json::json!({"userId": "u"}))
                ),
                3001
            ),
            "curl -si -X POST localhost:3001/book/b/borrow -H 'content-type: application/json' \
             -d '{\"userId\":\"u\"}'"
        );
    }

    #[test]
    fn binaries_come_from_cargos_messages() {
        let messages = br#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"tokio"},"executable":null}
{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"step-00-crud"},"executable":"/t/debug/step-00-crud","fresh":true}
{"reason":"build-finished","success":true}
"#;
        assert_eq!(
            executables(messages),
            HashMap::from([(
                "step-00-crud".to_owned(),
                PathBuf::from("/t/debug/step-00-crud")
            )])
        );
    }
}
