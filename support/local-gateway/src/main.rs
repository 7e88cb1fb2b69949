//! `local-gateway`: an approach's API on localhost, or one function invoked with one event.
//! `cargo xtask lambda serve` and `cargo xtask lambda invoke --in-process` run it with a local
//! DynamoDB; it uses whatever the standard AWS configuration points at
//! (`AWS_ENDPOINT_URL_DYNAMODB` for a local endpoint).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use library::App;
use local_gateway::{APPROACHES, Approach, Options, triggers};
use plumbing::http::serve;
use plumbing::server::shutdown_signal;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[derive(Debug, Parser)]
#[command(
    name = "local-gateway",
    about = "An approach's API on localhost, as API Gateway and Lambda serve it"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the approach's API: each route of its template.yaml to the function it names.
    Serve {
        /// The approach's full name (`approach-01-commands-and-queries-dispatchers`).
        approach: String,
        #[arg(long, default_value_t = 3000)]
        port: u16,
        #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
        host: IpAddr,
        /// Also serve the author and user CRUD routes, which no approach deploys.
        #[arg(long)]
        with_crud: bool,
    },
    /// Measure each function's real binary (in `--binaries`) run as Lambda runs it: cold init,
    /// first and warm invocations, memory, size; a table, and JSON in `--json`.
    Bench {
        approach: String,
        /// The folder the approach's binaries were built into.
        #[arg(long)]
        binaries: std::path::PathBuf,
        /// Warm invocations per function.
        #[arg(long, default_value_t = 1000)]
        invocations: usize,
        /// Cold starts per function (the median is shown).
        #[arg(long, default_value_t = 5)]
        starts: usize,
        #[arg(long)]
        json: Option<std::path::PathBuf>,
    },
    /// An embedded DynamoDB with the table, in memory, on `--port` until stopped: the engine
    /// `cargo xtask bench` measures servers against, from an optimised build.
    Engine {
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
    /// Invoke one function with one event and print its proxy response.
    Invoke {
        approach: String,
        /// The function's logical id (`CommandsDispatcher`) or binary name.
        function: String,
        /// A fixture of deployments/events/ (`BorrowBook`) or the path of an event file.
        event: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_target(false)
        .init();
    let result = match Cli::parse().command {
        Command::Serve {
            approach,
            port,
            host,
            with_crud,
        } => {
            run_server(
                &approach,
                SocketAddr::new(host, port),
                Options { with_crud },
            )
            .await
        }
        Command::Invoke {
            approach,
            function,
            event,
        } => invoke(&approach, &function, &event).await,
        Command::Bench {
            approach,
            binaries,
            invocations,
            starts,
            json,
        } => match find(&approach) {
            Ok(approach) => {
                let plan = local_gateway::bench::Plan {
                    binaries,
                    invocations,
                    starts,
                };
                local_gateway::bench::run(approach, &plan, json.as_deref()).await
            }
            Err(message) => Err(message),
        },
        Command::Engine { port } => local_gateway::bench::engine(port).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn find(name: &str) -> Result<&'static Approach, String> {
    local_gateway::approach(name).ok_or_else(|| {
        let mut names: Vec<&str> = APPROACHES.iter().map(|a| a.name).collect();
        names.push(triggers::NAME);
        format!(
            "no approach is called `{name}`; there are {}",
            names.join(", ")
        )
    })
}

async fn run_server(name: &str, addr: SocketAddr, options: Options) -> Result<(), String> {
    if name == triggers::NAME {
        return serve_triggers(addr).await;
    }
    let approach = find(name)?;
    // One SDK client for every function: in-process, they share what separate Lambda
    // instances would each build at their cold start.
    let app = App::from_env().await;
    let (gateway, routes) =
        local_gateway::router(approach, &app, options).map_err(|e| e.to_string())?;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!("{} on http://{addr}", approach.name);
    for route in &routes {
        println!(
            "  {:<6} {:<28} -> {}",
            route.method, route.path, route.function
        );
    }
    if options.with_crud {
        println!("  (and the author and user CRUD routes, which no approach deploys)");
    }
    serve(listener, gateway, shutdown_signal())
        .await
        .map_err(|e| format!("the gateway failed: {e}"))
}

/// Approach 05: its GraphQL API and its queue, in front of its two functions.
async fn serve_triggers(addr: SocketAddr) -> Result<(), String> {
    let app = App::from_env().await;
    let gateway = triggers::router(app)?;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!("{} on http://{addr}", triggers::NAME);
    for line in triggers::banner() {
        println!("{line}");
    }
    serve(listener, gateway, shutdown_signal())
        .await
        .map_err(|e| format!("the gateway failed: {e}"))
}

async fn invoke(name: &str, function: &str, event: &str) -> Result<(), String> {
    let approach = find(name)?;
    let Some(function) = approach.function(function) else {
        let names: Vec<&str> = approach.functions.iter().map(|f| f.name()).collect();
        return Err(format!(
            "{} has no function `{function}`; it has {}",
            approach.name,
            names.join(", ")
        ));
    };
    let event = match lambda_harness::fixture(event) {
        Ok(fixture) => fixture.event,
        Err(_) => std::fs::read_to_string(event)
            .map_err(|e| format!("`{event}` is neither a fixture nor a readable file: {e}"))?,
    };
    let app = App::from_env().await;
    let response = lambda_harness::invoke(function.on_dynamodb(app), &event)
        .await
        .map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&response).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}
