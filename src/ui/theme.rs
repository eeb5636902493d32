//! Shelf's styles in one place, and the themes that colour them.
//!
//! Everything is drawn in the dark theme's named colours; [`finish`] then maps the
//! drawn buffer to the theme in use: the light theme's darker colours, and for any
//! colour a theme cannot know in advance (syntax highlighting) the nearest one that
//! stays readable on the cell's background. Under `NO_COLOR` it removes every colour
//! and keeps every attribute, so the cursor and focus, which never depend on colour
//! alone (a marker, a heavier border, reverse video), stay visible.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};

use crate::config::Theme;

/// Marks the row under the cursor, in the list and the facet panes.
pub const CURSOR_MARKER: &str = "▌";

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

/// A bookmark's mark in the list.
pub fn bookmark() -> Style {
    Style::new().fg(Color::Yellow)
}

/// An unread post's mark in the list.
pub fn unread() -> Style {
    Style::new().fg(Color::Cyan)
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

/// Key hints in the status bar.
pub fn status_hint() -> Style {
    Style::new().bg(Color::Indexed(236)).fg(Color::Gray)
}

/// A message in the status bar.
pub fn status_message() -> Style {
    Style::new()
        .bg(Color::Indexed(236))
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD)
}

/// A pane's bordered block. The pane with the keyboard has a heavy border as well as
/// a coloured one, so focus shows without colour too.
pub fn pane<'a>(title: impl Into<ratatui::text::Line<'a>>, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused { focused_border() } else { border() })
}

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// The background a theme assumes where the terminal's own shows.
pub fn background(theme: Theme) -> Rgb {
    match theme {
        Theme::Dark => (0, 0, 0),
        Theme::Light => (255, 255, 255),
    }
}

/// The text colour a theme assumes where the terminal's own shows.
pub fn foreground(theme: Theme) -> Rgb {
    match theme {
        Theme::Dark => (229, 229, 229),
        Theme::Light => (0, 0, 0),
    }
}

/// The dark theme's stand-in for a named colour too dark to read on black (xterm's
/// blue).
fn dark(color: Color) -> Color {
    match color {
        Color::Blue => Color::Indexed(75),
        Color::Magenta => Color::LightMagenta,
        other => other,
    }
}

/// The light theme's stand-in for a colour drawn for the dark theme.
fn light(color: Color, is_background: bool) -> Color {
    match color {
        Color::Yellow => Color::Indexed(130),
        Color::LightYellow => Color::Indexed(94),
        Color::Cyan | Color::LightCyan => Color::Indexed(24),
        Color::Green | Color::LightGreen => Color::Indexed(28),
        Color::Magenta | Color::LightMagenta => Color::Indexed(90),
        Color::Red | Color::LightRed => Color::Indexed(124),
        Color::Blue | Color::LightBlue => Color::Indexed(25),
        Color::DarkGray => Color::Indexed(242),
        Color::Gray => Color::Indexed(238),
        Color::White if !is_background => Color::Indexed(235),
        Color::Black if is_background => Color::Indexed(255),
        // The status bar (and code blocks): a light grey that dark text reads on.
        Color::Indexed(235..=237) => Color::Indexed(255),
        // The rest of the grey ramp turned around: dark becomes light.
        Color::Indexed(n @ 232..=255) => Color::Indexed(232 + (255 - n)),
        other => other,
    }
}

/// The sRGB value a colour shows as (xterm's palette for the named and indexed ones;
/// `Reset` is the theme's own).
pub fn rgb(color: Color, theme: Theme, is_background: bool) -> Rgb {
    const NAMED: [Rgb; 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    let named = |i: usize| NAMED.get(i).copied().unwrap_or_default();
    match color {
        Color::Reset if is_background => background(theme),
        Color::Reset => foreground(theme),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(n @ 0..=15) => named(usize::from(n)),
        Color::Indexed(n @ 16..=231) => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let n = n - 16;
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        Color::Indexed(n) => {
            let v = 8 + 10 * (n - 232);
            (v, v, v)
        }
    }
}

/// WCAG relative luminance.
fn luminance((r, g, b): Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio between two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The contrast text must have with its background to read comfortably (WCAG AA).
pub const READABLE: f64 = 4.5;

/// `fg` moved toward black or white, whichever `bg` is farther from, until it reads
/// on `bg`.
fn readable(fg: Rgb, bg: Rgb) -> Rgb {
    if contrast(fg, bg) >= READABLE {
        return fg;
    }
    let target: f64 = if luminance(bg) > 0.18 { 0.0 } else { 255.0 };
    let mix = |c: u8, t: f64| (f64::from(c) + (t - f64::from(c)) * 0.1).round() as u8;
    let mut colour = fg;
    for _ in 0..40 {
        colour = (
            mix(colour.0, target),
            mix(colour.1, target),
            mix(colour.2, target),
        );
        if contrast(colour, bg) >= READABLE {
            break;
        }
    }
    colour
}

/// Turns a buffer drawn in the dark theme's colours into `theme`'s, or strips every
/// colour when `colour` is false (attributes stay).
pub fn finish(buffer: &mut Buffer, theme: Theme, colour: bool) {
    for cell in &mut buffer.content {
        if !colour {
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
            continue;
        }
        match theme {
            Theme::Light => {
                cell.fg = light(cell.fg, false);
                cell.bg = light(cell.bg, true);
            }
            Theme::Dark => cell.fg = dark(cell.fg),
        }
        // Colours from outside the palette (syntax highlighting) are kept readable.
        if let Color::Rgb(..) = cell.fg {
            let bg = rgb(cell.bg, theme, true);
            let (r, g, b) = readable(rgb(cell.fg, theme, false), bg);
            cell.fg = Color::Rgb(r, g, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
        assert!((contrast((118, 118, 118), (255, 255, 255)) - 4.54).abs() < 0.02);
    }

    #[test]
    fn the_palette_follows_xterm() {
        assert_eq!(rgb(Color::Indexed(236), Theme::Dark, true), (48, 48, 48));
        assert_eq!(rgb(Color::Indexed(130), Theme::Dark, false), (175, 95, 0));
        assert_eq!(rgb(Color::Indexed(16), Theme::Dark, false), (0, 0, 0));
        assert_eq!(rgb(Color::Reset, Theme::Light, true), (255, 255, 255));
    }

    #[test]
    fn pale_syntax_colours_are_darkened_on_a_light_background() {
        let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 2, 1));
        if let Some(cell) = buffer.content.first_mut() {
            cell.set_fg(Color::Rgb(192, 197, 206));
        }
        finish(&mut buffer, Theme::Light, true);
        let fg = buffer.content.first().map(|c| c.fg);
        let Some(Color::Rgb(r, g, b)) = fg else {
            panic!("{fg:?}");
        };
        assert!(contrast((r, g, b), (255, 255, 255)) >= READABLE);
    }

    #[test]
    fn no_colour_keeps_the_attributes() {
        let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 1, 1));
        buffer.set_style(buffer.area, cursor().patch(focused_border()));
        finish(&mut buffer, Theme::Dark, false);
        let cell = buffer.content.first().cloned().unwrap_or_default();
        assert_eq!(cell.fg, Color::Reset);
        assert!(cell.modifier.contains(Modifier::REVERSED));
    }
}
