//! A search as data: the [`SearchRequest`] the app hands to the runtime when the
//! query is typed, and the [`SearchResult`] that comes back. [`run`] is pure, so the
//! runtime can run it on a worker thread (typing never waits for a 100k-post search)
//! or inline (tests), with the same result.

use std::sync::Arc;

use super::Library;
use crate::index::{FacetKind, Filter, Hit, Query, SortKey};

/// Everything one search needs.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// Increases with every request; only the newest result is applied.
    pub generation: u64,
    /// The archive searched (a later load replaces it).
    pub library: Arc<Library>,
    /// The parsed query.
    pub query: Query,
    /// The facet selection.
    pub filter: Filter,
    /// The list order.
    pub sort: SortKey,
    /// Search only these posts: the hits of a broader query this one narrows.
    pub candidates: Option<Vec<u32>>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone)]
pub struct SearchResult {
    /// The request's generation.
    pub generation: u64,
    /// The query and filter answered.
    pub query: Query,
    /// The facet selection answered.
    pub filter: Filter,
    /// The matching posts, ordered.
    pub hits: Vec<Hit>,
    /// Per tag entry, hits carrying it.
    pub tag_counts: Vec<u32>,
    /// Per author entry, hits carrying it.
    pub author_counts: Vec<u32>,
}

/// Runs a search and counts the facets of its hits.
pub fn run(request: &SearchRequest) -> SearchResult {
    let index = &request.library.index;
    let hits = index.search_within(
        &request.query,
        &request.filter,
        request.sort,
        request.candidates.as_deref(),
    );
    let posts = hits.iter().map(|h| h.post);
    SearchResult {
        generation: request.generation,
        query: request.query.clone(),
        filter: request.filter.clone(),
        tag_counts: index.facets.counts(FacetKind::Tag, posts.clone()),
        author_counts: index.facets.counts(FacetKind::Author, posts),
        hits,
    }
}
