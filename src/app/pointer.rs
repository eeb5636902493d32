//! Focus and the mouse: Tab between panes, the wheel over a pane, a click on a row.

use ratatui::layout::{Position, Rect};

use super::geometry;
use super::state::{App, Focus, Screen};
use super::viewport;
use crate::index::FacetKind;

/// Tab / Shift-Tab on the browse screen.
pub fn cycle_focus(app: &mut App, forward: bool) {
    if app.screen != Screen::Browse {
        return;
    }
    for pane in [
        &mut app.tags,
        &mut app.authors,
        &mut app.languages,
        &mut app.years,
    ] {
        pane.filtering = false;
    }
    let layout = geometry::browse_of(app);
    let mut order = vec![Focus::Search, Focus::Tags, Focus::Authors];
    if layout.languages.is_some() {
        order.push(Focus::Languages);
    }
    order.push(Focus::Years);
    order.push(Focus::List);
    if layout.preview.is_some() {
        order.push(Focus::Preview);
    }
    let at = order.iter().position(|f| *f == app.focus).unwrap_or(0);
    let next = if forward {
        at + 1
    } else {
        at + order.len() - 1
    };
    if let Some(&focus) = order.get(next % order.len()) {
        app.focus = focus;
    }
}

/// The wheel at a screen position: the pane under the pointer scrolls (the reader
/// scrolls wherever the pointer is). Returns the rows to move the reader by, if the
/// reader is what scrolls.
pub fn scroll_at(app: &mut App, column: u16, row: u16, delta: i64) -> Option<i64> {
    let at = Position::new(column, row);
    if app.screen == Screen::Reader {
        return Some(delta);
    }
    let l = geometry::browse_of(app);
    if l.list.contains(at) {
        let (len, height) = (app.hits.len(), viewport::list_height(app));
        app.list.scroll_by(delta, len, height);
        return None;
    }
    if l.preview.is_some_and(|p| p.contains(at)) {
        viewport::scroll_preview(app, delta);
        return None;
    }
    let languages = l.languages.unwrap_or_default();
    for (area, kind) in [
        (l.tags, FacetKind::Tag),
        (l.authors, FacetKind::Author),
        (languages, FacetKind::Language),
        (l.years, FacetKind::Year),
    ] {
        if area.contains(at) {
            let height = viewport::pane_height(app, kind);
            let pane = app.pane_mut(kind);
            let len = pane.rows.len();
            pane.scroll.scroll_by(delta, len, height);
        }
    }
    None
}

/// A click at a screen position: focuses the pane and moves its cursor to the row.
/// Returns the facet pane whose entry was clicked, for the caller to select it.
pub fn click_at(app: &mut App, column: u16, row: u16) -> Option<FacetKind> {
    if app.screen != Screen::Browse || app.help {
        return None;
    }
    let at = Position::new(column, row);
    let l = geometry::browse_of(app);
    if l.search.contains(at) {
        app.focus = Focus::Search;
        return None;
    }
    if l.preview.is_some_and(|p| p.contains(at)) {
        app.focus = Focus::Preview;
        return None;
    }
    let inner_row = |area: Rect| usize::from(row.saturating_sub(geometry::inner(area).y));
    if geometry::inner(l.list).contains(at) {
        app.focus = Focus::List;
        let target = app.list.offset + inner_row(l.list) / viewport::list_row_height(app);
        if target < app.hits.len() {
            let height = viewport::list_height(app);
            app.list.select(target, app.hits.len(), height);
        }
        return None;
    }
    for (area, kind, focus) in [
        (l.tags, FacetKind::Tag, Focus::Tags),
        (l.authors, FacetKind::Author, Focus::Authors),
        (
            l.languages.unwrap_or_default(),
            FacetKind::Language,
            Focus::Languages,
        ),
        (l.years, FacetKind::Year, Focus::Years),
    ] {
        if geometry::inner(area).contains(at) {
            app.focus = focus;
            let height = viewport::pane_height(app, kind);
            let pane = app.pane_mut(kind);
            let target = pane.scroll.offset + inner_row(area);
            if target < pane.rows.len() {
                let len = pane.rows.len();
                pane.scroll.select(target, len, height);
                return Some(kind);
            }
            return None;
        }
    }
    None
}
