//! The facet panes' actions: selecting an entry, typing into a pane's own filter,
//! switching its order, and AND/OR between tags. Each change asks for a new search,
//! which also orders the panes, so nothing is sorted here.

use ratatui_textarea::Input;

use super::action::Effect;
use super::search;
use super::state::{AfterSearch, App};
use super::text_box;
use crate::index::{FacetKind, TagMode};

/// Selects or unselects the entry under a pane's cursor; the cursor stays on it.
pub fn toggle_selected(app: &mut App, kind: FacetKind, effects: &mut Vec<Effect>) {
    let pane = app.pane(kind);
    let Some(&entry) = pane.rows.get(pane.scroll.selected) else {
        return;
    };
    app.filter.toggle(kind, entry);
    let after = AfterSearch {
        follow: Some((kind, entry)),
        ..AfterSearch::default()
    };
    search::request(app, effects, after);
}

/// A key typed into a pane's filter box.
pub fn type_filter(app: &mut App, kind: FacetKind, input: Input, effects: &mut Vec<Effect>) {
    if text_box::edit(&mut app.pane_mut(kind).filter, input) {
        app.pane_mut(kind).scroll = Default::default();
        search::request(app, effects, AfterSearch::default());
    }
}

/// Empties a pane's filter box and gives the keyboard back to the pane.
pub fn clear_filter(app: &mut App, kind: FacetKind, effects: &mut Vec<Effect>) {
    let pane = app.pane_mut(kind);
    pane.filtering = false;
    pane.filter.select_all();
    pane.filter.cut();
    search::request(app, effects, AfterSearch::default());
}

/// `s` on a pane: count order or name order.
pub fn cycle_order(app: &mut App, kind: FacetKind, effects: &mut Vec<Effect>) {
    let pane = app.pane_mut(kind);
    pane.order = pane.order.toggled();
    search::request(app, effects, AfterSearch::default());
}

/// `m`: selected tags must all match, or any of them.
pub fn toggle_tag_mode(app: &mut App, effects: &mut Vec<Effect>) {
    app.filter.tag_mode = match app.filter.tag_mode {
        TagMode::All => TagMode::Any,
        TagMode::Any => TagMode::All,
    };
    search::request(app, effects, AfterSearch::default());
}
