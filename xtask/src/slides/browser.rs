//! The deck in a real browser: headless Chromium, driven over the Chrome `DevTools` Protocol on
//! a small WebSocket client. It visits every slide at 1280×720 and fails on a slide whose
//! content overflows, on a broken image, on a console error; it presses the keys a presenter
//! presses; it saves a screenshot of every slide. The same session prints the PDF.
//!
//! Chromium is started with `--remote-debugging-port=0` (it picks a free port and says which
//! on stderr) and a fresh profile, without background traffic (this machine's network refuses
//! it, and a conference one may not be there). Every wait has a deadline, and the browser's
//! whole process group is killed however the run ends.

use std::collections::VecDeque;
use std::io::{BufRead as _, BufReader};
use std::net::{TcpStream, ToSocketAddrs as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail};
use base64::Engine as _;
use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

use crate::cmd;
use crate::failure::{Hint as _, fail};

pub const INSTALL_HINT: &str = "install Chromium: apt-get install -y chromium (Debian, Ubuntu; \
                                .ci/run does it), or set CHROMIUM to a Chrome or Chromium binary";
pub const WIDTH: u32 = 1280;
pub const HEIGHT: u32 = 720;

const LAUNCH_TIMEOUT: Duration = Duration::from_secs(30);
const CALL_TIMEOUT: Duration = Duration::from_secs(30);
const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one socket read waits before the deadline is looked at again.
const POLL: Duration = Duration::from_millis(200);

/// The flags every run uses: headless, a `DevTools` port of Chromium's choosing, no sandbox
/// (CI runs as root), and nothing that phones home.
const FLAGS: [&str; 13] = [
    "--headless",
    "--remote-debugging-port=0",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
];

/// The Chromium to run: `CHROMIUM` when set, else the first of the usual names on `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM").filter(|path| !path.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|candidate| candidate.is_file())
}

/// The Chromium to run, or the failure that says how to install it.
pub fn require_chromium() -> anyhow::Result<PathBuf> {
    find_chromium().ok_or_else(|| {
        fail(
            "Chromium is not installed (no chromium on PATH)",
            INSTALL_HINT,
        )
    })
}

/// The browser process and its profile; dropping it kills the process group and deletes the
/// profile, on every way out.
struct Process {
    child: Child,
    profile: PathBuf,
}

impl Drop for Process {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Ok(pid) = i32::try_from(self.child.id()) {
            // Chromium's renderers and zygote share its process group (it leads one).
            let _ = nix::sys::signal::killpg(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A Chromium with one `DevTools` connection.
pub struct Browser {
    socket: WebSocket<TcpStream>,
    next_id: u64,
    /// Events that arrived while a call waited for its answer.
    events: VecDeque<Value>,
    process: Process,
}

/// The `DevTools` address Chromium prints on stderr when it listens.
pub fn devtools_url(line: &str) -> Option<&str> {
    let at = line.find("DevTools listening on ")? + "DevTools listening on ".len();
    let url = line[at..].trim();
    url.starts_with("ws://").then_some(url)
}

impl Browser {
    /// Starts Chromium with a fresh profile in `profile` and connects to it.
    pub fn launch(program: &Path, profile: &Path) -> anyhow::Result<Self> {
        let _ = std::fs::remove_dir_all(profile);
        std::fs::create_dir_all(profile)
            .with_context(|| format!("cannot create {}", profile.display()))
            .hint("check that the target folder is writable")?;
        let mut command = Command::new(program);
        command
            .args(FLAGS)
            .arg(format!("--window-size={WIDTH},{HEIGHT}"))
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt as _;
            command.process_group(0);
        }
        println!("$ {}", cmd::display(&command));
        let mut child = match command.spawn() {
            Ok(child) => child,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(fail(
                    format!("{} is not installed", program.display()),
                    INSTALL_HINT,
                ));
            }
            Err(error) => {
                return Err(fail(
                    format!("cannot start {}: {error}", program.display()),
                    INSTALL_HINT,
                ));
            }
        };
        let stderr = child.stderr.take();
        let process = Process {
            child,
            profile: profile.to_path_buf(),
        };
        let (sender, receiver) = mpsc::channel();
        if let Some(stderr) = stderr {
            // Read stderr to its end, or Chromium blocks once the pipe is full.
            std::thread::spawn(move || {
                let mut last = String::new();
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if let Some(url) = devtools_url(&line) {
                        let _ = sender.send(Ok(url.to_owned()));
                    } else if !line.trim().is_empty() {
                        last = line;
                    }
                }
                let _ = sender.send(Err(last));
            });
        }
        let url = match receiver.recv_timeout(LAUNCH_TIMEOUT) {
            Ok(Ok(url)) => url,
            Ok(Err(last)) => {
                return Err(fail(
                    format!("Chromium stopped before it listened for DevTools: {last}"),
                    INSTALL_HINT,
                ));
            }
            Err(_) => {
                return Err(fail(
                    format!(
                        "Chromium did not say where DevTools listens within {} s",
                        LAUNCH_TIMEOUT.as_secs()
                    ),
                    "run the command above by hand to see what it does",
                ));
            }
        };
        let socket = connect(&url)?;
        Ok(Self {
            socket,
            next_id: 1,
            events: VecDeque::new(),
            process,
        })
    }

    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> anyhow::Result<u64> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "id": id, "method": method });
        message["params"] = params;
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .with_context(|| format!("cannot send {method} to Chromium"))?;
        Ok(id)
    }

    /// The next message from Chromium, waiting until `deadline`.
    fn read(&mut self, deadline: Instant, waiting_for: &str) -> anyhow::Result<Value> {
        loop {
            if Instant::now() >= deadline {
                bail!("Chromium did not answer {waiting_for} in time");
            }
            match self.socket.read() {
                Ok(Message::Text(text)) => {
                    return serde_json::from_str(text.as_str())
                        .context("Chromium sent something that is not JSON");
                }
                Ok(Message::Close(_)) => bail!("Chromium closed the DevTools connection"),
                Ok(_) => {}
                Err(tungstenite::Error::Io(error))
                    if matches!(
                        error.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(error) => return Err(anyhow!("the DevTools connection broke: {error}")),
            }
        }
    }

    /// Calls a `DevTools` method and returns its result; events that come first are kept.
    pub fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> anyhow::Result<Value> {
        let id = self.send(session, method, params)?;
        let deadline = Instant::now() + CALL_TIMEOUT;
        loop {
            let message = self.read(deadline, method)?;
            if message.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(error) = message.get("error") {
                    bail!("Chromium refused {method}: {error}");
                }
                return Ok(message.get("result").cloned().unwrap_or(Value::Null));
            }
            if message.get("method").is_some() {
                self.events.push_back(message);
            }
        }
    }

    /// Waits for an event of `method` in `session`.
    pub fn wait_event(
        &mut self,
        session: &str,
        method: &str,
        timeout: Duration,
    ) -> anyhow::Result<Value> {
        let matches = |event: &Value| {
            event.get("method").and_then(Value::as_str) == Some(method)
                && event.get("sessionId").and_then(Value::as_str) == Some(session)
        };
        if let Some(at) = self.events.iter().position(matches) {
            return Ok(self.events.remove(at).unwrap_or(Value::Null));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let message = self.read(deadline, method)?;
            if matches(&message) {
                return Ok(message);
            }
            if message.get("method").is_some() {
                self.events.push_back(message);
            }
        }
    }

    /// The events received so far, in order, and forgets them.
    pub fn take_events(&mut self) -> Vec<Value> {
        self.events.drain(..).collect()
    }

    /// A new page at `WIDTH`×`HEIGHT`, attached with its console and log reported: its session.
    pub fn open_page(&mut self) -> anyhow::Result<String> {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }))?;
        let target = target
            .get("targetId")
            .and_then(Value::as_str)
            .context("Chromium created no page")?
            .to_owned();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        )?;
        let session = attached
            .get("sessionId")
            .and_then(Value::as_str)
            .context("Chromium attached no session to the page")?
            .to_owned();
        for method in ["Page.enable", "Runtime.enable", "Log.enable"] {
            self.call(Some(&session), method, json!({}))?;
        }
        self.call(
            Some(&session),
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": false }),
        )?;
        // Key events reach a page only when it has focus, which a headless page lacks.
        let _ = self.call(
            Some(&session),
            "Emulation.setFocusEmulationEnabled",
            json!({ "enabled": true }),
        );
        Ok(session)
    }

    /// Loads `url` and waits for its load event (images decoded, scripts run).
    pub fn navigate(&mut self, session: &str, url: &str) -> anyhow::Result<()> {
        let answer = self.call(Some(session), "Page.navigate", json!({ "url": url }))?;
        if let Some(error) = answer.get("errorText").and_then(Value::as_str) {
            bail!("Chromium cannot open {url}: {error}");
        }
        self.wait_event(session, "Page.loadEventFired", CALL_TIMEOUT)?;
        Ok(())
    }

    /// Evaluates JavaScript in the page (awaiting a promise) and returns its value.
    pub fn evaluate(&mut self, session: &str, expression: &str) -> anyhow::Result<Value> {
        let answer = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        )?;
        if let Some(details) = answer.get("exceptionDetails") {
            let text = details
                .pointer("/exception/description")
                .or_else(|| details.get("text"))
                .and_then(Value::as_str)
                .unwrap_or("an exception");
            bail!("the page threw while evaluating `{expression}`: {text}");
        }
        Ok(answer
            .pointer("/result/value")
            .cloned()
            .unwrap_or(Value::Null))
    }

    /// Presses a key as a keyboard does (key down, key up).
    pub fn press(&mut self, session: &str, key: &str) -> anyhow::Result<()> {
        let (code, key_code) = match key {
            "ArrowRight" => ("ArrowRight", 39),
            "ArrowLeft" => ("ArrowLeft", 37),
            "Home" => ("Home", 36),
            "End" => ("End", 35),
            " " => ("Space", 32),
            "s" => ("KeyS", 83),
            other => bail!("the browser test cannot press {other}"),
        };
        for kind in ["keyDown", "keyUp"] {
            self.call(
                Some(session),
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code }),
            )?;
        }
        Ok(())
    }

    /// The page as a PNG.
    pub fn screenshot(&mut self, session: &str) -> anyhow::Result<Vec<u8>> {
        let answer = self.call(
            Some(session),
            "Page.captureScreenshot",
            json!({ "format": "png" }),
        )?;
        decode(&answer, "the screenshot")
    }

    /// The page printed as a PDF, at the page size its CSS asks for.
    pub fn pdf(&mut self, session: &str) -> anyhow::Result<Vec<u8>> {
        let answer = self.call(
            Some(session),
            "Page.printToPDF",
            json!({ "printBackground": true, "preferCSSPageSize": true }),
        )?;
        decode(&answer, "the PDF")
    }

    /// Asks Chromium to quit and waits a little; the process is killed after that anyway.
    pub fn close(mut self) {
        // Chromium may close the connection before it answers.
        let _ = self.send(None, "Browser.close", json!({}));
        let deadline = Instant::now() + CLOSE_TIMEOUT;
        while Instant::now() < deadline {
            if matches!(self.process.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(POLL);
        }
    }
}

fn decode(answer: &Value, what: &str) -> anyhow::Result<Vec<u8>> {
    let data = answer
        .get("data")
        .and_then(Value::as_str)
        .with_context(|| format!("Chromium sent no data for {what}"))?;
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .with_context(|| format!("Chromium sent {what} in something that is not base64"))
}

/// Connects to a `DevTools` WebSocket URL with deadlines on connecting and on every read.
fn connect(url: &str) -> anyhow::Result<WebSocket<TcpStream>> {
    let authority = url
        .strip_prefix("ws://")
        .and_then(|rest| rest.split('/').next())
        .with_context(|| format!("Chromium printed an unusable DevTools URL: {url}"))?;
    let address = authority
        .to_socket_addrs()
        .ok()
        .and_then(|mut addresses| addresses.next())
        .with_context(|| format!("Chromium printed an unusable DevTools address: {authority}"))?;
    let stream = TcpStream::connect_timeout(&address, CALL_TIMEOUT)
        .with_context(|| format!("cannot connect to Chromium's DevTools at {address}"))?;
    stream.set_read_timeout(Some(CALL_TIMEOUT))?;
    stream.set_write_timeout(Some(CALL_TIMEOUT))?;
    let (socket, _) = tungstenite::client(url, stream)
        .map_err(|error| anyhow!("the DevTools WebSocket handshake failed: {error}"))?;
    socket.get_ref().set_read_timeout(Some(POLL))?;
    Ok(socket)
}

/// A `file://` URL for a local file, its path percent-encoded.
pub fn file_url(path: &Path) -> String {
    let path = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !path.starts_with('/') {
        url.push('/');
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            url.push('%');
            url.push(char::from(HEX[usize::from(byte >> 4)]));
            url.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    url
}

/// The console errors, uncaught exceptions and error log entries among `DevTools` events.
pub fn console_errors(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .filter_map(|event| {
            let params = event.get("params")?;
            match event.get("method")?.as_str()? {
                "Runtime.consoleAPICalled" => {
                    let kind = params.get("type")?.as_str()?;
                    if kind != "error" && kind != "assert" {
                        return None;
                    }
                    let words: Vec<String> = params
                        .get("args")?
                        .as_array()?
                        .iter()
                        .map(|arg| match arg.get("value") {
                            Some(Value::String(text)) => text.clone(),
                            Some(value) => value.to_string(),
                            None => arg
                                .get("description")
                                .and_then(Value::as_str)
                                .unwrap_or("?")
                                .to_owned(),
                        })
                        .collect();
                    Some(format!("console.{kind}: {}", words.join(" ")))
                }
                "Runtime.exceptionThrown" => {
                    let details = params.get("exceptionDetails")?;
                    let text = details
                        .pointer("/exception/description")
                        .or_else(|| details.get("text"))
                        .and_then(Value::as_str)
                        .unwrap_or("an uncaught exception");
                    Some(format!("uncaught: {}", text.lines().next().unwrap_or(text)))
                }
                "Log.entryAdded" => {
                    let entry = params.get("entry")?;
                    if entry.get("level")?.as_str()? != "error" {
                        return None;
                    }
                    let text = entry.get("text")?.as_str()?;
                    match entry.get("url").and_then(Value::as_str) {
                        Some(url) if !url.is_empty() && !url.starts_with("data:") => {
                            Some(format!("{text} ({url})"))
                        }
                        _ => Some(text.to_owned()),
                    }
                }
                _ => None,
            }
        })
        .collect()
}

/// Visits slide `index` and measures it: whether the deck moved there, what sticks out of
/// the slide's content box (or is cut off inside it), which images did not load.
const MEASURE: &str = r#"(index) => {
  const moved = window.deck.go(index);
  const slide = document.querySelectorAll(".slide")[index];
  const body = slide.querySelector(".body");
  const box = body.getBoundingClientRect();
  const style = getComputedStyle(body);
  const inner = {
    left: box.left + parseFloat(style.paddingLeft) - 1,
    right: box.right - parseFloat(style.paddingRight) + 1,
    top: box.top + parseFloat(style.paddingTop) - 1,
    bottom: box.bottom - parseFloat(style.paddingBottom) + 1,
  };
  const describe = (el) => {
    const text = (el.innerText || el.getAttribute("alt") || "").trim().replace(/\s+/g, " ");
    return el.tagName.toLowerCase() + (text ? ` "${text.slice(0, 50)}"` : "");
  };
  const offenders = [];
  const overflow = [];
  for (const el of body.querySelectorAll("*")) {
    if (offenders.some((outer) => outer.contains(el))) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const past = [];
    if (r.bottom > inner.bottom) past.push(`${Math.round(r.bottom - inner.bottom)} px below`);
    if (r.right > inner.right) past.push(`${Math.round(r.right - inner.right)} px right of`);
    if (r.left < inner.left || r.top < inner.top) past.push("outside");
    if (past.length === 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "hidden") {
      past.push(`cut off by ${el.scrollWidth - el.clientWidth} px`);
    }
    if (past.length > 0) {
      offenders.push(el);
      overflow.push(`${describe(el)} ${past.join(", ")} the content area`);
    }
  }
  const broken = Array.from(slide.querySelectorAll("img"))
    .filter((img) => !(img.complete && img.naturalWidth > 0))
    .map((img) => img.getAttribute("alt") || img.src.slice(0, 40));
  return { moved, overflow, broken };
}"#;

/// Two animation frames: what was laid out is on screen before the screenshot.
const PAINTED: &str = "new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))";

/// What the browser test found.
#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<String>,
    pub screenshots: Vec<PathBuf>,
}

/// Opens the deck at `index` and visits every slide (`names` name them in messages), then
/// drives it with the keyboard and opens the notes; screenshots go to `screenshots`.
pub fn test_deck(
    chromium: &Path,
    index: &Path,
    names: &[String],
    screenshots: &Path,
    profile: &Path,
) -> anyhow::Result<Report> {
    std::fs::create_dir_all(screenshots)
        .with_context(|| format!("cannot create {}", screenshots.display()))?;
    for old in std::fs::read_dir(screenshots)?.flatten() {
        if old.path().extension().is_some_and(|e| e == "png") {
            let _ = std::fs::remove_file(old.path());
        }
    }
    let mut browser = Browser::launch(chromium, profile)?;
    let session = browser.open_page()?;
    browser.navigate(&session, &file_url(index))?;
    let mut report = Report::default();
    for error in console_errors(&browser.take_events()) {
        report.problems.push(format!("loading the deck: {error}"));
    }
    let count = browser
        .evaluate(&session, "window.deck.count()")?
        .as_u64()
        .and_then(|count| usize::try_from(count).ok())
        .context("the deck does not say how many slides it has")?;
    if count != names.len() {
        report.problems.push(format!(
            "the page has {count} slides, the deck {}",
            names.len()
        ));
    }
    for (index, name) in names.iter().enumerate().take(count) {
        let measured = browser.evaluate(&session, &format!("({MEASURE})({index})"))?;
        browser.evaluate(&session, PAINTED)?;
        let png = browser.screenshot(&session)?;
        let file = screenshots.join(format!("slide-{:02}.png", index + 1));
        std::fs::write(&file, png).with_context(|| format!("cannot write {}", file.display()))?;
        report.screenshots.push(file);
        let before = report.problems.len();
        if measured.get("moved").and_then(Value::as_u64) != u64::try_from(index).ok() {
            report
                .problems
                .push(format!("{name}: the deck did not move to it"));
        }
        for item in strings(&measured, "overflow") {
            report
                .problems
                .push(format!("{name}: overflows {WIDTH}×{HEIGHT}: {item}"));
        }
        for item in strings(&measured, "broken") {
            report.problems.push(format!("{name}: broken image {item}"));
        }
        for error in console_errors(&browser.take_events()) {
            report.problems.push(format!("{name}: {error}"));
        }
        let verdict = if report.problems.len() == before {
            "ok"
        } else {
            "FAILED"
        };
        println!("  {verdict:<6} {name}");
    }
    keyboard(&mut browser, &session, count, &mut report)?;
    browser.close();
    Ok(report)
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// The keys a presenter uses, pressed for real: next, previous, End, Home, space, and `s` for
/// the notes of the current slide.
fn keyboard(
    browser: &mut Browser,
    session: &str,
    count: usize,
    report: &mut Report,
) -> anyhow::Result<()> {
    if count < 2 {
        return Ok(());
    }
    let last = count - 1;
    browser.evaluate(session, "window.deck.go(0)")?;
    for (key, expected) in [
        ("ArrowRight", 1),
        ("ArrowLeft", 0),
        ("End", last),
        ("Home", 0),
        (" ", 1),
    ] {
        browser.press(session, key)?;
        let now = browser.evaluate(session, "window.deck.current()")?;
        if now.as_u64() != u64::try_from(expected).ok() {
            let shown = if key == " " { "space" } else { key };
            report.problems.push(format!(
                "the {shown} key moved the deck to slide index {now}, not {expected}"
            ));
        }
    }
    browser.press(session, "s")?;
    let notes = browser.evaluate(
        session,
        "(() => { const meta = JSON.parse(document.getElementById('deck-meta').textContent)[window.deck.current()]; \
         const shown = window.deck.notesText(); \
         return { open: window.deck.notesOpen(), shows: shown.includes(meta.notes.split('\\n')[0]) && shown.includes('elapsed') }; })()",
    )?;
    if notes.get("open") != Some(&Value::Bool(true)) {
        report
            .problems
            .push("the s key opened no speaker notes".into());
    } else if notes.get("shows") != Some(&Value::Bool(true)) {
        report
            .problems
            .push("the speaker notes do not show the current slide's notes and the clock".into());
    }
    browser.evaluate(session, "window.deck.closeNotes()")?;
    for error in console_errors(&browser.take_events()) {
        report.problems.push(format!("pressing keys: {error}"));
    }
    Ok(())
}

/// Prints the deck at `index` to a PDF, one slide a page.
pub fn print_pdf(chromium: &Path, index: &Path, pdf: &Path, profile: &Path) -> anyhow::Result<()> {
    let mut browser = Browser::launch(chromium, profile)?;
    let session = browser.open_page()?;
    browser.navigate(&session, &file_url(index))?;
    let bytes = browser.pdf(&session)?;
    browser.close();
    std::fs::write(pdf, bytes).with_context(|| format!("cannot write {}", pdf.display()))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::super::deck::{Deck, Part, Slide};
    use super::super::html;
    use super::*;

    #[test]
    fn reads_the_devtools_address_from_chromium_stderr() {
        assert_eq!(
            devtools_url("\nDevTools listening on ws://127.0.0.1:41233/devtools/browser/ab-cd\n"),
            Some("ws://127.0.0.1:41233/devtools/browser/ab-cd")
        );
        assert_eq!(
            devtools_url("[1201/0955:ERROR:dbus] Failed to call method"),
            None
        );
    }

    #[test]
    fn tells_console_errors_from_other_events() {
        let events: Vec<Value> = serde_json::from_str(
            r#"[
              {"method": "Runtime.consoleAPICalled", "params": {"type": "error", "args": [{"type": "string", "value": "boom"}, {"type": "number", "value": 3}]}},
              {"method": "Runtime.consoleAPICalled", "params": {"type": "log", "args": [{"type": "string", "value": "fine"}]}},
              {"method": "Runtime.exceptionThrown", "params": {"exceptionDetails": {"text": "Uncaught", "exception": {"description": "TypeError: x is undefined\n    at deck.js:3"}}}},
              {"method": "Log.entryAdded", "params": {"entry": {"level": "error", "text": "Failed to load resource", "url": "file:///x.png"}}},
              {"method": "Log.entryAdded", "params": {"entry": {"level": "warning", "text": "meh"}}},
              {"method": "Page.loadEventFired", "params": {}}
            ]"#,
        )
        .expect("json");
        assert_eq!(
            console_errors(&events),
            [
                "console.error: boom 3",
                "uncaught: TypeError: x is undefined",
                "Failed to load resource (file:///x.png)",
            ]
        );
    }

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/work/my deck/index.html")),
            "file:///work/my%20deck/index.html"
        );
    }

    /// The browser test on a deck built to fail it: a slide that overflows, one with a broken
    /// image, a script that logs an error; and one clean slide that passes.
    #[test]
    fn the_browser_test_catches_overflow_broken_images_and_console_errors() {
        let Some(chromium) = find_chromium() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI needs Chromium for the browser test: {INSTALL_HINT}"
            );
            eprintln!("skipped: no Chromium on PATH ({INSTALL_HINT})");
            return;
        };
        let slide = |number: usize, text: String| Slide {
            file: "slides/test.md".into(),
            line: number,
            number,
            title: Some(format!("S{number}")),
            notes: vec![format!("Notes of slide {number}.")],
            text,
        };
        let tall = (0..40)
            .map(|n| format!("- item {n}"))
            .collect::<Vec<_>>()
            .join("\n");
        let deck = Deck {
            parts: vec![Part {
                file: "slides/test.md".into(),
                title: "Test".into(),
                minutes: 4,
                start: 0,
                slides: vec![
                    slide(1, "# Fine\n\nShort.\n".into()),
                    slide(2, format!("# Too long\n\n{tall}")),
                    slide(
                        3,
                        "# Broken\n\n<img alt=\"nothing\" src=\"data:image/png;base64,AAAA\">\n"
                            .into(),
                    ),
                    slide(
                        4,
                        "# Script\n\n<script>console.error('boom')</script>\n".into(),
                    ),
                ],
            }],
        };
        let dir = std::env::temp_dir().join(format!("xtask-browser-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let page = html::render(&deck, &BTreeMap::new(), &dir).expect("renders");
        let index = dir.join("index.html");
        std::fs::write(&index, page).expect("write");
        let names: Vec<String> = deck.slides().map(Slide::name).collect();
        let report = test_deck(
            &chromium,
            &index,
            &names,
            &dir.join("screenshots"),
            &dir.join("profile"),
        )
        .expect("the browser runs");
        let problems = report.problems.join("\n");
        assert_eq!(report.problems.len(), 3, "{problems}");
        assert!(
            report.problems[0].starts_with("loading the deck: console.error: boom"),
            "{problems}"
        );
        assert!(
            report.problems[1]
                .starts_with("slides/test.md:2 (slide 2, \"S2\"): overflows 1280×720: ul"),
            "{problems}"
        );
        assert!(report.problems[1].contains("px below"), "{problems}");
        assert_eq!(
            report.problems[2],
            "slides/test.md:3 (slide 3, \"S3\"): broken image nothing"
        );
        assert_eq!(report.screenshots.len(), 4);
        for shot in &report.screenshots {
            let bytes = std::fs::read(shot).expect("a screenshot");
            assert_eq!(&bytes[..4], b"\x89PNG", "{} is a PNG", shot.display());
        }
        assert!(
            !dir.join("profile").exists(),
            "the profile goes with the browser"
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
