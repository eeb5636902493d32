//! The full-screen reader: the post's header and rendered body, scrolled, with
//! search matches and the focused link highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::{App, viewport};
use crate::markdown::marker_column;
use crate::text::fit;

/// Draws the visible slice of the rendered post (nothing else is built).
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Some(rendered) = viewport::shown_render(app).map(|r| &r.rendered) else {
        frame.render_widget(Paragraph::new(Span::styled("Loading…", theme::dim())), area);
        return;
    };
    let r = &app.reader;
    let focused_link = r.link.and_then(|i| rendered.links.get(i));
    let current = r.current.and_then(|i| r.matches.get(i)).copied();
    let first = r.scroll;
    let lines: Vec<Line<'_>> = rendered
        .text
        .lines
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(area.height))
        .map(|(no, line)| {
            let mut ranges: Vec<(usize, usize, Style)> = r
                .matches
                .iter()
                .filter(|m| m.line == no)
                .map(|m| {
                    let style = if Some(*m) == current {
                        theme::matched().add_modifier(Modifier::REVERSED)
                    } else {
                        theme::matched().add_modifier(Modifier::UNDERLINED)
                    };
                    (m.start, m.len, style)
                })
                .collect();
            if let Some((link, col)) = focused_link
                .filter(|l| l.line == no)
                .and_then(|l| Some((l, marker_column(line, l.number)?)))
            {
                let len = format!("[{}]", link.number).chars().count();
                ranges.push((col, len, theme::cursor()));
            }
            if ranges.is_empty() {
                line.clone()
            } else {
                fit::patch_ranges(line, &ranges)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
