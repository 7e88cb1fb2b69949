//! The generated parts of committed files, found and replaced in place, the way `api update`
//! keeps the README route tables: in a slide, the code block right after an `excerpt:` or
//! `diagram:` directive; in a README, what is between `<!-- diagram:begin -->` and
//! `<!-- diagram:end -->`. Regenerating rewrites them; checking compares them.

use std::ops::Range;

use super::deck::{self, Directive};
use super::markdown::{self, Kind};

pub const README_BEGIN: &str = "<!-- diagram:begin -->";
pub const README_END: &str = "<!-- diagram:end -->";

/// A directive in a slide file and the code block it owns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub directive: Directive,
    /// 1-based line of the directive.
    pub line: usize,
    /// Where a missing block goes: right after the directive's comment.
    pub insert_at: usize,
    /// The block there now: its bytes, info string and content.
    pub block: Option<(Range<usize>, String, String)>,
}

/// Every `excerpt:` and `diagram:` directive of a slide file, with the code block after it
/// (blank lines between are allowed; anything else means the block is not there yet).
pub fn sites(text: &str) -> Vec<Site> {
    let blocks = markdown::scan(text);
    let mut sites = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let Some(Ok(directive)) = block.comment().and_then(deck::directive) else {
            continue;
        };
        if matches!(directive, Directive::Part { .. }) {
            continue;
        }
        let next = blocks[index + 1..]
            .iter()
            .find(|candidate| !candidate.is_blank(text));
        let owned = next.and_then(|next| match &next.kind {
            Kind::Fence { info, content } => {
                Some((next.bytes.clone(), info.clone(), content.clone()))
            }
            _ => None,
        });
        sites.push(Site {
            directive,
            line: block.line,
            insert_at: block.bytes.end,
            block: owned,
        });
    }
    sites
}

/// `text` with each site's block replaced by (or, where missing, given) the fenced block of
/// its `(info, content)`.
pub fn rewrite(text: &str, wanted: &[(&Site, String, String)]) -> String {
    let mut edits: Vec<(Range<usize>, String)> = wanted
        .iter()
        .map(|(site, info, content)| {
            let block = markdown::fenced(info, content);
            match &site.block {
                Some((bytes, _, _)) => (bytes.clone(), block),
                // A blank line between the directive and the block it gets, as one writes it.
                None => (site.insert_at..site.insert_at, format!("\n{block}")),
            }
        })
        .collect();
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, replacement) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether a site's block is what it should be.
pub fn is_current(site: &Site, info: &str, content: &str) -> bool {
    site.block
        .as_ref()
        .is_some_and(|(_, have_info, have)| have_info == info && have == content)
}

/// A pair of marker comments around a generated block of a README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Markers {
    pub begin: &'static str,
    pub end: &'static str,
}

pub const DIAGRAM_MARKERS: Markers = Markers {
    begin: README_BEGIN,
    end: README_END,
};

/// What is between the markers (without the newlines next to them), if both are there in
/// order.
pub fn readme_block(readme: &str, markers: Markers) -> Option<&str> {
    readme_span(readme, markers).map(|span| readme[span].trim_matches('\n'))
}

/// The README with `block` between its markers; `None` when they are missing.
pub fn with_readme_block(readme: &str, markers: Markers, block: &str) -> Option<String> {
    let span = readme_span(readme, markers)?;
    Some(format!(
        "{}\n{}\n{}",
        &readme[..span.start],
        block.trim_matches('\n'),
        &readme[span.end..]
    ))
}

fn readme_span(readme: &str, markers: Markers) -> Option<Range<usize>> {
    let start = readme.find(markers.begin)? + markers.begin.len();
    let end = start + readme[start..].find(markers.end)?;
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SLIDE: &str = "\
# The function table

<!-- excerpt: deployments/a/src/lib.rs#table
-->

```rust
old
```

<!-- diagram: approach-01
-->
Text right after.
<!-- speaker_note: n -->
";

    #[test]
    fn finds_directives_and_the_blocks_they_own() {
        let found = sites(SLIDE);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].directive,
            Directive::Excerpt {
                path: "deployments/a/src/lib.rs".into(),
                region: "table".into()
            }
        );
        assert_eq!(found[0].line, 3);
        assert_eq!(
            found[0]
                .block
                .as_ref()
                .map(|(_, info, content)| (info.as_str(), content.as_str())),
            Some(("rust", "old"))
        );
        assert!(is_current(&found[0], "rust", "old"));
        assert!(!is_current(&found[0], "rust", "new"));
        assert_eq!(
            found[1].block, None,
            "text after a directive is not its block"
        );
        assert!(!is_current(&found[1], "text", "x"));
    }

    #[test]
    fn rewrites_blocks_and_inserts_missing_ones() {
        let found = sites(SLIDE);
        let wanted = vec![
            (&found[0], "rust".to_owned(), "new\nlines".to_owned()),
            (&found[1], "text".to_owned(), "a ─▶ b".to_owned()),
        ];
        let updated = rewrite(SLIDE, &wanted);
        assert!(
            updated.contains("-->\n\n```rust\nnew\nlines\n```\n\n<!-- diagram"),
            "{updated}"
        );
        assert!(
            updated.contains("-->\n\n```text\na ─▶ b\n```\nText right after."),
            "{updated}"
        );
        let again = sites(&updated);
        assert!(is_current(&again[0], "rust", "new\nlines"));
        assert!(is_current(&again[1], "text", "a ─▶ b"));
        let wanted_again = vec![
            (&again[0], "rust".to_owned(), "new\nlines".to_owned()),
            (&again[1], "text".to_owned(), "a ─▶ b".to_owned()),
        ];
        assert_eq!(
            rewrite(&updated, &wanted_again),
            updated,
            "stable once current"
        );
    }

    #[test]
    fn replaces_only_what_is_between_the_readme_markers() {
        let readme = format!("# Approach\n\n{README_BEGIN}\nold\n{README_END}\n\nMore.\n");
        assert_eq!(readme_block(&readme, DIAGRAM_MARKERS), Some("old"));
        let updated =
            with_readme_block(&readme, DIAGRAM_MARKERS, "```mermaid\nflowchart LR\n```\n")
                .expect("markers");
        assert_eq!(
            updated,
            format!(
                "# Approach\n\n{README_BEGIN}\n```mermaid\nflowchart LR\n```\n{README_END}\n\nMore.\n"
            )
        );
        assert_eq!(readme_block("no markers", DIAGRAM_MARKERS), None);
        assert_eq!(
            with_readme_block(
                &format!("{README_END} {README_BEGIN}"),
                DIAGRAM_MARKERS,
                "x"
            ),
            None
        );
    }
}
