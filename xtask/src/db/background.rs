//! The embedded DynamoDB as a background process: `db up` starts this very binary as
//! `xtask db engine --port P --data DIR`, detached, logging to `data/dynamodb/engine.log`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::Context as _;

use super::state::{Kind, State};
use crate::failure::{Hint as _, fail};
use crate::{cmd, net, process, workspace};

pub const DEFAULT_PORT: u16 = 8000;
const START_TIMEOUT: Duration = Duration::from_secs(15);
const STOP_TIMEOUT: Duration = Duration::from_secs(10);

/// The hidden `db engine` subcommand: the background process itself.
#[derive(Debug, clap::Args)]
pub struct EngineArgs {
    #[arg(long)]
    pub port: u16,
    /// The folder holding `library.db`.
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,
}

/// The database file inside a data folder.
pub fn database_file(data_dir: &Path) -> PathBuf {
    data_dir.join("library.db")
}

fn log_file() -> PathBuf {
    workspace::dynamodb_dir().join("engine.log")
}

/// Moves a non-empty `log` aside (`engine.previous.log`), so the log of an engine that crashed
/// survives the next `db up`; where it went, if it was moved.
fn keep_previous(log: &Path) -> anyhow::Result<Option<PathBuf>> {
    let written = std::fs::metadata(log).is_ok_and(|meta| meta.len() > 0);
    if !written {
        return Ok(None);
    }
    let kept = log.with_extension("previous.log");
    std::fs::rename(log, &kept)
        .with_context(|| format!("cannot move {} aside", workspace::show(log)))
        .hint("check that the data/ folder is writable")?;
    Ok(Some(kept))
}

/// Starts the engine in the background and waits until it accepts connections.
pub fn start(port: u16, data_dir: &Path) -> anyhow::Result<State> {
    net::require_free(port, "cargo xtask db up")?;
    let data_dir = std::path::absolute(data_dir)
        .and_then(|dir| std::fs::create_dir_all(&dir).map(|()| dir))
        .with_context(|| format!("cannot create the data folder {}", data_dir.display()))
        .hint("pass a writable folder with --data")?;
    let log_path = log_file();
    if let Some(kept) = keep_previous(&log_path)? {
        println!(
            "the previous engine's log is kept as {}",
            workspace::show(&kept)
        );
    }
    let (stdout_log, stderr_log) = log_path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| File::create(&log_path))
        .and_then(|log| Ok((log.try_clone()?, log)))
        .with_context(|| format!("cannot create {}", workspace::show(&log_path)))
        .hint("check that the data/ folder is writable")?;

    let exe = std::env::current_exe()
        .context("cannot find the xtask executable")
        .hint("run it through cargo: cargo xtask db up")?;
    let mut command = Command::new(exe);
    command
        .current_dir(workspace::root())
        .args(["db", "engine", "--port", &port.to_string(), "--data"])
        .arg(&data_dir)
        .stdin(Stdio::null())
        .stdout(stdout_log)
        .stderr(stderr_log);
    process::detach(&mut command);
    println!(
        "$ {} &  # in the background, log in {}",
        cmd::display(&command),
        workspace::show(&log_path)
    );
    let mut child = command
        .spawn()
        .context("cannot start the embedded DynamoDB")
        .hint("check that target/ holds a runnable xtask binary")?;

    let mut exited = None;
    let ready = net::wait_for(START_TIMEOUT, || {
        exited = child.try_wait().ok().flatten();
        exited.is_some() || net::answers(port)
    });
    let why_not = |what: String| {
        fail(
            format!("{what}: {}", last_line(&log_path)),
            format!("see {}", workspace::show(&log_path)),
        )
    };
    if let Some(status) = exited {
        return Err(why_not(format!(
            "the embedded DynamoDB stopped at once ({status})"
        )));
    }
    if !ready {
        let _ = child.kill();
        return Err(why_not(format!(
            "the embedded DynamoDB did not answer on port {port} within {}s",
            START_TIMEOUT.as_secs()
        )));
    }
    Ok(State {
        engine: Kind::Embedded,
        pid: Some(child.id()),
        port,
        endpoint: format!("http://{}", net::loopback(port)),
        data: database_file(&data_dir),
    })
}

/// Why the engine failed, from its log: its `error:` line, else its last line.
fn last_line(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines = || {
        text.lines()
            .rev()
            .map(str::trim)
            .filter(|line| !line.is_empty())
    };
    lines()
        .find_map(|line| line.strip_prefix("error: "))
        .or_else(|| lines().next())
        .unwrap_or("it logged nothing")
        .to_owned()
}

/// Asks the engine to stop and waits until its port closes.
pub fn stop(state: &State) -> anyhow::Result<()> {
    let Some(pid) = state.pid else {
        return Ok(());
    };
    println!(
        "stopping the embedded DynamoDB (pid {pid}, {})",
        state.endpoint
    );
    process::terminate(pid).hint(format!(
        "stop process {pid} yourself, then delete {}",
        workspace::show(&super::state::path())
    ))?;
    if net::wait_for(STOP_TIMEOUT, || !state.is_serving()) {
        Ok(())
    } else {
        Err(fail(
            format!(
                "the embedded DynamoDB (pid {pid}) still runs {}s after being asked to stop",
                STOP_TIMEOUT.as_secs()
            ),
            format!("end it with kill -9 {pid}, then run cargo xtask db down again"),
        ))
    }
}

/// Serves the file-backed engine until SIGTERM or Ctrl-C; ignores a closed terminal.
pub fn serve_engine(args: &EngineArgs) -> anyhow::Result<()> {
    let file = database_file(&args.data);
    crate::runtime()?.block_on(async {
        let engine = embedded_dynamodb::Engine::file_backed(&file, net::loopback(args.port))
            .await
            .hint("is another program using this port or database file?")?;
        let stop = process::stop_requests(true)
            .context("cannot listen for stop signals")
            .hint("stop it with kill -9, then run cargo xtask db down")?;
        println!(
            "embedded DynamoDB (dynoxide) serving {} with data in {} (pid {})",
            engine.endpoint(),
            file.display(),
            std::process::id()
        );
        stop.await;
        println!("stop requested; finishing requests in flight");
        engine.stop().await;
        println!("stopped");
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::keep_previous;

    #[test]
    fn a_written_log_is_kept_aside_an_empty_one_is_not() {
        let dir = std::env::temp_dir().join(format!("xtask-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        let log = dir.join("engine.log");
        assert_eq!(keep_previous(&log).ok(), Some(None), "no log yet");
        std::fs::write(&log, "").expect("write");
        assert_eq!(keep_previous(&log).ok(), Some(None), "an empty log");
        std::fs::write(&log, "panicked at ...\n").expect("write");
        let kept = keep_previous(&log).ok().flatten().expect("moved aside");
        assert_eq!(kept, dir.join("engine.previous.log"));
        assert_eq!(
            std::fs::read_to_string(&kept).ok().as_deref(),
            Some("panicked at ...\n")
        );
        assert!(!log.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
