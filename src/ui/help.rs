//! The help overlay: every key, grouped by where it works.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme;
use crate::app::App;

/// Every key binding, as (keys, what it does); headings have empty keys.
pub const KEYS: &[(&str, &str)] = &[
    ("", "Everywhere"),
    ("?", "show or hide this help"),
    ("q", "back; quit from the browser"),
    ("Ctrl-c", "quit"),
    ("Ctrl-z", "suspend (fg resumes)"),
    ("", "Moving"),
    ("j k ↓ ↑", "down / up"),
    ("g G Home End", "first / last"),
    ("PgDn PgUp Ctrl-f Ctrl-b", "page down / up"),
    ("Ctrl-d Ctrl-u", "half page down / up"),
    ("Tab Shift-Tab", "next / previous pane"),
    ("mouse", "wheel scrolls the pane under it, click selects"),
    ("", "Searching"),
    ("/", "search posts (on a facet pane: filter that pane)"),
    ("⏎", "open the best match; Esc back to the list"),
    ("Esc Esc", "leave the box, then clear the query"),
    ("↓ ↑ Ctrl-n Ctrl-p", "move in the list while typing"),
    ("Ctrl-s", "rank by match / keep date order"),
    (
        "word 'exact ^start !not",
        "fuzzy, exact, title prefix, exclude",
    ),
    ("#tag @author", "filter by a tag / an author"),
    ("", "List and facets"),
    ("⏎", "open the post (on a facet: select it)"),
    ("space", "select / unselect a tag or author"),
    ("m", "selected tags: all of them / any of them"),
    ("c", "clear the query and every filter"),
    (
        "s",
        "sort the list: match, date, title, author (facets: count, name)",
    ),
    ("", "Reader"),
    ("j k space b", "scroll"),
    ("1-9… ⏎", "open link number …"),
    ("Tab Shift-Tab", "focus the next / previous link"),
    ("⏎ o", "open the focused link in the browser"),
    ("y", "copy the link's URL (OSC 52)"),
    ("l", "jump to the link list and back"),
    ("/ n N", "search in the post, next / previous match"),
    ("q Esc", "back to the list"),
];

/// Number of help lines.
pub fn lines() -> usize {
    KEYS.len()
}

/// How many help lines fit on a screen of `area`.
pub fn height(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2)).min(KEYS.len())
}

/// Draws the overlay centred over the screen.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let key_w = KEYS
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let visible = height(area);
    let lines: Vec<Line<'_>> = KEYS
        .iter()
        .skip(app.help_scroll)
        .take(visible)
        .map(|(keys, what)| {
            if keys.is_empty() {
                Line::from(Span::styled(*what, theme::selected_entry()))
            } else {
                Line::from(vec![
                    Span::styled(format!("  {keys:<key_w$}  "), theme::matched()),
                    Span::raw(*what),
                ])
            }
        })
        .collect();
    let what_w = KEYS
        .iter()
        .map(|(_, w)| w.chars().count())
        .max()
        .unwrap_or(0);
    let width = u16::try_from(key_w + what_w + 6)
        .unwrap_or(u16::MAX)
        .min(area.width);
    let height = (visible as u16 + 2).min(area.height);
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height - height) / 2;
    let popup = Rect::new(x, y, width, height);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(if visible < KEYS.len() {
            " Keys · j/k scroll · any other key closes "
        } else {
            " Keys · any key closes "
        })
        .border_style(theme::focused_border());
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
