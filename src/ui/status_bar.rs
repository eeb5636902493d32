//! The status bar: counts, active filters, order, a message, key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::geometry;
use crate::app::keymap::Mode;
use crate::app::{App, viewport};
use crate::index::{Drafts, FacetKind, SortKey, TagMode};
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

/// `N of M posts`, `tags: a and b`, `by: x`, `query: …`, `sort: date`: the browse
/// screen's left side, most important first.
pub fn summary_parts(app: &App) -> Vec<String> {
    let mut parts = vec![format!(
        "{} of {} posts",
        app.hits.len(),
        app.library.corpus.posts.len()
    )];
    if !app.hits.is_empty() {
        parts.push(format!("{} unread", app.memory.unread_shown));
    }
    let marks = app.memory.filter.label();
    if !marks.is_empty() {
        parts.push(marks.to_string());
    }
    let query = app.query_text();
    if !query.trim().is_empty() {
        parts.push(format!("query: {}", sanitize::line(query.trim())));
    }
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
    match app.filter.drafts {
        Drafts::Shown => {}
        Drafts::Hidden => parts.push("no drafts".to_string()),
        Drafts::Only => parts.push("drafts only".to_string()),
    }
    let languages = labels(app, FacetKind::Language);
    if !languages.is_empty() {
        parts.push(format!("in: {}", languages.join(" or ")));
    }
    let periods = labels(app, FacetKind::Year);
    if !periods.is_empty() {
        parts.push(format!("when: {}", periods.join(" or ")));
    }
    let sort = match app.sort {
        SortKey::Relevance if !app.query.ranks() => "date".to_string(),
        other => other.label().to_string(),
    };
    parts.push(format!("sort: {sort}"));
    if let Some((done, total)) = app.text.indexing {
        // Shown in either mode: full-text search is coming.
        parts.push(format!("indexing full text {}%", done * 100 / total.max(1)));
    }
    parts
}

const SEPARATOR: &str = " · ";
const HINT_GAP: &str = "  ";

/// What a status line keeps of `left` and `hints` in `width` columns: taken in
/// priority order (the first part, the first hint, the other parts, the other hints),
/// each whole or not at all; a first part too wide alone is cut between words.
fn choose(left: &[String], hints: &[String], width: usize) -> (String, String) {
    let mut order: Vec<(bool, usize)> = Vec::new();
    order.extend(left.first().map(|_| (true, 0)));
    order.extend(hints.first().map(|_| (false, 0)));
    order.extend((1..left.len()).map(|i| (true, i)));
    order.extend((1..hints.len()).map(|i| (false, i)));
    let mut kept_left = vec![false; left.len()];
    let mut kept_hints = vec![false; hints.len()];
    let mut used = 0;
    for (is_left, i) in order {
        let (text, gap) = if is_left {
            (left.get(i), SEPARATOR)
        } else {
            (hints.get(i), HINT_GAP)
        };
        let need = text.map_or(0, |t| fit::display_width(t)) + fit::display_width(gap);
        if used + need <= width {
            used += need;
            if is_left {
                kept_left[i] = true;
            } else {
                kept_hints[i] = true;
            }
        }
    }
    let pick = |items: &[String], kept: &[bool], gap: &str| {
        items
            .iter()
            .zip(kept)
            .filter(|(_, k)| **k)
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(gap)
    };
    let mut left_text = pick(left, &kept_left, SEPARATOR);
    if left_text.is_empty() {
        left_text = left
            .first()
            .map(|first| fit::fit_words(first, width))
            .unwrap_or_default();
    }
    (left_text, pick(hints, &kept_hints, HINT_GAP))
}

/// One status line: `left` parts, `right` (kept whole), then the key hints, each
/// part and hint whole or left out. A message replaces `left` and the hints, cut
/// between words when it is too long.
fn draw_bar(
    frame: &mut Frame<'_>,
    area: Rect,
    left: &[String],
    right: &str,
    message: Option<&str>,
    hints: &[String],
) {
    let width = usize::from(area.width);
    let right = format!("{right} ");
    let right_w = fit::display_width(&right).min(width);
    let room = width.saturating_sub(right_w + 1);
    let line = match message {
        Some(message) => Line::from(vec![
            Span::styled(
                fit::fit(
                    &format!(" {}", fit::fit_words(&sanitize::line(message), room)),
                    width - right_w,
                ),
                theme::status_message(),
            ),
            Span::styled(fit::fit(&right, right_w), theme::status_bar()),
        ]),
        None => {
            let (left, hints) = choose(left, hints, room);
            let hints = if hints.is_empty() {
                hints
            } else {
                format!("{hints} ")
            };
            let hints_w = fit::display_width(&hints);
            let left_w = width.saturating_sub(hints_w + right_w);
            Line::from(vec![
                Span::styled(fit::fit(&format!(" {left}"), left_w), theme::status_bar()),
                Span::styled(fit::fit(&right, right_w), theme::status_bar()),
                Span::styled(hints, theme::status_hint()),
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
        &summary_parts(app),
        "",
        app.status.as_deref(),
        &app.keymap.hints(Mode::Browsing),
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
    let title = if app.memory.marks.is_bookmarked(app.reader.post) {
        format!("★ {title}")
    } else {
        title
    };
    draw_bar(
        frame,
        area,
        &[title],
        &if shown.is_some_and(|r| !r.complete) {
            format!(" rendering… {bottom}/{total}")
        } else {
            format!(" {bottom}/{total} {percent}%")
        },
        app.status.as_deref(),
        &app.keymap.hints(Mode::Reading),
    );
}

#[cfg(test)]
mod tests {
    use super::choose;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parts_and_hints_are_kept_whole_by_priority() {
        let left = strings(&["2 of 5 posts", "tags: General and systems", "sort: date"]);
        let hints = strings(&["? help", "/ search", "⏎ open"]);
        let (l, h) = choose(&left, &hints, 200);
        assert_eq!(l, "2 of 5 posts · tags: General and systems · sort: date");
        assert_eq!(h, "? help  / search  ⏎ open");
        // Narrow: the count and `? help` first, then whatever else fits whole.
        let (l, h) = choose(&left, &hints, 40);
        assert_eq!(l, "2 of 5 posts · sort: date");
        assert_eq!(h, "? help");
        for width in 0..80 {
            let (l, h) = choose(&left, &hints, width);
            assert!(!l.contains("…") || width < 15, "{width}: {l}");
            assert!(!h.contains("…"), "{width}: {h}");
        }
    }
}
