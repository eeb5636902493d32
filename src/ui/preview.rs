//! The preview of the selected post, right of the list on wide terminals.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::app::geometry;
use crate::app::{App, viewport};

/// Draws the top of the selected post's rendered text.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Preview ")
        .border_style(theme::border());
    frame.render_widget(block, area);
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
