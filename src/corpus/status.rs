//! What the front matter says about a post besides its title, people, date and tags:
//! whether it is a draft (`draft: true`, `status: draft`, `published: false`) and its
//! one-line summary (`description`, `summary`, `excerpt`, `abstract`).

use super::body::DESCRIPTION_KEYS;
use super::fields::{Fields, Value};
use crate::text::collapse_whitespace;

/// The most of a summary kept for the list, the preview and search.
pub const SUMMARY_CHARS: usize = 400;

/// `status` values that mean the post is not published.
const DRAFT_STATUSES: &[&str] = &["draft", "drafts", "unpublished", "wip", "pending"];

/// Whether the post is marked a draft.
pub fn is_draft(fields: &Fields) -> bool {
    let truthy = |value: Option<&Value>| match value {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::Text(t)) => match t.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Some(true),
            "false" | "no" | "off" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    };
    if truthy(fields.get("draft")) == Some(true) {
        return true;
    }
    if truthy(fields.get("published")) == Some(false) {
        return true;
    }
    fields.text("status").is_some_and(|status| {
        DRAFT_STATUSES
            .iter()
            .any(|d| status.eq_ignore_ascii_case(d))
    })
}

/// The post's summary as one line of at most [`SUMMARY_CHARS`] characters (cut at a
/// word), empty when the front matter gives none.
pub fn summary(fields: &Fields) -> String {
    let Some(text) = DESCRIPTION_KEYS
        .iter()
        .chain(&["abstract"])
        .find_map(|key| fields.text(key))
    else {
        return String::new();
    };
    let line = collapse_whitespace(&text);
    if line.chars().count() <= SUMMARY_CHARS {
        return line;
    }
    let cut: String = line.chars().take(SUMMARY_CHARS).collect();
    let words = cut.rfind(' ').map_or(cut.as_str(), |space| &cut[..space]);
    format!("{words}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, Value)]) -> Fields {
        Fields::new(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn drafts_are_marked_however_the_post_says_it() {
        assert!(is_draft(&fields(&[("draft", Value::Bool(true))])));
        assert!(is_draft(&fields(&[("Draft", text("yes"))])));
        assert!(is_draft(&fields(&[("Status", text("Draft"))])));
        assert!(is_draft(&fields(&[("published", Value::Bool(false))])));
        assert!(!is_draft(&fields(&[("draft", Value::Bool(false))])));
        assert!(!is_draft(&fields(&[("status", text("published"))])));
        assert!(!is_draft(&fields(&[])));
    }

    #[test]
    fn the_summary_is_one_bounded_line() {
        let s = summary(&fields(&[("summary", text("Two\n  lines"))]));
        assert_eq!(s, "Two lines");
        assert_eq!(
            summary(&fields(&[
                ("description", text("first")),
                ("summary", text("second"))
            ])),
            "first"
        );
        let long = summary(&fields(&[("abstract", text(&"word ".repeat(100_000)))]));
        assert!(long.chars().count() <= SUMMARY_CHARS + 1);
        assert!(long.ends_with("word…"));
        assert_eq!(summary(&fields(&[])), "");
    }
}
