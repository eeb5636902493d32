//! A full-text search as data: the [`TextRequest`] the app hands to the worker that
//! holds the archive's full-text index, and the [`TextFound`] that comes back.

use std::sync::Arc;

/// A full-text search of the archive, for the worker that holds its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRequest {
    /// Increases with every request; only the newest answer is shown.
    pub generation: u64,
    /// What was typed (the full-text syntax: words, `"phrase"`, `-word`, `word*`).
    pub text: String,
}

/// The best matching line of a post, with the query's words in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextLine {
    /// The line, trimmed.
    pub line: String,
    /// Char ranges of the words found in it.
    pub highlights: Vec<std::ops::Range<usize>>,
}

/// What a [`TextRequest`] found, best first.
#[derive(Debug, Clone, Default)]
pub struct TextFound {
    /// The request's generation.
    pub generation: u64,
    /// The text searched.
    pub text: String,
    /// The posts found, best first (their BM25 scores, scaled, in `score`), of the
    /// whole archive's library (the index is built once the whole is in).
    pub hits: Arc<Vec<crate::index::Hit>>,
    /// Each post's best matching line.
    pub lines: std::collections::HashMap<u32, TextLine>,
    /// Why nothing could be searched (the query does not parse, the index failed).
    pub error: Option<String>,
}
