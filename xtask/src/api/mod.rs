//! `api show|diff|check|update`: the steps' HTTP APIs, read from their committed OpenAPI
//! snapshots (`tests/api/snapshots/`), so xtask never links a step crate.

mod check;
mod diff;
mod document;
mod readme;
mod table;

pub use check::{REFERENCES_ENV, check_after_tests, fresh_references_file};
pub use document::is_snapshot_file;

use crate::failure::fail;
use crate::style::Style;
use crate::targets::{self, Kind, Target};
use crate::workspace;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The route table of a step: method, path, operationId, kind, status codes.
    Show(ShowArgs),
    /// Operations added, removed and changed between two steps (or every consecutive pair).
    Diff(DiffArgs),
    /// Run the snapshot tests with snapshots frozen; reject stale snapshots and outdated README
    /// route tables.
    Check(StepsArgs),
    /// Rewrite the snapshots, delete stale ones, regenerate the README route tables; then review.
    Update(StepsArgs),
}

#[derive(Debug, clap::Args)]
pub struct StepsArgs {
    /// Only these steps (full name, unique prefix or number). Default: every step.
    pub steps: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The step: full name, unique prefix or number (`step-00-crud`, `00`, `crud`).
    pub step: String,
    /// Print the markdown table the step's README carries instead.
    #[arg(long)]
    pub markdown: bool,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older step.
    #[arg(required_unless_present = "all")]
    pub from: Option<String>,
    /// The newer step.
    #[arg(required_unless_present = "all")]
    pub to: Option<String>,
    /// Every consecutive pair of steps, in order.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub all: bool,
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    match command {
        Command::Show(args) => show(args),
        Command::Diff(args) => diff(args),
        Command::Check(args) => check::check(&args.steps),
        Command::Update(args) => check::update(&args.steps),
    }
}

fn find_step(query: &str, command: &str) -> anyhow::Result<Target> {
    targets::find(&workspace::root(), &[Kind::Step], query, command)
}

fn show(args: &ShowArgs) -> anyhow::Result<()> {
    let step = find_step(&args.step, "cargo xtask api show")?;
    let api = document::load(&step)?;
    if args.markdown {
        print!("{}", table::markdown(&api));
        return Ok(());
    }
    let style = Style::stdout();
    println!(
        "{}: {}, from {}",
        style.bold(&step.name),
        table::summary(&api),
        workspace::show(&document::snapshot_path(&step))
    );
    println!();
    print!("{}", table::terminal(&api));
    Ok(())
}

fn diff(args: &DiffArgs) -> anyhow::Result<()> {
    let pairs = if args.all {
        let steps = targets::select(Kind::Step, &[], "cargo xtask api diff")?;
        let with_snapshots: Vec<Target> = steps
            .into_iter()
            .filter(|step| {
                let present = document::snapshot_path(step).is_file();
                if !present {
                    println!("note: {} has no OpenAPI snapshot yet; skipped", step.name);
                }
                present
            })
            .collect();
        with_snapshots
            .windows(2)
            .map(|pair| (pair[0].clone(), pair[1].clone()))
            .collect()
    } else {
        let (Some(from), Some(to)) = (&args.from, &args.to) else {
            return Err(fail(
                "api diff needs two steps, or --all",
                "e.g. cargo xtask api diff step-02 step-03",
            ));
        };
        let command = "cargo xtask api diff";
        vec![(find_step(from, command)?, find_step(to, command)?)]
    };
    let style = Style::stdout();
    for (i, (from, to)) in pairs.iter().enumerate() {
        if i > 0 {
            println!();
        }
        let compared = diff::compare(&document::load(from)?, &document::load(to)?);
        print!("{}", diff::render(&from.name, &to.name, &compared, style));
    }
    Ok(())
}
