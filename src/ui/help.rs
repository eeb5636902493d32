//! The help overlay: the keys in force ([`keymap`](crate::app::keymap)), grouped by where each key works.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme;
use crate::app::{App, geometry};

/// Draws the overlay centred over the screen.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let help = app.keymap.help();
    let key_w = help
        .iter()
        .map(|l| l.keys.chars().count())
        .max()
        .unwrap_or(0);
    let visible = geometry::help_height(area, help.len());
    let lines: Vec<Line<'_>> = help
        .iter()
        .skip(app.help_scroll)
        .take(visible)
        .map(|line| {
            if line.keys.is_empty() {
                Line::from(Span::styled(line.text.clone(), theme::selected_entry()))
            } else {
                Line::from(vec![
                    Span::styled(format!("  {:<key_w$}  ", line.keys), theme::matched()),
                    Span::raw(line.text.clone()),
                ])
            }
        })
        .collect();
    let text_w = help
        .iter()
        .map(|l| l.text.chars().count())
        .max()
        .unwrap_or(0);
    let width = u16::try_from(key_w + text_w + 6)
        .unwrap_or(u16::MAX)
        .min(area.width);
    let height = (visible as u16 + 2).min(area.height);
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height - height) / 2;
    let popup = Rect::new(x, y, width, height);
    frame.render_widget(Clear, popup);
    let below = help.len().saturating_sub(app.help_scroll + visible);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(if visible < help.len() {
            " Keys · j/k scroll · any other key closes "
        } else {
            " Keys · any key closes "
        })
        .border_style(theme::focused_border());
    // Where the overlay scrolls, its bottom edge says how much more there is.
    let position = match (app.help_scroll > 0, below > 0) {
        (_, true) => Some(format!(" ↓ {below} more ")),
        (true, false) => Some(" ↑ end ".to_string()),
        (false, false) => None,
    };
    if let Some(position) = position {
        block = block.title_bottom(Line::from(position).right_aligned());
    }
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
