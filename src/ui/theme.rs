//! Shelf's styles in one place.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders};

/// Border of the focused pane.
pub fn focused_border() -> Style {
    Style::new().fg(Color::Cyan)
}

/// Border of other panes.
pub fn border() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// The row under the cursor in the focused pane.
pub fn cursor() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// The row under the cursor in a pane without focus.
pub fn cursor_unfocused() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// Characters the query matched.
pub fn matched() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// Dates in the list.
pub fn date() -> Style {
    Style::new().fg(Color::Green)
}

/// Authors in the list.
pub fn authors() -> Style {
    Style::new().fg(Color::Yellow)
}

/// Tags in the list.
pub fn tags() -> Style {
    Style::new().fg(Color::Magenta)
}

/// Less important text.
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// A selected facet entry.
pub fn selected_entry() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// The status bar.
pub fn status_bar() -> Style {
    Style::new().bg(Color::Indexed(236)).fg(Color::White)
}

/// A message in the status bar.
pub fn status_message() -> Style {
    Style::new()
        .bg(Color::Indexed(236))
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD)
}

/// A pane's bordered block, its border highlighted when the pane has the keyboard.
pub fn pane<'a>(title: impl Into<ratatui::text::Line<'a>>, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_style(if focused { focused_border() } else { border() })
}
