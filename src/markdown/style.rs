//! The renderer's look: one place for every style a construct uses.
//!
//! Kept as plain functions (no theme object yet) so the look can move to the config later
//! without touching the writer.

use ratatui::style::{Color, Modifier, Style};

/// Style of a heading's text and its `#` prefix, by level (1..=6).
pub(crate) fn heading(level: u8) -> Style {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    match level {
        1 => bold.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
        2 => bold.fg(Color::Cyan),
        3 => bold.fg(Color::Green),
        4 => bold.fg(Color::Yellow),
        _ => bold,
    }
}

/// `*emphasis*`, `<em>`, `<i>`.
pub(crate) fn emphasis() -> Style {
    Style::new().add_modifier(Modifier::ITALIC)
}

/// `**strong**`, `<strong>`, `<b>`.
pub(crate) fn strong() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// `~~strike~~`, `<s>`, `<del>`.
pub(crate) fn strikethrough() -> Style {
    Style::new().add_modifier(Modifier::CROSSED_OUT)
}

/// `<u>`, `<ins>`.
pub(crate) fn underline() -> Style {
    Style::new().add_modifier(Modifier::UNDERLINED)
}

/// Notes from shelf itself inside a post's text (a post that has no body).
pub(crate) fn note() -> Style {
    Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC)
}

/// `` `inline code` `` and unhighlighted code blocks.
pub(crate) fn code() -> Style {
    Style::new().fg(Color::Yellow)
}

/// The ground of a code block, under its text and filling its width so the block reads
/// as one (a light theme would pick a light grey).
pub(crate) fn code_block() -> Style {
    Style::new().bg(Color::Indexed(236))
}

/// The text of a link.
pub(crate) fn link() -> Style {
    Style::new()
        .fg(Color::Blue)
        .add_modifier(Modifier::UNDERLINED)
}

/// The `[n]` marker after a link, image or media.
pub(crate) fn link_marker() -> Style {
    Style::new().fg(Color::Cyan)
}

/// `[image: alt]` and `[media: …]` placeholders.
pub(crate) fn image() -> Style {
    Style::new().fg(Color::Magenta)
}

/// Footnote references `[^1]` and the note numbers at the end.
pub(crate) fn footnote() -> Style {
    Style::new().fg(Color::Cyan)
}

/// Structure drawn by the renderer: quote bars, rules, table borders, list bullets.
pub(crate) fn chrome() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Template code left over from Liquid or ERB, shown but dimmed.
pub(crate) fn template() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

/// Header cells of tables.
pub(crate) fn table_header() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
