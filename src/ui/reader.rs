//! The full-screen reader: the post's header and rendered body, scrolled, with
//! search matches and the focused link highlighted; plus where each visible link
//! marker sits on screen, for terminal hyperlinks (OSC 8).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{layout, text, theme};
use crate::app::{App, Screen, marker_column};
use crate::opener;

/// A link marker on screen that can be made a terminal hyperlink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    /// Screen column of the marker.
    pub x: u16,
    /// Screen row of the marker.
    pub y: u16,
    /// The marker text, e.g. `[3]`.
    pub text: String,
    /// The target (checked by [`opener::check_url`]).
    pub url: String,
    /// The style the marker is drawn in (filled in from the drawn buffer).
    pub style: Style,
}

/// Draws the visible slice of the rendered post (nothing else is built).
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let rendered = app
        .body_width()
        .and_then(|w| app.rendered_body(app.reader.post, w));
    let Some(rendered) = rendered else {
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
                text::patch_ranges(line, &ranges)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The link markers visible in the reader, with their screen positions. Only links
/// shelf would open are listed.
pub fn hyperlinks(app: &App) -> Vec<Hyperlink> {
    if app.screen != Screen::Reader || app.help || layout::too_small(app.size) {
        return Vec::new();
    }
    let area = layout::reader(app.size).body;
    let Some(rendered) = app
        .body_width()
        .and_then(|w| app.rendered_body(app.reader.post, w))
    else {
        return Vec::new();
    };
    let first = app.reader.scroll;
    let last = first + usize::from(area.height);
    rendered
        .links
        .iter()
        .filter(|l| l.line >= first && l.line < last && opener::check_url(&l.url).is_ok())
        .filter_map(|l| {
            let line = rendered.text.lines.get(l.line)?;
            let col = marker_column(line, l.number)?;
            let before: String = crate::app::line_text(line).chars().take(col).collect();
            let x = area.x.checked_add(u16::try_from(before.width()).ok()?)?;
            let y = area.y.checked_add(u16::try_from(l.line - first).ok()?)?;
            Some(Hyperlink {
                x,
                y,
                text: format!("[{}]", l.number),
                url: l.url.clone(),
                style: Style::default(),
            })
        })
        .collect()
}
