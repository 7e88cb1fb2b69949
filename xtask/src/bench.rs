//! `bench [steps…]`: how fast each step starts, how much memory it holds, how quickly it
//! answers. Benchmarks, not tests: the numbers depend on the machine, so nothing here passes or
//! fails on them; they are printed for people (and closing notes) to compare.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde_json::json;

use crate::failure::{Hint as _, fail};
use crate::serve::{self, Data, Server, Storage};
use crate::targets::{self, Kind, Target};
use crate::{net, style};

/// Concurrent clients for the throughput run: enough to keep 2 cores busy.
const CLIENTS: usize = 8;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Steps to measure (default: every step).
    pub steps: Vec<String>,
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
    start_to_answer: Duration,
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
    let steps = targets::select(Kind::Step, &args.steps, "cargo xtask bench")?;
    if args.starts == 0 || args.requests == 0 {
        return Err(fail(
            "--starts and --requests must be at least 1",
            "e.g. cargo xtask bench --starts 5 --requests 300",
        ));
    }
    let binaries = serve::build_all(&steps, &args.profile)?;
    let measured = crate::runtime()?.block_on(Storage::run(Data::Memory, async |endpoint| {
        let mut measured = Vec::with_capacity(steps.len());
        for (step, binary) in steps.iter().zip(&binaries) {
            measured.push(measure(step, binary, endpoint, args).await?);
        }
        anyhow::Ok(measured)
    }))?;
    print_table(&measured, args);
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
            start_to_answer: starts[starts.len() / 2],
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
            ms(m.start_to_answer),
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
