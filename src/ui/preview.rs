//! The preview of the selected post, right of the list on wide terminals.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::geometry;
use crate::app::{App, Focus, Screen, viewport};

/// Draws the selected post's rendered text from where the preview is scrolled to.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let focused = app.screen == Screen::Browse && app.focus == Focus::Preview;
    frame.render_widget(theme::pane(" Preview ", focused), area);
    let inner = geometry::inner(area);
    let body = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    let lines: Vec<Line<'_>> = match viewport::shown_render(app) {
        Some(r) => r
            .rendered
            .text
            .lines
            .iter()
            .skip(app.preview.scroll_of(app.selected_post()))
            .take(usize::from(body.height))
            .cloned()
            .collect(),
        None if app.selected_post().is_some() => {
            vec![Line::from(Span::styled("Loading…", theme::dim()))]
        }
        None => Vec::new(),
    };
    frame.render_widget(Paragraph::new(lines), body);
}
