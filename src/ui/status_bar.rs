//! The status bar: counts, active filters, order, a message, key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::geometry;
use crate::app::{App, viewport};
use crate::index::{FacetKind, SortKey, TagMode};
use crate::text::fit;
use crate::text::sanitize;

fn labels(app: &App, kind: FacetKind) -> Vec<String> {
    let entries = app.library.index.facets.entries(kind);
    app.filter
        .selected(kind)
        .iter()
        .filter_map(|&e| entries.get(e as usize))
        .map(|e| sanitize::line(&e.label).into_owned())
        .collect()
}

/// `N of M posts · #a + #b · @x · sort: date`, the browse screen's left side.
pub fn summary(app: &App) -> String {
    let mut parts = vec![format!(
        "{} of {} posts",
        app.hits.len(),
        app.library.corpus.posts.len()
    )];
    let tags = labels(app, FacetKind::Tag);
    if !tags.is_empty() {
        let joiner = match app.filter.tag_mode {
            TagMode::All => " and ",
            TagMode::Any => " or ",
        };
        parts.push(format!("tags: {}", tags.join(joiner)));
    }
    let authors = labels(app, FacetKind::Author);
    if !authors.is_empty() {
        parts.push(format!("by: {}", authors.join(" or ")));
    }
    let query = app.query_text();
    if !query.trim().is_empty() {
        parts.push(format!("query: {}", sanitize::line(query.trim())));
    }
    let sort = match app.sort {
        SortKey::Relevance if !app.query.ranks() => "date".to_string(),
        other => other.label().to_string(),
    };
    parts.push(format!("sort: {sort}"));
    parts.join(" · ")
}

/// One status line: `left` (cut first when space is short), then `right` (kept
/// whole), then the key hints when they fit. A message replaces `left` and the hints.
fn draw_bar(
    frame: &mut Frame<'_>,
    area: Rect,
    left: &str,
    right: &str,
    message: Option<&str>,
    hints: &str,
) {
    let width = usize::from(area.width);
    let right = format!("{right} ");
    let right_w = unicode_width::UnicodeWidthStr::width(right.as_str()).min(width);
    let line = match message {
        Some(message) => Line::from(vec![
            Span::styled(
                fit::fit(&format!(" {}", sanitize::line(message)), width - right_w),
                theme::status_message(),
            ),
            Span::styled(fit::fit(&right, right_w), theme::status_bar()),
        ]),
        None => {
            let hints_w = if hints.chars().count() + right_w + 30 < width {
                hints.chars().count()
            } else {
                0
            };
            let left_w = width.saturating_sub(hints_w + right_w);
            Line::from(vec![
                Span::styled(fit::fit(&format!(" {left}"), left_w), theme::status_bar()),
                Span::styled(fit::fit(&right, right_w), theme::status_bar()),
                Span::styled(fit::fit(hints, hints_w), theme::status_hint()),
            ])
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Draws the browse screen's status bar.
pub fn draw_browse(app: &App, frame: &mut Frame<'_>, area: Rect) {
    draw_bar(
        frame,
        area,
        &summary(app),
        "",
        app.status.as_deref(),
        "/ search  Tab pane  ⏎ open  ? help  q quit ",
    );
}

/// Draws the reader's status bar: title and position, or the in-post search box.
pub fn draw_reader(app: &App, frame: &mut Frame<'_>, area: Rect) {
    if app.reader.searching {
        // The box on the left, the match count on the right while typing.
        let count = app.status.clone().unwrap_or_default();
        let count_w =
            (unicode_width::UnicodeWidthStr::width(count.as_str()) as u16 + 1).min(area.width / 2);
        let prefix = Rect::new(area.x, area.y, 1.min(area.width), area.height);
        frame.render_widget(Paragraph::new("/").style(theme::status_message()), prefix);
        let box_w = area.width.saturating_sub(1 + count_w);
        let rest = Rect::new(area.x + 1, area.y, box_w, area.height);
        let mut search = app.reader.search.clone();
        search.set_style(theme::status_bar());
        frame.render_widget(&search, rest);
        let count_area = Rect::new(area.x + 1 + box_w, area.y, count_w, area.height);
        let count = fit::fit(&count, usize::from(count_w));
        frame.render_widget(
            Paragraph::new(count).style(theme::status_message()),
            count_area,
        );
        return;
    }
    let shown = viewport::shown_render(app);
    let total = shown.map_or(0, |r| r.rendered.text.lines.len());
    let height = usize::from(geometry::reader(app.size).body.height);
    let bottom = (app.reader.scroll + height).min(total);
    let percent = (bottom * 100).checked_div(total).unwrap_or(100);
    let title = app
        .library
        .post(app.reader.post)
        .map(|p| sanitize::line(&p.title).into_owned())
        .unwrap_or_default();
    draw_bar(
        frame,
        area,
        &title,
        &if shown.is_some_and(|r| !r.complete) {
            format!(" rendering… {bottom}/{total}")
        } else {
            format!(" {bottom}/{total} {percent}%")
        },
        app.status.as_deref(),
        "/ find  Tab link  1-9⏎ open  l links  ? help  q back ",
    );
}
