//! `step-04-explicit-domain`: serves the step on `PORT` (default 3000) against the DynamoDB
//! the standard AWS configuration points at (`AWS_ENDPOINT_URL_DYNAMODB` for a local one).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use aws_config::BehaviorVersion;
use step_04_explicit_domain::{AppState, Config, router, serve};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let port = match std::env::var("PORT") {
        Ok(text) => text
            .parse::<u16>()
            .map_err(|_| format!("PORT must be a port number, not `{text}`"))?,
        Err(_) => 3000,
    };
    let host = match std::env::var("HOST") {
        Ok(text) => text
            .parse::<IpAddr>()
            .map_err(|_| format!("HOST must be an IP address, not `{text}`"))?,
        Err(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
    };
    let addr = SocketAddr::new(host, port);
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;

    // One SDK client for the whole process: it pools connections and caches credentials.
    let aws = aws_config::load_defaults(BehaviorVersion::latest()).await;
    let state = AppState::new(aws_sdk_dynamodb::Client::new(&aws), Config::from_env());

    tracing::info!("listening on http://{addr}");
    serve(listener, router(state), shutdown_signal())
        .await
        .map_err(|e| format!("server failed: {e}"))
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut terminate) = signal(SignalKind::terminate()) else {
            return ctrl_c.await.unwrap_or_default();
        };
        tokio::select! {
            _ = ctrl_c => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await.unwrap_or_default();
}
