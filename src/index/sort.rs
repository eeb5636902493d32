//! Orders for the post list.

use serde::{Deserialize, Serialize};

/// How the post list is ordered. `s` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortKey {
    /// Best fuzzy match first while the query ranks; newest first otherwise.
    #[default]
    Relevance,
    /// Newest first; undated posts last. Keeps date order while searching.
    Date,
    /// Title, A to Z (case-insensitive).
    Title,
    /// First author, A to Z; then newest first.
    Author,
}

impl SortKey {
    /// The next order in the cycle.
    pub fn next(self) -> Self {
        match self {
            SortKey::Relevance => SortKey::Date,
            SortKey::Date => SortKey::Title,
            SortKey::Title => SortKey::Author,
            SortKey::Author => SortKey::Relevance,
        }
    }

    /// A short name for the status bar.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Relevance => "match",
            SortKey::Date => "date",
            SortKey::Title => "title",
            SortKey::Author => "author",
        }
    }
}
