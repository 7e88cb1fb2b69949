//! The deck as presenterm reads it: `slides/talk.md` includes one file per part of the talk's
//! timebox, each part is slides separated by `<!-- end_slide -->`, and every slide has speaker
//! notes (`<!-- speaker_note: ... -->`).
//!
//! xtask's own directives are comments too, so presenterm shows the deck as written:
//! `part: <title> (<N> minutes)` opens a part, `excerpt: <path>#<region>` and
//! `diagram: <name>` precede the code block xtask generates. They are written over two lines
//! (`-->` alone on the next one) because presenterm ignores a multi-line comment it does not
//! know, and refuses a one-line one.

use std::path::Path;

use super::markdown::{self, Block, Kind};

/// The talk's timebox: a re:Invent chalk talk is one hour.
pub const TIMEBOX_MINUTES: u32 = 60;
/// The deck's entry point, relative to `slides/`: what `presenterm slides/talk.md` opens.
pub const TALK: &str = "talk.md";

/// A slide: where it is, its title and notes, its Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    /// Its file, relative to the workspace root (`slides/01-phase-1.md`).
    pub file: String,
    /// 1-based line of its first line in that file.
    pub line: usize,
    /// 1-based position in the whole deck.
    pub number: usize,
    pub title: Option<String>,
    pub notes: Vec<String>,
    /// The slide's Markdown, comments included.
    pub text: String,
}

impl Slide {
    /// `slides/01-phase-1.md:40 (slide 12, "The six operations")`: how a message names it.
    pub fn name(&self) -> String {
        let title = self.title.as_deref().unwrap_or("untitled");
        format!(
            "{}:{} (slide {}, \"{title}\")",
            self.file, self.line, self.number
        )
    }
}

/// One part of the timebox: a file of slides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub file: String,
    pub title: String,
    pub minutes: u32,
    /// Minutes into the talk when the part starts.
    pub start: u32,
    pub slides: Vec<Slide>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deck {
    pub parts: Vec<Part>,
}

impl Deck {
    pub fn slides(&self) -> impl Iterator<Item = &Slide> {
        self.parts.iter().flat_map(|part| part.slides.iter())
    }

    pub fn slide_count(&self) -> usize {
        self.parts.iter().map(|part| part.slides.len()).sum()
    }

    /// The slide holding `line` of `file`, for messages about what is on that line.
    pub fn slide_at(&self, file: &str, line: usize) -> Option<&Slide> {
        self.slides()
            .filter(|slide| slide.file == file && slide.line <= line)
            .last()
    }
}

/// One of xtask's directives, read from a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    Part { title: String, minutes: u32 },
    Excerpt { path: String, region: String },
    Diagram { name: String },
}

/// The directive in a comment's body: `None` when the comment is not one of ours, an error
/// when it is but cannot be read.
pub fn directive(body: &str) -> Option<Result<Directive, String>> {
    let (keyword, rest) = body.split_once(':')?;
    let rest = rest.trim();
    Some(match keyword.trim() {
        "part" => part(rest),
        "excerpt" => match rest.split_once('#') {
            Some((path, region)) if !path.trim().is_empty() && !region.trim().is_empty() => {
                Ok(Directive::Excerpt {
                    path: path.trim().to_owned(),
                    region: region.trim().to_owned(),
                })
            }
            _ => Err(format!(
                "`excerpt: {rest}` names no region: write `excerpt: <path from the workspace root>#<region>`"
            )),
        },
        "diagram" if !rest.is_empty() && !rest.contains(char::is_whitespace) => {
            Ok(Directive::Diagram {
                name: rest.to_owned(),
            })
        }
        "diagram" => Err(format!("`diagram: {rest}` needs one diagram name")),
        _ => return None,
    })
}

/// `Phase 1, from CRUD to CQRS (20 minutes)`.
fn part(rest: &str) -> Result<Directive, String> {
    let unreadable = || format!("`part: {rest}` should read `part: <title> (<N> minutes)`");
    let (title, minutes) = rest.rsplit_once('(').ok_or_else(unreadable)?;
    let minutes = minutes
        .trim()
        .strip_suffix(')')
        .and_then(|m| m.trim().strip_suffix("minutes"))
        .and_then(|m| m.trim().parse::<u32>().ok())
        .filter(|m| *m > 0)
        .ok_or_else(unreadable)?;
    let title = title.trim();
    if title.is_empty() {
        return Err(unreadable());
    }
    Ok(Directive::Part {
        title: title.to_owned(),
        minutes,
    })
}

/// The presenterm commands a one-line comment may hold (its `CommentCommand`): anything else
/// on one line stops presenterm with an error.
const PRESENTERM_WORDS: [&str; 10] = [
    "end_slide",
    "pause",
    "jump_to_middle",
    "new_line",
    "newline",
    "reset_layout",
    "no_footer",
    "skip_slide",
    "{{{",
    "}}}",
];
const PRESENTERM_COMMANDS: [&str; 11] = [
    "speaker_note",
    "new_lines",
    "newlines",
    "column_layout",
    "column",
    "incremental_lists",
    "font_size",
    "alignment",
    "list_item_newlines",
    "include",
    "snippet_output",
];

/// What a comment is to presenterm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    EndSlide,
    SpeakerNote(String),
    Include(String),
    /// Any other command presenterm knows (layout, pauses): the HTML deck reads a few.
    Other {
        name: String,
        value: Option<String>,
    },
    /// A comment presenterm ignores: multi-line, or a vim modeline.
    Ignored,
}

/// Reads a comment the way presenterm does: as a YAML command (a word, or a one-key map), a
/// multi-line comment that is no command is ignored, a one-line one is an error.
pub fn command(body: &str, multiline: bool) -> Result<Command, String> {
    if body.starts_with("vim:") {
        return Ok(Command::Ignored);
    }
    let refuse = |why: String| {
        if multiline {
            Ok(Command::Ignored)
        } else {
            Err(why)
        }
    };
    if PRESENTERM_WORDS.contains(&body) {
        return Ok(match body {
            "end_slide" => Command::EndSlide,
            "{{{" | "}}}" => Command::Ignored,
            _ => Command::Other {
                name: body.to_owned(),
                value: None,
            },
        });
    }
    let Some((name, _)) = body.split_once(':') else {
        return refuse(format!(
            "presenterm stops at `<!-- {body} -->`: not one of its commands (put `-->` on the next line to keep it as a comment)"
        ));
    };
    let name = name.trim();
    if !PRESENTERM_COMMANDS.contains(&name) {
        return refuse(format!(
            "presenterm stops at `<!-- {body} -->`: `{name}` is not one of its commands (put `-->` on the next line to keep it as a comment)"
        ));
    }
    let parsed: serde_yaml::Value = serde_yaml::from_str(body).map_err(|error| {
        let error = error.to_string();
        let error = error.split(" at line").next().unwrap_or(&error).to_owned();
        format!(
            "presenterm cannot read `{name}` as YAML ({error}): quote the text, or use the `{name}: |` block form"
        )
    })?;
    let value = parsed.get(name).ok_or_else(|| {
        format!("presenterm cannot read `<!-- {body} -->` as one `{name}: ...` command")
    })?;
    let text = match value {
        serde_yaml::Value::String(text) => text.clone(),
        serde_yaml::Value::Null => String::new(),
        other => serde_yaml::to_string(other)
            .map(|yaml| yaml.trim().to_owned())
            .unwrap_or_default(),
    };
    Ok(match name {
        "speaker_note" => Command::SpeakerNote(text.trim().to_owned()),
        "include" => Command::Include(text.trim().to_owned()),
        _ => Command::Other {
            name: name.to_owned(),
            value: Some(text),
        },
    })
}

/// Whether a comment block spans lines (presenterm ignores those it does not know).
pub fn is_multiline(text: &str, block: &Block) -> bool {
    text[block.bytes.clone()].trim_end().contains('\n')
}

/// The title of a slide: its first heading (ATX `#` or setext), without inline markup.
pub fn title(text: &str) -> Option<String> {
    let blocks = markdown::scan(text);
    let lines: Vec<(&Block, &str)> = blocks
        .iter()
        .filter(|block| matches!(block.kind, Kind::Text))
        .map(|block| (block, text[block.bytes.clone()].trim_end()))
        .collect();
    for (index, (_, line)) in lines.iter().enumerate() {
        if let Some(heading) = atx_heading(line) {
            return Some(plain(heading));
        }
        let next = lines.get(index + 1).map(|(_, next)| next.trim());
        let underline = next.is_some_and(|next| {
            !next.is_empty() && (next.chars().all(|c| c == '=') || next.chars().all(|c| c == '-'))
        });
        if underline && !line.trim().is_empty() {
            return Some(plain(line.trim()));
        }
    }
    None
}

fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    line[hashes..].strip_prefix(' ').map(str::trim)
}

/// Text without the inline markup a title may carry.
fn plain(text: &str) -> String {
    text.replace(['`', '*'], "").trim().to_owned()
}

/// Reads `slides/talk.md` and the parts it includes. What presenterm would refuse, and what
/// the deck's rules forbid (a slide without notes, a part whose slides do not fit its
/// minutes), comes back as problems, each naming its slide.
pub fn load(slides_dir: &Path, shown_dir: &str) -> Result<(Deck, Vec<String>), String> {
    let talk_path = slides_dir.join(TALK);
    let talk = std::fs::read_to_string(&talk_path)
        .map_err(|error| format!("cannot read {shown_dir}/{TALK}: {error}"))?;
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for block in markdown::scan(&talk) {
        if block.is_blank(&talk) {
            continue;
        }
        let shown = format!("{shown_dir}/{TALK}:{}", block.line);
        match block.comment() {
            Some(body) => match command(body, is_multiline(&talk, &block)) {
                Ok(Command::Include(file)) => files.push(file),
                Ok(Command::Ignored) => {}
                Ok(_) => problems.push(format!("{shown}: {TALK} only includes the parts")),
                Err(problem) => problems.push(format!("{shown}: {problem}")),
            },
            None => problems.push(format!(
                "{shown}: {TALK} only includes the parts (`<!-- include: <file> -->`); slides go in the part files"
            )),
        }
    }
    let mut deck = Deck::default();
    let mut number = 0;
    let mut start = 0;
    let count = files.len();
    for (index, file) in files.iter().enumerate() {
        let shown = format!("{shown_dir}/{file}");
        let text = std::fs::read_to_string(slides_dir.join(file))
            .map_err(|error| format!("cannot read {shown} (included by {TALK}): {error}"))?;
        let part = parse_part(&shown, &text, &mut number, start, &mut problems);
        if index + 1 < count && !ends_with_end_slide(&text) {
            problems.push(format!(
                "{shown}: does not end with <!-- end_slide -->, so presenterm runs its last slide into the next part's first"
            ));
        }
        start += part.minutes;
        deck.parts.push(part);
    }
    if deck.parts.is_empty() {
        problems.push(format!("{shown_dir}/{TALK} includes no part"));
    }
    problems.extend(rules(&deck));
    Ok((deck, problems))
}

fn ends_with_end_slide(text: &str) -> bool {
    markdown::scan(text)
        .iter()
        .rev()
        .find(|block| !block.is_blank(text))
        .and_then(Block::comment)
        == Some("end_slide")
}

/// One part file: its `part:` directive and its slides.
pub fn parse_part(
    file: &str,
    text: &str,
    number: &mut usize,
    start: u32,
    problems: &mut Vec<String>,
) -> Part {
    let mut part = Part {
        file: file.to_owned(),
        title: String::new(),
        minutes: 0,
        start,
        slides: Vec::new(),
    };
    let blocks = markdown::scan(text);
    let mut slide_start = 0;
    let mut slide_line = 1;
    let mut notes = Vec::new();
    let mut finish = |from: usize, to: usize, line: usize, notes: &mut Vec<String>| {
        let body = &text[from..to];
        if body.trim().is_empty() && notes.is_empty() {
            return None;
        }
        *number += 1;
        Some(Slide {
            file: file.to_owned(),
            line,
            number: *number,
            title: title(body),
            notes: std::mem::take(notes),
            text: body.to_owned(),
        })
    };
    for block in &blocks {
        let Some(body) = block.comment() else {
            continue;
        };
        let at = format!("{file}:{}", block.line);
        match directive(body) {
            Some(Ok(Directive::Part { title, minutes })) => {
                if part.minutes > 0 {
                    problems.push(format!("{at}: a second `part:` in one file"));
                }
                part.title = title;
                part.minutes = minutes;
            }
            Some(Ok(_)) => {}
            Some(Err(problem)) => problems.push(format!("{at}: {problem}")),
            None => match command(body, is_multiline(text, block)) {
                Ok(Command::EndSlide) => {
                    if let Some(slide) =
                        finish(slide_start, block.bytes.start, slide_line, &mut notes)
                    {
                        part.slides.push(slide);
                    }
                    slide_start = block.bytes.end;
                    slide_line = block.line + 1;
                }
                Ok(Command::SpeakerNote(note)) => notes.push(note),
                Ok(Command::Include(_)) => problems.push(format!(
                    "{at}: a part includes no other file (xtask reads only talk.md's includes)"
                )),
                Ok(_) => {}
                Err(problem) => problems.push(format!("{at}: {problem}")),
            },
        }
        if directive(body).is_some() && !is_multiline(text, block) {
            problems.push(format!(
                "{at}: write `<!-- {body}` with `-->` on the next line: presenterm stops at a one-line comment it does not know"
            ));
        }
    }
    if let Some(slide) = finish(slide_start, text.len(), slide_line, &mut notes) {
        part.slides.push(slide);
    }
    // A slide is named by the line its content starts on (its title, mostly), not by the
    // comments before it.
    for slide in &mut part.slides {
        let blocks = markdown::scan(&slide.text);
        let content = blocks
            .iter()
            .find(|block| !block.is_blank(&slide.text) && block.comment().is_none())
            .or_else(|| blocks.iter().find(|block| !block.is_blank(&slide.text)));
        if let Some(block) = content {
            slide.line += block.line - 1;
        }
    }
    if part.minutes == 0 {
        problems.push(format!(
            "{file}: no `part: <title> (<N> minutes)` directive, so the part states no minutes"
        ));
    }
    part
}

/// The deck's rules: notes on every slide, slides that fit each part's minutes, parts that
/// fill the timebox.
pub fn rules(deck: &Deck) -> Vec<String> {
    let mut problems = Vec::new();
    for slide in deck.slides() {
        if slide.notes.iter().all(|note| note.trim().is_empty()) {
            problems.push(format!(
                "{}: no speaker notes (<!-- speaker_note: ... -->)",
                slide.name()
            ));
        }
        if slide.title.is_none() {
            problems.push(format!(
                "{}: no title (a `# ` or setext heading)",
                slide.name()
            ));
        }
    }
    for part in deck.parts.iter().filter(|part| part.minutes > 0) {
        let (fewest, most) = slide_budget(part.minutes);
        let count = part.slides.len();
        if count < fewest || count > most {
            problems.push(format!(
                "{}: {count} slides for {} minutes; a part of {} minutes takes {fewest} to {most} (one slide every one to four minutes)",
                part.file, part.minutes, part.minutes
            ));
        }
    }
    let total: u32 = deck.parts.iter().map(|part| part.minutes).sum();
    if !deck.parts.is_empty() && total != TIMEBOX_MINUTES {
        problems.push(format!(
            "the parts add up to {total} minutes; the talk's timebox is {TIMEBOX_MINUTES}"
        ));
    }
    problems
}

/// How many slides a part of `minutes` may have: at most one a minute (a slide needs time to
/// be read and talked about), at least one every four (a slide left up longer is a wall).
pub fn slide_budget(minutes: u32) -> (usize, usize) {
    let minutes = usize::try_from(minutes).unwrap_or(usize::MAX);
    (minutes.div_ceil(4), minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PART: &str = "\
<!-- part: Introduction (4 minutes)
-->

A winning combination
===

<!-- speaker_note: Welcome everyone. -->
<!-- end_slide -->

# CQRS, at the code level

<!--
speaker_note: |
  Two lines
  of notes.
-->
<!-- end_slide -->
";

    #[test]
    fn reads_a_part_its_slides_titles_and_notes() {
        let mut number = 0;
        let mut problems = Vec::new();
        let part = parse_part("slides/00-intro.md", PART, &mut number, 0, &mut problems);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!((part.title.as_str(), part.minutes), ("Introduction", 4));
        assert_eq!(part.slides.len(), 2);
        let first = &part.slides[0];
        assert_eq!(first.title.as_deref(), Some("A winning combination"));
        assert_eq!(first.notes, ["Welcome everyone."]);
        assert_eq!(
            (first.line, first.number),
            (4, 1),
            "named by its title's line"
        );
        let second = &part.slides[1];
        assert_eq!(second.title.as_deref(), Some("CQRS, at the code level"));
        assert_eq!(second.notes, ["Two lines\nof notes."]);
        assert_eq!((second.line, second.number), (10, 2));
        assert_eq!(
            second.name(),
            "slides/00-intro.md:10 (slide 2, \"CQRS, at the code level\")"
        );
    }

    #[test]
    fn reads_the_directives() {
        assert_eq!(
            directive("part: Phase 1, from CRUD to CQRS (20 minutes)"),
            Some(Ok(Directive::Part {
                title: "Phase 1, from CRUD to CQRS".into(),
                minutes: 20
            }))
        );
        assert_eq!(
            directive("excerpt: deployments/a/src/lib.rs#function-table"),
            Some(Ok(Directive::Excerpt {
                path: "deployments/a/src/lib.rs".into(),
                region: "function-table".into()
            }))
        );
        assert_eq!(
            directive("diagram: approach-01"),
            Some(Ok(Directive::Diagram {
                name: "approach-01".into()
            }))
        );
        assert!(matches!(directive("excerpt: a.rs"), Some(Err(_))));
        assert!(matches!(directive("part: Intro"), Some(Err(_))));
        assert_eq!(directive("speaker_note: hi"), None);
        assert_eq!(directive("end_slide"), None);
    }

    #[test]
    fn reads_comments_as_presenterm_does() {
        assert_eq!(command("end_slide", false), Ok(Command::EndSlide));
        assert_eq!(
            command("speaker_note: Say hello", false),
            Ok(Command::SpeakerNote("Say hello".into()))
        );
        assert_eq!(
            command("include: 00-intro.md", false),
            Ok(Command::Include("00-intro.md".into()))
        );
        assert_eq!(
            command("column_layout: [1, 2]", false),
            Ok(Command::Other {
                name: "column_layout".into(),
                value: Some("- 1\n- 2".into())
            })
        );
        assert!(
            command("TODO fix this", false).is_err(),
            "presenterm stops here"
        );
        assert_eq!(command("TODO fix this\nlater", true), Ok(Command::Ignored));
        let error = command("speaker_note: Say this: that", false).expect_err("bad YAML");
        assert!(error.contains("speaker_note: |"), "{error}");
    }

    #[test]
    fn a_one_line_directive_and_a_missing_part_are_problems() {
        let mut number = 0;
        let mut problems = Vec::new();
        let text = "# Title\n<!-- excerpt: a/b.rs#c -->\n<!-- speaker_note: n -->\n";
        let part = parse_part("slides/x.md", text, &mut number, 0, &mut problems);
        assert_eq!(part.slides.len(), 1);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("presenterm stops at a one-line comment"));
        assert!(problems[1].contains("states no minutes"));
    }

    #[test]
    fn every_slide_needs_notes_and_each_part_slides_that_fit_its_minutes() {
        let slide = |number: usize, notes: &[&str]| Slide {
            file: "slides/x.md".into(),
            line: number,
            number,
            title: Some(format!("S{number}")),
            notes: notes.iter().map(|note| (*note).to_owned()).collect(),
            text: String::new(),
        };
        let deck = Deck {
            parts: vec![
                Part {
                    file: "slides/x.md".into(),
                    title: "X".into(),
                    minutes: 2,
                    start: 0,
                    slides: vec![slide(1, &["n"]), slide(2, &[]), slide(3, &["n"])],
                },
                Part {
                    file: "slides/y.md".into(),
                    title: "Y".into(),
                    minutes: 58,
                    start: 2,
                    slides: (4..20).map(|n| slide(n, &["n"])).collect(),
                },
            ],
        };
        let problems = rules(&deck);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("slides/x.md:2 (slide 2, \"S2\"): no speaker notes"));
        assert!(problems[1].starts_with("slides/x.md: 3 slides for 2 minutes"));
        assert_eq!(slide_budget(20), (5, 20));
        assert_eq!(slide_budget(5), (2, 5));
        assert_eq!(deck.slide_at("slides/x.md", 7).map(|s| s.number), Some(7));
    }

    #[test]
    fn finds_titles() {
        assert_eq!(
            title("\n\nSome title\n===\n\ntext"),
            Some("Some title".into())
        );
        assert_eq!(
            title("# The `six` operations\n"),
            Some("The six operations".into())
        );
        assert_eq!(title("```\n# not a title\n```\nplain\n"), None);
    }
}
