//! The last session on an archive: what the browser showed when it was left, restored
//! on the next start (`--fresh` skips it). Saved as JSON, every field defaulted, so a
//! session written by another version of shelf restores what it can.

use serde::{Deserialize, Serialize};

use crate::index::{Drafts, MarkFilter, SortKey, TagMode};

/// The browser's state worth coming back to, by identity (facet keys, post ids), so
/// it means the same in a library loaded anew.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// The search box's text.
    pub query: String,
    /// The box searched the full text (`Ctrl-t`), not titles, authors and tags.
    pub full_text: bool,
    /// Selected tags, by key.
    pub tags: Vec<String>,
    /// Selected authors, by key.
    pub authors: Vec<String>,
    /// Selected languages, by key.
    pub languages: Vec<String>,
    /// Selected periods of the Years pane (`2019`, `2019-08`, `undated`), by key.
    #[serde(default)]
    pub years: Vec<String>,
    /// AND or OR between selected tags.
    pub tag_mode: TagMode,
    /// Drafts shown, hidden or alone.
    pub drafts: Drafts,
    /// Which marks the list shows.
    pub marks: MarkFilter,
    /// The list order.
    pub sort: SortKey,
    /// The post under the list cursor, by id.
    pub selected: Option<String>,
}

impl Session {
    /// The session as saved.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A saved session; `None` when the text is not one (it is then ignored, not an
    /// error: the next save replaces it).
    pub fn from_json(text: &str) -> Option<Session> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_survives_the_round_trip_and_old_text() {
        let session = Session {
            query: "#rust 'async".into(),
            full_text: true,
            tags: vec!["rust".into()],
            tag_mode: TagMode::Any,
            marks: MarkFilter::Unread,
            sort: SortKey::Title,
            selected: Some("2020/post".into()),
            ..Session::default()
        };
        assert_eq!(Session::from_json(&session.to_json()), Some(session));
        let older = Session::from_json(r#"{"query":"x","unknown":1}"#);
        assert_eq!(older.map(|s| s.query), Some("x".to_string()));
        assert_eq!(Session::from_json("not json"), None);
    }
}
