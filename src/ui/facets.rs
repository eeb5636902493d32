//! The facet panes: entries with their counts under the current filter; the Years
//! pane draws each period with a bar beside its count.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::geometry;
use crate::app::{App, Focus, Screen};
use crate::index::FacetOrder;
use crate::index::facets::{is_month, year_of};
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
        FacetKind::Year => Focus::Years,
    };
    let focused = app.screen == Screen::Browse && app.focus == focus;
    let name = match kind {
        FacetKind::Tag => "Tags",
        FacetKind::Author => "Authors",
        FacetKind::Language => "Languages",
        FacetKind::Year => "Years",
    };
    let order = match (kind, pane.order) {
        (FacetKind::Year, FacetOrder::Count) => "newest first",
        (FacetKind::Year, FacetOrder::Name) => "oldest first",
        (_, FacetOrder::Count) => "by count",
        (_, FacetOrder::Name) => "by name",
    };
    let mode = match (kind, app.filter.tag_mode) {
        (FacetKind::Tag, TagMode::All) if app.filter.tags.len() > 1 => " all",
        (FacetKind::Tag, TagMode::Any) => " any",
        _ => "",
    };
    let title = match kind {
        FacetKind::Year => format!(" {name} "),
        _ => format!(" {name} {}{mode} ", pane.rows.len()),
    };
    let block =
        theme::pane(title, focused).title_bottom(Line::from(format!(" {order} ")).right_aligned());
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
    let timeline = (kind == FacetKind::Year).then(|| Timeline::of(app, width));
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
        let (label, bar) = match &timeline {
            Some(t) => {
                let previous = row
                    .checked_sub(1)
                    .and_then(|r| pane.rows.get(r))
                    .and_then(|&p| entries.get(p as usize));
                t.cells(&e.key, previous.map(|p| p.key.as_str()), count)
            }
            None => {
                let label_width = width.saturating_sub(1 + 2 + count_text.len());
                (
                    fit::fit(&sanitize::line(&e.label), label_width),
                    String::new(),
                )
            }
        };
        let count_text = match &timeline {
            Some(t) => format!("{count_text:>w$}", w = t.count_width),
            None => count_text,
        };
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
            Span::styled(bar, style.patch(theme::tags())),
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

/// Columns of a Years row's label and the gap after it: `2019`, `  Aug`; a wider one
/// (`undated`, `2019-08`) takes its room from the row's bar.
const PERIOD_WIDTH: usize = 6;
/// A bar's eighths, from one to seven (a whole cell is `█`).
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/// Short month names, for the months under their year.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// How the Years pane's rows are laid out: the bar's room and scale (years and undated
/// against the largest of them, months against the largest month shown), the count's
/// column.
struct Timeline {
    bar_width: usize,
    count_width: usize,
    largest_period: u32,
    largest_month: u32,
}

impl Timeline {
    /// The layout for the pane's rows as they are (a pass over the rows shown: a few
    /// dozen, the counts already made by the search).
    fn of(app: &App, width: usize) -> Self {
        let pane = app.pane(FacetKind::Year);
        let entries = app.library.index.facets.entries(FacetKind::Year);
        let counts = app.counts(FacetKind::Year);
        let (mut largest_period, mut largest_month) = (0, 0);
        for &row in &pane.rows {
            let count = counts.get(row as usize).copied().unwrap_or(0);
            match entries.get(row as usize) {
                Some(e) if is_month(&e.key) => largest_month = largest_month.max(count),
                Some(_) => largest_period = largest_period.max(count),
                None => {}
            }
        }
        // `+` and the digits of the largest count.
        let count_width = 2 + largest_period.max(largest_month).to_string().len();
        Timeline {
            bar_width: width.saturating_sub(1 + 2 + PERIOD_WIDTH + count_width),
            count_width,
            largest_period,
            largest_month,
        }
    }

    /// One row's label (padded) and bar, for the entry `key` with `count` posts;
    /// `previous` is the key of the row above.
    fn cells(&self, key: &str, previous: Option<&str>, count: u32) -> (String, String) {
        let month = is_month(key);
        let under_its_year = previous.is_some_and(|p| year_of(p) == year_of(key));
        let label = match key.get(5..7).and_then(|m| m.parse::<usize>().ok()) {
            Some(m) if month && under_its_year => {
                format!(
                    "  {}",
                    MONTHS.get(m.wrapping_sub(1)).copied().unwrap_or("?")
                )
            }
            _ => key.to_string(),
        };
        let room = PERIOD_WIDTH + self.bar_width;
        let label = fit::fit(&label, room.saturating_sub(1))
            .trim_end()
            .to_string();
        // Padded to the column, or followed by one space when wider.
        let label = format!("{label:<w$} ", w = PERIOD_WIDTH - 1);
        let largest = if month {
            self.largest_month
        } else {
            self.largest_period
        };
        // The same scale on every row; a wide label leaves less of the bar showing.
        let shown = room.saturating_sub(fit::display_width(&label));
        let mut bar = bar(count, largest, self.bar_width);
        if shown < self.bar_width {
            bar = bar.chars().take(shown).collect();
        }
        (label, bar)
    }
}

/// A bar of `count` against `largest` in `width` cells, to an eighth of a cell; a
/// period with posts always gets a sliver. Padded to `width`.
fn bar(count: u32, largest: u32, width: usize) -> String {
    let eighths = if largest == 0 {
        0
    } else {
        let exact = u64::from(count) * (width as u64) * 8 / u64::from(largest);
        (exact as usize).max(usize::from(count > 0 && width > 0))
    };
    let mut out = "█".repeat(eighths / 8);
    if let Some(&part) = (eighths % 8).checked_sub(1).and_then(|i| EIGHTHS.get(i)) {
        out.push(part);
    }
    let drawn = eighths.div_ceil(8);
    out.push_str(&" ".repeat(width.saturating_sub(drawn)));
    out
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_scale_to_the_largest_and_never_vanish() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██  ");
        assert_eq!(bar(1, 1000, 4), "▏   ");
        assert_eq!(bar(0, 10, 3), "   ");
        assert_eq!(bar(3, 0, 2), "  ");
    }
}
