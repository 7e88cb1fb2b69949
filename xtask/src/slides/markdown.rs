//! A slide file cut into the pieces that matter to xtask: HTML comments that start a line
//! (presenterm's commands and ours), fenced code blocks, and the text between them.
//!
//! Comments inside a code block are code, not commands: a slide may well show
//! `<!-- end_slide -->` in a fence, so the scan follows fences as `CommonMark` does.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Lines of Markdown.
    Text,
    /// An HTML comment; `body` is what is between `<!--` and `-->`, trimmed.
    Comment { body: String },
    /// A fenced code block: its info string (`rust`, `bash +exec`) and its content.
    Fence { info: String, content: String },
}

/// A piece of the file and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    /// Byte range in the file, whole lines, newline included.
    pub bytes: Range<usize>,
    /// 1-based number of its first line.
    pub line: usize,
}

impl Block {
    pub fn comment(&self) -> Option<&str> {
        match &self.kind {
            Kind::Comment { body } => Some(body),
            _ => None,
        }
    }

    pub fn is_blank(&self, text: &str) -> bool {
        matches!(self.kind, Kind::Text) && text[self.bytes.clone()].trim().is_empty()
    }
}

/// `text` as blocks, in order, covering every byte. Each text line is its own block, so a
/// caller can tell a blank line from content.
pub fn scan(text: &str) -> Vec<Block> {
    let lines = lines_with_offsets(text);
    let mut blocks = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let (start, line) = lines[index];
        let trimmed = line.trim_start();
        if let Some(fence) = fence_opening(trimmed) {
            let closing = (index + 1..lines.len()).find(|&i| is_fence_closing(lines[i].1, &fence));
            let last = closing.unwrap_or(lines.len() - 1);
            let content_lines = &lines[index + 1..closing.unwrap_or(lines.len())];
            let content: Vec<&str> = content_lines
                .iter()
                .map(|(_, line)| line.trim_end_matches(['\n', '\r']))
                .collect();
            blocks.push(Block {
                kind: Kind::Fence {
                    info: trimmed[fence.len()..].trim().to_owned(),
                    content: content.join("\n"),
                },
                bytes: start..end_of(&lines, last),
                line: index + 1,
            });
            index = last + 1;
        } else if trimmed.starts_with("<!--") {
            let closing = (index..lines.len()).find(|&i| {
                let from = if i == index {
                    line.find("<!--").map_or(0, |at| at + 4)
                } else {
                    0
                };
                lines[i].1[from..].contains("-->")
            });
            let last = closing.unwrap_or(lines.len() - 1);
            let whole = &text[start..end_of(&lines, last)];
            let body_start = whole.find("<!--").map_or(0, |at| at + 4);
            let body_end = whole.rfind("-->").filter(|&at| at >= body_start);
            let body = body_end.map_or(&whole[body_start..], |end| &whole[body_start..end]);
            blocks.push(Block {
                kind: Kind::Comment {
                    body: body.trim().to_owned(),
                },
                bytes: start..end_of(&lines, last),
                line: index + 1,
            });
            index = last + 1;
        } else {
            blocks.push(Block {
                kind: Kind::Text,
                bytes: start..start + line.len(),
                line: index + 1,
            });
            index += 1;
        }
    }
    blocks
}

/// Every line with its byte offset, newline included.
fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.len();
    }
    lines
}

fn end_of(lines: &[(usize, &str)], index: usize) -> usize {
    let (start, line) = lines[index];
    start + line.len()
}

/// The fence (three or more backticks or tildes) opening a code block on this line.
fn fence_opening(trimmed: &str) -> Option<String> {
    let first = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let count = trimmed.chars().take_while(|c| *c == first).count();
    if count < 3 {
        return None;
    }
    let fence: String = std::iter::repeat_n(first, count).collect();
    // A backtick fence's info string may not contain backticks (CommonMark).
    if first == '`' && trimmed[count..].contains('`') {
        return None;
    }
    Some(fence)
}

fn is_fence_closing(line: &str, fence: &str) -> bool {
    let trimmed = line.trim();
    let Some(first) = fence.chars().next() else {
        return false;
    };
    trimmed.len() >= fence.len() && trimmed.chars().all(|c| c == first)
}

/// A fenced code block holding `content`, with a fence longer than any run of backticks that
/// starts one of its lines.
pub fn fenced(info: &str, content: &str) -> String {
    let longest = content
        .lines()
        .map(|line| line.trim_start().chars().take_while(|c| *c == '`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{info}\n{content}\n{fence}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        scan(text).into_iter().map(|block| block.kind).collect()
    }

    #[test]
    fn finds_comments_fences_and_text_lines() {
        let text =
            "Title\n===\n<!-- speaker_note: hi -->\n```rust +exec\nfn main() {}\n```\nafter\n";
        assert_eq!(
            kinds(text),
            [
                Kind::Text,
                Kind::Text,
                Kind::Comment {
                    body: "speaker_note: hi".into()
                },
                Kind::Fence {
                    info: "rust +exec".into(),
                    content: "fn main() {}".into()
                },
                Kind::Text,
            ]
        );
        let blocks = scan(text);
        assert_eq!(blocks[3].line, 4);
        assert_eq!(
            &text[blocks[3].bytes.clone()],
            "```rust +exec\nfn main() {}\n```\n"
        );
        let covered: usize = blocks.iter().map(|block| block.bytes.len()).sum();
        assert_eq!(covered, text.len(), "the blocks cover every byte");
    }

    #[test]
    fn a_comment_inside_a_fence_is_code() {
        let text = "````markdown\n<!-- end_slide -->\n```\nstill code\n````\n<!-- end_slide -->\n";
        let found = kinds(text);
        assert_eq!(found.len(), 2);
        assert!(matches!(&found[0], Kind::Fence { content, .. } if content.contains("end_slide")));
        assert_eq!(
            found[1],
            Kind::Comment {
                body: "end_slide".into()
            }
        );
    }

    #[test]
    fn a_comment_may_span_lines() {
        let text = "<!-- excerpt: a/b.rs#c\n-->\n<!--\nspeaker_note: |\n  two\n  lines\n-->\n";
        assert_eq!(
            kinds(text),
            [
                Kind::Comment {
                    body: "excerpt: a/b.rs#c".into()
                },
                Kind::Comment {
                    body: "speaker_note: |\n  two\n  lines".into()
                },
            ]
        );
    }

    #[test]
    fn fences_outgrow_their_content() {
        assert_eq!(fenced("rust", "x"), "```rust\nx\n```\n");
        assert_eq!(
            fenced("markdown", "```sh\nls\n```"),
            "````markdown\n```sh\nls\n```\n````\n"
        );
    }
}
