//! The few process operations that differ by platform: detaching a background process, asking
//! one to stop, telling whether one still exists, waiting for a stop request.
//! Unix does them properly; elsewhere they degrade to what std offers and say so.

use std::process::Command;

/// Makes `command` survive the terminal: its own process group, so Ctrl-C in the shell that
/// ran `cargo xtask db up` does not reach it.
pub fn detach(command: &mut Command) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        command.process_group(0);
    }
    #[cfg(not(unix))]
    let _ = command;
}

/// Asks process `pid` to stop (SIGTERM), so it can shut down cleanly.
#[cfg(unix)]
pub fn terminate(pid: u32) -> anyhow::Result<()> {
    use nix::sys::signal::{Signal, kill};
    let pid = unix_pid(pid)?;
    kill(pid, Signal::SIGTERM)
        .map_err(|errno| anyhow::anyhow!("could not signal process {pid}: {}", errno.desc()))
}

#[cfg(not(unix))]
pub fn terminate(pid: u32) -> anyhow::Result<()> {
    Err(crate::fail(
        format!("stopping process {pid} is only supported on Unix"),
        "end it with your task manager, then delete data/dynamodb/engine.json",
    ))
}

/// Whether process `pid` still exists (a zombie counts: use a port probe for "still serving").
#[cfg(unix)]
pub fn exists(pid: u32) -> bool {
    use nix::errno::Errno;
    use nix::sys::signal::kill;
    unix_pid(pid).is_ok_and(|pid| !matches!(kill(pid, None), Err(Errno::ESRCH)))
}

#[cfg(not(unix))]
pub fn exists(_pid: u32) -> bool {
    true
}

#[cfg(unix)]
fn unix_pid(pid: u32) -> anyhow::Result<nix::unistd::Pid> {
    let raw = i32::try_from(pid).map_err(|_| anyhow::anyhow!("{pid} is not a process id"))?;
    Ok(nix::unistd::Pid::from_raw(raw))
}

/// [`stop_requests`] for a command in the foreground: the first Ctrl-C, SIGTERM or closed
/// terminal.
pub fn ctrl_c() -> anyhow::Result<impl Future<Output = ()>> {
    use anyhow::Context as _;

    use crate::failure::Hint as _;
    stop_requests(false)
        .context("cannot listen for Ctrl-C")
        .hint("try again")
}

/// Starts listening for stop requests (Ctrl-C, SIGTERM) right away; the returned future
/// resolves on the first one. With `ignore_hangup`, a closed terminal (SIGHUP) is ignored, so a
/// background engine outlives the shell that started it. Needs a tokio runtime.
pub fn stop_requests(ignore_hangup: bool) -> std::io::Result<impl Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = signal(SignalKind::terminate())?;
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut hangup = signal(SignalKind::hangup())?;
        Ok(async move {
            loop {
                tokio::select! {
                    _ = terminate.recv() => return,
                    _ = interrupt.recv() => return,
                    _ = hangup.recv() => if !ignore_hangup { return },
                }
            }
        })
    }
    #[cfg(not(unix))]
    {
        let _ = ignore_hangup;
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn this_process_exists_and_a_finished_one_does_not() {
        assert!(exists(std::process::id()));
        let mut child = Command::new("true").spawn().expect("spawn true");
        let pid = child.id();
        child.wait().expect("reaped");
        assert!(!exists(pid));
    }
}
