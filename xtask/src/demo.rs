//! `demo <step> [--url URL] [--pause]`: serve a step and play its scripted walk-through
//! (`support/scenario`), printing every request and answer the way `curl -v` does, and which
//! Lambda function answered when the API is an approach behind `lambda serve`.

use std::fmt::Write as _;
use std::path::Path;

use scenario::{Exchange, Scenario};
use tokio::io::{AsyncBufReadExt as _, BufReader};

use crate::failure::{Hint as _, fail};
use crate::serve::{self, Data, Storage};
use crate::style::Style;
use crate::targets::{self, Kind, Target};
use crate::{net, process, workspace};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The step: full name, unique prefix or number (`step-00-crud`, `00`, `crud`).
    pub step: String,
    /// Play against this running API (plain HTTP, e.g. `http://localhost:3000`) instead of
    /// serving the step.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Wait for Enter after each answer, so a presenter can talk about it.
    #[arg(long)]
    pub pause: bool,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let step = targets::find(
        &workspace::root(),
        &[Kind::Step],
        &args.step,
        "cargo xtask demo",
    )?;
    let scenario = scenario::for_step(&step.name).ok_or_else(|| {
        fail(
            format!("{} has no walk-through", step.name),
            "scenario::for_step in support/scenario/src/lib.rs says which steps have one",
        )
    })?;
    if let Some(url) = &args.url {
        let url = base_url(url)?;
        return crate::runtime()?.block_on(async {
            let ctrl_c = process::ctrl_c()?;
            tokio::pin!(ctrl_c);
            play(scenario, &step.name, &url, args.pause, &mut ctrl_c).await
        });
    }
    let binary = serve::build(&step)?;
    crate::runtime()?.block_on(serve_and_play(&step, &binary, scenario, args.pause))
}

/// `localhost:3000` and `http://localhost:3000/` both mean `http://localhost:3000`.
fn base_url(url: &str) -> anyhow::Result<String> {
    let url = url.trim().trim_end_matches('/');
    if url.starts_with("https://") {
        return Err(fail(
            format!("{url}: the demo speaks plain HTTP only"),
            "point it at a local server, e.g. --url http://localhost:3000",
        ));
    }
    if url.is_empty() {
        return Err(fail("--url is empty", "e.g. --url http://localhost:3000"));
    }
    Ok(if url.starts_with("http://") {
        url.to_owned()
    } else {
        format!("http://{url}")
    })
}

/// Serves the step on a free port against a DynamoDB (a fresh in-memory one unless one runs),
/// plays the walk-through, and stops what it started.
async fn serve_and_play(
    step: &Target,
    binary: &Path,
    scenario: &Scenario,
    pause: bool,
) -> anyhow::Result<()> {
    Storage::run(Data::Memory, async |endpoint| {
        let ctrl_c = process::ctrl_c()?;
        tokio::pin!(ctrl_c);
        let port = net::free_port()?;
        // The step's own logs would interleave with the conversation; warnings still show.
        let log = std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".to_owned());
        let mut server = serve::spawn_step(step, binary, port, endpoint, &[("RUST_LOG", &log)])?;
        let outcome = async {
            if !server.wait_until_serving(&mut ctrl_c, serve::POLL).await? {
                return Ok(());
            }
            let url = format!("http://{}", net::loopback(port));
            play(scenario, &step.name, &url, pause, &mut ctrl_c).await
        }
        .await;
        server.stop().await;
        outcome
    })
    .await
}

async fn play(
    scenario: &Scenario,
    step: &str,
    url: &str,
    pause: bool,
    ctrl_c: &mut (impl Future<Output = ()> + Unpin),
) -> anyhow::Result<()> {
    let style = Style::stdout();
    let total = scenario.steps.len();
    println!();
    println!(
        "{}",
        style.bold(&format!(
            "{step} at {url}: the `{}` walk-through, {total} requests ({})",
            scenario.name, scenario.summary
        ))
    );
    let mut shown = 0;
    let mut enter = pause.then(|| BufReader::new(tokio::io::stdin()).lines());
    let run = scenario::run_each(scenario, url, async |exchange| {
        shown += 1;
        print!("{}", render(shown, total, exchange, style));
        if let Some(lines) = enter.as_mut().filter(|_| shown < total) {
            print!(
                "{}",
                style.dim("(Enter for the next request, Ctrl-C to stop) ")
            );
            let _ = std::io::Write::flush(&mut std::io::stdout());
            // End of input (stdin closed or not a terminal) stops pausing, not the demo.
            if !matches!(lines.next_line().await, Ok(Some(_))) {
                enter = None;
            }
        }
    });
    tokio::select! {
        result = run => match result {
            Ok(exchanges) => {
                println!();
                println!("{} requests, each answered as the step's README says", exchanges.len());
                Ok(())
            }
            Err(error @ scenario::Error::UnexpectedStatus { .. }) => Err(fail(
                error,
                format!(
                    "the step does not do what its walk-through expects: compare cargo xtask \
                     api show {step} with support/scenario"
                ),
            )),
            Err(error) => Err(error).hint(format!("is the API at {url} up and answering?")),
        },
        () = ctrl_c => {
            serve::stopping(step);
            Ok(())
        }
    }
}

/// One exchange, `curl -v` style: `>` what was sent, `<` what came back.
fn render(n: usize, total: usize, exchange: &Exchange, style: Style) -> String {
    let mut out = format!(
        "\n{}\n",
        style.bold(&format!("[{n}/{total}] {}", exchange.step))
    );
    let request = &exchange.request;
    let _ = writeln!(out, "> {} {}", request.method, request.path);
    if let Some(body) = &request.body {
        out.push_str(&prefixed("> ", body));
    }
    let response = &exchange.response;
    let status = format!("{} {}", response.status, reason(response.status));
    let _ = write!(out, "< {}", style.status(response.status, &status));
    if let Some(content_type) = &response.content_type {
        out.push_str(&style.dim(&format!("  {content_type}")));
    }
    out.push('\n');
    if let Some(token) = &response.next_token {
        let _ = writeln!(out, "< x-next-token: {token}");
    }
    if let Some(function) = &response.function {
        let _ = writeln!(out, "< x-lambda-function: {}", style.bold(function));
    }
    if !response.body.is_null() {
        out.push_str(&prefixed("< ", &response.body));
    }
    out
}

fn prefixed(prefix: &str, body: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(body).unwrap_or_else(|_| body.to_string());
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let _ = writeln!(out, "{prefix}{line}");
    }
    out
}

/// `Conflict` for 409: the standard reason phrase, as `curl -v` shows it.
fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use scenario::{Answer, Sent};
    use serde_json::json;

    use super::*;

    #[test]
    fn urls_default_to_plain_http() {
        let url = |text| base_url(text).ok();
        assert_eq!(
            url("localhost:3000").as_deref(),
            Some("http://localhost:3000")
        );
        assert_eq!(
            url("http://127.0.0.1:3000/").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(url("https://example.com"), None);
        assert_eq!(url(" "), None);
    }

    #[test]
    fn renders_an_exchange_like_curl() {
        let exchange = Exchange {
            step: "borrow the book",
            request: Sent {
                method: "POST",
                path: "/book/b/borrow".into(),
                body: Some(json!({"userId": "u"})),
            },
            response: Answer {
                status: 409,
                content_type: Some("application/json".into()),
                next_token: None,
                function: Some("BorrowBookCommandHandler".into()),
                body: json!({"message": "Book Not Available"}),
            },
        };
        assert_eq!(
            render(8, 11, &exchange, Style::PLAIN),
            "\n[8/11] borrow the book\n> POST /book/b/borrow\n> {\n>   \"userId\": \"u\"\n> }\n\
             < 409 Conflict  application/json\n< x-lambda-function: BorrowBookCommandHandler\n\
             < {\n<   \"message\": \"Book Not Available\"\n< }\n"
        );
    }
}
