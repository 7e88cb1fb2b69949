//! The run sheet's schedule in `slides/README.md`: what is on screen at each minute and what
//! is run live there, generated from the deck so it follows every slide added or moved.

use super::deck::Deck;
use super::generate::Markers;
use super::markdown::{self, Kind};

pub const MARKERS: Markers = Markers {
    begin: "<!-- schedule:begin -->",
    end: "<!-- schedule:end -->",
};

/// The schedule as a Markdown table: each part's minutes spread evenly over its slides.
pub fn schedule(deck: &Deck) -> String {
    let mut rows = vec![
        "| At | Slide | On screen | Run live |".to_owned(),
        "|---|---|---|---|".to_owned(),
    ];
    for part in &deck.parts {
        let count = u32::try_from(part.slides.len()).unwrap_or(u32::MAX).max(1);
        rows.push(format!(
            "| **{}** | | **{} ({} minutes)** | |",
            clock(part.start),
            cell(&part.title),
            part.minutes
        ));
        for (index, slide) in (0u32..).zip(&part.slides) {
            let at = part.start + index * part.minutes / count;
            rows.push(format!(
                "| {} | {} | {} | {} |",
                clock(at),
                slide.number,
                cell(slide.title.as_deref().unwrap_or("")),
                commands(&slide.text).join("<br>")
            ));
        }
    }
    let end: u32 = deck.parts.iter().map(|part| part.minutes).sum();
    rows.push(format!("| **{}** | | **End** | |", clock(end)));
    rows.join("\n") + "\n"
}

/// `00:35`: minutes into the talk as hours and minutes.
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The shell commands of a slide's code blocks, `+exec` ones (run from presenterm with
/// Ctrl+E) marked as such.
fn commands(text: &str) -> Vec<String> {
    markdown::scan(text)
        .into_iter()
        .filter_map(|block| match block.kind {
            Kind::Fence { info, content } => Some((info, content)),
            _ => None,
        })
        .filter(|(info, _)| {
            let language = info.split_whitespace().next().unwrap_or_default();
            matches!(language, "bash" | "sh" | "shell" | "console")
        })
        .flat_map(|(info, content)| {
            let live = info.contains("+exec");
            content
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(|line| {
                    let command = format!("`{}`", cell(line));
                    if live {
                        format!("{command} (Ctrl+E)")
                    } else {
                        command
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Text safe in a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::super::deck::{Part, Slide};
    use super::*;

    fn slide(number: usize, title: &str, text: &str) -> Slide {
        Slide {
            file: "slides/x.md".into(),
            line: number,
            number,
            title: Some(title.into()),
            notes: vec!["n".into()],
            text: text.into(),
        }
    }

    #[test]
    fn spreads_each_part_over_its_slides_and_lists_the_live_commands() {
        let deck = Deck {
            parts: vec![
                Part {
                    file: "slides/a.md".into(),
                    title: "Intro".into(),
                    minutes: 10,
                    start: 0,
                    slides: vec![
                        slide(1, "Hello", "# Hello\n"),
                        slide(
                            2,
                            "Serve",
                            "# Serve\n```bash +exec\ncargo xtask diff 00 01 --stat\n```\n```bash\n# in the second terminal\ncargo xtask serve 00\ncurl -s localhost:3000/author | head\n```\n",
                        ),
                    ],
                },
                Part {
                    file: "slides/b.md".into(),
                    title: "Q&A".into(),
                    minutes: 50,
                    start: 10,
                    slides: vec![slide(3, "Questions", "```rust\nfn main() {}\n```\n")],
                },
            ],
        };
        assert_eq!(
            schedule(&deck),
            "| At | Slide | On screen | Run live |\n|---|---|---|---|\n\
             | **00:00** | | **Intro (10 minutes)** | |\n\
             | 00:00 | 1 | Hello |  |\n\
             | 00:05 | 2 | Serve | `cargo xtask diff 00 01 --stat` (Ctrl+E)<br>`cargo xtask serve 00`<br>`curl -s localhost:3000/author \\| head` |\n\
             | **00:10** | | **Q&A (50 minutes)** | |\n\
             | 00:10 | 3 | Questions |  |\n\
             | **01:00** | | **End** | |\n"
        );
    }
}
