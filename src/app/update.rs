//! [`update`]: applies one [`Action`] to the [`App`]. No I/O: reading bodies,
//! opening links and suspending are returned as [`Effect`]s for the runtime.

use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use super::{Action, App, Effect, FacetOrder, Focus, Screen, SearchRequest, SearchResult, reader};
use crate::index::{FacetKind, Query, SortKey, TagMode};
use crate::post_view;
use crate::ui::layout;

/// Applies `action` to `app` and returns what the runtime must do next.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    let user_action = !matches!(
        action,
        Action::Loaded(_)
            | Action::BodyLoaded { .. }
            | Action::Resize { .. }
            | Action::SearchDone(_)
            | Action::Rendered { .. }
    );
    if user_action {
        app.status = None;
    }
    match action {
        Action::Loaded(library) => {
            app.library = library;
            app.searched = None;
            app.loading = false;
            refilter(app, false);
        }
        Action::BodyLoaded { post, body } => {
            app.bodies.insert(post, body);
        }
        Action::Rendered { key, rendered } => {
            app.rendering.remove(&key);
            app.partial.remove(&key);
            app.rendered.insert(key, rendered);
            // Search matches were found in the opening only: find them again.
            app.reader.matches_width = 0;
        }
        Action::SearchDone(result) => {
            if result.generation == app.search_generation {
                app.search_pending = false;
                apply_search(app, *result, true);
            }
        }
        Action::Resize { width, height } => {
            app.size = Rect::new(0, 0, width, height);
            follow_all(app);
        }
        Action::MoveBy(delta) => move_by(app, i64::from(delta)),
        Action::MovePage(num, den) => {
            let height = if app.help {
                crate::ui::help_height(app.size) as i64
            } else {
                focused_height(app) as i64
            };
            let rows = (height * i64::from(num) / i64::from(den.max(1))).max(-height);
            move_by(
                app,
                if rows == 0 {
                    i64::from(num.signum())
                } else {
                    rows
                },
            );
        }
        Action::MoveTop => move_by(app, i64::MIN / 4),
        Action::MoveBottom => move_by(app, i64::MAX / 4),
        Action::FocusNext => cycle_focus(app, true),
        Action::FocusPrev => cycle_focus(app, false),
        Action::StartSearch => match (app.screen, app.focus) {
            (Screen::Reader, _) => app.reader.searching = true,
            (Screen::Browse, Focus::Tags) => app.tags.filtering = true,
            (Screen::Browse, Focus::Authors) => app.authors.filtering = true,
            _ => {
                app.screen = Screen::Browse;
                app.focus = Focus::Search;
            }
        },
        Action::Input(input) => type_into_box(app, input, &mut effects),
        Action::Confirm => confirm(app, &mut effects),
        Action::ToggleFacet => {
            if let Some(kind) = focused_kind(app) {
                toggle_selected_entry(app, kind);
            }
        }
        Action::Back => back(app),
        Action::QuitOrBack => {
            if app.screen == Screen::Reader {
                app.screen = Screen::Browse;
            } else {
                app.quit = true;
            }
        }
        Action::Quit => app.quit = true,
        Action::CycleSort => match focused_kind(app) {
            Some(kind) => {
                let pane = app.pane_mut(kind);
                pane.order = match pane.order {
                    FacetOrder::Count => FacetOrder::Name,
                    FacetOrder::Name => FacetOrder::Count,
                };
                rebuild_pane(app, kind);
            }
            None => {
                app.sort = app.sort.next();
                refilter(app, false);
            }
        },
        Action::ToggleRankByMatch => {
            app.sort = if app.sort == SortKey::Relevance {
                SortKey::Date
            } else {
                SortKey::Relevance
            };
            refilter(app, false);
        }
        Action::ToggleTagMode => {
            app.filter.tag_mode = match app.filter.tag_mode {
                TagMode::All => TagMode::Any,
                TagMode::Any => TagMode::All,
            };
            refilter(app, false);
        }
        Action::ClearFilters => {
            app.filter.tags.clear();
            app.filter.authors.clear();
            app.search.select_all();
            app.search.cut();
            app.query = Query::default();
            refilter(app, false);
        }
        Action::ToggleHelp => {
            app.help = !app.help;
            app.help_scroll = 0;
        }
        Action::Suspend => effects.push(Effect::Suspend),
        Action::Resumed => effects.push(Effect::Repaint),
        Action::LinkDigit(c) => reader::type_digit(app, c),
        Action::NextLink => reader::cycle_link(app, true),
        Action::PrevLink => reader::cycle_link(app, false),
        Action::OpenLink => reader::open_link(app, &mut effects),
        Action::CopyLink => reader::copy_link(app, &mut effects),
        Action::ShowLinks => reader::show_links(app),
        Action::SearchNext => reader::next_match(app, true),
        Action::SearchPrev => reader::next_match(app, false),
        Action::Scroll { column, row, delta } => scroll_at(app, column, row, i64::from(delta)),
        Action::Click { column, row } => click_at(app, column, row),
    }
    if app.quit {
        effects.push(Effect::Quit);
        return effects;
    }
    ensure_visible_body(app, &mut effects);
    reader::refresh_matches(app);
    app.trim_caches();
    effects
}

impl App {
    /// The width the preview or the reader renders the shown post at, if it is shown.
    pub fn body_width(&self) -> Option<u16> {
        body_width(self)
    }

    /// The post the preview or the reader shows.
    pub fn shown_post(&self) -> Option<u32> {
        shown_post(self)
    }
}

fn body_width(app: &App) -> Option<u16> {
    if layout::too_small(app.size) {
        return None;
    }
    match app.screen {
        Screen::Reader => Some(layout::reader(app.size).body.width),
        Screen::Browse => layout::browse(app.size)
            .preview
            .map(|p| layout::inner(p).width.saturating_sub(1)),
    }
}

fn shown_post(app: &App) -> Option<u32> {
    match app.screen {
        Screen::Reader => Some(app.reader.post),
        Screen::Browse => app.selected_post(),
    }
}

/// A whole post to render, with what rendering needs, so it can run anywhere.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// Where the result goes in the cache.
    pub key: super::RenderKey,
    /// The post's metadata, for the header.
    pub post: crate::corpus::Post,
    /// The body.
    pub body: Arc<str>,
}

impl RenderRequest {
    /// Renders the post: header, body, link list.
    pub fn run(&self) -> crate::markdown::Rendered {
        post_view::compose(&self.post, &self.body, self.key.1)
    }
}

/// How much of a body the preview renders: far more than a preview pane shows,
/// far less than the largest posts, so moving the cursor onto one never stalls.
const PREVIEW_BYTES: usize = 16 * 1024;

/// The opening of a body for the preview: up to [`PREVIEW_BYTES`], cut at a line end.
fn opening(body: &str) -> &str {
    if body.len() <= PREVIEW_BYTES {
        return body;
    }
    let mut cut = PREVIEW_BYTES;
    while cut > 0 && !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &body[..cut];
    head.rfind('\n').map_or(head, |line_end| &head[..line_end])
}

/// Renders the shown post when its body is at hand, or asks for the body.
fn ensure_visible_body(app: &mut App, effects: &mut Vec<Effect>) {
    let (Some(post), Some(width)) = (shown_post(app), body_width(app)) else {
        return;
    };
    let whole = app.screen == Screen::Reader;
    let key = (post, width, whole);
    if width == 0 || (app.rendered.contains_key(&key) && !app.partial.contains(&key)) {
        return;
    }
    if app.rendering.contains(&key) {
        return;
    }
    let rendered = match app.bodies.get(&post) {
        None => {
            effects.push(Effect::LoadBody(post));
            return;
        }
        Some(body) => {
            let library = Arc::clone(&app.library);
            let Some(meta) = library.post(post) else {
                return;
            };
            let text = match body {
                Ok(body) if whole && body.len() > PREVIEW_BYTES => {
                    // Show the opening now; the whole post renders off the UI thread
                    // (a 200 KB post takes ~0.1 s) and replaces it when done.
                    app.rendering.insert(key);
                    app.partial.insert(key);
                    effects.push(Effect::Render(Box::new(RenderRequest {
                        key,
                        post: meta.clone(),
                        body: Arc::clone(body),
                    })));
                    opening(body).to_string()
                }
                Ok(body) if whole => body.to_string(),
                Ok(body) => opening(body).to_string(),
                Err(e) => format!("*This post could not be read:* {e}"),
            };
            post_view::compose(meta, &text, width)
        }
    };
    app.rendered
        .insert((post, width, whole), Arc::new(rendered));
}

/// Recomputes hits, counts and pane rows after the query, filter or sort changed.
/// With `jump`, the cursor goes to the best match (the query changed); otherwise it
/// stays on the same post when that post is still listed.
pub(super) fn refilter(app: &mut App, jump: bool) {
    app.search_pending = false;
    let request = search_request(app);
    apply_search(app, super::run_search(&request), jump);
}

/// The search for the current query, filter and order, as a request (a new
/// generation: any search still running is superseded).
fn search_request(app: &mut App) -> SearchRequest {
    app.search_generation += 1;
    let candidates: Option<Vec<u32>> = match &app.searched {
        Some((query, filter)) if *filter == app.filter && app.query.narrows(query) => {
            Some(app.hits.iter().map(|h| h.post).collect())
        }
        _ => None,
    };
    SearchRequest {
        generation: app.search_generation,
        library: Arc::clone(&app.library),
        query: app.query.clone(),
        filter: app.filter.clone(),
        sort: app.sort,
        candidates,
    }
}

/// Shows a search result: the hits, the counts, the cursor (on the best match with
/// `jump`, else on the same post when still listed), the facet panes.
fn apply_search(app: &mut App, result: SearchResult, jump: bool) {
    let previous = app.selected_post();
    app.hits = result.hits;
    app.tag_counts = result.tag_counts;
    app.author_counts = result.author_counts;
    app.searched = Some((result.query, result.filter));
    let row = if jump && app.query.ranks() {
        // Keep the list's order; put the cursor on the best match.
        app.hits
            .iter()
            .enumerate()
            .max_by(|(i, a), (j, b)| a.score.cmp(&b.score).then(j.cmp(i)))
            .map(|(i, _)| i)
    } else if jump {
        Some(0)
    } else {
        previous.and_then(|p| app.hits.iter().position(|h| h.post == p))
    };
    let height = list_height(app);
    app.list.select(row.unwrap_or(0), app.hits.len(), height);
    rebuild_pane(app, FacetKind::Tag);
    rebuild_pane(app, FacetKind::Author);
}

/// Recomputes the display rows of one facet pane: its own filter, then its order;
/// selected entries first so they are never lost from view.
fn rebuild_pane(app: &mut App, kind: FacetKind) {
    let facets = &app.library.index.facets;
    let counts = app.counts(kind).to_vec();
    let selected = app.filter.selected(kind).clone();
    let pane = app.pane(kind);
    let needle = pane.filter_text().to_lowercase();
    let order = pane.order;
    let mut rows: Vec<u32> = facets
        .entries(kind)
        .iter()
        .enumerate()
        .filter(|(_, e)| needle.is_empty() || e.key.contains(needle.trim()))
        .map(|(i, _)| i as u32)
        .collect();
    let count = |e: u32| counts.get(e as usize).copied().unwrap_or(0);
    rows.sort_by(|&a, &b| {
        let pinned = selected.contains(&b).cmp(&selected.contains(&a));
        let by = match order {
            FacetOrder::Count => count(b).cmp(&count(a)).then(a.cmp(&b)),
            FacetOrder::Name => a.cmp(&b),
        };
        pinned.then(by)
    });
    app.pane_mut(kind).rows = rows;
    with_pane_scroll(app, kind, |s, len, height| s.follow(len, height));
}

/// Applies `f` to a facet pane's scroll state with the pane's length and height.
fn with_pane_scroll(
    app: &mut App,
    kind: FacetKind,
    f: impl FnOnce(&mut super::ScrollState, usize, usize),
) {
    let height = pane_height(app, kind);
    let pane = app.pane_mut(kind);
    let len = pane.rows.len();
    f(&mut pane.scroll, len, height);
}

fn focused_kind(app: &App) -> Option<FacetKind> {
    match (app.screen, app.focus) {
        (Screen::Browse, Focus::Tags) => Some(FacetKind::Tag),
        (Screen::Browse, Focus::Authors) => Some(FacetKind::Author),
        _ => None,
    }
}

fn list_height(app: &App) -> usize {
    usize::from(layout::inner(layout::browse(app.size).list).height)
}

fn pane_height(app: &App, kind: FacetKind) -> usize {
    let l = layout::browse(app.size);
    let area = match kind {
        FacetKind::Tag => l.tags,
        FacetKind::Author => l.authors,
    };
    // One row of the inside goes to the pane's filter line while it is shown.
    let filter_row =
        usize::from(app.pane(kind).filtering || !app.pane(kind).filter_text().is_empty());
    usize::from(layout::inner(area).height).saturating_sub(filter_row)
}

pub(super) fn reader_height(app: &App) -> usize {
    usize::from(layout::reader(app.size).body.height)
}

pub(super) fn reader_len(app: &App) -> usize {
    body_width(app)
        .and_then(|w| app.rendered.get(&(app.reader.post, w, true)))
        .map_or(0, |r| r.text.lines.len())
}

fn focused_height(app: &App) -> usize {
    match app.screen {
        Screen::Reader => reader_height(app),
        Screen::Browse => match focused_kind(app) {
            Some(kind) => pane_height(app, kind),
            None => list_height(app),
        },
    }
}

fn follow_all(app: &mut App) {
    let (len, height) = (app.hits.len(), list_height(app));
    app.list.follow(len, height);
    for kind in [FacetKind::Tag, FacetKind::Author] {
        with_pane_scroll(app, kind, |s, len, height| s.follow(len, height));
    }
    let max = reader_len(app).saturating_sub(reader_height(app));
    app.reader.scroll = app.reader.scroll.min(max);
}

fn move_by(app: &mut App, delta: i64) {
    if app.help {
        let max = crate::ui::help_lines().saturating_sub(crate::ui::help_height(app.size));
        app.help_scroll = (app.help_scroll as i64)
            .saturating_add(delta)
            .clamp(0, max as i64) as usize;
        return;
    }
    match app.screen {
        Screen::Reader => {
            let max = reader_len(app).saturating_sub(reader_height(app)) as i64;
            app.reader.scroll = (app.reader.scroll as i64)
                .saturating_add(delta)
                .clamp(0, max.max(0)) as usize;
        }
        Screen::Browse => match focused_kind(app) {
            Some(kind) => {
                with_pane_scroll(app, kind, |s, len, height| s.move_by(delta, len, height))
            }
            None => {
                let (len, height) = (app.hits.len(), list_height(app));
                app.list.move_by(delta, len, height);
            }
        },
    }
}

fn cycle_focus(app: &mut App, forward: bool) {
    if app.screen != Screen::Browse {
        return;
    }
    for pane in [&mut app.tags, &mut app.authors] {
        pane.filtering = false;
    }
    let order = [Focus::Search, Focus::Tags, Focus::Authors, Focus::List];
    let at = order.iter().position(|f| *f == app.focus).unwrap_or(0);
    let next = if forward {
        at + 1
    } else {
        at + order.len() - 1
    };
    app.focus = order[next % order.len()];
}

fn type_into_box(app: &mut App, input: ratatui_textarea::Input, effects: &mut Vec<Effect>) {
    if app.screen == Screen::Reader {
        reader::type_search(app, input);
        return;
    }
    match focused_kind(app) {
        Some(kind) => {
            if app.pane_mut(kind).filter.input(input) {
                app.pane_mut(kind).scroll = Default::default();
                rebuild_pane(app, kind);
            }
        }
        None => {
            if app.search.input(input) {
                // Typing must never wait for a search: the runtime runs it and
                // answers with SearchDone; the list shows the last result meanwhile.
                app.query = Query::parse(&app.query_text());
                app.search_pending = true;
                effects.push(Effect::Search(Box::new(search_request(app))));
            }
        }
    }
}

fn open_reader(app: &mut App, post: u32) {
    // Coming back from the reader lands on the list, whatever opened the post.
    app.focus = Focus::List;
    app.screen = Screen::Reader;
    app.reader = super::ReaderState {
        post,
        ..Default::default()
    };
}

fn confirm(app: &mut App, effects: &mut Vec<Effect>) {
    match app.screen {
        Screen::Reader => reader::confirm(app, effects),
        Screen::Browse => match focused_kind(app) {
            Some(kind) => {
                toggle_selected_entry(app, kind);
                app.pane_mut(kind).filtering = false;
            }
            None => {
                if app.search_pending {
                    // Enter right after typing opens the best match of what was
                    // typed, not of the last result shown.
                    app.search_pending = false;
                    refilter(app, true);
                }
                if let Some(post) = app.selected_post() {
                    open_reader(app, post);
                }
            }
        },
    }
}

fn toggle_selected_entry(app: &mut App, kind: FacetKind) {
    let pane = app.pane(kind);
    let Some(&entry) = pane.rows.get(pane.scroll.selected) else {
        return;
    };
    app.filter.toggle(kind, entry);
    refilter(app, false);
    // Keep the cursor on the entry just toggled (selected entries move to the top).
    let pane = app.pane(kind);
    if let Some(row) = pane.rows.iter().position(|&e| e == entry) {
        with_pane_scroll(app, kind, |s, len, height| s.select(row, len, height));
    }
}

fn back(app: &mut App) {
    if app.help {
        app.help = false;
        return;
    }
    match app.screen {
        Screen::Reader => {
            if !reader::back(app) {
                app.screen = Screen::Browse;
            }
        }
        Screen::Browse => match app.focus {
            Focus::Search => app.focus = Focus::List,
            Focus::Tags | Focus::Authors => {
                let Some(kind) = focused_kind(app) else {
                    return;
                };
                let pane = app.pane_mut(kind);
                if pane.filtering || !pane.filter_text().is_empty() {
                    pane.filtering = false;
                    pane.filter.select_all();
                    pane.filter.cut();
                    rebuild_pane(app, kind);
                } else {
                    app.focus = Focus::List;
                }
            }
            Focus::List => {
                if !app.query_text().is_empty() {
                    app.search.select_all();
                    app.search.cut();
                    app.query = Query::default();
                    refilter(app, false);
                }
            }
        },
    }
}

fn scroll_at(app: &mut App, column: u16, row: u16, delta: i64) {
    let at = Position::new(column, row);
    match app.screen {
        Screen::Reader => move_by(app, delta),
        Screen::Browse => {
            let l = layout::browse(app.size);
            if l.list.contains(at) {
                let (len, height) = (app.hits.len(), list_height(app));
                app.list.scroll_by(delta, len, height);
            } else {
                for (area, kind) in [(l.tags, FacetKind::Tag), (l.authors, FacetKind::Author)] {
                    if area.contains(at) {
                        with_pane_scroll(app, kind, |s, len, height| {
                            s.scroll_by(delta, len, height)
                        });
                    }
                }
            }
        }
    }
}

fn click_at(app: &mut App, column: u16, row: u16) {
    if app.screen != Screen::Browse || app.help {
        return;
    }
    let at = Position::new(column, row);
    let l = layout::browse(app.size);
    if l.search.contains(at) {
        app.focus = Focus::Search;
        return;
    }
    let inner_row = |area: Rect| usize::from(row.saturating_sub(layout::inner(area).y));
    if layout::inner(l.list).contains(at) {
        app.focus = Focus::List;
        let target = app.list.offset + inner_row(l.list);
        if target < app.hits.len() {
            let height = list_height(app);
            app.list.select(target, app.hits.len(), height);
        }
        return;
    }
    for (area, kind, focus) in [
        (l.tags, FacetKind::Tag, Focus::Tags),
        (l.authors, FacetKind::Author, Focus::Authors),
    ] {
        if layout::inner(area).contains(at) {
            app.focus = focus;
            let pane = app.pane(kind);
            let target = pane.scroll.offset + inner_row(area);
            if target < pane.rows.len() {
                with_pane_scroll(app, kind, |s, len, height| s.select(target, len, height));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_renders_only_the_opening_of_a_long_body() {
        let short = "a\nb\n";
        assert_eq!(opening(short), short);
        let long = "line of text é\n".repeat(5000);
        let head = opening(&long);
        assert!(head.len() <= PREVIEW_BYTES);
        assert!(head.len() > PREVIEW_BYTES - 20);
        assert!(head.ends_with('é'), "cut at a line end");
        let no_newline = "é".repeat(PREVIEW_BYTES);
        assert!(opening(&no_newline).len() <= PREVIEW_BYTES);
    }
}
