//! A [`Library`]: a loaded corpus together with its search index, built together
//! (off the UI thread) and shared read-only by every front door and worker.

use crate::corpus::{Corpus, Post};

use super::fuzzy::Index;

/// A loaded corpus with its search index.
#[derive(Debug, Default)]
pub struct Library {
    /// The posts and load diagnostics.
    pub corpus: Corpus,
    /// Facets and the search index over `corpus.posts`.
    pub index: Index,
}

impl Library {
    /// Indexes a corpus.
    pub fn new(corpus: Corpus) -> Self {
        let index = Index::build(&corpus.posts);
        Library { corpus, index }
    }

    /// The post at `index`, if any.
    pub fn post(&self, index: u32) -> Option<&Post> {
        self.corpus.posts.get(index as usize)
    }
}
