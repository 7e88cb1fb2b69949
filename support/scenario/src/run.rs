//! Playing a scenario over HTTP.

use std::time::Duration;

use reqwest::header::CONTENT_TYPE;
use serde::Serialize;
use serde_json::Value;

use crate::template::{self, Values};
use crate::{Method, Scenario, Step};

/// Long enough for a debug build's first request; short enough that a hung server fails a test.
const TIMEOUT: Duration = Duration::from_secs(30);

/// One request and its answer, as the transcripts record them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exchange {
    /// The step's title.
    pub step: &'static str,
    pub request: Sent,
    pub response: Answer,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sent {
    pub method: &'static str,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub status: u16,
    #[serde(rename = "content-type", skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The pagination header: present when more items may follow.
    #[serde(rename = "x-next-token", skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The Lambda function that answered, when the API is an approach behind its gateway.
    #[serde(rename = "x-lambda-function", skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// The JSON body; `null` when empty, a string when it is not JSON.
    pub body: Value,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot build an HTTP client")]
    Client(#[source] reqwest::Error),
    #[error("`{step}` uses `{{{name}}}`, which no earlier request captured")]
    Unbound { step: &'static str, name: String },
    #[error("`{step}` has a body template that is not JSON")]
    Template {
        step: &'static str,
        #[source]
        source: serde_json::Error,
    },
    #[error("`{step}` ({method} {path}) got no answer")]
    NoAnswer {
        step: &'static str,
        method: &'static str,
        path: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("`{step}` ({method} {path}) answered {got}, expected {expected}: {body}")]
    UnexpectedStatus {
        step: &'static str,
        method: &'static str,
        path: String,
        expected: u16,
        got: u16,
        body: String,
    },
    #[error("`{step}`: the answer has no string or number at `{pointer}` to remember as `{name}`")]
    Capture {
        step: &'static str,
        name: &'static str,
        pointer: &'static str,
    },
}

/// Plays `scenario` against `base_url` (`http://127.0.0.1:3000`) and returns every exchange.
/// Stops at the first answer whose status is not the expected one.
pub async fn run(scenario: &Scenario, base_url: &str) -> Result<Vec<Exchange>, Error> {
    run_each(scenario, base_url, async |_| {}).await
}

/// The requests of a scenario that captures nothing, filled with its given values: what a
/// banner prints to try by hand.
pub fn requests(scenario: &Scenario) -> Result<Vec<Sent>, Error> {
    let values = given(scenario);
    scenario
        .steps
        .iter()
        .map(|step| {
            let (path, body) = fill(step, &values)?;
            Ok(Sent {
                method: step.method.as_str(),
                path,
                body,
            })
        })
        .collect()
}

fn given(scenario: &Scenario) -> Values {
    scenario
        .given
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

/// The step's path and body with the placeholders filled.
fn fill(step: &Step, values: &Values) -> Result<(String, Option<Value>), Error> {
    let unbound = |name| Error::Unbound {
        step: step.title,
        name,
    };
    let path = template::fill(step.path, values, template::encode_component).map_err(unbound)?;
    let body = match step.body {
        Some(text) => {
            let parsed = serde_json::from_str(text).map_err(|source| Error::Template {
                step: step.title,
                source,
            })?;
            Some(template::fill_json(&parsed, values).map_err(unbound)?)
        }
        None => None,
    };
    Ok((path, body))
}

/// [`run`], calling `each` with every exchange as soon as it is complete (also the one whose
/// status is unexpected, before the error), so a demo can show the conversation as it happens.
pub async fn run_each(
    scenario: &Scenario,
    base_url: &str,
    mut each: impl AsyncFnMut(&Exchange),
) -> Result<Vec<Exchange>, Error> {
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .build()
        .map_err(Error::Client)?;
    let base_url = base_url.trim_end_matches('/');
    let mut values = given(scenario);
    let mut exchanges = Vec::with_capacity(scenario.steps.len());
    for step in scenario.steps {
        let exchange = send(&client, base_url, step, &values).await?;
        each(&exchange).await;
        let got = exchange.response.status;
        if got != step.expect {
            return Err(Error::UnexpectedStatus {
                step: step.title,
                method: exchange.request.method,
                path: exchange.request.path,
                expected: step.expect,
                got,
                body: exchange.response.body.to_string(),
            });
        }
        for &(name, pointer) in step.capture {
            let value = match exchange.response.body.pointer(pointer) {
                Some(Value::String(text)) => text.clone(),
                Some(Value::Number(number)) => number.to_string(),
                _ => {
                    return Err(Error::Capture {
                        step: step.title,
                        name,
                        pointer,
                    });
                }
            };
            values.insert(name.to_owned(), value);
        }
        exchanges.push(exchange);
    }
    Ok(exchanges)
}

async fn send(
    client: &reqwest::Client,
    base_url: &str,
    step: &Step,
    values: &Values,
) -> Result<Exchange, Error> {
    let (path, body) = fill(step, values)?;
    let method = step.method.as_str();
    let no_answer = |source| Error::NoAnswer {
        step: step.title,
        method,
        path: path.clone(),
        source,
    };
    let mut request = client.request(reqwest_method(step.method), format!("{base_url}{path}"));
    if let Some(body) = &body {
        request = request
            .header(CONTENT_TYPE, "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.map_err(no_answer)?;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let status = response.status().as_u16();
    let content_type = header(CONTENT_TYPE.as_str());
    let next_token = header("x-next-token");
    let function = header("x-lambda-function");
    let text = response.text().await.map_err(no_answer)?;
    let answer = if text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    Ok(Exchange {
        step: step.title,
        request: Sent { method, path, body },
        response: Answer {
            status,
            content_type,
            next_token,
            function,
            body: answer,
        },
    })
}

fn reqwest_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Delete => reqwest::Method::DELETE,
    }
}
