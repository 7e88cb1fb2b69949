//! Loopback probes: is a port free, does something answer there, does it speak HTTP.

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

const PROBE_TIMEOUT: Duration = Duration::from_millis(500);

/// `127.0.0.1:<port>`.
pub fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

/// Whether a server could listen on `port` (on loopback and on all interfaces).
pub fn port_is_free(port: u16) -> bool {
    TcpListener::bind(loopback(port)).is_ok()
        && TcpListener::bind((Ipv4Addr::UNSPECIFIED, port)).is_ok()
}

/// Fails unless a server could listen on `port`; the hint is `retry` on the next port.
pub fn require_free(port: u16, retry: &str) -> anyhow::Result<()> {
    if port_is_free(port) {
        return Ok(());
    }
    Err(crate::fail(
        format!("port {port} is already in use"),
        format!(
            "pick another one, e.g. {retry} --port {}",
            port.saturating_add(1)
        ),
    ))
}

/// A port nothing listens on right now (the OS picks it).
pub fn free_port() -> anyhow::Result<u16> {
    use crate::failure::Hint as _;
    TcpListener::bind(loopback(0))
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .hint("the machine refused a loopback port; try again")
}

/// Whether something accepts TCP connections on `127.0.0.1:<port>`.
pub fn answers(port: u16) -> bool {
    TcpStream::connect_timeout(&loopback(port), PROBE_TIMEOUT).is_ok()
}

/// Whether an HTTP server answers `GET /` on `127.0.0.1:<port>`, with any status.
/// (A proxy that accepts connections for a server still starting does not count.)
pub fn http_answers(port: u16) -> bool {
    let exchange = || -> std::io::Result<bool> {
        let mut stream = TcpStream::connect_timeout(&loopback(port), PROBE_TIMEOUT)?;
        stream.set_read_timeout(Some(PROBE_TIMEOUT))?;
        stream.set_write_timeout(Some(PROBE_TIMEOUT))?;
        write!(
            stream,
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        )?;
        let mut head = [0; 8];
        stream.read_exact(&mut head)?;
        Ok(head.starts_with(b"HTTP/1."))
    };
    exchange().unwrap_or(false)
}

/// Polls `ready` until it says yes (true) or `timeout` passes (false).
pub fn wait_for(timeout: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if ready() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listening_port_is_taken_and_answers() {
        let listener = TcpListener::bind(loopback(0)).expect("bind");
        let port = listener.local_addr().expect("addr").port();
        assert!(!port_is_free(port));
        let error = require_free(port, "cargo xtask serve 00").expect_err("taken");
        let failure = error.downcast_ref::<crate::Failure>().expect("a failure");
        assert_eq!(failure.reason, format!("port {port} is already in use"));
        assert_eq!(
            failure.hint,
            format!(
                "pick another one, e.g. cargo xtask serve 00 --port {}",
                port.saturating_add(1)
            )
        );
        assert!(answers(port));
        assert!(
            !http_answers(port),
            "a silent listener is not an HTTP server"
        );
        drop(listener);
        assert!(!answers(port));
    }

    #[test]
    fn recognises_an_http_answer() {
        let listener = TcpListener::bind(loopback(0)).expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("accept");
            let mut request = [0; 16];
            let _ = stream.read(&mut request);
            stream
                .write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n")
                .expect("answer");
        });
        assert!(http_answers(port));
        server.join().expect("server thread");
    }
}
