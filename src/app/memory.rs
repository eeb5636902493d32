//! What shelf remembers, as the app handles it: read marks and bookmarks
//! ([`toggle_bookmark`], [`toggle_read`], a post opened is read), the reader's place in
//! each post, and the session restored at start ([`remembered`], [`loaded`]) and saved
//! as it changes ([`after_update`]). Every write is an [`Effect::Save`] for a worker;
//! nothing here touches the database.
//!
//! Marks are kept by index for the library shown ([`Memory::marks`]); the changes made
//! this session are also kept by path ([`Memory::edits`]) and made again in each newer
//! library while the archive streams in, whose marks were read before them.

use std::sync::Arc;

use super::action::{Effect, Remembered, Save};
use super::full_text;
use super::search;
use super::state::{AfterSearch, App, MarkEdit, Reading, Screen};
use super::viewport;
use crate::index::{FacetKind, Library, MarkFilter, Marks, Query};
use crate::store::{MarkChange, PositionChange, Session};

/// The marks of a newer `library`: those saved when it was read, with this session's
/// changes made again. Costs a copy of a byte per post, once per library.
pub fn marks_for(library: &Library, edits: &[MarkEdit]) -> Marks {
    let mut marks = library.marks.clone();
    for edit in edits {
        if let Some(post) = post_at(library, &edit.path) {
            apply(&mut marks, post, edit.read, edit.bookmarked);
        }
    }
    marks
}

fn post_at(library: &Library, path: &std::path::Path) -> Option<u32> {
    library
        .corpus
        .posts
        .binary_search_by(|p| p.path.as_path().cmp(path))
        .ok()
        .and_then(|i| u32::try_from(i).ok())
}

fn apply(marks: &mut Marks, post: u32, read: Option<bool>, bookmarked: Option<bool>) {
    if let Some(read) = read {
        marks.set_read(post, read);
    }
    if let Some(bookmarked) = bookmarked {
        marks.set_bookmarked(post, bookmarked);
    }
}

/// A newer library arrived (before it is shown): its marks, and, once the whole
/// archive is in, the last session if the user has not started on their own.
pub fn loaded(app: &mut App, library: &Library, complete: bool, effects: &mut Vec<Effect>) {
    app.memory.incoming = Some(Arc::new(marks_for(library, &app.memory.edits)));
    if complete {
        settle(app, effects);
    }
}

/// The database answered: the reader's places, notices, and the session to restore.
pub fn remembered(app: &mut App, remembered: Remembered, effects: &mut Vec<Effect>) {
    let memory = &mut app.memory;
    memory.remembered = true;
    memory.positions.extend(remembered.positions);
    memory.pending = remembered.session;
    if !remembered.notices.is_empty() {
        let notices = remembered.notices.join("; ");
        app.status = Some(match app.status.take() {
            Some(status) => format!("{status}; {notices}"),
            None => notices,
        });
    }
    if !app.loading {
        settle(app, effects);
    }
}

/// Both the whole archive and the database are in: restore the session unless the
/// user already acted, and from now on save it as it changes.
fn settle(app: &mut App, effects: &mut Vec<Effect>) {
    if !app.memory.remembered || app.memory.ready {
        return;
    }
    app.memory.ready = true;
    let session = app.memory.pending.take();
    match session {
        Some(session) if !app.memory.touched => restore(app, session, effects),
        _ => app.memory.saved = Some(session_of(app)),
    }
}

/// Puts the session back: the query, facets (by key, resolved in the library the
/// search is of), orders, and the post under the cursor when the answer comes.
fn restore(app: &mut App, session: Session, effects: &mut Vec<Effect>) {
    app.search.select_all();
    app.search.cut();
    app.search.insert_str(&session.query);
    app.text.on = session.full_text;
    // In full-text mode the box's words go to the index, not the fuzzy query.
    app.query = if session.full_text {
        Query::default()
    } else {
        Query::parse(&session.query)
    };
    app.sort = session.sort;
    app.filter.tag_mode = session.tag_mode;
    app.filter.drafts = session.drafts;
    app.memory.filter = session.marks;
    app.memory.select = session.selected.clone();
    app.memory.saved = Some(session.clone());
    app.memory.restoring = Some(session);
    search::request(app, effects, AfterSearch::default());
    if app.text.on {
        // The cursor comes back with the index's answer.
        full_text::typed(app, effects);
    }
}

/// The session as it is now: the query, the facets by key, the orders and the post
/// under the cursor.
pub fn session_of(app: &App) -> Session {
    let facets = &app.library.index.facets;
    let keys = |kind| {
        let entries = facets.entries(kind);
        app.filter
            .selected(kind)
            .iter()
            .filter_map(|&e| entries.get(e as usize).map(|e| e.key.clone()))
            .collect()
    };
    Session {
        query: app.query_text(),
        full_text: app.text.on,
        tags: keys(FacetKind::Tag),
        authors: keys(FacetKind::Author),
        languages: keys(FacetKind::Language),
        years: keys(FacetKind::Year),
        tag_mode: app.filter.tag_mode,
        drafts: app.filter.drafts,
        marks: app.memory.filter,
        sort: app.sort,
        selected: app
            .selected_post()
            .and_then(|p| app.library.post(p))
            .map(|p| p.id.clone()),
    }
}

/// The post `m` and `u` act on: the reader's, else the one under the list cursor.
fn target(app: &App) -> Option<u32> {
    match app.screen {
        Screen::Reader => Some(app.reader.post),
        Screen::Browse => app.selected_post(),
    }
}

/// `m`: bookmarks the post, or removes its bookmark.
pub fn toggle_bookmark(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(post) = target(app) else {
        return;
    };
    let bookmarked = !app.memory.marks.is_bookmarked(post);
    set(app, post, None, Some(bookmarked), effects);
    app.status = Some(
        if bookmarked {
            "bookmarked"
        } else {
            "bookmark removed"
        }
        .to_string(),
    );
}

/// `u`: marks the post unread, or read.
pub fn toggle_read(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(post) = target(app) else {
        return;
    };
    let read = !app.memory.marks.is_read(post);
    set(app, post, Some(read), None, effects);
    app.status = Some(if read { "marked read" } else { "marked unread" }.to_string());
}

/// `U`, `B`: only the posts with these marks, or all again.
pub fn show_marks(app: &mut App, filter: MarkFilter, effects: &mut Vec<Effect>) {
    app.memory.filter = if app.memory.filter == filter {
        MarkFilter::All
    } else {
        filter
    };
    search::request(app, effects, AfterSearch::default());
}

/// Changes `post`'s marks here, in the library on its way, and in the database.
fn set(
    app: &mut App,
    post: u32,
    read: Option<bool>,
    bookmarked: Option<bool>,
    effects: &mut Vec<Effect>,
) {
    let Some(p) = app.library.post(post) else {
        return;
    };
    let change = MarkChange::of(p, read, bookmarked);
    let path = p.path.clone();
    apply(Arc::make_mut(&mut app.memory.marks), post, read, bookmarked);
    if let (Some(library), Some(marks)) = (&app.incoming, app.memory.incoming.as_mut())
        && let Some(newer) = post_at(library, &path)
    {
        apply(Arc::make_mut(marks), newer, read, bookmarked);
    }
    app.memory.edits.push(MarkEdit {
        path,
        read,
        bookmarked,
    });
    search::count_unread(app);
    effects.push(Effect::Save(Save::Mark(change)));
}

/// After every update: a post newly open in the reader is read and opens where it was
/// left; the place in a post left is saved; and a changed session is saved.
pub fn after_update(app: &mut App, effects: &mut Vec<Effect>) {
    let now = match app.screen {
        Screen::Reader => app.library.post(app.reader.post).map(|p| Reading {
            id: p.id.clone(),
            fingerprint: p.fingerprint,
            line: app.reader.scroll,
        }),
        Screen::Browse => None,
    };
    let previous = app.memory.reading.take();
    let same_post = matches!((&previous, &now), (Some(a), Some(b)) if a.id == b.id);
    if let Some(left) = previous.filter(|_| !same_post || app.quit) {
        app.memory.positions.insert(left.id.clone(), left.line);
        effects.push(Effect::Save(Save::Position(PositionChange {
            id: left.id,
            fingerprint: left.fingerprint,
            line: now
                .as_ref()
                .filter(|_| same_post)
                .map_or(left.line, |n| n.line),
        })));
    }
    if let Some(mut now) = now {
        if !same_post {
            let post = app.reader.post;
            if !app.memory.marks.is_read(post) {
                set(app, post, Some(true), None, effects);
            }
            // Opened on a search's first match: that, not where it was left.
            let placed = app.reader.jump_to_match;
            if let Some(&line) = app.memory.positions.get(&now.id).filter(|_| !placed) {
                go_to_line(app, line);
                now.line = app.reader.scroll;
            }
        }
        app.memory.reading = Some(now);
    }
    if app.memory.ready && app.memory.restoring.is_none() {
        let session = session_of(app);
        if app.memory.saved.as_ref() != Some(&session) {
            app.memory.saved = Some(session.clone());
            effects.push(Effect::Save(Save::Session(Box::new(session))));
        }
    }
}

/// Puts the reader on `line`, now if the post is rendered whole, else when it is.
fn go_to_line(app: &mut App, line: usize) {
    app.reader.scroll = line;
    if viewport::shown_render(app).is_some_and(|r| r.complete) {
        app.reader.scroll = line.min(viewport::reader_max_scroll(app));
    } else {
        app.reader.wanted_scroll = Some(line);
    }
}
