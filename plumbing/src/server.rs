//! A step's `main`: serve its router on `PORT` (default 3000) of `HOST` (default 127.0.0.1)
//! against the DynamoDB the standard AWS configuration points at, until Ctrl-C or SIGTERM.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use axum::Router;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use crate::dynamodb::{self, TableConfig};
use crate::http;

/// Logs, listener, SDK client, then `router` built from the client, served until a signal.
pub async fn run(router: impl FnOnce(aws_sdk_dynamodb::Client, TableConfig) -> Router) -> ExitCode {
    init_tracing();
    let result = async {
        let listener = listen().await?;
        let client = dynamodb::client_from_env().await;
        configured(&client)?;
        let router = router(client, TableConfig::from_env());
        serve(listener, router).await
    };
    exit(result.await)
}

/// `RUST_LOG` decides what is logged. By default `info`, but only errors of the SDK's
/// configuration: its provider chain warns, at length, of every source it did not find (no
/// instance metadata on a laptop), which a step run on its own would print before its one line.
pub fn init_tracing() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,aws_config=error")),
        )
        .init();
}

/// One line, not the SDK's failure on every request, when no DynamoDB is configured at all: a
/// step run with `cargo run` instead of `cargo xtask serve` has neither region nor endpoint.
pub fn configured(client: &aws_sdk_dynamodb::Client) -> Result<(), String> {
    let config = client.config();
    if config.region().is_some() {
        return Ok(());
    }
    Err(
        "no DynamoDB configured (no AWS_REGION, no AWS_ENDPOINT_URL_DYNAMODB): \
         `cargo xtask serve <step>` starts one embedded and serves the step on it"
            .to_owned(),
    )
}

/// A listener on `HOST`:`PORT`.
pub async fn listen() -> Result<TcpListener, String> {
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
    TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(listener: TcpListener, router: Router) -> Result<(), String> {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!("listening on http://{addr}");
    }
    http::serve(listener, router, shutdown_signal())
        .await
        .map_err(|e| format!("server failed: {e}"))
}

/// The process's exit: a failure is one `error:` line.
pub fn exit(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves at Ctrl-C, or SIGTERM where there is one.
pub async fn shutdown_signal() {
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

#[cfg(test)]
mod tests {
    use aws_sdk_dynamodb::config::{BehaviorVersion, Region};

    use super::configured;

    #[test]
    fn no_region_is_one_line_pointing_at_xtask_serve() {
        let nothing = aws_sdk_dynamodb::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .build();
        let refused =
            configured(&aws_sdk_dynamodb::Client::from_conf(nothing)).expect_err("refused");
        assert!(!refused.contains('\n'), "{refused}");
        assert!(refused.contains("cargo xtask serve"), "{refused}");

        let local = aws_sdk_dynamodb::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("local"))
            .build();
        assert_eq!(
            configured(&aws_sdk_dynamodb::Client::from_conf(local)),
            Ok(())
        );
    }
}
