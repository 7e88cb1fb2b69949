//! `db`: the local DynamoDB. By default an embedded engine (dynoxide) running in the background
//! with its data in `data/dynamodb/`; with `--docker`, Amazon's DynamoDB Local through
//! `docker-compose.yml`. The other subcommands talk to whichever DynamoDB [`Source`] finds.

mod background;
mod docker;
mod source;
mod state;

use std::path::PathBuf;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::SdkError;
use embedded_dynamodb::table::{self, Outcome};
use embedded_dynamodb::{TableNames, local_client};

pub use background::{EngineArgs, database_file};
pub use source::{ENDPOINT_ENV, Source};

use crate::failure::{Hint as _, fail};
use crate::{counts, seed, workspace};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Start a DynamoDB in the background (default: the embedded engine on port 8000, data in
    /// data/dynamodb/) and create the table.
    Up(UpArgs),
    /// Stop the DynamoDB `db up` started.
    Down,
    /// Which DynamoDB is in use, whether the table exists, how many items of each type it holds.
    Status,
    /// Create the library table and its indexes (if missing).
    CreateTable,
    /// Delete the library table and everything in it.
    DestroyTable,
    /// Put sample authors, books and users with fixed ids (never overwrites).
    Seed(SeedArgs),
    /// Destroy the table, create it again and seed it.
    Reset,
    /// The background engine process itself (started by `db up`).
    #[command(hide = true)]
    Engine(EngineArgs),
}

#[derive(Debug, clap::Args)]
pub struct SeedArgs {
    /// Seed the table of a deployed stack instead: the DynamoDB the standard AWS configuration
    /// names (`AWS_PROFILE`, `AWS_REGION`), the table `DYNAMODB_TABLE_NAME` names (the stack's
    /// `LibrarySystemDatabase`).
    #[arg(long)]
    pub aws: bool,
}

#[derive(Debug, clap::Args)]
pub struct UpArgs {
    /// Port for the embedded engine [default: 8000].
    #[arg(long, conflicts_with = "docker")]
    pub port: Option<u16>,
    /// Folder for the embedded engine's database file [default: data/dynamodb].
    #[arg(long, value_name = "DIR", conflicts_with = "docker")]
    pub data: Option<PathBuf>,
    /// Run Amazon's DynamoDB Local with `docker compose` instead (port 8000).
    #[arg(long)]
    pub docker: bool,
}

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Up(args) => up(&args),
        Command::Down => down(),
        Command::Status => status(),
        Command::CreateTable => with_table(|db| async move { db.create_table().await }),
        Command::DestroyTable => with_table(|db| async move { db.destroy_table().await }),
        Command::Seed(SeedArgs { aws: true }) => crate::runtime()?.block_on(seed_on_aws()),
        Command::Seed(SeedArgs { aws: false }) => with_table(|db| async move { db.seed().await }),
        Command::Reset => with_table(|db| async move {
            db.destroy_table().await?;
            db.create_table().await?;
            db.seed().await
        }),
        Command::Engine(args) => background::serve_engine(&args),
    }
}

fn up(args: &UpArgs) -> anyhow::Result<()> {
    let running = state::running()?;
    let state = if let Some(state) = running {
        println!(
            "DynamoDB is already running: {} at {}",
            state.describe(),
            state.endpoint
        );
        state
    } else {
        let state = if args.docker {
            docker::start()?
        } else {
            let port = args.port.unwrap_or(background::DEFAULT_PORT);
            let data = args.data.clone().unwrap_or_else(workspace::dynamodb_dir);
            background::start(port, &data)?
        };
        state::save(&state)?;
        println!("DynamoDB is up: {} at {}", state.describe(), state.endpoint);
        state
    };
    let db = Db::new(Source::Running(state.clone()));
    crate::runtime()?.block_on(async {
        db.check_reachable().await?;
        db.create_table().await
    })?;
    println!(
        "other programs reach it with {ENDPOINT_ENV}={}",
        state.endpoint
    );
    if let Some(other) = source::endpoint_from_env().filter(|e| *e != state.endpoint) {
        println!(
            "note: {ENDPOINT_ENV} is set to {other} here, so the other db commands use that instead"
        );
    }
    println!("stop it with: cargo xtask db down");
    Ok(())
}

fn down() -> anyhow::Result<()> {
    let Some(state) = state::load()? else {
        println!("no DynamoDB started by cargo xtask db up is running; nothing to stop");
        return Ok(());
    };
    match state.engine {
        state::Kind::Embedded if state.is_serving() => background::stop(&state)?,
        state::Kind::Embedded => println!("the {} had already stopped", state.describe()),
        state::Kind::Docker => docker::stop()?,
    }
    state::forget()?;
    println!(
        "stopped; the data stays in {}",
        workspace::show(&state.data)
    );
    Ok(())
}

fn status() -> anyhow::Result<()> {
    let db = Db::new(Source::require()?);
    println!("engine:   {}", db.source.describe());
    println!("endpoint: {}", db.source.endpoint());
    crate::runtime()?.block_on(async {
        db.check_reachable().await?;
        if !db.table_exists().await? {
            println!("table:    {} (missing)", db.names.table);
            println!("create it with: cargo xtask db create-table");
            return Ok(());
        }
        println!("table:    {} (present)", db.names.table);
        let per_type = counts::per_type(&db.client, &db.names)
            .await
            .hint(db.source.unreachable_hint())?;
        let total = counts::total(&db.client, &db.names)
            .await
            .hint(db.source.unreachable_hint())?;
        let listed: Vec<String> = per_type.iter().map(|(t, n)| format!("{t} {n}")).collect();
        println!("items:    {total} ({})", listed.join(", "));
        Ok(())
    })
}

/// Runs `work` against the DynamoDB in use.
fn with_table<F, Fut>(work: F) -> anyhow::Result<()>
where
    F: FnOnce(Db) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let db = Db::new(Source::require()?);
    println!("using {} at {}", db.source.describe(), db.source.endpoint());
    crate::runtime()?.block_on(async {
        db.check_reachable().await?;
        work(db).await
    })
}

/// `db seed --aws`: the sample library in a deployed stack's table, so its users and authors
/// exist (no approach deploys their CRUD routes) and `BorrowBook` can succeed end to end.
async fn seed_on_aws() -> anyhow::Result<()> {
    if source::endpoint_from_env().is_some() {
        return Err(fail(
            format!("{ENDPOINT_ENV} is set: --aws would seed that endpoint, not the stack"),
            format!("unset {ENDPOINT_ENV}, or seed it without --aws"),
        ));
    }
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let region = config.region().map(ToString::to_string);
    let Some(region) = region else {
        return Err(fail(
            "no AWS region configured",
            "set AWS_REGION (or AWS_PROFILE) to the stack's region",
        ));
    };
    let client = Client::new(&config);
    let names = TableNames::from_env();
    println!("seeding table {} in {region}", names.table);
    let report = seed::seed(&client, &names).await.hint(format!(
        "is {} the stack's table? set DYNAMODB_TABLE_NAME to its name (the LibrarySystemTableName output of sam list stack-outputs); do your credentials allow PutItem?",
        names.table
    ))?;
    println!("{report}");
    Ok(())
}

/// A DynamoDB and the table names in use.
pub struct Db {
    pub source: Source,
    pub client: Client,
    pub names: TableNames,
}

impl Db {
    pub fn new(source: Source) -> Self {
        Self {
            client: local_client(source.endpoint()),
            names: TableNames::from_env(),
            source,
        }
    }

    /// Fails with one clear line when nothing answers at the endpoint (the SDK's own error for
    /// that is a screenful).
    pub async fn check_reachable(&self) -> anyhow::Result<()> {
        match self.client.list_tables().limit(1).send().await {
            Ok(_) => Ok(()),
            Err(SdkError::DispatchFailure(_) | SdkError::TimeoutError(_)) => Err(fail(
                format!("cannot reach DynamoDB at {}", self.source.endpoint()),
                self.source.unreachable_hint(),
            )),
            Err(error) => Err(crate::sdk::error(error)).hint(self.source.unreachable_hint()),
        }
    }

    async fn table_exists(&self) -> anyhow::Result<bool> {
        table::exists(&self.client, &self.names)
            .await
            .hint(self.source.unreachable_hint())
    }

    /// Creates the table unless it exists; says which happened.
    pub async fn create_table(&self) -> anyhow::Result<()> {
        let outcome = table::create(&self.client, &self.names)
            .await
            .hint(self.source.unreachable_hint())?;
        let names = &self.names;
        match outcome {
            Outcome::Done => println!(
                "created table {} (indexes {}, {})",
                names.table, names.entity_type_index, names.entity_status_index
            ),
            Outcome::AlreadyThatWay => println!("table {} exists", names.table),
        }
        Ok(())
    }

    async fn destroy_table(&self) -> anyhow::Result<()> {
        let outcome = table::destroy(&self.client, &self.names)
            .await
            .hint(self.source.unreachable_hint())?;
        match outcome {
            Outcome::Done => println!("deleted table {} and its items", self.names.table),
            Outcome::AlreadyThatWay => println!("table {} was not there", self.names.table),
        }
        Ok(())
    }

    pub async fn seed(&self) -> anyhow::Result<()> {
        if !self.table_exists().await? {
            return Err(fail(
                format!("table {} does not exist", self.names.table),
                "run cargo xtask db create-table",
            ));
        }
        let report = seed::seed(&self.client, &self.names)
            .await
            .hint(self.source.unreachable_hint())?;
        println!("{report}");
        Ok(())
    }
}
