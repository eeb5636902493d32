//! The facet panes' actions: selecting an entry, typing into a pane's own filter,
//! switching its order, and AND/OR between tags. Each change asks for a new search,
//! which also orders the panes, so nothing is sorted here.

use ratatui_textarea::Input;

use super::action::Effect;
use super::search;
use super::state::{AfterSearch, App};
use super::text_box;
use crate::index::facets as index_facets;
use crate::index::{FacetKind, TagMode};

/// Selects or unselects the entry under a pane's cursor; the cursor stays on it.
pub fn toggle_selected(app: &mut App, kind: FacetKind, effects: &mut Vec<Effect>) {
    let pane = app.pane(kind);
    let Some(&entry) = pane.rows.get(pane.scroll.selected) else {
        return;
    };
    if kind == FacetKind::Year {
        narrow_period(app, entry);
    }
    app.filter.toggle(kind, entry);
    let after = AfterSearch {
        follow: Some((kind, entry)),
        ..AfterSearch::default()
    };
    search::request(app, effects, after);
}

/// Before a period is selected: a month selected inside a selected year narrows the
/// year to the month, and a year selected takes the place of its selected months
/// (months and their year combine with OR, so either would leave the other moot).
fn narrow_period(app: &mut App, entry: u32) {
    let entries = app.library.index.facets.entries(FacetKind::Year);
    let Some(picked) = entries.get(entry as usize) else {
        return;
    };
    if app.filter.years.contains(&entry) {
        return;
    }
    let Some(year) = index_facets::year_of(&picked.key) else {
        return;
    };
    let picked_month = index_facets::is_month(&picked.key);
    app.filter.years.retain(|&e| {
        let Some(other) = entries.get(e as usize) else {
            return true;
        };
        let same_year = index_facets::year_of(&other.key) == Some(year);
        // Picking a month drops its year; picking a year drops its months.
        !(same_year && index_facets::is_month(&other.key) != picked_month)
    });
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
