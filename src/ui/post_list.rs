//! The post list: date, title (query matches highlighted), authors, tags. Only the
//! visible rows are built, so a 100k-post list costs no more than a 10-post one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::geometry;
use crate::app::{App, Focus, Screen};
use crate::text::fit;
use crate::text::sanitize;

/// Column widths for a list of inner width `width`: (date, title, authors, tags).
/// The title keeps at least half the row; authors and tags share what is left and
/// are dropped, tags first, when the row is too narrow for them to say anything.
fn columns(width: usize) -> (usize, usize, usize, usize) {
    let date = if width >= 40 { 10 } else { 0 };
    let authors = if width >= 46 {
        (width / 6).clamp(8, 20)
    } else {
        0
    };
    let tags = if width >= 52 {
        (width / 6).clamp(8, 24)
    } else {
        0
    };
    let gaps = [date, authors, tags].iter().filter(|w| **w > 0).count();
    let title = width.saturating_sub(date + authors + tags + gaps + 2);
    (date, title, authors, tags)
}

/// Draws the list.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let focused = app.screen == Screen::Browse && matches!(app.focus, Focus::List | Focus::Search);
    let title = format!(
        " Posts {}/{}{} ",
        app.hits.len(),
        app.library.corpus.posts.len(),
        if app.search_pending {
            " · searching…"
        } else {
            ""
        }
    );
    let block = theme::pane(title, focused);
    frame.render_widget(block, area);
    let inner = geometry::inner(area);
    let (date_w, title_w, authors_w, tags_w) = columns(usize::from(inner.width));
    let height = usize::from(inner.height);
    let mut lines = Vec::with_capacity(height);
    for (row, hit) in app
        .hits
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(height)
    {
        let Some(post) = app.library.post(hit.post) else {
            continue;
        };
        let row_style = if row == app.list.selected {
            if focused {
                theme::cursor()
            } else {
                theme::cursor_unfocused()
            }
        } else {
            Style::default()
        };
        let marker = if row == app.list.selected { "▌" } else { " " };
        let mut spans = vec![Span::styled(
            marker,
            row_style.patch(theme::focused_border()),
        )];
        if date_w > 0 {
            let date = post
                .date
                .as_ref()
                .map(|d| d.date.to_string())
                .unwrap_or_default();
            spans.push(Span::styled(
                fit::fit(&date, date_w),
                row_style.patch(theme::date()),
            ));
            spans.push(Span::styled(" ", row_style));
        }
        let title = sanitize::line(&post.title);
        let highlight = if app.query.ranks() {
            app.library.index.title_highlight(hit.post, &app.query)
        } else {
            Vec::new()
        };
        spans.extend(fit::fit_marked(
            &title,
            title_w,
            &highlight,
            row_style,
            theme::matched(),
        ));
        if authors_w > 0 {
            spans.push(Span::styled(" ", row_style));
            let authors = sanitize::line(&post.authors.join(", ")).into_owned();
            spans.push(Span::styled(
                fit::fit(&authors, authors_w),
                row_style.patch(theme::authors()),
            ));
        }
        if tags_w > 0 {
            spans.push(Span::styled(" ", row_style));
            let tags = sanitize::line(&post.tags.join(", ")).into_owned();
            spans.push(Span::styled(
                fit::fit(&tags, tags_w),
                row_style.patch(theme::tags()),
            ));
        }
        spans.push(Span::styled(" ", row_style));
        lines.push(Line::from(spans));
    }
    if app.hits.is_empty() {
        let message = if app.loading && app.library.corpus.posts.is_empty() {
            "  Loading posts…"
        } else if app.library.corpus.posts.is_empty() {
            "  No posts here."
        } else {
            "  No post matches. Esc clears the query, c clears every filter."
        };
        lines.push(Line::from(Span::styled(message, theme::dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn columns_fill_the_width_and_drop_on_narrow_lists() {
        let (d, t, a, g) = columns(100);
        assert_eq!(d + t + a + g + 3 + 2, 100);
        assert_eq!(columns(45).2, 0);
        assert_eq!(columns(50).3, 0);
        assert!(columns(52).1 >= 20, "the title keeps the most room");
    }
}
