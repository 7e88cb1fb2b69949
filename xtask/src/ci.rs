//! `ci`, `lint` and `test`: the checks, as a list of stages run in order.
//!
//! A stage is a name, a hint for when it fails, and a function. CI grows by adding stages to
//! [`stages`].

use std::time::{Duration, Instant};

use crate::failure::{Hint as _, fail};
use crate::targets;
use crate::workspace;
use crate::{api, cmd};

pub struct Stage {
    pub name: &'static str,
    /// What to do when the stage fails.
    pub hint: &'static str,
    pub run: fn() -> anyhow::Result<()>,
}

/// Every CI stage, in the order they run: cheap and likely-to-fail first.
pub fn stages() -> Vec<Stage> {
    vec![FORMAT, LADDER, CLIPPY, CFN_LINT, TESTS, API, SLIDES]
}

const FORMAT: Stage = Stage {
    name: "fmt",
    hint: "run cargo fmt --all",
    run: || Ok(cmd::run(cmd::cargo().args(["fmt", "--all", "--check"]))?),
};

/// Every consecutive pair of steps within the reading budget; cheap, so it runs before the build.
const LADDER: Stage = Stage {
    name: "ladder",
    hint: "run cargo xtask ladder, then cargo xtask diff A B --stat for the pair it names",
    run: crate::diff::ladder::run,
};

const CLIPPY: Stage = Stage {
    name: "clippy",
    hint: "fix the warnings above, then run cargo xtask lint",
    run: || {
        let args = [
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ];
        Ok(cmd::run(cmd::cargo().args(args))?)
    },
};

/// Every approach's SAM template through cfn-lint (the tests check them against the code).
const CFN_LINT: Stage = Stage {
    name: "cfn-lint",
    hint: "fix the template findings above (cfn-lint from PATH, else installed under target/tools/)",
    run: crate::lambda::cfn_lint,
};

const TESTS: Stage = Stage {
    name: "test",
    hint: "rerun one crate with cargo xtask test <name>; for an intended API change, review the \
           snapshot diff above, then run cargo xtask api update",
    run: || {
        let mut command = test_command(None);
        command.env("CI", "true");
        // Every snapshot the tests read, for the `api` stage's stale-snapshot check.
        command.env(api::REFERENCES_ENV, api::fresh_references_file()?);
        Ok(cmd::run(&mut command)?)
    },
};

/// After the tests (which already compared every snapshot): no stale snapshots, and every step
/// README's route table as its OpenAPI snapshot says. Costs no second test run.
const API: Stage = Stage {
    name: "api",
    hint: "review the snapshot changes, then run cargo xtask api update",
    run: api::check_after_tests,
};

/// The deck: every excerpt and diagram as its source gives it, notes on every slide, then every
/// slide in headless Chromium (overflow, broken images, console errors).
const SLIDES: Stage = Stage {
    name: "slides",
    hint: "run cargo xtask slides to regenerate the excerpts and diagrams; for a slide the \
           browser test rejects, look at its screenshot in target/slides/screenshots/",
    run: crate::slides::ci,
};

pub fn ci() -> anyhow::Result<()> {
    run_stages("ci", &stages())
}

pub fn lint() -> anyhow::Result<()> {
    run_stages("lint", &[FORMAT, CLIPPY])
}

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// A step, approach or crate: full name, unique prefix or number (`step-00`, `00`,
    /// `embedded-dynamodb`). Default: the whole workspace.
    pub target: Option<String>,
}

pub fn test(args: &TestArgs) -> anyhow::Result<()> {
    let package = match &args.target {
        Some(query) => {
            Some(targets::find_step_first(&workspace::root(), query, "cargo xtask test")?.name)
        }
        None => None,
    };
    cmd::run(&mut test_command(package.as_deref())).hint(
        "read the failures above; for an intended API change, review the snapshot diff, then \
         run cargo xtask api update",
    )
}

/// `cargo test` for the workspace or one package, never writing snapshots.
fn test_command(package: Option<&str>) -> std::process::Command {
    let mut command = cmd::cargo();
    command.arg("test");
    match package {
        Some(package) => command.args(["-p", package]),
        None => command.arg("--workspace"),
    };
    command.env("INSTA_UPDATE", "no");
    command
}

/// Runs the stages in order, stops at the first failure, prints each stage's time either way.
fn run_stages(title: &str, stages: &[Stage]) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut done: Vec<(&str, Duration, bool)> = Vec::new();
    for stage in stages {
        println!("==> {title}: {}", stage.name);
        let stage_started = Instant::now();
        let result = (stage.run)();
        done.push((stage.name, stage_started.elapsed(), result.is_ok()));
        if let Err(error) = result {
            print_summary(title, &done, started.elapsed());
            return Err(fail(
                format!("{title} stage `{}` failed: {error:#}", stage.name),
                stage.hint,
            ));
        }
    }
    print_summary(title, &done, started.elapsed());
    Ok(())
}

fn print_summary(title: &str, done: &[(&str, Duration, bool)], total: Duration) {
    println!();
    println!("{title} summary:");
    for (name, took, ok) in done {
        let verdict = if *ok { "ok" } else { "FAILED" };
        println!("  {name:<12} {verdict:<7} {:>8}", seconds(*took));
    }
    println!("  {:<12} {:<7} {:>8}", "total", "", seconds(total));
}

fn seconds(duration: Duration) -> String {
    format!("{:.1}s", duration.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_runs_the_cheap_checks_then_clippy_then_tests_then_the_api_checks_then_the_slides() {
        let names: Vec<_> = stages().iter().map(|stage| stage.name).collect();
        assert_eq!(
            names,
            [
                "fmt", "ladder", "clippy", "cfn-lint", "test", "api", "slides"
            ]
        );
    }

    #[test]
    fn tests_never_write_snapshots() {
        let command = test_command(Some("step-00-crud"));
        assert_eq!(
            cmd::display(&command),
            "INSTA_UPDATE=no cargo test -p step-00-crud"
        );
        assert_eq!(
            cmd::display(&test_command(None)),
            "INSTA_UPDATE=no cargo test --workspace"
        );
    }

    #[test]
    fn stops_at_the_first_failing_stage_and_names_it() {
        const PASSES: Stage = Stage {
            name: "passes",
            hint: "",
            run: || Ok(()),
        };
        const FAILS: Stage = Stage {
            name: "fails",
            hint: "do the thing",
            run: || Err(anyhow::anyhow!("it broke")),
        };
        const NEVER: Stage = Stage {
            name: "never",
            hint: "",
            run: || panic!("stages after a failure must not run"),
        };
        let error = run_stages("ci", &[PASSES, FAILS, NEVER]).expect_err("fails");
        let failure = error.downcast_ref::<crate::Failure>().expect("a failure");
        assert_eq!(failure.reason, "ci stage `fails` failed: it broke");
        assert_eq!(failure.hint, "do the thing");
        assert!(run_stages("lint", &[PASSES, PASSES]).is_ok());
    }
}
