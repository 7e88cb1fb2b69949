//! `serve <step>`: build a step, give it a DynamoDB, run it on a local port until Ctrl-C.

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
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The step: full name, unique prefix or number (`step-00-crud`, `step-00`, `00`, `crud`).
    pub step: String,
    /// The port the step listens on.
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let step = targets::find(
        &workspace::root(),
        &[Kind::Step],
        &args.step,
        "cargo xtask serve",
    )?;
    let port = args.port;
    if !net::port_is_free(port) {
        return Err(fail(
            format!("port {port} is already in use"),
            format!(
                "serve on another one, e.g. cargo xtask serve {} --port {}",
                args.step,
                port.saturating_add(1)
            ),
        ));
    }
    let binary = build(&step)?;
    crate::runtime()?.block_on(serve(&step, &binary, port))
}

/// `cargo build -p <step>`; returns the binary's path.
pub fn build(step: &Target) -> anyhow::Result<PathBuf> {
    cargo_build(std::slice::from_ref(step), "dev")?;
    binary(step, "dev")
}

/// `cargo build -p <a> -p <b> ... --profile <profile>`, one cargo run for all of them; returns
/// their binaries' paths, in order.
pub fn build_all(targets: &[Target], profile: &str) -> anyhow::Result<Vec<PathBuf>> {
    if targets.is_empty() {
        // `cargo build` without `-p` would build the whole workspace.
        return Ok(Vec::new());
    }
    cargo_build(targets, profile)?;
    targets
        .iter()
        .map(|target| binary(target, profile))
        .collect()
}

fn cargo_build(targets: &[Target], profile: &str) -> anyhow::Result<()> {
    let mut command = cmd::cargo();
    command.arg("build");
    for target in targets {
        command.args(["-p", &target.name]);
    }
    command.args(["--profile", profile]);
    let dirs: Vec<String> = targets.iter().map(|t| workspace::show(&t.dir)).collect();
    cmd::run(&mut command).hint(format!("fix the build errors above in {}", dirs.join(", ")))
}

/// Where cargo put `target`'s binary (named like its package) for `profile`.
fn binary(target: &Target, profile: &str) -> anyhow::Result<PathBuf> {
    // Cargo keeps the dev profile's output in `debug/`, every other profile under its own name.
    let profile_dir = if profile == "dev" { "debug" } else { profile };
    let binary = workspace::target_dir()?.join(profile_dir).join(format!(
        "{}{}",
        target.name,
        std::env::consts::EXE_SUFFIX
    ));
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(fail(
            format!(
                "cargo built {} but {} is missing",
                target.name,
                binary.display()
            ),
            format!("a binary must be named like its package: {}", target.name),
        ))
    }
}

/// Where an embedded engine keeps its data when xtask has to start one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    /// `data/dynamodb/library.db`: survives restarts (`serve`).
    File,
    /// Nothing survives the engine (`demo`: every walk-through starts from an empty table).
    Memory,
}

/// The DynamoDB the step uses: one already running, or an embedded engine inside xtask.
pub struct Storage {
    source: Source,
    engine: Option<Engine>,
}

impl Storage {
    /// The running DynamoDB (`AWS_ENDPOINT_URL_DYNAMODB`, `db up`), else an embedded engine;
    /// either way with the table created. Prints which one.
    pub async fn start(data: Data) -> anyhow::Result<Self> {
        let storage = Self::find_or_embed(data).await?;
        println!(
            "DynamoDB: {} at {}",
            storage.source.describe(),
            storage.endpoint()
        );
        let db = Db::new(storage.source.clone());
        let table = async {
            db.check_reachable().await?;
            db.create_table().await
        };
        if let Err(error) = table.await {
            storage.stop().await;
            return Err(error);
        }
        Ok(storage)
    }

    async fn find_or_embed(data: Data) -> anyhow::Result<Self> {
        if let Some(source) = Source::find()? {
            return Ok(Self {
                source,
                engine: None,
            });
        }
        let (engine, data) = match data {
            Data::Memory => {
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

    pub fn endpoint(&self) -> &str {
        self.source.endpoint()
    }

    pub async fn stop(self) {
        if let Some(engine) = self.engine {
            engine.stop().await;
            println!("stopped the embedded DynamoDB");
        }
    }
}

async fn serve(step: &Target, binary: &Path, port: u16) -> anyhow::Result<()> {
    let storage = Storage::start(Data::File).await?;
    let ctrl_c = match process::stop_requests(false) {
        Ok(requests) => requests,
        Err(error) => {
            storage.stop().await;
            return Err(error)
                .context("cannot listen for Ctrl-C")
                .hint("try again");
        }
    };
    let mut child = match spawn(step, binary, port, storage.endpoint(), &[]) {
        Ok(child) => child,
        Err(error) => {
            storage.stop().await;
            return Err(error);
        }
    };

    let outcome = supervise(&mut child, &step.name, port, ctrl_c).await;
    stop_child(&mut child, &step.name).await;
    storage.stop().await;
    outcome
}

/// Starts the step's binary on `port` against `endpoint` (printing the command line), with
/// local credentials unless the environment has some, and `env` on top.
pub fn spawn(
    step: &Target,
    binary: &Path,
    port: u16,
    endpoint: &str,
    env: &[(&str, &str)],
) -> anyhow::Result<tokio::process::Child> {
    let mut command = tokio::process::Command::new(binary);
    command
        .current_dir(workspace::root())
        .env("PORT", port.to_string())
        .env(ENDPOINT_ENV, endpoint)
        .kill_on_drop(true);
    for name in ["AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] {
        if std::env::var_os(name).is_none() {
            command.env(name, "local");
        }
    }
    for (name, value) in env {
        command.env(name, value);
    }
    println!("$ {}", cmd::display(command.as_std()));
    command
        .spawn()
        .with_context(|| format!("cannot start {}", workspace::show(binary)))
        .hint(format!("rebuild it: cargo build -p {}", step.name))
}

/// Waits until the step answers HTTP, shows how to use it, then runs until a stop request
/// (Ctrl-C) or the step's own exit.
async fn supervise(
    child: &mut tokio::process::Child,
    name: &str,
    port: u16,
    ctrl_c: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    tokio::pin!(ctrl_c);
    if !wait_until_serving(child, name, port, &mut ctrl_c).await? {
        return Ok(());
    }
    print_welcome(name, port);
    tokio::select! {
        status = child.wait() => Err(exited(name, port, status.context("cannot watch the step")?)),
        () = &mut ctrl_c => {
            stopping(name);
            Ok(())
        }
    }
}

/// Waits until the step answers HTTP on `port`: `true` once it does, `false` on a stop request
/// (Ctrl-C) first; an error when it exits or stays silent.
pub async fn wait_until_serving(
    child: &mut tokio::process::Child,
    name: &str,
    port: u16,
    mut ctrl_c: impl Future<Output = ()> + Unpin,
) -> anyhow::Result<bool> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().context("cannot watch the step")? {
            return Err(exited(name, port, status));
        }
        let answers = tokio::task::spawn_blocking(move || net::http_answers(port));
        if answers.await.unwrap_or(false) {
            return Ok(true);
        }
        if started.elapsed() > READY_TIMEOUT {
            return Err(fail(
                format!(
                    "{name} did not answer GET http://127.0.0.1:{port}/ within {}s",
                    READY_TIMEOUT.as_secs()
                ),
                "read its output above: does it listen on the PORT it is given?",
            ));
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(100)) => {}
            () = &mut ctrl_c => {
                stopping(name);
                return Ok(false);
            }
        }
    }
}

fn exited(name: &str, port: u16, status: ExitStatus) -> anyhow::Error {
    fail(
        format!("{name} exited ({status})"),
        format!("read its output above; check that port {port} is free"),
    )
}

pub fn stopping(name: &str) {
    println!();
    println!("stopping {name}");
}

fn print_welcome(name: &str, port: u16) {
    let base = format!("localhost:{port}");
    println!();
    println!("{name} is serving http://{base}/");
    println!("try:");
    println!("  curl -s {base}/author");
    println!(
        "  curl -s -X POST {base}/author -H 'content-type: application/json' \
         -d '{{\"name\":\"Ann Leckie\",\"birthdate\":\"1966-03-02\"}}'"
    );
    println!("  curl -s {base}/user");
    println!("stop with Ctrl-C");
}

/// SIGTERM first so the server can finish requests in flight; kill if it takes too long.
pub async fn stop_child(child: &mut tokio::process::Child, name: &str) {
    if child.try_wait().ok().flatten().is_some() {
        return;
    }
    if let Some(pid) = child.id() {
        let _ = process::terminate(pid);
    }
    if tokio::time::timeout(STOP_TIMEOUT, child.wait())
        .await
        .is_err()
    {
        println!(
            "{name} did not stop within {}s; killing it",
            STOP_TIMEOUT.as_secs()
        );
        let _ = child.kill().await;
    }
}
