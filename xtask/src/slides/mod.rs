//! `slides [--check] [--browser-test] [--pdf] [--serve [--port P]]`: the talk's deck.
//!
//! The deck is presenterm Markdown in `slides/` (`talk.md` includes one file per part of the
//! timebox). Its code and its diagrams are generated, never pasted or drawn:
//!
//! - an `excerpt: <path>#<region>` directive is followed by the code of that region of the
//!   source (see [`region`]);
//! - a `diagram: <name>` directive is followed by the drawing of a deployment, read from its
//!   `template.yaml` ([`template`], [`diagram`]); the same picture is committed as SVG under
//!   `slides/diagrams/` and as Mermaid between `<!-- diagram:begin -->` and
//!   `<!-- diagram:end -->` in `deployments/README.md` and each approach's README;
//! - the first and the last step are diagrams too, read from their sources
//!   ([`architecture`]): phase 1's "before" and "after".
//!
//! `cargo xtask slides` regenerates all of it and builds the HTML deck under
//! `target/slides/`; `--check` writes nothing and fails, naming the slide and the source, on
//! what is out of date, the way `api check` treats the README route tables.

mod architecture;
mod browser;
mod deck;
mod diagram;
mod generate;
mod html;
mod markdown;
mod region;
mod runsheet;
mod serve;
mod template;

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;

use self::deck::{Deck, Directive};
use crate::failure::{Hint as _, fail};
use crate::targets::{self, Kind};
use crate::{net, workspace};

/// Where the deck's sources are, relative to the workspace root.
const SLIDES_DIR: &str = "slides";
/// Where the generated SVG diagrams are committed.
const DIAGRAMS_DIR: &str = "slides/diagrams";
const REGENERATE_HINT: &str = "run cargo xtask slides to regenerate the excerpts and diagrams, \
                               review the diff (git diff slides/ deployments/) and commit it \
                               with the code";

#[derive(Debug, clap::Args)]
// Each is a command-line switch; an enum would not let them combine (`--check --browser-test`).
#[allow(clippy::struct_excessive_bools)]
pub struct Args {
    /// Write nothing; fail when an excerpt, a diagram or a README diagram is not what its
    /// source gives, when a slide has no notes, or when a part's slides do not fit its minutes.
    #[arg(long)]
    pub check: bool,
    /// Then open the deck in headless Chromium: every slide within 1280x720, no broken image,
    /// no console error, keys and notes working; a screenshot of each slide under
    /// target/slides/screenshots/.
    #[arg(long)]
    pub browser_test: bool,
    /// Then print the deck with Chromium to target/slides/deck.pdf, one slide a page.
    #[arg(long)]
    pub pdf: bool,
    /// Then serve the deck on localhost until Ctrl-C.
    #[arg(long)]
    pub serve: bool,
    /// The port --serve listens on.
    #[arg(long, default_value_t = 4000, requires = "serve")]
    pub port: u16,
}

/// A generated picture of a deployment or a step, drawn three ways.
struct Diagram {
    name: String,
    /// The template or the source folder it is read from.
    source: PathBuf,
    /// The approach's README, which shows it as Mermaid (a step's picture is the deck's only).
    readme: Option<PathBuf>,
    text: String,
    mermaid: String,
    svg: String,
}

/// Every diagram the deck can show: one per approach, from its `template.yaml`, and phase 1's
/// "before" and "after", from the first and the last step's sources.
fn diagrams(root: &Path) -> anyhow::Result<Vec<Diagram>> {
    let mut diagrams = deployment_diagrams(root)?;
    let steps = targets::list(root, &[Kind::Step])
        .context("cannot list steps/")
        .hint("run xtask from the workspace")?;
    for step in [steps.first(), steps.last()].into_iter().flatten() {
        let source = step.dir.join("src");
        let picture = architecture::picture(&source)
            .with_context(|| format!("cannot read {}", workspace::show(&source)))
            .hint("check the step's files are readable")?;
        let svg = diagram::svg(&picture).map_err(|error| {
            fail(
                format!("{}: {error}", workspace::show(&source)),
                "report it: the DOT xtask generates should always lay out",
            )
        })?;
        diagrams.push(Diagram {
            name: step.name.clone(),
            source,
            readme: None,
            text: architecture::text(&picture),
            mermaid: String::new(),
            svg,
        });
    }
    Ok(diagrams)
}

fn deployment_diagrams(root: &Path) -> anyhow::Result<Vec<Diagram>> {
    let approaches = targets::list(root, &[Kind::Approach])
        .context("cannot list deployments/")
        .hint("run xtask from the workspace")?;
    let mut diagrams = Vec::new();
    for approach in approaches {
        let source = approach.dir.join("template.yaml");
        if !source.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&source)
            .with_context(|| format!("cannot read {}", workspace::show(&source)))
            .hint("check the file's permissions")?;
        let picture = template::picture(&text).map_err(|error| {
            fail(
                format!("{} {error}", workspace::show(&source)),
                "fix the template (cfn-lint says what is wrong), then run cargo xtask slides",
            )
        })?;
        let svg = diagram::svg(&picture).map_err(|error| {
            fail(
                format!("{}: {error}", workspace::show(&source)),
                "report it: the DOT xtask generates should always lay out",
            )
        })?;
        diagrams.push(Diagram {
            readme: Some(approach.dir.join("README.md")),
            name: approach.name,
            source,
            text: diagram::text(&picture),
            mermaid: diagram::mermaid(&picture),
            svg,
        });
    }
    Ok(diagrams)
}

/// `approach-01-commands-and-queries-dispatchers` as people say it: `01 commands and queries
/// dispatchers`.
fn spoken(name: &str) -> String {
    name.strip_prefix("approach-")
        .unwrap_or(name)
        .replace('-', " ")
}

/// The block an approach's README shows between its diagram markers.
fn approach_readme_block(diagram: &Diagram) -> String {
    format!(
        "How [`template.yaml`](template.yaml) deploys it, drawn from the template by `cargo xtask slides` \
         (green functions may only read the table, orange ones may also write it):\n\n```mermaid\n{}\n```",
        diagram.mermaid
    )
}

/// The block `deployments/README.md` shows: every approach's picture.
fn overview_readme_block(diagrams: &[Diagram]) -> String {
    let mut block = String::from(
        "Each approach as its `template.yaml` deploys it, drawn from the template by `cargo xtask \
         slides` (green functions may only read the table, orange ones may also write it):\n",
    );
    let pictures: Vec<String> = diagrams
        .iter()
        .filter(|diagram| diagram.readme.is_some())
        .map(|diagram| {
            format!(
                "\n**[{}]({})**\n\n```mermaid\n{}\n```\n",
                spoken(&diagram.name),
                diagram.name,
                diagram.mermaid
            )
        })
        .collect();
    block.push_str(&pictures.concat());
    block
}

/// A file as it should be, and why it is not.
struct Change {
    path: PathBuf,
    text: String,
    why: Vec<String>,
}

/// What regenerating would change, and what cannot be generated at all.
#[derive(Default)]
struct Plan {
    changes: Vec<Change>,
    /// Files under `slides/diagrams/` that no diagram draws.
    stale_files: Vec<PathBuf>,
    problems: Vec<String>,
}

fn plan(root: &Path, deck: &Deck, diagrams: &[Diagram]) -> anyhow::Result<Plan> {
    let mut plan = Plan::default();
    for part in &deck.parts {
        plan_slides(root, deck, &part.file, diagrams, &mut plan)?;
    }
    for diagram in diagrams {
        let svg = root
            .join(DIAGRAMS_DIR)
            .join(format!("{}.svg", diagram.name));
        if std::fs::read_to_string(&svg).ok().as_deref() != Some(diagram.svg.as_str()) {
            plan.changes.push(Change {
                why: vec![format!(
                    "{} is not what {} gives",
                    relative(root, &svg),
                    relative(root, &diagram.source)
                )],
                path: svg,
                text: diagram.svg.clone(),
            });
        }
        let Some(readme) = &diagram.readme else {
            continue;
        };
        readme_change(
            root,
            &mut plan,
            &Generated {
                readme,
                markers: generate::DIAGRAM_MARKERS,
                block: &approach_readme_block(diagram),
                what: "diagram",
                source: &relative(root, &diagram.source),
            },
        )?;
    }
    let overview = root.join("deployments").join("README.md");
    if overview.is_file() {
        readme_change(
            root,
            &mut plan,
            &Generated {
                readme: &overview,
                markers: generate::DIAGRAM_MARKERS,
                block: &overview_readme_block(diagrams),
                what: "diagram",
                source: "the approaches' templates",
            },
        )?;
    }
    readme_change(
        root,
        &mut plan,
        &Generated {
            readme: &root.join(SLIDES_DIR).join("README.md"),
            markers: runsheet::MARKERS,
            block: &runsheet::schedule(deck),
            what: "schedule",
            source: "the deck",
        },
    )?;
    let drawn: Vec<String> = diagrams.iter().map(|d| format!("{}.svg", d.name)).collect();
    if let Ok(entries) = std::fs::read_dir(root.join(DIAGRAMS_DIR)) {
        for entry in entries.flatten() {
            let path = entry.path();
            let is_svg = path
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("svg"));
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_svg && !drawn.contains(&name) {
                plan.stale_files.push(path);
            }
        }
    }
    plan.stale_files.sort();
    Ok(plan)
}

/// The excerpts and diagrams of one slide file: what they should be, and why they are not.
fn plan_slides(
    root: &Path,
    deck: &Deck,
    file: &str,
    diagrams: &[Diagram],
    plan: &mut Plan,
) -> anyhow::Result<()> {
    let path = root.join(file);
    let text = read(&path)?;
    let sites = generate::sites(&text);
    let mut wanted = Vec::new();
    let mut why = Vec::new();
    for site in &sites {
        let slide = deck
            .slide_at(file, site.line)
            .map_or_else(|| format!("{file}:{}", site.line), deck::Slide::name);
        match generated_block(root, &site.directive, diagrams) {
            Ok(Some((info, content, what))) => {
                if !generate::is_current(site, &info, &content) {
                    why.push(format!("{slide}: {what}"));
                }
                wanted.push((site, info, content));
            }
            Ok(None) => {}
            Err(problem) => plan.problems.push(format!("{slide}: {problem}")),
        }
    }
    if !why.is_empty() {
        plan.changes.push(Change {
            text: generate::rewrite(&text, &wanted),
            path,
            why,
        });
    }
    Ok(())
}

/// The code block a directive owns: its info string, its content, and what to say when the
/// slide's copy differs; an error when it cannot be generated.
fn generated_block(
    root: &Path,
    directive: &Directive,
    diagrams: &[Diagram],
) -> Result<Option<(String, String, String)>, String> {
    match directive {
        Directive::Excerpt { path, region } => {
            let source = std::fs::read_to_string(root.join(path))
                .map_err(|error| format!("cannot read {path}: {error}"))?;
            let content =
                region::extract(&source, region).map_err(|error| format!("{path} {error}"))?;
            Ok(Some((
                region::language(path).to_owned(),
                content,
                format!("the excerpt {path}#{region} has changed since the deck was regenerated"),
            )))
        }
        Directive::Diagram { name } => {
            let Some(diagram) = diagrams.iter().find(|diagram| diagram.name == *name) else {
                let known: Vec<&str> = diagrams.iter().map(|d| d.name.as_str()).collect();
                return Err(format!(
                    "no diagram named `{name}` (there are: {})",
                    known.join(", ")
                ));
            };
            Ok(Some((
                "text".to_owned(),
                diagram.text.clone(),
                format!(
                    "the diagram {name} is not what {} gives",
                    relative(root, &diagram.source)
                ),
            )))
        }
        Directive::Part { .. } => Ok(None),
    }
}

/// A README whose block between `markers` should be `block`, generated from `source`.
struct Generated<'a> {
    readme: &'a Path,
    markers: generate::Markers,
    block: &'a str,
    /// What the block is (`diagram`, `schedule`) and what it is drawn from, for messages.
    what: &'a str,
    source: &'a str,
}

fn readme_change(root: &Path, plan: &mut Plan, generated: &Generated) -> anyhow::Result<()> {
    let Generated {
        readme,
        markers,
        block,
        what,
        source,
    } = *generated;
    let text = read(readme)?;
    let Some(current) = generate::readme_block(&text, markers) else {
        plan.problems.push(format!(
            "{}: no {what} markers ({} ... {}); add them where the {what} belongs",
            relative(root, readme),
            markers.begin,
            markers.end
        ));
        return Ok(());
    };
    if current != block.trim_matches('\n')
        && let Some(updated) = generate::with_readme_block(&text, markers, block)
    {
        plan.changes.push(Change {
            path: readme.to_path_buf(),
            text: updated,
            why: vec![format!(
                "{}: the {what} is not what {source} gives",
                relative(root, readme),
            )],
        });
    }
    Ok(())
}

/// `path` relative to `root`, for messages that name files as the workspace does.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {}", workspace::show(path)))
        .hint("check that the file exists and is readable")
}

fn load_deck(root: &Path) -> anyhow::Result<(Deck, Vec<String>)> {
    deck::load(&root.join(SLIDES_DIR), SLIDES_DIR).map_err(|error| {
        fail(
            error,
            "the deck starts at slides/talk.md, which includes one file per part",
        )
    })
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let root = workspace::root();
    let diagrams = diagrams(&root)?;
    let (deck, mut rules) = load_deck(&root)?;
    let plan = plan(&root, &deck, &diagrams)?;
    if !plan.problems.is_empty() {
        return Err(fail(
            plan.problems.join("; "),
            "fix what the message names: put back a region's markers (`// region: NAME` ... \
             `// endregion: NAME`, `#` in YAML) or a README's markers, or point the slide at a \
             region or diagram that exists",
        ));
    }
    let deck = if args.check {
        let mut stale: Vec<String> = plan.changes.iter().flat_map(|c| c.why.clone()).collect();
        stale.extend(
            plan.stale_files
                .iter()
                .map(|path| format!("{} is drawn by no diagram any more", workspace::show(path))),
        );
        stale.append(&mut rules);
        if !stale.is_empty() {
            return Err(fail(stale.join("; "), REGENERATE_HINT));
        }
        println!("every excerpt, diagram and README diagram is current; every slide has notes");
        deck
    } else {
        apply(&plan)?;
        let (deck, rules) = load_deck(&root)?;
        for rule in &rules {
            println!("note: {rule}");
        }
        deck
    };
    let output = workspace::target_dir()?.join("slides");
    let index = build(&root, &deck, &diagrams, &output)?;
    print_summary(&deck, &index, started);
    if args.browser_test {
        browser_test(&deck, &index, &output)?;
    }
    if args.pdf {
        let chromium = browser::require_chromium()?;
        let pdf = output.join("deck.pdf");
        browser::print_pdf(&chromium, &index, &pdf, &output.join("chromium-profile"))
            .hint("run it again; if Chromium keeps failing, run the command above by hand")?;
        println!("wrote {}", workspace::show(&pdf));
    }
    if args.serve {
        serve(&output, args.port)?;
    }
    Ok(())
}

/// `ci`'s stage: the check, then the browser test.
pub fn ci() -> anyhow::Result<()> {
    run(&Args {
        check: true,
        browser_test: true,
        pdf: false,
        serve: false,
        port: 4000,
    })
}

fn apply(plan: &Plan) -> anyhow::Result<()> {
    for change in &plan.changes {
        if let Some(dir) = change.path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", workspace::show(dir)))
                .hint("check the folder's permissions")?;
        }
        std::fs::write(&change.path, &change.text)
            .with_context(|| format!("cannot write {}", workspace::show(&change.path)))
            .hint("check the file's permissions")?;
        println!("rewrote {}", workspace::show(&change.path));
    }
    for path in &plan.stale_files {
        workspace::remove_file(path)?;
        println!("deleted {} (no diagram draws it)", workspace::show(path));
    }
    if plan.changes.is_empty() && plan.stale_files.is_empty() {
        println!("every excerpt, diagram and README diagram was already current");
    }
    Ok(())
}

fn build(root: &Path, deck: &Deck, diagrams: &[Diagram], output: &Path) -> anyhow::Result<PathBuf> {
    let svgs: BTreeMap<String, String> = diagrams
        .iter()
        .map(|diagram| (diagram.name.clone(), diagram.svg.clone()))
        .collect();
    let page = html::render(deck, &svgs, &root.join(SLIDES_DIR))
        .map_err(|error| fail(error, "fix the slide, then run cargo xtask slides again"))?;
    std::fs::create_dir_all(output)
        .with_context(|| format!("cannot create {}", workspace::show(output)))
        .hint("check that the target folder is writable")?;
    let index = output.join("index.html");
    std::fs::write(&index, page)
        .with_context(|| format!("cannot write {}", workspace::show(&index)))
        .hint("check that the target folder is writable")?;
    Ok(index)
}

fn print_summary(deck: &Deck, index: &Path, started: Instant) {
    let minutes: u32 = deck.parts.iter().map(|part| part.minutes).sum();
    println!(
        "deck: {} slides in {} parts, {minutes} minutes",
        deck.slide_count(),
        deck.parts.len()
    );
    for part in &deck.parts {
        println!(
            "  {:<40} {:>3} min {:>3} slides   {}-{}   {}",
            part.title,
            part.minutes,
            part.slides.len(),
            runsheet::clock(part.start),
            runsheet::clock(part.start + part.minutes),
            part.file
        );
    }
    let size = std::fs::metadata(index).map_or(0, |meta| meta.len());
    println!(
        "built {} ({} KiB, self-contained) in {:.1} s; open it in a browser, s opens the notes",
        workspace::show(index),
        size / 1024,
        started.elapsed().as_secs_f64()
    );
}

fn browser_test(deck: &Deck, index: &Path, output: &Path) -> anyhow::Result<()> {
    let chromium = browser::require_chromium()?;
    let names: Vec<String> = deck.slides().map(deck::Slide::name).collect();
    let screenshots = output.join("screenshots");
    println!(
        "browser test: every slide at {}x{}",
        browser::WIDTH,
        browser::HEIGHT
    );
    let report = browser::test_deck(
        &chromium,
        index,
        &names,
        &screenshots,
        &output.join("chromium-profile"),
    )
    .hint("run it again; if Chromium keeps failing, run the command above by hand")?;
    println!(
        "screenshots: {} ({} slides)",
        workspace::show(&screenshots),
        report.screenshots.len()
    );
    if report.problems.is_empty() {
        println!("browser test passed: no overflow, no broken image, no console error");
        Ok(())
    } else {
        Err(fail(
            format!("the browser test failed: {}", report.problems.join("; ")),
            format!(
                "look at the slide's screenshot in {}; shorten or split the slide",
                workspace::show(&screenshots)
            ),
        ))
    }
}

fn serve(dir: &Path, port: u16) -> anyhow::Result<()> {
    net::require_free(port, "cargo xtask slides --serve")?;
    let listener = TcpListener::bind(net::loopback(port))
        .with_context(|| format!("cannot listen on port {port}"))
        .hint(format!(
            "pick another one: cargo xtask slides --serve --port {}",
            port.saturating_add(1)
        ))?;
    println!();
    println!(
        "serving the deck at http://localhost:{port}/ (s opens the speaker notes); stop with Ctrl-C"
    );
    serve::serve(&listener, dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace in miniature: one approach with a marked source and a template, a deck of
    /// one part whose slide shows the excerpt and the diagram.
    struct Fixture {
        root: PathBuf,
    }

    impl Fixture {
        fn new(name: &str) -> Self {
            let root =
                std::env::temp_dir().join(format!("xtask-slides-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            let approach = root.join("deployments/approach-01-two");
            std::fs::create_dir_all(approach.join("src")).expect("mkdir");
            std::fs::create_dir_all(root.join("slides")).expect("mkdir");
            let write =
                |path: &str, text: &str| std::fs::write(root.join(path), text).expect("write");
            write(
                "deployments/approach-01-two/Cargo.toml",
                "[package]\nname = \"approach-01-two\"\n",
            );
            write(
                "deployments/approach-01-two/src/lib.rs",
                "// region: table\npub const FUNCTIONS: [&str; 2] = [\"Commands\", \"Queries\"];\n// endregion: table\n",
            );
            write(
                "deployments/approach-01-two/template.yaml",
                "Resources:\n  Api:\n    Type: AWS::Serverless::Api\n  Queries:\n    Type: AWS::Serverless::Function\n    Properties:\n      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: dynamodb:Query\n              Resource: !GetAtt Table.Arn\n      Events:\n        Get:\n          Type: Api\n          Properties: {RestApiId: !Ref Api, Path: /book, Method: GET}\n  Table:\n    Type: AWS::DynamoDB::Table\n",
            );
            write(
                "deployments/approach-01-two/README.md",
                "# Two\n\n<!-- diagram:begin -->\n<!-- diagram:end -->\n",
            );
            write(
                "deployments/README.md",
                "# All\n\n<!-- diagram:begin -->\n<!-- diagram:end -->\n",
            );
            write("slides/talk.md", "<!-- include: 00-all.md -->\n");
            write(
                "slides/README.md",
                "# Run sheet\n\n<!-- schedule:begin -->\n<!-- schedule:end -->\n",
            );
            write(
                "slides/00-all.md",
                "<!-- part: The whole talk (60 minutes)\n-->\n\n# The function table\n\n<!-- excerpt: deployments/approach-01-two/src/lib.rs#table\n-->\n\n<!-- diagram: approach-01-two\n-->\n\n<!-- speaker_note: Talk about it. -->\n",
            );
            Self { root }
        }

        fn write(&self, path: &str, text: &str) {
            std::fs::write(self.root.join(path), text).expect("write");
        }

        fn read(&self, path: &str) -> String {
            std::fs::read_to_string(self.root.join(path)).expect("read")
        }

        fn plan(&self) -> Plan {
            let diagrams = diagrams(&self.root).expect("diagrams");
            let (deck, rules) = load_deck(&self.root).expect("deck");
            // 15 slides short of an hour's budget is the one rule this tiny deck breaks.
            assert!(
                rules
                    .iter()
                    .all(|rule| rule.contains("slides for 60 minutes")),
                "{rules:?}"
            );
            plan(&self.root, &deck, &diagrams).expect("plan")
        }
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }

    fn why(plan: &Plan) -> Vec<String> {
        plan.changes
            .iter()
            .flat_map(|change| change.why.clone())
            .collect()
    }

    #[test]
    fn regenerating_fills_excerpts_diagrams_and_readmes_then_the_check_passes() {
        let fixture = Fixture::new("regenerate");
        let first = fixture.plan();
        assert!(first.problems.is_empty(), "{:?}", first.problems);
        let reasons = why(&first);
        assert_eq!(reasons.len(), 6, "{reasons:?}");
        assert!(reasons[0].starts_with("slides/00-all.md:4 (slide 1, \"The function table\"): the excerpt deployments/approach-01-two/src/lib.rs#table has changed"), "{reasons:?}");
        assert!(reasons[1].contains("the diagram approach-01-two is not what deployments/approach-01-two/template.yaml gives"), "{reasons:?}");
        apply(&first).expect("applies");

        let slide = fixture.read("slides/00-all.md");
        assert!(slide.contains("-->\n\n```rust\npub const FUNCTIONS: [&str; 2] = [\"Commands\", \"Queries\"];\n```\n"), "{slide}");
        assert!(
            slide.contains(
                "```text\nREST API Api\n  GET /book ───▶ λ Queries  read-only ─▶ Table (reads)\n```"
            ),
            "{slide}"
        );
        assert!(
            fixture
                .read("slides/diagrams/approach-01-two.svg")
                .starts_with("<?xml")
        );
        let readme = fixture.read("deployments/approach-01-two/README.md");
        assert!(
            readme.contains("<!-- diagram:begin -->\nHow [`template.yaml`]"),
            "{readme}"
        );
        assert!(readme.contains("```mermaid\nflowchart LR\n"), "{readme}");
        let overview = fixture.read("deployments/README.md");
        assert!(
            overview.contains("**[01 two](approach-01-two)**"),
            "{overview}"
        );
        let runsheet = fixture.read("slides/README.md");
        assert!(
            runsheet.contains("| 00:00 | 1 | The function table |  |"),
            "{runsheet}"
        );

        let again = fixture.plan();
        assert!(
            again.changes.is_empty() && again.problems.is_empty(),
            "{:?}",
            why(&again)
        );
    }

    #[test]
    fn the_check_names_the_slide_and_source_of_a_changed_or_missing_region() {
        let fixture = Fixture::new("check");
        apply(&fixture.plan()).expect("applies");

        fixture.write(
            "deployments/approach-01-two/src/lib.rs",
            "// region: table\npub const FUNCTIONS: [&str; 3] = [\"A\", \"B\", \"C\"];\n// endregion: table\n",
        );
        let changed = fixture.plan();
        assert_eq!(
            why(&changed),
            [
                "slides/00-all.md:4 (slide 1, \"The function table\"): the excerpt deployments/approach-01-two/src/lib.rs#table has changed since the deck was regenerated"
            ]
        );

        fixture.write(
            "deployments/approach-01-two/src/lib.rs",
            "pub const NOTHING: () = ();\n",
        );
        let missing = fixture.plan();
        assert_eq!(
            missing.problems,
            [
                "slides/00-all.md:4 (slide 1, \"The function table\"): deployments/approach-01-two/src/lib.rs has no region `table` (no `region: table` marker)"
            ]
        );
    }

    #[test]
    fn the_check_sees_a_changed_template_in_the_slide_the_svg_and_both_readmes() {
        let fixture = Fixture::new("template");
        apply(&fixture.plan()).expect("applies");
        let template = fixture.read("deployments/approach-01-two/template.yaml");
        fixture.write(
            "deployments/approach-01-two/template.yaml",
            &template.replace("dynamodb:Query", "dynamodb:PutItem"),
        );
        let reasons = why(&fixture.plan());
        assert_eq!(reasons.len(), 4, "{reasons:?}");
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("slides/diagrams/approach-01-two.svg is not what"))
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("deployments/README.md: the diagram is not what"))
        );
        let slide = generate::rewrite(&fixture.read("slides/00-all.md"), &[]);
        assert!(slide.contains("read-only"), "not rewritten by the check");
    }

    #[test]
    fn readmes_without_markers_and_unknown_diagrams_are_problems() {
        let fixture = Fixture::new("markers");
        fixture.write("deployments/approach-01-two/README.md", "# Two\n");
        fixture.write(
            "slides/00-all.md",
            "<!-- part: All (60 minutes)\n-->\n# A\n<!-- diagram: approach-09\n-->\n<!-- speaker_note: n -->\n",
        );
        let plan = fixture.plan();
        assert_eq!(plan.problems.len(), 2, "{:?}", plan.problems);
        assert!(
            plan.problems[0]
                .contains("no diagram named `approach-09` (there are: approach-01-two)")
        );
        assert!(
            plan.problems[1]
                .starts_with("deployments/approach-01-two/README.md: no diagram markers")
        );
    }

    #[test]
    fn the_command_line_takes_check_browser_test_pdf_and_serve() {
        use crate::tests::parse;
        let Ok(crate::Command::Slides(args)) = parse(&["slides"]) else {
            panic!("slides parses");
        };
        assert!(!args.check && !args.browser_test && !args.pdf && !args.serve);
        let Ok(crate::Command::Slides(args)) = parse(&["slides", "--check", "--browser-test"])
        else {
            panic!("slides --check --browser-test parses");
        };
        assert!(args.check && args.browser_test);
        let Ok(crate::Command::Slides(args)) = parse(&["slides", "--serve", "--port", "4100"])
        else {
            panic!("slides --serve --port parses");
        };
        assert_eq!((args.serve, args.port), (true, 4100));
        assert!(
            parse(&["slides", "--port", "4100"]).is_err(),
            "--port is for --serve"
        );
    }

    #[test]
    fn approaches_are_named_as_people_say_them() {
        assert_eq!(
            spoken("approach-03-extract-individual-commands-or-queries"),
            "03 extract individual commands or queries"
        );
    }
}
