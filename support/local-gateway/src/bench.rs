//! `local-gateway bench <approach>`: each function's real binary, run as Lambda runs it (a
//! process polling the Runtime API on loopback, the embedded DynamoDB holding the sample
//! library), measured: cold init (spawn to the first `invocation/next`), the first and the warm
//! invocations, memory after init and after the warm ones, and the bootstrap's size, plain and
//! deflated (what its deployment zip weighs). Run by `cargo xtask bench --lambda`, on release
//! builds of the binaries and of this tool, so the engine is optimised too.
//!
//! A benchmark, not a test: nothing passes or fails on the numbers.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use embedded_dynamodb::Engine;
use lambda_harness::bootstrap::{Bootstrap, read_answer};
use lambda_harness::runtime_api::Outcome;
use library::App;
use library::adapters::lambda::Deployed;
use plumbing::dynamodb::TableConfig;
use serde_json::json;

use crate::Approach;

/// What to measure with.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Where the approach's binaries are.
    pub binaries: PathBuf,
    pub invocations: usize,
    pub starts: usize,
}

/// One function, measured.
#[derive(Debug, Clone)]
pub struct Measured {
    pub function: &'static str,
    /// The fixture every invocation sends.
    pub fixture: String,
    pub cold_init: Duration,
    pub first: Duration,
    pub warm_p50: Duration,
    pub warm_p99: Duration,
    pub rss_after_init_kib: Option<u64>,
    pub rss_after_warm_kib: Option<u64>,
    pub size: u64,
    pub zipped: u64,
}

pub async fn run(approach: &Approach, plan: &Plan, json: Option<&Path>) -> Result<(), String> {
    if plan.invocations == 0 || plan.starts == 0 {
        return Err("--invocations and --starts must be at least 1".to_owned());
    }
    let fixtures = lambda_harness::fixtures().map_err(|e| e.to_string())?;
    let mut measured = Vec::new();
    for function in approach.functions {
        let fixture = fixtures
            .iter()
            .find(|fixture| function.operations().contains(&fixture.operation))
            .ok_or_else(|| format!("no fixture for {}", function.name()))?;
        println!(
            "measuring {} ({} cold starts, {} invocations of {})",
            function.name(),
            plan.starts,
            plan.invocations,
            fixture.name
        );
        measured.push(measure(*function, &fixture.name, &fixture.event, plan).await?);
    }
    print_table(approach, &measured, plan);
    if let Some(path) = json {
        write_json(approach, &measured, plan, path)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

async fn measure(
    function: &dyn Deployed,
    fixture: &str,
    event: &str,
    plan: &Plan,
) -> Result<Measured, String> {
    let binary = plan.binaries.join(function.binary());
    let size = std::fs::metadata(&binary)
        .map_err(|e| format!("{}: {e}", binary.display()))?
        .len();
    let zipped = deflated_size(&binary)?;
    let engine = Engine::with_table().await.map_err(|e| e.to_string())?;
    lambda_harness::seed(
        App::new(engine.client(), TableConfig::default()),
        library::core::Operation::BorrowBook,
    )
    .await
    .map_err(|e| format!("seeding: {e}"))?;
    let mut inits = Vec::with_capacity(plan.starts);
    let mut kept = None;
    for _ in 0..plan.starts {
        let bootstrap =
            Bootstrap::start(&binary, function.name(), Some(engine.endpoint()), &[], &[]).await;
        inits.push(bootstrap.ready(function.name()).await);
        kept = Some(bootstrap);
    }
    let bootstrap = kept.ok_or("no cold start")?;
    inits.sort_unstable();
    let rss_after_init_kib = rss_kib(bootstrap.pid());
    let first = invoke(&bootstrap, event).await?;
    let mut warm = Vec::with_capacity(plan.invocations);
    for _ in 0..plan.invocations {
        warm.push(invoke(&bootstrap, event).await?);
    }
    let rss_after_warm_kib = rss_kib(bootstrap.pid());
    warm.sort_unstable();
    Ok(Measured {
        function: function.name(),
        fixture: fixture.to_owned(),
        cold_init: inits[inits.len() / 2],
        first,
        warm_p50: percentile(&warm, 0.50),
        warm_p99: percentile(&warm, 0.99),
        rss_after_init_kib,
        rss_after_warm_kib,
        size,
        zipped,
    })
}

/// One invocation's round trip through the Runtime API; an answer of any status counts (a
/// second `BorrowBook` of one book is a 409, and as much work as a client's).
async fn invoke(bootstrap: &Bootstrap, event: &str) -> Result<Duration, String> {
    let started = Instant::now();
    let outcome = bootstrap.invoke(event).await;
    let elapsed = started.elapsed();
    match outcome {
        Outcome::Response(_) => read_answer(&outcome).map(|_| elapsed),
        Outcome::Error(report) => Err(format!("an invocation error: {report:?}")),
    }
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let last = sorted.len().saturating_sub(1);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let index = ((last as f64) * fraction).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

/// The binary deflated at the level zip uses by default: its deployment package's size, give or
/// take the zip headers.
fn deflated_size(binary: &Path) -> Result<u64, String> {
    let bytes = std::fs::read(binary).map_err(|e| format!("{}: {e}", binary.display()))?;
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&bytes).map_err(|e| e.to_string())?;
    let deflated = encoder.finish().map_err(|e| e.to_string())?;
    Ok(deflated.len() as u64)
}

/// Resident set size from `/proc` (Linux only; `None` elsewhere).
fn rss_kib(pid: Option<u32>) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid?)).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn mib(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let mib = bytes as f64 / (1024.0 * 1024.0);
    format!("{mib:.1} MiB")
}

fn print_table(approach: &Approach, measured: &[Measured], plan: &Plan) {
    let rss = |kib: Option<u64>| kib.map_or_else(|| "n/a".to_owned(), |kib| mib(kib * 1024));
    println!();
    println!(
        "{}: cold init = spawn to the first invocation/next (median of {}); warm = {} \
         invocations through the Runtime API on loopback",
        approach.name, plan.starts, plan.invocations
    );
    println!(
        "{:<38} {:>11} {:>11} {:>22} {:>10} {:>10} {:>10} {:>10}",
        "FUNCTION",
        "COLD INIT",
        "FIRST",
        "WARM p50 / p99",
        "RSS INIT",
        "RSS WARM",
        "SIZE",
        "ZIPPED"
    );
    for m in measured {
        println!(
            "{:<38} {:>11} {:>11} {:>22} {:>10} {:>10} {:>10} {:>10}",
            m.function,
            ms(m.cold_init),
            ms(m.first),
            format!("{} / {}", ms(m.warm_p50), ms(m.warm_p99)),
            rss(m.rss_after_init_kib),
            rss(m.rss_after_warm_kib),
            mib(m.size),
            mib(m.zipped),
        );
    }
}

fn write_json(
    approach: &Approach,
    measured: &[Measured],
    plan: &Plan,
    path: &Path,
) -> Result<(), String> {
    let micros = |duration: Duration| u64::try_from(duration.as_micros()).unwrap_or(u64::MAX);
    let functions: Vec<serde_json::Value> = measured
        .iter()
        .map(|m| {
            json!({
                "function": m.function,
                "fixture": m.fixture,
                "cold_init_us": micros(m.cold_init),
                "first_invocation_us": micros(m.first),
                "warm_p50_us": micros(m.warm_p50),
                "warm_p99_us": micros(m.warm_p99),
                "rss_after_init_kib": m.rss_after_init_kib,
                "rss_after_warm_kib": m.rss_after_warm_kib,
                "bootstrap_bytes": m.size,
                "zipped_bytes": m.zipped,
            })
        })
        .collect();
    let report = json!({
        "approach": approach.name,
        "invocations": plan.invocations,
        "cold_starts": plan.starts,
        "functions": functions,
    });
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `local-gateway engine`: the embedded DynamoDB with the table, until Ctrl-C or SIGTERM.
pub async fn engine(port: u16) -> Result<(), String> {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let engine = Engine::in_memory_at(addr)
        .await
        .map_err(|e| format!("the engine cannot start on {addr}: {e}"))?;
    embedded_dynamodb::table::create(&engine.client(), &embedded_dynamodb::TableNames::default())
        .await
        .map_err(|e| format!("the table: {e}"))?;
    println!("engine at {}", engine.endpoint());
    plumbing::server::shutdown_signal().await;
    engine.stop().await;
    Ok(())
}
