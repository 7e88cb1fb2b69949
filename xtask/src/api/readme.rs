//! The generated route table in a step's README, between two markers.

pub const BEGIN: &str = "<!-- routes:begin -->";
pub const END: &str = "<!-- routes:end -->";

/// What is between the markers (without the newlines next to them), if both are there in order.
pub fn current(readme: &str) -> Option<&str> {
    span(readme).map(|table| readme[table].trim_matches('\n'))
}

/// `readme` with `table` between the markers; `None` when the markers are missing.
pub fn with_table(readme: &str, table: &str) -> Option<String> {
    let span = span(readme)?;
    Some(format!(
        "{}\n{}\n{}",
        &readme[..span.start],
        table.trim_matches('\n'),
        &readme[span.end..]
    ))
}

/// Where the text between the markers is, if both are there in order.
fn span(readme: &str) -> Option<std::ops::Range<usize>> {
    let start = readme.find(BEGIN)? + BEGIN.len();
    let end = start + readme[start..].find(END)?;
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_what_is_between_the_markers() {
        let readme = format!("# Step\n\n{BEGIN}\nold\n{END}\n\nMore.\n");
        assert_eq!(current(&readme), Some("old"));
        let updated = with_table(&readme, "| new |\n").expect("markers");
        assert_eq!(
            updated,
            format!("# Step\n\n{BEGIN}\n| new |\n{END}\n\nMore.\n")
        );
        assert_eq!(current(&updated), Some("| new |"));
        assert_eq!(with_table(&updated, "| new |"), Some(updated.clone()));
    }

    #[test]
    fn missing_or_misordered_markers_are_none() {
        assert_eq!(current("# Step\n"), None);
        assert_eq!(current(&format!("{END}\n{BEGIN}\n")), None);
        assert_eq!(with_table(&format!("{BEGIN} only"), "x"), None);
    }
}
