//! The search box at the top.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::theme;
use crate::app::geometry;
use crate::app::{App, Focus, Screen};

/// Draws the search box; the cursor shows only while it has the keyboard.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let focused = app.screen == Screen::Browse && app.focus == Focus::Search;
    let title = match (&app.load_progress, app.loading) {
        (Some(progress), true) => format!(" Search · loading: {} ", progress.label()),
        (None, true) => " Search · loading… ".to_string(),
        _ => " Search ".to_string(),
    };
    let block = theme::pane(title, focused);
    frame.render_widget(block, area);
    let mut search = app.search.clone();
    if !focused {
        search.set_cursor_style(ratatui::style::Style::default());
    }
    frame.render_widget(&search, geometry::inner(area));
}
