//! The Tags and Authors panes: entries with their counts under the current filter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::geometry;
use crate::app::{App, Focus, Screen};
use crate::index::FacetOrder;
use crate::index::{FacetKind, TagMode};
use crate::text::fit;
use crate::text::sanitize;

/// Draws one facet pane; only the visible rows are built.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, kind: FacetKind) {
    let pane = app.pane(kind);
    let focus = match kind {
        FacetKind::Tag => Focus::Tags,
        FacetKind::Author => Focus::Authors,
        FacetKind::Language => Focus::Languages,
    };
    let focused = app.screen == Screen::Browse && app.focus == focus;
    let name = match kind {
        FacetKind::Tag => "Tags",
        FacetKind::Author => "Authors",
        FacetKind::Language => "Languages",
    };
    let order = match pane.order {
        FacetOrder::Count => "by count",
        FacetOrder::Name => "by name",
    };
    let mode = match (kind, app.filter.tag_mode) {
        (FacetKind::Tag, TagMode::All) if app.filter.tags.len() > 1 => " all",
        (FacetKind::Tag, TagMode::Any) => " any",
        _ => "",
    };
    let block = theme::pane(format!(" {name} {}{mode} ", pane.rows.len()), focused)
        .title_bottom(Line::from(format!(" {order} ")).right_aligned());
    frame.render_widget(block, area);
    let inner = geometry::inner(area);
    let show_filter = pane.filtering || !pane.filter_text().is_empty();
    let rows_height = usize::from(inner.height).saturating_sub(usize::from(show_filter));
    let width = usize::from(inner.width);
    let entries = app.library.index.facets.entries(kind);
    let counts = app.counts(kind);
    let selected = app.filter.selected(kind);
    let adds = app.filter.adds(kind);
    let mut lines = Vec::with_capacity(rows_height + 1);
    for (row, &entry) in pane
        .rows
        .iter()
        .enumerate()
        .skip(pane.scroll.offset)
        .take(rows_height)
    {
        let Some(e) = entries.get(entry as usize) else {
            continue;
        };
        let count = counts.get(entry as usize).copied().unwrap_or(0);
        let is_selected = selected.contains(&entry);
        // With OR between entries, an unselected one says how many posts it would add.
        let count_text = if adds && !is_selected {
            format!(" +{count}")
        } else {
            format!(" {count}")
        };
        let under_cursor = row == pane.scroll.selected;
        let marker = if under_cursor && focused {
            theme::CURSOR_MARKER
        } else {
            " "
        };
        let mark = if is_selected { "✓ " } else { "  " };
        let label_width = width.saturating_sub(1 + 2 + count_text.len());
        let label = fit::fit(&sanitize::line(&e.label), label_width);
        let mut style = if is_selected {
            theme::selected_entry()
        } else if count == 0 {
            theme::dim()
        } else {
            ratatui::style::Style::default()
        };
        if under_cursor {
            style = style.patch(if focused {
                theme::cursor()
            } else {
                theme::cursor_unfocused()
            });
        }
        lines.push(Line::from(vec![
            Span::styled(marker, style.patch(theme::focused_border())),
            Span::styled(format!("{mark}{label}"), style),
            Span::styled(count_text, style.patch(theme::dim())),
        ]));
    }
    if pane.rows.is_empty() {
        lines.push(Line::from(Span::styled("  (none)", theme::dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if show_filter && inner.height > 0 {
        let filter_area = Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1);
        let prefix = Rect::new(filter_area.x, filter_area.y, 1, 1);
        frame.render_widget(Paragraph::new("/").style(theme::focused_border()), prefix);
        let mut filter = pane.filter.clone();
        if !(focused && pane.filtering) {
            filter.set_cursor_style(ratatui::style::Style::default());
        }
        let rest = Rect::new(
            filter_area.x + 1,
            filter_area.y,
            filter_area.width.saturating_sub(1),
            1,
        );
        frame.render_widget(&filter, rest);
    }
}
