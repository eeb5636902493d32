//! Styled ratatui lines → ANSI escape sequences, for `shelf show` on a terminal.
//! The text itself has been sanitised already; only shelf's own styles become escapes.

use std::fmt::Write as _;

use crossterm::style::{Attribute, Color as CColor, ContentStyle, StyledContent};
use ratatui::style::{Color, Modifier};
use ratatui::text::Line;

fn color(c: Color) -> Option<CColor> {
    Some(match c {
        Color::Reset => return None,
        Color::Black => CColor::Black,
        Color::Red => CColor::DarkRed,
        Color::Green => CColor::DarkGreen,
        Color::Yellow => CColor::DarkYellow,
        Color::Blue => CColor::DarkBlue,
        Color::Magenta => CColor::DarkMagenta,
        Color::Cyan => CColor::DarkCyan,
        Color::Gray => CColor::Grey,
        Color::DarkGray => CColor::DarkGrey,
        Color::LightRed => CColor::Red,
        Color::LightGreen => CColor::Green,
        Color::LightYellow => CColor::Yellow,
        Color::LightBlue => CColor::Blue,
        Color::LightMagenta => CColor::Magenta,
        Color::LightCyan => CColor::Cyan,
        Color::White => CColor::White,
        Color::Rgb(r, g, b) => CColor::Rgb { r, g, b },
        Color::Indexed(i) => CColor::AnsiValue(i),
    })
}

/// One line with its spans' styles as ANSI sequences, reset at the end.
pub fn line(line: &Line<'_>) -> String {
    let mut out = String::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        let mut content = ContentStyle::new();
        content.foreground_color = style.fg.and_then(color);
        content.background_color = style.bg.and_then(color);
        let m = style.add_modifier - style.sub_modifier;
        for (modifier, attribute) in [
            (Modifier::BOLD, Attribute::Bold),
            (Modifier::DIM, Attribute::Dim),
            (Modifier::ITALIC, Attribute::Italic),
            (Modifier::UNDERLINED, Attribute::Underlined),
            (Modifier::REVERSED, Attribute::Reverse),
            (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        ] {
            if m.contains(modifier) {
                content.attributes.set(attribute);
            }
        }
        let _ = write!(
            out,
            "{}",
            StyledContent::new(content, span.content.as_ref())
        );
    }
    out.trim_end().to_string()
}
