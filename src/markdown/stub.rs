//! Temporary stand-in for the renderer while it is being written (lead's scaffolding).
use ratatui::text::{Line, Text};

use super::Rendered;

/// Renders (stub): plain lines, hard-wrapped.
pub fn render(body: &str, width: u16) -> Rendered {
    let w = usize::from(width.max(1));
    let mut lines = Vec::new();
    for l in body.lines() {
        let chars: Vec<char> = crate::sanitize::line(l).chars().collect();
        if chars.is_empty() {
            lines.push(Line::from(""));
        }
        for chunk in chars.chunks(w) {
            lines.push(Line::from(chunk.iter().collect::<String>()));
        }
    }
    Rendered {
        text: Text::from(lines),
        links: vec![],
    }
}

/// Plain lines (stub).
pub fn plain_lines(text: &Text<'_>) -> Vec<String> {
    text.lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}
