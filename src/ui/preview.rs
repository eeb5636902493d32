//! The preview of the selected post, right of the list on wide terminals.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{layout, theme};
use crate::app::App;

/// Draws the top of the selected post's rendered text.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Preview ")
        .border_style(theme::border());
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    let body = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    let rendered = match (app.shown_post(), app.body_width()) {
        (Some(post), Some(width)) => app.rendered_body(post, width),
        _ => None,
    };
    let lines: Vec<Line<'_>> = match rendered {
        Some(r) => r
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
