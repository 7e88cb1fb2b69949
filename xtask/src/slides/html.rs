//! The deck as one self-contained HTML file: every slide a 1280×720 section scaled to the
//! window, CSS and JavaScript inline, diagrams and images as data URIs. Nothing is fetched, so
//! it works from a USB stick on a conference laptop without network.
//!
//! Markdown is rendered with pulldown-cmark; the presenterm commands that shape a slide
//! (columns, vertical centering, spacing) are read so the HTML looks like the terminal.

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine as _;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::deck::{self, Command, Deck, Directive, Part, Slide};
use super::markdown::{self, Kind};
use super::runsheet;

const CSS: &str = include_str!("deck.css");
const JS: &str = include_str!("deck.js");

/// Renders the deck; `diagrams` maps a diagram's name to its SVG, `slides_dir` is where
/// image paths are relative to.
pub fn render(
    deck: &Deck,
    diagrams: &BTreeMap<String, String>,
    slides_dir: &Path,
) -> Result<String, String> {
    let total = deck.slide_count();
    let mut sections = Vec::new();
    let mut meta = Vec::new();
    for part in &deck.parts {
        for slide in &part.slides {
            let body = slide_body(slide, diagrams, slides_dir)?;
            let middle = if body.middle { " middle" } else { "" };
            let title = slide.title.as_deref().unwrap_or("");
            // The footer says which part of the timebox this is, and its minutes.
            sections.push(format!(
                "<section class=\"slide{middle}\" aria-label=\"{}\"><div class=\"body\">{}</div><footer><span>{} · {}–{}</span><span>{} / {total}</span></footer></section>\n",
                escape(title),
                body.html,
                escape(&part.title),
                runsheet::clock(part.start),
                runsheet::clock(part.start + part.minutes),
                slide.number
            ));
            meta.push(slide_meta(part, slide));
        }
    }
    let sections = sections.concat();
    let title = deck
        .slides()
        .next()
        .and_then(|slide| slide.title.clone())
        .unwrap_or_else(|| "Slides".into());
    let meta = serde_json::to_string(&meta)
        .map_err(|error| format!("cannot write the notes as JSON: {error}"))?
        // The JSON sits in a <script> element: `</script>` inside a note must not end it.
        .replace("</", "<\\/");
    Ok(format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n{CSS}</style>\n</head>\n<body>\n<main id=\"deck\">\n{sections}</main>\n<aside id=\"notes-pane\" hidden></aside>\n<script type=\"application/json\" id=\"deck-meta\">{meta}</script>\n<script>\n{JS}</script>\n</body>\n</html>\n",
        escape(&title)
    ))
}

fn slide_meta(part: &Part, slide: &Slide) -> serde_json::Value {
    serde_json::json!({
        "title": slide.title.clone().unwrap_or_default(),
        "notes": slide.notes.join("\n\n"),
        "part": part.title,
        "start": part.start,
        "end": part.start + part.minutes,
        "source": format!("{}:{}", slide.file, slide.line),
    })
}

struct Body {
    html: String,
    middle: bool,
}

/// A slide's HTML being built: Markdown waiting to be rendered, and the layout presenterm's
/// commands have opened (columns, a centred stretch) so it can be closed again.
struct Layout<'a> {
    slide: &'a Slide,
    slides_dir: &'a Path,
    html: String,
    pending: String,
    middle: bool,
    columns: Columns,
    centered: bool,
}

/// Where the slide is in a presenterm column layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Columns {
    Closed,
    /// `column_layout` opened the grid; no `column` yet.
    Open,
    InColumn,
}

impl<'a> Layout<'a> {
    fn new(slide: &'a Slide, slides_dir: &'a Path) -> Self {
        Self {
            slide,
            slides_dir,
            html: String::new(),
            pending: String::new(),
            middle: false,
            columns: Columns::Closed,
            centered: false,
        }
    }

    /// Renders the Markdown gathered so far.
    fn flush(&mut self) -> Result<(), String> {
        if !self.pending.trim().is_empty() {
            let html = markdown_html(&self.pending, self.slide, self.slides_dir)?;
            self.html.push_str(&html);
        }
        self.pending.clear();
        Ok(())
    }

    fn close_column(&mut self) {
        if self.columns == Columns::InColumn {
            self.html.push_str("</div>");
            self.columns = Columns::Open;
        }
    }

    fn close_columns(&mut self) {
        self.close_column();
        if self.columns == Columns::Open {
            self.html.push_str("</div>");
            self.columns = Columns::Closed;
        }
    }

    /// A presenterm command that shapes the slide; the others change nothing in a browser.
    fn command(&mut self, name: &str, value: Option<&str>, body: &str) -> Result<(), String> {
        match name {
            "jump_to_middle" => self.middle = true,
            "column_layout" => {
                self.flush()?;
                self.close_columns();
                let widths = column_widths(body);
                self.html.extend([
                    "<div class=\"columns\" style=\"grid-template-columns: ",
                    widths.as_str(),
                    "\">",
                ]);
                self.columns = Columns::Open;
            }
            "column" if self.columns != Columns::Closed => {
                self.flush()?;
                self.close_column();
                self.html.push_str("<div class=\"column\">");
                self.columns = Columns::InColumn;
            }
            "reset_layout" => {
                self.flush()?;
                self.close_columns();
            }
            "new_line" | "newline" | "new_lines" | "newlines" => {
                self.flush()?;
                let lines: u32 = value
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1)
                    .min(10);
                let height = lines.to_string();
                self.html.extend([
                    "<div class=\"spacer\" style=\"height: ",
                    height.as_str(),
                    "em\"></div>",
                ]);
            }
            "alignment" => {
                self.flush()?;
                if self.centered {
                    self.html.push_str("</div>");
                    self.centered = false;
                }
                if value.map(str::trim) == Some("center") {
                    self.html.push_str("<div class=\"center\">");
                    self.centered = true;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Body, String> {
        self.flush()?;
        if self.centered {
            self.html.push_str("</div>");
        }
        self.close_columns();
        Ok(Body {
            html: self.html,
            middle: self.middle,
        })
    }
}

/// One slide's HTML: its Markdown in segments, split where presenterm commands change the
/// layout; a diagram directive and the terminal drawing after it become the SVG.
fn slide_body(
    slide: &Slide,
    diagrams: &BTreeMap<String, String>,
    slides_dir: &Path,
) -> Result<Body, String> {
    let text = &slide.text;
    let mut layout = Layout::new(slide, slides_dir);
    let mut skip_next_fence = false;
    for block in &markdown::scan(text) {
        match &block.kind {
            Kind::Fence { .. } if skip_next_fence => skip_next_fence = false,
            Kind::Text | Kind::Fence { .. } => layout.pending.push_str(&text[block.bytes.clone()]),
            Kind::Comment { body } => {
                if let Some(Ok(directive)) = deck::directive(body) {
                    if let Directive::Diagram { name } = directive {
                        let svg = diagrams.get(&name).ok_or_else(|| {
                            format!("{}: no diagram named `{name}`", slide.name())
                        })?;
                        layout.flush()?;
                        layout.html.push_str(&figure(&name, svg));
                        skip_next_fence = true;
                    }
                    continue;
                }
                if let Ok(Command::Other { name, value }) =
                    deck::command(body, deck::is_multiline(text, block))
                {
                    layout.command(&name, value.as_deref(), body)?;
                }
            }
        }
    }
    layout.finish()
}

/// `column_layout: [2, 1]` as CSS grid columns (`2fr 1fr`).
fn column_widths(body: &str) -> String {
    let parsed: Option<Vec<u32>> = serde_yaml::from_str::<serde_yaml::Value>(body)
        .ok()
        .and_then(|value| value.get("column_layout").cloned())
        .and_then(|value| serde_yaml::from_value(value).ok());
    match parsed {
        Some(widths) if !widths.is_empty() => widths
            .iter()
            .map(|width| format!("{width}fr"))
            .collect::<Vec<_>>()
            .join(" "),
        _ => "1fr 1fr".into(),
    }
}

fn figure(name: &str, svg: &str) -> String {
    let data = base64::engine::general_purpose::STANDARD.encode(svg);
    format!(
        "<figure class=\"diagram\"><img alt=\"{}\" src=\"data:image/svg+xml;base64,{data}\"></figure>",
        escape(&format!("diagram: {name}"))
    )
}

/// Markdown to HTML, with code blocks marked by language (and `+exec` blocks as live
/// commands) and images embedded.
fn markdown_html(text: &str, slide: &Slide, slides_dir: &Path) -> Result<String, String> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new()));
            }
            Event::Text(content) if code.is_some() => {
                if let Some((_, body)) = code.as_mut() {
                    body.push_str(&content);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, body)) = code.take() {
                    events.push(Event::Html(CowStr::from(code_block(&info, &body))));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let embedded = embed_image(&dest_url, slide, slides_dir)?;
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(embedded),
                    title,
                    id,
                }));
            }
            // presenterm's commands are comments; the browser has no use for them.
            Event::Html(html) if html.trim_start().starts_with("<!--") => {}
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(html)
}

/// A code block; a `+exec` one is a command the presenter runs live from presenterm.
fn code_block(info: &str, body: &str) -> String {
    let mut words = info.split_whitespace();
    let language = words.next().unwrap_or("text");
    let live = words.any(|word| word.starts_with("+exec"));
    let body = escape(body.trim_end_matches('\n'));
    let class = escape(language);
    if live {
        format!(
            "<div class=\"exec\"><span class=\"exec-label\">live</span><pre class=\"code\"><code class=\"language-{class}\">{body}</code></pre></div>"
        )
    } else {
        format!("<pre class=\"code\"><code class=\"language-{class}\">{body}</code></pre>")
    }
}

/// An image file next to the slides as a data URI. Remote images are refused: the conference
/// network may not be there.
fn embed_image(url: &str, slide: &Slide, slides_dir: &Path) -> Result<String, String> {
    if url.starts_with("data:") {
        return Ok(url.to_owned());
    }
    if url.contains("://") {
        return Err(format!(
            "{}: the image {url} is remote; keep images under slides/ so the deck works offline",
            slide.name()
        ));
    }
    let path = slides_dir.join(url);
    let bytes = std::fs::read(&path)
        .map_err(|error| format!("{}: cannot read the image {url}: {error}", slide.name()))?;
    let extension = url.rsplit_once('.').map_or("", |(_, extension)| extension);
    let mime = match extension.to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        _ => {
            return Err(format!(
                "{}: the image {url} is not PNG, JPEG, GIF, SVG or WebP",
                slide.name()
            ));
        }
    };
    let data = base64::engine::general_purpose::STANDARD.encode(bytes);
    Ok(format!("data:{mime};base64,{data}"))
}

/// Text safe in HTML content and in double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slide(text: &str) -> Slide {
        Slide {
            file: "slides/x.md".into(),
            line: 1,
            number: 1,
            title: deck::title(text),
            notes: vec!["Say <this>.".into()],
            text: text.into(),
        }
    }

    fn deck_of(slides: Vec<Slide>) -> Deck {
        Deck {
            parts: vec![Part {
                file: "slides/x.md".into(),
                title: "Intro".into(),
                minutes: 10,
                start: 0,
                slides,
            }],
        }
    }

    #[test]
    fn renders_slides_notes_and_live_commands() {
        let text = "# The six operations\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```bash +exec\ncargo xtask serve step-00-crud\n```\n<!-- speaker_note: Say <this>. -->\n";
        let html = render(
            &deck_of(vec![slide(text)]),
            &BTreeMap::new(),
            Path::new("."),
        )
        .expect("renders");
        assert!(html.contains("<section class=\"slide\" aria-label=\"The six operations\">"));
        assert!(html.contains("<h1>The six operations</h1>"));
        assert!(html.contains("<table>"));
        assert!(html.contains(
            "<div class=\"exec\"><span class=\"exec-label\">live</span><pre class=\"code\"><code class=\"language-bash\">cargo xtask serve step-00-crud</code></pre></div>"
        ));
        assert!(
            !html.contains("speaker_note"),
            "comments stay out of the slides"
        );
        assert!(
            html.contains("\"notes\":\"Say <this>.\""),
            "the notes travel as JSON"
        );
        assert!(
            html.contains("<footer><span>Intro · 00:00–00:10</span><span>1 / 1</span></footer>")
        );
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "nothing remote"
        );
    }

    #[test]
    fn a_diagram_directive_becomes_its_svg_and_its_text_block_goes() {
        let text = "# Approach 01\n<!-- diagram: approach-01\n-->\n```text\nTERMINAL-DRAWING\n```\nAfter.\n";
        let diagrams = BTreeMap::from([("approach-01".to_owned(), "<svg>x</svg>".to_owned())]);
        let html = render(&deck_of(vec![slide(text)]), &diagrams, Path::new(".")).expect("renders");
        let data = base64::engine::general_purpose::STANDARD.encode("<svg>x</svg>");
        assert!(html.contains(&format!("src=\"data:image/svg+xml;base64,{data}\"")));
        assert!(
            !html.contains("TERMINAL-DRAWING"),
            "the terminal drawing is replaced"
        );
        assert!(html.contains("<p>After.</p>"));
        let missing = render(
            &deck_of(vec![slide("# A\n<!-- diagram: nope\n-->\n")]),
            &diagrams,
            Path::new("."),
        );
        assert!(
            missing
                .expect_err("unknown diagram")
                .contains("no diagram named `nope`")
        );
    }

    #[test]
    fn columns_follow_presenterm_layout_commands() {
        let text = "# Two columns\n<!-- column_layout: [2, 1] -->\n<!-- column: 0 -->\nLeft\n<!-- column: 1 -->\nRight\n<!-- reset_layout -->\nBelow\n";
        let html = render(
            &deck_of(vec![slide(text)]),
            &BTreeMap::new(),
            Path::new("."),
        )
        .expect("renders");
        assert!(html.contains(
            "<div class=\"columns\" style=\"grid-template-columns: 2fr 1fr\"><div class=\"column\"><p>Left</p>\n</div><div class=\"column\"><p>Right</p>\n</div></div><p>Below</p>"
        ), "{html}");
    }

    #[test]
    fn images_are_embedded_and_remote_or_missing_ones_refused() {
        let dir = std::env::temp_dir().join(format!("xtask-slides-img-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("dot.png"), [137, 80, 78, 71]).expect("write");
        let ok = render(
            &deck_of(vec![slide("# I\n![a dot](dot.png)\n")]),
            &BTreeMap::new(),
            &dir,
        )
        .expect("renders");
        assert!(
            ok.contains("src=\"data:image/png;base64,iVBORw==\""),
            "{ok}"
        );
        let remote = render(
            &deck_of(vec![slide("# I\n![x](https://example.com/x.png)\n")]),
            &BTreeMap::new(),
            &dir,
        );
        assert!(remote.expect_err("remote").contains("is remote"));
        let missing = render(
            &deck_of(vec![slide("# I\n![x](nope.png)\n")]),
            &BTreeMap::new(),
            &dir,
        );
        assert!(
            missing
                .expect_err("missing")
                .contains("cannot read the image nope.png")
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn escapes_text_and_the_script_end_tag() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let mut s = slide("# T\n");
        s.notes = vec!["</script><script>alert(1)</script>".into()];
        let html = render(&deck_of(vec![s]), &BTreeMap::new(), Path::new(".")).expect("renders");
        assert!(
            !html.contains("</script><script>alert"),
            "a note cannot end the JSON script"
        );
    }
}
