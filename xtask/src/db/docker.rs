//! Amazon's DynamoDB Local through `docker-compose.yml`, for people who have Docker.

use std::time::Duration;

use anyhow::Context as _;

use super::state::{Kind, State};
use crate::failure::{Hint as _, fail};
use crate::{cmd, net, workspace};

/// `docker-compose.yml` maps DynamoDB Local to this port.
pub const PORT: u16 = 8000;
const SERVICE: &str = "dynamodb-local";
const START_TIMEOUT: Duration = Duration::from_secs(60);

pub fn start() -> anyhow::Result<State> {
    // Created by us rather than by Docker, so it belongs to the user, not to root.
    let data = workspace::root().join("data").join("dynamodb-local");
    std::fs::create_dir_all(&data)
        .with_context(|| format!("cannot create {}", workspace::show(&data)))
        .hint("check that the data/ folder is writable")?;
    compose(&["up", "-d", SERVICE])?;
    // Docker's port proxy accepts connections before the server inside is ready: wait for HTTP.
    if !net::wait_for(START_TIMEOUT, || net::http_answers(PORT)) {
        return Err(fail(
            format!(
                "DynamoDB Local did not answer on port {PORT} within {}s",
                START_TIMEOUT.as_secs()
            ),
            format!("see docker compose logs {SERVICE}"),
        ));
    }
    Ok(State {
        engine: Kind::Docker,
        pid: None,
        port: PORT,
        endpoint: format!("http://{}", net::loopback(PORT)),
        data,
    })
}

pub fn stop() -> anyhow::Result<()> {
    compose(&["down"])
}

const WITHOUT_DOCKER: &str = "or leave out --docker to use the embedded engine";

fn compose(args: &[&str]) -> anyhow::Result<()> {
    let mut version = cmd::program("docker");
    version.args(["compose", "version"]);
    match cmd::succeeds(&mut version) {
        Ok(true) => {}
        Ok(false) => {
            return Err(fail(
                "docker compose is not available (needed for --docker)",
                format!("install the Docker Compose plugin, {WITHOUT_DOCKER}"),
            ));
        }
        Err(error) if error.is_not_found() => {
            return Err(fail(
                "docker is not installed (needed for --docker)",
                format!("install Docker, {WITHOUT_DOCKER}"),
            ));
        }
        Err(error) => {
            return Err(fail(
                error,
                format!("check your Docker install, {WITHOUT_DOCKER}"),
            ));
        }
    }
    let mut command = cmd::program("docker");
    command.arg("compose").args(args);
    cmd::run(&mut command).map_err(|error| {
        fail(
            error,
            "is the Docker daemon running and port 8000 free? check with docker info",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::{PORT, SERVICE};

    /// DynamoDB Local accepts any credentials: published on every interface, anyone on the
    /// network could use the table.
    #[test]
    fn dynamodb_local_is_published_on_loopback_only() {
        let compose: serde_yaml::Value =
            serde_yaml::from_str(include_str!("../../../docker-compose.yml")).expect("YAML");
        let ports = compose["services"][SERVICE]["ports"]
            .as_sequence()
            .expect("a ports list");
        assert_eq!(ports.len(), 1);
        assert_eq!(
            ports[0].as_str(),
            Some(format!("127.0.0.1:{PORT}:8000").as_str())
        );
    }
}
