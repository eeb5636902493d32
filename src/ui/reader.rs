//! The full-screen reader: the post's header and rendered body, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::App;

/// Draws the visible slice of the rendered post (nothing else is built).
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let rendered = app
        .body_width()
        .and_then(|w| app.rendered_body(app.reader.post, w));
    let lines: Vec<Line<'_>> = match rendered {
        Some(r) => r
            .text
            .lines
            .iter()
            .skip(app.reader.scroll)
            .take(usize::from(area.height))
            .cloned()
            .collect(),
        None => vec![Line::from(Span::styled("Loading…", theme::dim()))],
    };
    frame.render_widget(Paragraph::new(lines), area);
}
