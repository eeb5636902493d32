//! The search box's full-text mode (`Ctrl-t`): what is typed goes to the worker that
//! holds the archive's full-text index ([`Effect::FullText`]); its answer, best first,
//! becomes the list's candidates ([`Scope::Ranked`](crate::index::Scope::Ranked)), which
//! the facets filter like any query; each hit shows its best matching line; opening one
//! puts the reader on the first match with in-post search set to the words.

use std::sync::Arc;

use super::action::Effect;
use super::reader;
use super::search;
use super::state::{AfterSearch, App};
use super::text_search::{TextFound, TextRequest};
use crate::index::Query;

/// `Ctrl-t`: full text, or titles, authors and tags again, for what is in the box.
pub fn toggle(app: &mut App, effects: &mut Vec<Effect>) {
    app.text.on = !app.text.on;
    if app.text.on {
        app.query = Query::default();
        app.status = Some(if app.text.ready {
            "full-text search: words, \"a phrase\", -word, prefix*".to_string()
        } else {
            "full-text search: the index is being built…".to_string()
        });
        typed(app, effects);
    } else {
        app.text.found = None;
        app.text.pending = false;
        app.query = Query::parse(&app.query_text());
        search::request(app, effects, jump());
    }
}

fn jump() -> AfterSearch {
    AfterSearch {
        jump: true,
        ..AfterSearch::default()
    }
}

/// The box changed in full-text mode: ask the index (nothing for an empty box: the
/// list shows every post again).
pub fn typed(app: &mut App, effects: &mut Vec<Effect>) {
    let text = app.query_text();
    app.text.generation += 1;
    if text.trim().is_empty() {
        app.text.found = None;
        app.text.pending = false;
        search::request(app, effects, jump());
        return;
    }
    app.text.pending = true;
    effects.push(Effect::FullText(TextRequest {
        generation: app.text.generation,
        text,
    }));
}

/// The index answered: the newest answer becomes the list (through a search, so the
/// facets filter it and count it).
pub fn found(app: &mut App, found: TextFound, effects: &mut Vec<Effect>) {
    if found.generation != app.text.generation || !app.text.on {
        return;
    }
    app.text.pending = false;
    if let Some(error) = &found.error {
        app.status = Some(error.clone());
    }
    app.text.found = Some(Arc::new(found));
    let open = std::mem::take(&mut app.text.open_when_found);
    search::request(app, effects, AfterSearch { open, ..jump() });
}

/// Enter in the box: the best hit opens, now or when the answer comes.
pub fn confirm(app: &mut App) {
    if app.text.pending || app.search_pending {
        app.text.open_when_found = true;
        app.after_search.open = true;
        return;
    }
    if let Some(post) = app.selected_post() {
        reader::open(app, post);
    }
}
