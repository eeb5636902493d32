//! The search box at the top.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::theme;
use crate::app::geometry;
use crate::app::keymap::Command;
use crate::app::state::grouped;
use crate::app::{App, Focus, Screen};

/// Draws the search box; the cursor shows only while it has the keyboard.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let focused = app.screen == Screen::Browse && app.focus == Focus::Search;
    // The key that switches between the two searches, as really bound.
    let switch = app
        .keymap
        .keys_of(Command::FullText)
        .first()
        .map(|k| k.label())
        .unwrap_or_default();
    let (name, other) = if app.text.on {
        ("Full text", "titles")
    } else {
        ("Search", "full text")
    };
    let state = match (&app.load_progress, app.loading, app.text.indexing) {
        (Some(progress), true, _) => format!(" · loading: {}", progress.label()),
        (None, true, _) => " · loading…".to_string(),
        (_, false, Some((done, total))) if app.text.on => {
            format!(" · indexing {} of {}", grouped(done), grouped(total))
        }
        _ => String::new(),
    };
    let title = if switch.is_empty() {
        format!(" {name}{state} ")
    } else {
        format!(" {name}{state} · {switch} {other} ")
    };
    let block = theme::pane(title, focused);
    frame.render_widget(block, area);
    let mut search = app.search.clone();
    if !focused {
        search.set_cursor_style(ratatui::style::Style::default());
    }
    frame.render_widget(&search, geometry::inner(area));
}
