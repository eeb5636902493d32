//! A [`Library`]: a loaded corpus together with its search index, built together
//! (off the UI thread) and shared read-only by every front door and worker, and a
//! small memo of its recent search answers, so a query seen a moment ago (Backspace,
//! a facet toggled off again) costs a lookup instead of a scan.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};

use lru::LruCache;

use crate::corpus::{Corpus, Post};

use super::facets::Filter;
use super::fuzzy::{Hit, Index};
use super::marks::Marks;
use super::query::Query;
use super::sort::SortKey;

/// What a search answered, kept for the next time it is asked.
#[derive(Debug, Clone)]
pub struct Remembered {
    /// The hits, ordered.
    pub hits: Arc<Vec<Hit>>,
    /// Per tag entry, hits carrying it.
    pub tag_counts: Vec<u32>,
    /// Per author entry, hits carrying it.
    pub author_counts: Vec<u32>,
    /// Per language entry, hits carrying it.
    pub language_counts: Vec<u32>,
    /// Per Years entry, hits in it.
    pub year_counts: Vec<u32>,
}

/// What identifies an answer: the query, the facet selection, the order.
type MemoKey = (Query, Filter, SortKey);

/// Answers kept at most; with [`MEMO_HITS`], what bounds the memo's memory.
const MEMO_ENTRIES: usize = 32;
/// Hits kept at most over all answers (16 bytes each: 16 MB).
const MEMO_HITS: usize = 1 << 20;

/// The recent answers, least recently used evicted first.
struct Memo {
    cache: LruCache<MemoKey, Remembered>,
    hits: usize,
}

impl Memo {
    fn new() -> Self {
        Memo {
            cache: LruCache::new(NonZeroUsize::MIN.saturating_add(MEMO_ENTRIES - 1)),
            hits: 0,
        }
    }
}

/// A loaded corpus with its search index.
pub struct Library {
    /// The posts and load diagnostics.
    pub corpus: Corpus,
    /// Facets and the search index over `corpus.posts`.
    pub index: Index,
    /// The posts' marks as saved when the library was loaded (none by default; the
    /// loader fills them in); the app keeps the live copy.
    pub marks: Marks,
    memo: Mutex<Memo>,
}

impl Default for Library {
    fn default() -> Self {
        Library::new(Corpus::default())
    }
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("corpus", &self.corpus)
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl Library {
    /// Indexes a corpus (translations shown in English where there is one).
    pub fn new(corpus: Corpus) -> Self {
        Library::preferring(corpus, &[])
    }

    /// Indexes a corpus, each group of translations shown in the first language of
    /// `languages` it has.
    pub fn preferring(corpus: Corpus, languages: &[String]) -> Self {
        let index = Index::build_preferring(&corpus.posts, languages);
        Library {
            marks: Marks::none(corpus.posts.len()),
            corpus,
            index,
            memo: Mutex::new(Memo::new()),
        }
    }

    /// The post at `index`, if any.
    pub fn post(&self, index: u32) -> Option<&Post> {
        self.corpus.posts.get(index as usize)
    }

    /// The remembered answer to `query`, `filter` and `sort`, if it is still kept.
    pub fn remembered(&self, query: &Query, filter: &Filter, sort: SortKey) -> Option<Remembered> {
        let mut memo = self.memo.lock().unwrap_or_else(PoisonError::into_inner);
        // A borrowed key would need the three cloned anyway: they are small.
        memo.cache
            .get(&(query.clone(), filter.clone(), sort))
            .cloned()
    }

    /// Keeps an answer for later; the least recently used go when the memo is full.
    pub fn remember(&self, query: &Query, filter: &Filter, sort: SortKey, answer: Remembered) {
        let mut memo = self.memo.lock().unwrap_or_else(PoisonError::into_inner);
        let size = answer.hits.len();
        if size > MEMO_HITS {
            return;
        }
        if let Some((_, old)) = memo
            .cache
            .push((query.clone(), filter.clone(), sort), answer)
        {
            memo.hits = memo.hits.saturating_sub(old.hits.len());
        }
        memo.hits += size;
        while memo.hits > MEMO_HITS {
            match memo.cache.pop_lru() {
                Some((_, old)) => memo.hits = memo.hits.saturating_sub(old.hits.len()),
                None => {
                    memo.hits = 0;
                    break;
                }
            }
        }
    }

    /// Forgets every remembered answer (for benches and tests that measure or check
    /// a search as the first of its kind).
    pub fn forget_searches(&self) {
        let mut memo = self.memo.lock().unwrap_or_else(PoisonError::into_inner);
        memo.cache.clear();
        memo.hits = 0;
    }
}
