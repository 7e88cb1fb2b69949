//! Clients that stall or flood, over raw sockets: the server closes a silent or idle connection,
//! answers a body that stops arriving with a JSON 408, and serves a bounded number of connections
//! at once, the rest waiting until one ends.

use std::future::pending;
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::{get, post};
use plumbing::body::JsonObject;
use plumbing::http::{Limits, harden, serve_with};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

const SHORT: Duration = Duration::from_millis(300);
/// `SHORT`, less what a timer may fire early by.
const ALMOST_SHORT: Duration = Duration::from_millis(250);
const PATIENCE: Duration = Duration::from_secs(3);

async fn server(limits: Limits) -> String {
    let router = harden(
        Router::new()
            .route("/ok", get(|| async { "{}" }))
            .route("/echo", post(|_: JsonObject| async { "{}" })),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    tokio::spawn(serve_with(listener, router, limits, pending()));
    addr
}

async fn connect(addr: &str) -> TcpStream {
    TcpStream::connect(addr).await.expect("connect")
}

/// One answer: its head and as many body bytes as `content-length` says; `None` when the
/// server closes the connection first.
async fn answer(stream: &mut TcpStream) -> Option<String> {
    let mut seen = Vec::new();
    let mut chunk = [0_u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&seen).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|line| {
                    line.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|n| n.trim().to_owned())
                })
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            if body.len() >= length {
                return Some(text);
            }
        }
        match stream.read(&mut chunk).await.expect("read") {
            0 => return None,
            n => seen.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Waits for the server to close `stream`, and says how long that took.
async fn closed(stream: &mut TcpStream) -> Duration {
    let started = Instant::now();
    let mut byte = [0_u8; 1];
    let read = timeout(PATIENCE, stream.read(&mut byte))
        .await
        .expect("the server closes the connection in time");
    assert_eq!(read.ok(), Some(0), "closed without a byte");
    started.elapsed()
}

fn limits() -> Limits {
    Limits {
        header_read: SHORT,
        body: SHORT,
        ..Limits::default()
    }
}

const GET_OK: &[u8] = b"GET /ok HTTP/1.1\r\nHost: test\r\n\r\n";

#[tokio::test]
async fn a_silent_connection_is_closed_after_the_header_timeout() {
    let addr = server(limits()).await;
    let mut silent = connect(&addr).await;
    assert!(closed(&mut silent).await >= ALMOST_SHORT);
}

#[tokio::test]
async fn an_idle_connection_is_closed_after_its_answer() {
    let addr = server(limits()).await;
    let mut client = connect(&addr).await;
    client.write_all(GET_OK).await.expect("write");
    let first = answer(&mut client).await.expect("an answer");
    assert!(first.starts_with("HTTP/1.1 200"), "{first}");
    closed(&mut client).await;
}

#[tokio::test]
async fn a_slow_header_is_cut_off() {
    let addr = server(limits()).await;
    let mut client = connect(&addr).await;
    client
        .write_all(b"GET /ok HTTP/1.1\r\nHo")
        .await
        .expect("write");
    closed(&mut client).await;
}

#[tokio::test]
async fn a_body_that_stops_arriving_answers_a_json_408() {
    let addr = server(limits()).await;
    let mut client = connect(&addr).await;
    client
        .write_all(
            b"POST /echo HTTP/1.1\r\nHost: test\r\ncontent-type: application/json\r\n\
              content-length: 40\r\n\r\n{\"name\":",
        )
        .await
        .expect("write");
    let started = Instant::now();
    let refused = timeout(PATIENCE, answer(&mut client))
        .await
        .expect("answered in time")
        .expect("an answer");
    assert!(started.elapsed() >= ALMOST_SHORT);
    assert!(refused.starts_with("HTTP/1.1 408"), "{refused}");
    assert!(
        refused.contains("application/json") && refused.contains(r#"{"message":"Request Timeout"#),
        "{refused}"
    );
}

#[tokio::test]
async fn connections_over_the_limit_wait_for_one_to_end() {
    let addr = server(Limits {
        connections: 2,
        header_read: Duration::from_secs(30),
        ..Limits::default()
    })
    .await;
    let first = connect(&addr).await;
    let _second = connect(&addr).await;
    let mut third = connect(&addr).await;
    third.write_all(GET_OK).await.expect("write");
    assert!(
        timeout(SHORT, answer(&mut third)).await.is_err(),
        "two connections are served at once, not three"
    );
    drop(first);
    let served = timeout(PATIENCE, answer(&mut third))
        .await
        .expect("served once a place is free")
        .expect("an answer");
    assert!(served.starts_with("HTTP/1.1 200"), "{served}");
}

/// hyper refuses a request head it cannot parse before any router runs, with no hook for the
/// body: this documents its bare answer and that the server goes on serving.
#[tokio::test]
async fn an_unparsable_head_gets_hypers_bare_400_and_the_server_goes_on() {
    let addr = server(limits()).await;
    let mut bad = connect(&addr).await;
    bad.write_all(b"GET /\x00 HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .expect("write");
    let refused = answer(&mut bad).await.expect("an answer");
    assert!(refused.starts_with("HTTP/1.1 400"), "{refused}");

    let mut good = connect(&addr).await;
    good.write_all(GET_OK).await.expect("write");
    let served = answer(&mut good).await.expect("an answer");
    assert!(served.starts_with("HTTP/1.1 200"), "{served}");
}
