//! `bench [steps…]`: how fast each step starts, how much memory it holds, how quickly it
//! answers, against a DynamoDB engine from an optimised build (`local-gateway engine`), so the
//! numbers are the server's and not the emulator's. `bench --against URL` runs the same load on
//! any HTTP server; `bench --lambda [approaches…]` measures each function's real binary as Lambda
//! runs it (`local-gateway bench`). Benchmarks, not tests: the numbers depend on the machine, so
//! nothing here passes or fails on them; they are printed, and written as JSON under
//! `target/bench/`, for people (and closing notes) to compare.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde_json::json;

use crate::failure::{Hint as _, fail};
use crate::serve::{self, Server};
use crate::targets::{self, Kind, Target};
use crate::{cmd, net, style, workspace};

/// The support crate with the optimised engine and the Lambda bench.
const GATEWAY: &str = "local-gateway";

/// Concurrent clients for the throughput run: enough to keep 2 cores busy.
const CLIENTS: usize = 8;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Steps to measure (default: every step); with `--lambda`, approaches.
    pub steps: Vec<String>,
    /// Measure each Lambda function's binary instead: cold init, first and warm invocations
    /// through the Runtime API, memory, size and zipped size.
    #[arg(long, conflicts_with = "against")]
    pub lambda: bool,
    /// Run the server load (creates, lists, concurrent lists) against this HTTP server instead
    /// of a step (`http://localhost:8080`): another implementation, side by side.
    #[arg(long, value_name = "URL")]
    pub against: Option<String>,
    /// Warm invocations per function, with `--lambda`.
    #[arg(long, default_value_t = 1000)]
    pub invocations: usize,
    /// Cargo profile to build: `release` is what ships (slow to build the first time), `dev`
    /// is quick to build but slow to run.
    #[arg(long, default_value = "release")]
    pub profile: String,
    /// How many cold starts to time per step (the median is shown).
    #[arg(long, default_value_t = 5)]
    pub starts: usize,
    /// Requests per measured operation.
    #[arg(long, default_value_t = 300)]
    pub requests: usize,
}

/// What one step measured.
struct Measured {
    step: String,
    /// `None` for a server bench did not start (`--against`).
    start_to_answer: Option<Duration>,
    idle_rss_kib: Option<u64>,
    create: Latencies,
    list: Latencies,
    throughput: f64,
    loaded_rss_kib: Option<u64>,
}

struct Latencies {
    p50: Duration,
    p99: Duration,
}

impl Latencies {
    fn of(mut samples: Vec<Duration>) -> Self {
        samples.sort_unstable();
        let at = |fraction: f64| {
            let last = samples.len().saturating_sub(1);
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let index = ((last as f64) * fraction).round() as usize;
            samples.get(index).copied().unwrap_or_default()
        };
        Self {
            p50: at(0.50),
            p99: at(0.99),
        }
    }
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    if args.starts == 0 || args.requests == 0 || args.invocations == 0 {
        return Err(fail(
            "--starts, --requests and --invocations must be at least 1",
            "e.g. cargo xtask bench --starts 5 --requests 300",
        ));
    }
    if args.lambda {
        return lambda(args);
    }
    if let Some(url) = &args.against {
        let measured = crate::runtime()?.block_on(measure_url(url, args))?;
        print_table(std::slice::from_ref(&measured), args);
        return write_json("servers-against.json", &[measured], args);
    }
    let steps = targets::select(Kind::Step, &args.steps, "cargo xtask bench")?;
    let gateway = gateway_target()?;
    let mut all = steps.clone();
    all.push(gateway);
    let mut binaries = serve::build_all(&all, &args.profile)?;
    let engine_binary = binaries.pop().context("the engine's binary")?;
    let measured = crate::runtime()?.block_on(async {
        let engine = start_engine(&engine_binary).await?;
        let endpoint = format!("http://{}", net::loopback(engine.port()));
        let outcome = async {
            let mut measured = Vec::with_capacity(steps.len());
            for (step, binary) in steps.iter().zip(&binaries) {
                measured.push(measure(step, binary, &endpoint, args).await?);
            }
            anyhow::Ok(measured)
        }
        .await;
        engine.stop().await;
        outcome
    })?;
    print_table(&measured, args);
    write_json("servers.json", &measured, args)
}

fn gateway_target() -> anyhow::Result<Target> {
    targets::find(
        &workspace::root(),
        &[Kind::Support],
        GATEWAY,
        "cargo xtask bench",
    )
}

/// `local-gateway engine`: the embedded DynamoDB in its own process, built with the bench's
/// profile, until stopped.
async fn start_engine(binary: &Path) -> anyhow::Result<Server> {
    let port = net::free_port()?;
    let mut command = tokio::process::Command::from(cmd::program(binary));
    command
        .args(["engine", "--port", &port.to_string()])
        .kill_on_drop(true);
    let mut engine = Server::spawn(
        command,
        "the engine",
        port,
        "rebuild it: cargo build -p local-gateway",
    )?;
    engine
        .wait_until_serving(std::future::pending(), serve::POLL)
        .await?;
    Ok(engine)
}

/// `bench --lambda`: each approach's binaries and `local-gateway` built with the profile, then
/// `local-gateway bench` per approach.
fn lambda(args: &Args) -> anyhow::Result<()> {
    let approaches = targets::select(Kind::Approach, &args.steps, "cargo xtask bench --lambda")?;
    let mut all = approaches.clone();
    all.push(gateway_target()?);
    let built = serve::build_binaries(&all, &args.profile)?;
    let gateway = built.get(GATEWAY).context("cargo built no local-gateway")?;
    let folder = gateway.parent().context("the binaries' folder")?;
    let reports = workspace::target_dir()?.join("bench");
    for approach in &approaches {
        let json = reports.join(format!("lambda-{}.json", approach.name));
        let mut command = cmd::program(gateway);
        command.args(["bench", &approach.name, "--binaries"]);
        command.arg(folder);
        command.args([
            "--invocations",
            &args.invocations.to_string(),
            "--starts",
            &args.starts.to_string(),
            "--json",
        ]);
        command.arg(&json);
        cmd::run(&mut command).hint("read the bench's message above")?;
    }
    Ok(())
}

/// The load of [`measure`] on a server someone else runs: no start, no memory.
async fn measure_url(url: &str, args: &Args) -> anyhow::Result<Measured> {
    let base = url.trim_end_matches('/').to_owned();
    let client = reqwest::Client::new();
    println!("measuring {base}");
    let create = timed(args.requests, || create_author(&client, &base)).await?;
    let list = timed(args.requests, || list_authors(&client, &base)).await?;
    let throughput = throughput(&client, &base, args.requests).await?;
    Ok(Measured {
        step: base,
        start_to_answer: None,
        idle_rss_kib: None,
        create,
        list,
        throughput,
        loaded_rss_kib: None,
    })
}

fn write_json(name: &str, measured: &[Measured], args: &Args) -> anyhow::Result<()> {
    let micros = |d: Duration| u64::try_from(d.as_micros()).unwrap_or(u64::MAX);
    let rows: Vec<serde_json::Value> = measured
        .iter()
        .map(|m| {
            json!({
                "server": m.step,
                "start_to_answer_us": m.start_to_answer.map(micros),
                "idle_rss_kib": m.idle_rss_kib,
                "create_p50_us": micros(m.create.p50),
                "create_p99_us": micros(m.create.p99),
                "list_p50_us": micros(m.list.p50),
                "list_p99_us": micros(m.list.p99),
                "requests_per_second": m.throughput,
                "loaded_rss_kib": m.loaded_rss_kib,
            })
        })
        .collect();
    let report = json!({
        "profile": args.profile,
        "requests": args.requests,
        "concurrent_clients": CLIENTS,
        "servers": rows,
    });
    let folder = workspace::target_dir()?.join("bench");
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", workspace::show(&folder)))?;
    let path = folder.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&report)?)
        .with_context(|| format!("cannot write {}", workspace::show(&path)))?;
    println!("wrote {}", workspace::show(&path));
    Ok(())
}

async fn measure(
    step: &Target,
    binary: &Path,
    endpoint: &str,
    args: &Args,
) -> anyhow::Result<Measured> {
    println!("measuring {} ({} profile)", step.name, args.profile);
    let mut starts = Vec::with_capacity(args.starts);
    for _ in 1..args.starts {
        let (elapsed, server) = cold_start(step, binary, endpoint).await?;
        starts.push(elapsed);
        server.stop().await;
    }
    // The last start stays up for the rest of the measurements.
    let (elapsed, server) = cold_start(step, binary, endpoint).await?;
    starts.push(elapsed);
    let outcome = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let idle_rss_kib = rss_kib(server.pid());
        let base = format!("http://{}", net::loopback(server.port()));
        let client = reqwest::Client::new();
        let create = timed(args.requests, || create_author(&client, &base)).await?;
        let list = timed(args.requests, || list_authors(&client, &base)).await?;
        let throughput = throughput(&client, &base, args.requests).await?;
        let loaded_rss_kib = rss_kib(server.pid());
        starts.sort_unstable();
        anyhow::Ok(Measured {
            step: step.name.clone(),
            start_to_answer: Some(starts[starts.len() / 2]),
            idle_rss_kib,
            create,
            list,
            throughput,
            loaded_rss_kib,
        })
    }
    .await;
    server.stop().await;
    outcome
}

/// Spawns the step and returns the time from spawn to its first HTTP answer on `GET /`.
async fn cold_start(
    step: &Target,
    binary: &Path,
    endpoint: &str,
) -> anyhow::Result<(Duration, Server)> {
    let port = net::free_port()?;
    let started = Instant::now();
    let mut server = serve::spawn_step(step, binary, port, endpoint, &[("RUST_LOG", "warn")])?;
    // A tight poll: `serve`'s 100 ms steps would swamp the number. Nothing to stop it early
    // but the deadline: Ctrl-C ends xtask and, with it, the step.
    let ready = server
        .wait_until_serving(std::future::pending(), Duration::from_millis(1))
        .await;
    let elapsed = started.elapsed();
    match ready {
        Ok(_) => Ok((elapsed, server)),
        Err(error) => {
            server.stop().await;
            Err(error)
        }
    }
}

async fn timed<F, Fut>(requests: usize, mut request: F) -> anyhow::Result<Latencies>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let mut samples = Vec::with_capacity(requests);
    for _ in 0..requests {
        let started = Instant::now();
        request().await?;
        samples.push(started.elapsed());
    }
    Ok(Latencies::of(samples))
}

async fn create_author(client: &reqwest::Client, base: &str) -> anyhow::Result<()> {
    let body = json!({"name": "Ann Leckie", "birthdate": "1966-03-02"});
    expect_ok(client.post(format!("{base}/author")).json(&body)).await
}

async fn list_authors(client: &reqwest::Client, base: &str) -> anyhow::Result<()> {
    expect_ok(client.get(format!("{base}/author?pageSize=20"))).await
}

async fn expect_ok(request: reqwest::RequestBuilder) -> anyhow::Result<()> {
    let response = request
        .send()
        .await
        .context("the step stopped answering")
        .hint("run it with cargo xtask serve to see why")?;
    let status = response.status();
    // Read the whole body: a benchmark that skips it measures less than a client gets.
    let body = response
        .bytes()
        .await
        .context("the step cut an answer short")?;
    if status.is_success() {
        Ok(())
    } else {
        Err(fail(
            format!(
                "the step answered {status}: {}",
                String::from_utf8_lossy(&body)
            ),
            "the benchmark creates and lists authors: every step has that CRUD",
        ))
    }
}

/// Requests per second with [`CLIENTS`] clients listing authors at once.
async fn throughput(client: &reqwest::Client, base: &str, requests: usize) -> anyhow::Result<f64> {
    let started = Instant::now();
    let mut clients = tokio::task::JoinSet::new();
    for _ in 0..CLIENTS {
        let (client, base) = (client.clone(), base.to_owned());
        let share = requests.div_ceil(CLIENTS);
        clients.spawn(async move {
            for _ in 0..share {
                list_authors(&client, &base).await?;
            }
            anyhow::Ok(share)
        });
    }
    let mut done = 0;
    while let Some(joined) = clients.join_next().await {
        done += joined.context("a benchmark client panicked")??;
    }
    #[allow(clippy::cast_precision_loss)]
    Ok(done as f64 / started.elapsed().as_secs_f64())
}

/// Resident set size from `/proc` (Linux only; `None` elsewhere).
fn rss_kib(pid: Option<u32>) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid?)).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
}

fn print_table(measured: &[Measured], args: &Args) {
    let mib = |kib: Option<u64>| {
        kib.map_or_else(
            || "n/a".to_owned(),
            |kib| style::mebibytes(kib.saturating_mul(1024)),
        )
    };
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    println!();
    println!(
        "{} profile; start = spawn to first answer (median of {}); latencies over {} sequential \
         requests; throughput with {CLIENTS} concurrent clients listing authors",
        args.profile, args.starts, args.requests
    );
    println!(
        "{:<36} {:>10} {:>10} {:>22} {:>22} {:>10} {:>12}",
        "STEP", "START", "IDLE RSS", "CREATE p50 / p99", "LIST p50 / p99", "REQ/S", "LOADED RSS"
    );
    for m in measured {
        println!(
            "{:<36} {:>10} {:>10} {:>22} {:>22} {:>10.0} {:>12}",
            m.step,
            m.start_to_answer.map_or_else(|| "n/a".to_owned(), ms),
            mib(m.idle_rss_kib),
            format!("{} / {}", ms(m.create.p50), ms(m.create.p99)),
            format!("{} / {}", ms(m.list.p50), ms(m.list.p99)),
            m.throughput,
            mib(m.loaded_rss_kib),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_pick_from_the_sorted_samples() {
        let samples = (1..=100).rev().map(Duration::from_millis).collect();
        let latencies = Latencies::of(samples);
        assert_eq!(latencies.p50, Duration::from_millis(51));
        assert_eq!(latencies.p99, Duration::from_millis(99));
        let one = Latencies::of(vec![Duration::from_millis(7)]);
        assert_eq!(
            (one.p50, one.p99),
            (Duration::from_millis(7), Duration::from_millis(7))
        );
    }

    #[test]
    fn reads_our_own_rss() {
        if cfg!(target_os = "linux") {
            assert!(rss_kib(Some(std::process::id())).is_some_and(|kib| kib > 0));
        }
    }
}
