//! The list's search: every change to the query, the facet selection, the order or a
//! facet pane's filter becomes one [`SearchRequest`] for a worker ([`request`]), and
//! the newest answer is shown when it arrives ([`apply`]); older answers are dropped.

use std::sync::Arc;

use super::action::Effect;
use super::reader;
use super::remap;
use super::state::{AfterSearch, App, Searched};
use super::viewport;
use crate::index::{FacetKind, PaneRequest, Scope, SearchRequest, SearchResult};

/// Asks for the list to be searched again; `after` says where the cursor goes when
/// the answer comes. The search looks only where it must: at the hits shown when the
/// query narrows them, nowhere when only a pane's filter changed.
pub fn request(app: &mut App, effects: &mut Vec<Effect>, after: AfterSearch) {
    app.search_generation += 1;
    let was_pending = app.search_pending;
    // Keys pressed while a search runs add up: typing then toggling still jumps.
    let previous = if was_pending {
        app.after_search
    } else {
        AfterSearch::default()
    };
    app.after_search = AfterSearch {
        jump: after.jump || previous.jump,
        open: after.open || previous.open,
        follow: after.follow.or(previous.follow),
    };
    app.search_pending = true;
    // The filter holds entries of the library shown; the search is of the newest.
    let mut filter = match &app.incoming {
        Some(newest) => remap::filter_in(&app.library, newest, &app.filter),
        None => app.filter.clone(),
    };
    // The marks wanted, as the posts of the newest library that have them.
    let marks = match (&app.incoming, &app.memory.incoming) {
        (Some(_), Some(marks)) => marks,
        _ => &app.memory.marks,
    };
    let posts = app.newest_library().corpus.posts.len();
    filter.only = app.memory.filter.post_set(marks, posts).map(Arc::new);
    restoring_filter(app, app.newest_library(), &mut filter);
    let wanted = Searched {
        query: app.query.clone(),
        filter,
        sort: app.sort,
    };
    // Full-text mode with an answer: its hits, best first, are the candidates.
    let ranked = app
        .text
        .found
        .as_ref()
        .filter(|_| app.text.on)
        .map(|found| Arc::clone(&found.hits));
    let scope = match app.searched.as_ref().filter(|_| app.incoming.is_none()) {
        _ if ranked.is_some() => Scope::Ranked(ranked.unwrap_or_default()),
        // Not while an answer is pending: the hits shown may be a provisional answer
        // (the right posts, not yet ranked).
        Some(searched) if *searched == wanted && !was_pending => Scope::Same(Arc::clone(&app.hits)),
        Some(searched)
            if searched.filter == wanted.filter && wanted.query.narrows(&searched.query) =>
        {
            Scope::Within(Arc::clone(&app.hits))
        }
        _ => Scope::All,
    };
    let pane = |kind| {
        let pane = app.pane(kind);
        PaneRequest {
            order: pane.order,
            needle: pane.filter_text(),
        }
    };
    effects.push(Effect::Search(Box::new(SearchRequest {
        generation: app.search_generation,
        library: Arc::clone(app.newest_library()),
        query: wanted.query,
        filter: wanted.filter,
        sort: wanted.sort,
        scope,
        tags: pane(FacetKind::Tag),
        authors: pane(FacetKind::Author),
        languages: pane(FacetKind::Language),
        years: pane(FacetKind::Year),
    })));
}

/// Shows a search result when it answers the newest request: the hits, the counts,
/// the pane rows, and the cursor where [`App::after_search`] says.
pub fn apply(app: &mut App, result: SearchResult) {
    if result.generation != app.search_generation {
        return;
    }
    // A provisional answer shows the posts found; where the cursor goes, and opening
    // the best match, wait for the ranked answer that follows it.
    app.search_pending = result.provisional;
    let mut after = if result.provisional {
        AfterSearch {
            open: false,
            ..app.after_search
        }
    } else {
        std::mem::take(&mut app.after_search)
    };
    let mut previous = app.selected_post();
    let streamed_in = app.incoming.is_some();
    if let Some(newest) = app.incoming.take() {
        // The answer is of a newer library: show it, with the cursor on the same post.
        let old = Arc::clone(&app.library);
        remap::swap_in(app, newest);
        previous = previous.and_then(|p| remap::post_in(&old, &app.library, p));
        after.follow = after
            .follow
            .and_then(|(kind, e)| Some((kind, remap::entry_in(&old, &app.library, kind, e)?)));
        if result.provisional {
            app.after_search.follow = after.follow;
        }
    }
    app.hits = result.hits;
    app.tag_counts = result.tag_counts;
    app.author_counts = result.author_counts;
    app.tags.rows = result.tag_rows;
    app.authors.rows = result.author_rows;
    app.language_counts = result.language_counts;
    app.languages.rows = result.language_rows;
    app.year_counts = result.year_counts;
    app.years.rows = result.year_rows;
    if app.memory.restoring.take().is_some() {
        // A restored session's facets, found by key in this library.
        app.filter = crate::index::Filter {
            only: None,
            ..result.filter.clone()
        };
    }
    app.searched = Some(Searched {
        query: result.query,
        filter: result.filter,
        sort: result.sort,
    });
    count_unread(app);
    // A restored full-text session's post is looked for among the index's hits.
    let restored = if result.provisional || (app.text.on && app.text.pending) {
        None
    } else {
        restored_row(app)
    };
    let row = if restored.is_some() {
        restored
    } else if after.jump && app.query.ranks() {
        // Keep the list's order; put the cursor on the best match.
        app.hits
            .iter()
            .enumerate()
            .max_by(|(i, a), (j, b)| a.score.cmp(&b.score).then(j.cmp(i)))
            .map(|(i, _)| i)
    } else if after.jump || (streamed_in && !app.memory.touched && !app.memory.ready) {
        // While the archive streams in and the user has not moved, the cursor stays on
        // the top row: newer posts arriving go above the first ones in, not past it.
        Some(0)
    } else {
        previous.and_then(|p| app.hits.iter().position(|h| h.post == p))
    };
    let height = viewport::list_height(app);
    app.list.select(row.unwrap_or(0), app.hits.len(), height);
    for kind in FacetKind::ALL {
        let height = viewport::pane_height(app, kind);
        let followed = after
            .follow
            .filter(|(k, _)| *k == kind)
            .and_then(|(_, entry)| app.pane(kind).rows.iter().position(|&e| e == entry));
        let pane = app.pane_mut(kind);
        let len = pane.rows.len();
        match followed {
            Some(row) => pane.scroll.select(row, len, height),
            None => pane.scroll.follow(len, height),
        }
    }
    if after.open
        && let Some(post) = app.selected_post()
    {
        reader::open(app, post);
    }
}

/// The facet entries of a session being restored, in `library`'s entries: added to
/// the filter of the searches asked until one answers.
fn restoring_filter(app: &App, library: &crate::index::Library, filter: &mut crate::index::Filter) {
    let Some(session) = &app.memory.restoring else {
        return;
    };
    let facets = &library.index.facets;
    for (kind, keys) in [
        (FacetKind::Tag, &session.tags),
        (FacetKind::Author, &session.authors),
        (FacetKind::Language, &session.languages),
        (FacetKind::Year, &session.years),
    ] {
        for key in keys {
            if let Some(entry) = facets.find(kind, key) {
                let set = match kind {
                    FacetKind::Tag => &mut filter.tags,
                    FacetKind::Author => &mut filter.authors,
                    FacetKind::Language => &mut filter.languages,
                    FacetKind::Year => &mut filter.years,
                };
                set.insert(entry);
            }
        }
    }
}

/// The row of the post a restored session had under the cursor, once its search has
/// answered (then forgotten).
fn restored_row(app: &mut App) -> Option<usize> {
    let id = app.memory.select.take()?;
    let library = &app.library;
    app.hits
        .iter()
        .position(|hit| library.post(hit.post).is_some_and(|p| p.id == id))
}

/// Counts the unread posts among the hits (a pass over them).
pub fn count_unread(app: &mut App) {
    let marks = &app.memory.marks;
    app.memory.unread_shown = app.hits.iter().filter(|h| !marks.is_read(h.post)).count();
}
