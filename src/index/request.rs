//! A search as data: the [`SearchRequest`] the app hands to a worker, and the
//! [`SearchResult`] that comes back. [`run`] is pure, so it can run on a worker thread
//! (no key waits for a 100k-post search) or inline (tests), with the same result.
//!
//! A result answers everything the browser shows that depends on the query: the hits
//! in order, the facet counts among them, and each facet pane's rows (its own filter,
//! its order, selected entries pinned on top), so nothing is sorted on the UI thread.

use std::sync::Arc;

use super::facets::{self, FacetKind, Facets, Filter};
use super::fuzzy::Hit;
use super::library::{Library, Remembered};
use super::query::Query;
use super::sort::SortKey;

/// How a facet pane orders its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FacetOrder {
    /// Most posts first (under the current filter), then by name.
    #[default]
    Count,
    /// A to Z.
    Name,
}

impl FacetOrder {
    /// The other order.
    pub fn toggled(self) -> Self {
        match self {
            FacetOrder::Count => FacetOrder::Name,
            FacetOrder::Name => FacetOrder::Count,
        }
    }
}

/// What a facet pane asks of a search: its order and its own filter text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaneRequest {
    /// Count or name order.
    pub order: FacetOrder,
    /// Only entries whose key contains this (case-insensitive); empty for all.
    pub needle: String,
}

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
    /// Where to look, when an earlier answer makes it cheaper.
    pub scope: Scope,
    /// The Tags pane's order and filter.
    pub tags: PaneRequest,
    /// The Authors pane's order and filter.
    pub authors: PaneRequest,
    /// The Languages pane's order and filter.
    pub languages: PaneRequest,
    /// The Years pane's order (count order is newest first) and filter.
    pub years: PaneRequest,
}

/// How much of the archive a search has to look at.
#[derive(Debug, Clone, Default)]
pub enum Scope {
    /// Every post.
    #[default]
    All,
    /// Only these posts: the hits of a broader query this one narrows.
    Within(Arc<Vec<Hit>>),
    /// These hits already answer the query, filter and order: only the panes change.
    Same(Arc<Vec<Hit>>),
    /// The posts another engine found (full-text search), best first: the facet filter
    /// keeps those passing it, in this order for [`SortKey::Relevance`], else in the
    /// order asked for. The fuzzy query is not applied, and nothing is remembered.
    Ranked(Arc<Vec<Hit>>),
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone)]
pub struct SearchResult {
    /// The request's generation.
    pub generation: u64,
    /// The query answered.
    pub query: Query,
    /// The facet selection answered.
    pub filter: Filter,
    /// The order answered.
    pub sort: SortKey,
    /// The matching posts, ordered.
    pub hits: Arc<Vec<Hit>>,
    /// Per tag entry, hits carrying it.
    pub tag_counts: Vec<u32>,
    /// Per author entry, hits carrying it.
    pub author_counts: Vec<u32>,
    /// The Tags pane's entries in display order.
    pub tag_rows: Vec<u32>,
    /// The Authors pane's entries in display order.
    pub author_rows: Vec<u32>,
    /// Per language entry, hits carrying it.
    pub language_counts: Vec<u32>,
    /// The Languages pane's entries in display order.
    pub language_rows: Vec<u32>,
    /// Per Years entry (year, month, undated), hits in it.
    pub year_counts: Vec<u32>,
    /// The Years pane's entries in display order: years, the months of those selected
    /// (or with a month selected) under them, undated last.
    pub year_rows: Vec<u32>,
    /// True for the first of two answers ([`run_unranked`]): the right posts and
    /// counts, in date order, with the ranked answer still to come.
    pub provisional: bool,
}

/// What `filter` lets through of full-text hits, best first: a translation hidden
/// behind another too, when no language is chosen, with one row per group kept (as a
/// fuzzy query does).
fn ranked_in(facets: &Facets, filter: &Filter, found: &[Hit]) -> Vec<Hit> {
    if !Facets::finds_hidden_translations(filter) {
        return found
            .iter()
            .filter(|h| facets.accepts(filter, h.post))
            .copied()
            .collect();
    }
    let hits = found
        .iter()
        .filter(|h| facets.accepts_any_translation(filter, h.post))
        .copied()
        .collect();
    facets.one_per_translation(hits, |h| h.post)
}

/// Runs a search, counts the facets of its hits and orders the panes. An answer the
/// library remembers (the same query, filter and order a moment ago) is reused.
pub fn run(request: &SearchRequest) -> SearchResult {
    let library = &request.library;
    let index = &library.index;
    let (query, filter, sort) = (&request.query, &request.filter, request.sort);
    if let Scope::Ranked(found) = &request.scope {
        let hits = index.in_sort_order(ranked_in(&index.facets, filter, found), sort);
        return result(request, counted(request, Arc::new(hits)), false);
    }
    let answer = match library.remembered(query, filter, sort) {
        Some(answer) => answer,
        None => {
            let hits = match &request.scope {
                Scope::Same(hits) => Arc::clone(hits),
                Scope::Within(hits) => {
                    Arc::new(index.search_within_hits(query, filter, sort, hits))
                }
                Scope::All | Scope::Ranked(_) => Arc::new(index.search(query, filter, sort)),
            };
            let answer = counted(request, hits);
            library.remember(query, filter, sort, answer.clone());
            answer
        }
    };
    result(request, answer, false)
}

/// A first answer for a request whose ranking is the slow part: the same posts and
/// facet counts as [`run`], found without scoring, in date order (`provisional`).
/// `None` when [`run`] is quick anyway: the answer is remembered, only the panes
/// change, or the query does not rank.
pub fn run_unranked(request: &SearchRequest) -> Option<SearchResult> {
    let library = &request.library;
    let (query, filter, sort) = (&request.query, &request.filter, request.sort);
    if !query.ranks()
        || matches!(request.scope, Scope::Same(_) | Scope::Ranked(_))
        || library.remembered(query, filter, sort).is_some()
    {
        return None;
    }
    let within = match &request.scope {
        Scope::Within(hits) => Some(hits.as_slice()),
        _ => None,
    };
    let hits = Arc::new(library.index.search_unranked(query, filter, sort, within));
    Some(result(request, counted(request, hits), true))
}

/// Hits with their facet counts, tags and authors counted on both cores.
fn counted(request: &SearchRequest, hits: Arc<Vec<Hit>>) -> Remembered {
    let ((tag_counts, author_counts), (language_counts, year_counts)) = rayon::join(
        || {
            rayon::join(
                || kind_counts(request, FacetKind::Tag, &hits),
                || kind_counts(request, FacetKind::Author, &hits),
            )
        },
        || {
            rayon::join(
                || kind_counts(request, FacetKind::Language, &hits),
                || kind_counts(request, FacetKind::Year, &hits),
            )
        },
    );
    Remembered {
        language_counts,
        year_counts,
        hits,
        tag_counts,
        author_counts,
    }
}

/// Per entry of `kind`: how many hits carry it; when entries of `kind` combine with
/// OR, an unselected entry counts instead the posts selecting it would add (those the
/// query and the other facets let through, carrying it and none of the selected).
fn kind_counts(request: &SearchRequest, kind: FacetKind, hits: &[Hit]) -> Vec<u32> {
    let index = &request.library.index;
    let facets = &index.facets;
    let mut counts = facets.counts_par(kind, hits, |h| h.post);
    let filter = &request.filter;
    if !filter.adds(kind) {
        return counts;
    }
    let others = filter.without(kind);
    let wider = match &request.scope {
        // Full-text hits: what the other facets let through of those found.
        Scope::Ranked(found) => ranked_in(facets, &others, found),
        _ => index.search_unranked(&request.query, &others, SortKey::Date, None),
    };
    let outside: Vec<u32> = wider
        .iter()
        .map(|h| h.post)
        .filter(|&post| !facets.passes(filter, kind, post))
        .collect();
    let added = facets.counts_par(kind, &outside, |&post| post);
    let selected = filter.selected(kind);
    for (entry, (count, add)) in counts.iter_mut().zip(added).enumerate() {
        if !selected.contains(&(entry as u32)) {
            *count = add;
        }
    }
    counts
}

/// The answer to `request`, with each pane's rows in order.
fn result(request: &SearchRequest, answer: Remembered, provisional: bool) -> SearchResult {
    let tag_rows = pane_rows(request, FacetKind::Tag, &request.tags, &answer.tag_counts);
    let author_rows = pane_rows(
        request,
        FacetKind::Author,
        &request.authors,
        &answer.author_counts,
    );
    SearchResult {
        generation: request.generation,
        query: request.query.clone(),
        filter: request.filter.clone(),
        sort: request.sort,
        hits: answer.hits,
        tag_counts: answer.tag_counts,
        author_counts: answer.author_counts,
        language_rows: pane_rows(
            request,
            FacetKind::Language,
            &request.languages,
            &answer.language_counts,
        ),
        language_counts: answer.language_counts,
        year_rows: year_rows(request),
        year_counts: answer.year_counts,
        tag_rows,
        author_rows,
        provisional,
    }
}

/// The Years pane's entries in display order: the years newest first (oldest first in
/// name order), each selected one (or one with a month selected) followed by its
/// months in the same direction, undated last. With a filter text, every entry
/// containing it, in the same order.
fn year_rows(request: &SearchRequest) -> Vec<u32> {
    let entries = request.library.index.facets.entries(FacetKind::Year);
    let selected = request.filter.selected(FacetKind::Year);
    let needle = request.years.needle.trim().to_lowercase();
    let open: std::collections::HashSet<&str> = selected
        .iter()
        .filter_map(|&e| facets::year_of(&entries.get(e as usize)?.key))
        .collect();
    let shown = |key: &str| {
        if !needle.is_empty() {
            return key.contains(needle.as_str());
        }
        !facets::is_month(key) || facets::year_of(key).is_some_and(|y| open.contains(y))
    };
    // By year, in key order: the year's own entry first, then its months.
    let mut years: std::collections::BTreeMap<&str, Vec<u32>> = Default::default();
    let mut undated: Vec<u32> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if !shown(&e.key) {
            continue;
        }
        match facets::year_of(&e.key) {
            Some(year) => years.entry(year).or_default().push(i as u32),
            None => undated.push(i as u32),
        }
    }
    let newest_first = request.years.order == FacetOrder::Count;
    let mut rows = Vec::with_capacity(entries.len());
    let mut put = |mut group: Vec<u32>| {
        if newest_first {
            let months_from = usize::from(
                group
                    .first()
                    .and_then(|&e| entries.get(e as usize))
                    .is_some_and(|e| !facets::is_month(&e.key)),
            );
            if let Some(months) = group.get_mut(months_from..) {
                months.reverse();
            }
        }
        rows.extend(group);
    };
    if newest_first {
        years.into_values().rev().for_each(&mut put);
    } else {
        years.into_values().for_each(&mut put);
    }
    rows.extend(undated);
    rows
}

/// One facet pane's entries in display order: those passing the pane's own filter,
/// selected entries first so they are never lost from view, then by the pane's order.
fn pane_rows(
    request: &SearchRequest,
    kind: FacetKind,
    pane: &PaneRequest,
    counts: &[u32],
) -> Vec<u32> {
    let facets = &request.library.index.facets;
    let selected = request.filter.selected(kind);
    let needle = pane.needle.trim().to_lowercase();
    let mut rows: Vec<u32> = facets
        .entries(kind)
        .iter()
        .enumerate()
        .filter(|(_, e)| needle.is_empty() || e.key.contains(needle.as_str()))
        .map(|(i, _)| i as u32)
        .collect();
    let count = |e: u32| counts.get(e as usize).copied().unwrap_or(0);
    // Entries are stored by key, so index order is name order.
    rows.sort_unstable_by(|&a, &b| {
        let pinned = selected.contains(&b).cmp(&selected.contains(&a));
        let by = match pane.order {
            FacetOrder::Count => count(b).cmp(&count(a)).then(a.cmp(&b)),
            FacetOrder::Name => a.cmp(&b),
        };
        pinned.then(by)
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::index::facets::tests::dated;

    fn request(library: &Arc<Library>, filter: Filter, order: FacetOrder) -> SearchRequest {
        SearchRequest {
            generation: 1,
            library: Arc::clone(library),
            query: Query::default(),
            filter,
            sort: SortKey::Date,
            scope: Scope::All,
            tags: PaneRequest::default(),
            authors: PaneRequest::default(),
            languages: PaneRequest::default(),
            years: PaneRequest {
                order,
                needle: String::new(),
            },
        }
    }

    fn keys(library: &Library, rows: &[u32]) -> Vec<String> {
        let entries = library.index.facets.entries(FacetKind::Year);
        rows.iter()
            .filter_map(|&e| entries.get(e as usize))
            .map(|e| e.key.clone())
            .collect()
    }

    #[test]
    fn the_years_pane_lists_years_newest_first_and_opens_a_selected_one() {
        let posts = vec![
            dated("a", Some((2019, 8))),
            dated("b", Some((2019, 11))),
            dated("c", None),
            dated("d", Some((2021, 3))),
        ];
        let library = Arc::new(Library::new(Corpus {
            files: posts.len(),
            posts,
            ..Corpus::default()
        }));
        let closed = run(&request(&library, Filter::default(), FacetOrder::Count));
        assert_eq!(
            keys(&library, &closed.year_rows),
            ["2021", "2019", "undated"]
        );
        let year = library
            .index
            .facets
            .find(FacetKind::Year, "2019")
            .unwrap_or(99);
        let mut filter = Filter::default();
        filter.toggle(FacetKind::Year, year);
        let open = run(&request(&library, filter.clone(), FacetOrder::Count));
        assert_eq!(
            keys(&library, &open.year_rows),
            ["2021", "2019", "2019-11", "2019-08", "undated"]
        );
        assert_eq!(open.hits.len(), 2, "the selected year filters the list");
        assert_eq!(open.year_counts[year as usize], 2);
        let oldest = run(&request(&library, filter, FacetOrder::Name));
        assert_eq!(
            keys(&library, &oldest.year_rows),
            ["2019", "2019-08", "2019-11", "2021", "undated"]
        );
    }
}

#[cfg(test)]
mod ranked_tests {
    use super::*;
    use crate::corpus::{Corpus, Post, PostDate};

    fn library() -> Arc<Library> {
        let post = |name: &str, day: u32, tags: &[&str], authors: &[&str]| Post {
            id: name.to_string(),
            path: format!("{name}.md").into(),
            title: name.to_string(),
            date: chrono::NaiveDate::from_ymd_opt(2020, 1, day).map(PostDate::day),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            ..Post::default()
        };
        Arc::new(Library::new(Corpus {
            posts: vec![
                post("a", 1, &["rust"], &["ann"]),
                post("b", 2, &["go"], &["bob"]),
                post("c", 3, &["rust"], &["bob"]),
                post("d", 4, &["rust"], &["cy"]),
            ],
            files: 4,
            ..Corpus::default()
        }))
    }

    fn ranked(
        library: &Arc<Library>,
        filter: Filter,
        sort: SortKey,
        order: &[u32],
    ) -> SearchResult {
        run(&SearchRequest {
            generation: 1,
            library: Arc::clone(library),
            query: Query::default(),
            filter,
            sort,
            scope: Scope::Ranked(Arc::new(
                order.iter().map(|&post| Hit { post, score: 0 }).collect(),
            )),
            tags: PaneRequest::default(),
            authors: PaneRequest::default(),
            languages: PaneRequest::default(),
            years: PaneRequest::default(),
        })
    }

    #[test]
    fn hits_found_elsewhere_keep_their_order_and_pass_the_facets() {
        let library = library();
        let facets = &library.index.facets;
        let posts = |r: &SearchResult| r.hits.iter().map(|h| h.post).collect::<Vec<_>>();
        let all = ranked(&library, Filter::default(), SortKey::Relevance, &[2, 0, 1]);
        assert_eq!(posts(&all), [2, 0, 1], "best first, as found");
        let mut rust = Filter::default();
        let tag = facets.find(FacetKind::Tag, "rust").unwrap_or(u32::MAX);
        rust.toggle(FacetKind::Tag, tag);
        let filtered = ranked(&library, rust.clone(), SortKey::Relevance, &[2, 0, 1]);
        assert_eq!(posts(&filtered), [2, 0]);
        let by_date = ranked(&library, rust, SortKey::Date, &[2, 0, 1, 3]);
        assert_eq!(posts(&by_date), [3, 2, 0], "newest first when asked");
        // Another author would add only what was found: `cy` wrote d, not found.
        let mut bob = Filter::default();
        let author = |name| facets.find(FacetKind::Author, name).unwrap_or(u32::MAX);
        bob.toggle(FacetKind::Author, author("bob"));
        let or = ranked(&library, bob, SortKey::Relevance, &[2, 0, 1]);
        assert_eq!(posts(&or), [2, 1]);
        let count = |name| or.author_counts[author(name) as usize];
        assert_eq!((count("ann"), count("cy")), (1, 0));
    }

    /// A news item in English, Japanese and Chinese (one group), and one alone.
    fn translated() -> Arc<Library> {
        let post = |id: &str, title: &str, language: &str, key: Option<&str>| Post {
            id: id.to_string(),
            path: format!("{id}.md").into(),
            title: title.to_string(),
            language: Some(language.to_string()),
            translation: key.map(str::to_string),
            date: chrono::NaiveDate::from_ymd_opt(2024, 6, 12).map(PostDate::day),
            ..Post::default()
        };
        Arc::new(Library::new(Corpus {
            posts: vec![
                post("en", "Ruby 3.3.3 Released", "en", Some("news")),
                post("ja", "Ruby 3.3.3 リリース", "ja", Some("news")),
                post("zh", "Ruby 3.3.3 已发布 发布", "zh", Some("news")),
                post("alone", "A Japanese event リリース", "ja", None),
            ],
            files: 4,
            ..Corpus::default()
        }))
    }

    fn ids(library: &Library, result: &SearchResult) -> Vec<String> {
        result
            .hits
            .iter()
            .filter_map(|h| library.post(h.post))
            .map(|p| p.id.clone())
            .collect()
    }

    fn searched(library: &Arc<Library>, query: &str, filter: Filter) -> Vec<String> {
        let result = run(&SearchRequest {
            generation: 1,
            library: Arc::clone(library),
            query: Query::parse(query),
            filter,
            sort: SortKey::Relevance,
            scope: Scope::All,
            tags: PaneRequest::default(),
            authors: PaneRequest::default(),
            languages: PaneRequest::default(),
            years: PaneRequest::default(),
        });
        ids(library, &result)
    }

    #[test]
    fn a_query_in_another_language_finds_that_translation_one_row_per_group() {
        let library = translated();
        // No query: one row for the group, in English.
        let mut all = searched(&library, "", Filter::default());
        all.sort();
        assert_eq!(all, ["alone", "en"]);
        // Matched in English: the English row only.
        assert_eq!(searched(&library, "released", Filter::default()), ["en"]);
        assert_eq!(searched(&library, "'3.3.3", Filter::default()), ["en"]);
        // Matched only in Japanese: the Japanese post stands for its group.
        let mut ja = searched(&library, "'リリース", Filter::default());
        ja.sort();
        assert_eq!(ja, ["alone", "ja"]);
        // Matched in two hidden translations: still one row for the group.
        assert_eq!(searched(&library, "'发布", Filter::default()), ["zh"]);
        // With languages chosen, every translation in them is shown, as before.
        let facets = &library.index.facets;
        let mut languages = Filter::default();
        for language in ["en", "ja"] {
            let entry = facets
                .find(FacetKind::Language, language)
                .unwrap_or(u32::MAX);
            languages.toggle(FacetKind::Language, entry);
        }
        let mut chosen = searched(&library, "'3.3.3", languages);
        chosen.sort();
        assert_eq!(chosen, ["en", "ja"]);
    }

    #[test]
    fn typing_on_narrows_to_a_translation_the_shorter_query_did_not_show() {
        // The browser narrows each key's search to the hits of the one before: those
        // keep one row per group, so the Japanese post is not among them.
        let library = translated();
        let index = &library.index;
        let shown = |hits: &[Hit]| -> Vec<String> {
            hits.iter()
                .filter_map(|h| library.post(h.post))
                .map(|p| p.id.clone())
                .collect()
        };
        let (filter, sort) = (Filter::default(), SortKey::Relevance);
        let broader = index.search(&Query::parse("3.3.3"), &filter, sort);
        assert_eq!(shown(&broader), ["en"]);
        let longer = Query::parse("3.3.3 リリース");
        assert!(longer.narrows(&Query::parse("3.3.3")));
        let narrowed = index.search_within_hits(&longer, &filter, sort, &broader);
        assert_eq!(shown(&narrowed), ["ja"]);
        assert_eq!(shown(&index.search(&longer, &filter, sort)), ["ja"]);
    }

    #[test]
    fn full_text_hits_in_a_hidden_translation_stand_for_their_group() {
        let library = translated();
        let ids = |r: &SearchResult| ids(&library, r);
        // Found in Japanese and Chinese only: the best of them, once.
        let found = ranked(&library, Filter::default(), SortKey::Relevance, &[2, 1, 3]);
        assert_eq!(ids(&found), ["zh", "alone"]);
        // Found in English too: the English row stands for the group.
        let found = ranked(&library, Filter::default(), SortKey::Relevance, &[1, 0]);
        assert_eq!(ids(&found), ["en"]);
        // Another order keeps the same rows.
        let found = ranked(&library, Filter::default(), SortKey::Title, &[3, 1]);
        assert_eq!(ids(&found), ["alone", "ja"]);
    }
}
