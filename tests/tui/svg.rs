//! A ratatui `Buffer` drawn as an SVG picture: what a dark terminal would show, with each
//! cell's colours and attributes, for the screenshots in `screenshots/`.
//!
//! One `<rect>` per run of cells on a row with the same background (the default background
//! is the canvas and gets none), one `<text>` per run with the same foreground and
//! attributes, so a 120x40 screen stays a few tens of kilobytes. Every number is an
//! integer and nothing depends on the clock, so the same buffer always gives the same bytes.

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Width of one terminal column, in SVG pixels.
pub const CELL_WIDTH: u32 = 9;
/// Height of one terminal row, in SVG pixels.
pub const CELL_HEIGHT: u32 = 17;
/// The font size, chosen so a monospace face's advance (about 0.6 em) fills a column.
const FONT_SIZE: u32 = 15;
/// From the top of a row to the text's baseline: with 17-pixel rows and a 15-pixel font,
/// the box-drawing glyphs of a common monospace face (1.16 em tall) overlap the next row a
/// little, so vertical lines show no gaps.
const BASELINE: u32 = 14;
/// The empty margin around the screen.
const PADDING: u32 = 12;
/// Monospace faces in the order a viewer is likely to have them.
const FONT_FAMILY: &str = "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', \
                           'Liberation Mono', monospace";

/// `Color::Reset` as a background: a dark terminal's.
pub const DEFAULT_BACKGROUND: Rgb = Rgb(0x1e, 0x1e, 0x1e);
/// `Color::Reset` as a foreground: a dark terminal's light grey.
pub const DEFAULT_FOREGROUND: Rgb = Rgb(0xcc, 0xcc, 0xcc);

/// The 16 ANSI colours, as a common dark terminal theme (VS Code's) shows them: black, red,
/// green, yellow, blue, magenta, cyan, white, then the bright eight.
const ANSI_COLOURS: [Rgb; 16] = [
    Rgb(0x00, 0x00, 0x00),
    Rgb(0xcd, 0x31, 0x31),
    Rgb(0x0d, 0xbc, 0x79),
    Rgb(0xe5, 0xe5, 0x10),
    Rgb(0x24, 0x72, 0xc8),
    Rgb(0xbc, 0x3f, 0xbc),
    Rgb(0x11, 0xa8, 0xcd),
    Rgb(0xe5, 0xe5, 0xe5),
    Rgb(0x66, 0x66, 0x66),
    Rgb(0xf1, 0x4c, 0x4c),
    Rgb(0x23, 0xd1, 0x8b),
    Rgb(0xf5, 0xf5, 0x43),
    Rgb(0x3b, 0x8e, 0xea),
    Rgb(0xd6, 0x70, 0xd6),
    Rgb(0x29, 0xb8, 0xdb),
    Rgb(0xff, 0xff, 0xff),
];

/// A colour as SVG writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colour a terminal shows for `color`, `default` standing in for `Color::Reset`.
pub fn rgb(color: Color, default: Rgb) -> Rgb {
    match color {
        Color::Reset => default,
        Color::Black => ANSI_COLOURS[0],
        Color::Red => ANSI_COLOURS[1],
        Color::Green => ANSI_COLOURS[2],
        Color::Yellow => ANSI_COLOURS[3],
        Color::Blue => ANSI_COLOURS[4],
        Color::Magenta => ANSI_COLOURS[5],
        Color::Cyan => ANSI_COLOURS[6],
        Color::Gray => ANSI_COLOURS[7],
        Color::DarkGray => ANSI_COLOURS[8],
        Color::LightRed => ANSI_COLOURS[9],
        Color::LightGreen => ANSI_COLOURS[10],
        Color::LightYellow => ANSI_COLOURS[11],
        Color::LightBlue => ANSI_COLOURS[12],
        Color::LightMagenta => ANSI_COLOURS[13],
        Color::LightCyan => ANSI_COLOURS[14],
        Color::White => ANSI_COLOURS[15],
        Color::Rgb(r, g, b) => Rgb(r, g, b),
        Color::Indexed(n) => indexed(n),
    }
}

/// The xterm 256-colour palette: the 16 ANSI colours, a 6x6x6 cube, 24 greys.
fn indexed(n: u8) -> Rgb {
    match n {
        0..=15 => ANSI_COLOURS[usize::from(n)],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let i = n - 16;
            Rgb(level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        232..=255 => {
            let v = 8 + 10 * (n - 232);
            Rgb(v, v, v)
        }
    }
}

/// How a cell's text is drawn; cells with equal looks share one `<text>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TextLook {
    fill: Rgb,
    bold: bool,
    italic: bool,
    dim: bool,
    underlined: bool,
    crossed_out: bool,
    hidden: bool,
}

impl TextLook {
    /// CSS classes for the attributes (defined once in the SVG's `<style>`).
    fn classes(&self) -> String {
        let flags = [
            (self.bold, "b"),
            (self.italic, "i"),
            (self.dim, "d"),
            (self.underlined && self.crossed_out, "us"),
            (self.underlined && !self.crossed_out, "u"),
            (self.crossed_out && !self.underlined, "s"),
        ];
        let names: Vec<&str> = flags.iter().filter(|f| f.0).map(|f| f.1).collect();
        names.join(" ")
    }

    /// Whether spaces in this look draw something (a line through or under them).
    fn draws_spaces(&self) -> bool {
        self.underlined || self.crossed_out
    }
}

/// A cell's background and text as a terminal shows them, reverse video applied.
fn looks(cell: &Cell, canvas: Canvas) -> (Rgb, TextLook) {
    let mut fg = rgb(cell.fg, canvas.foreground);
    let mut bg = rgb(cell.bg, canvas.background);
    if cell.modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    let m = cell.modifier;
    let text = TextLook {
        fill: fg,
        bold: m.contains(Modifier::BOLD),
        italic: m.contains(Modifier::ITALIC),
        dim: m.contains(Modifier::DIM),
        underlined: m.contains(Modifier::UNDERLINED),
        crossed_out: m.contains(Modifier::CROSSED_OUT),
        hidden: m.contains(Modifier::HIDDEN),
    };
    (bg, text)
}

/// One drawn cell: where it starts, how many columns it covers, what it shows.
struct Glyph<'a> {
    column: u32,
    width: u32,
    symbol: &'a str,
    background: Rgb,
    text: TextLook,
}

/// The cells of row `y` as drawn: a wide character covers the cells after it, which are
/// skipped (ratatui leaves them blank), as ratatui does when it writes to a terminal.
fn row_glyphs(buffer: &Buffer, y: u16, canvas: Canvas) -> Vec<Glyph<'_>> {
    let area = buffer.area;
    let mut glyphs = Vec::new();
    let mut covered = 0;
    for x in area.left()..area.right() {
        let cell = &buffer[(x, y)];
        let width = u32::try_from(cell.symbol().width()).unwrap_or(1);
        if covered > 0 {
            covered -= 1;
            continue;
        }
        let columns_left = u32::from(area.right() - x);
        let width = width.clamp(1, columns_left);
        covered = width - 1;
        let (background, text) = looks(cell, canvas);
        glyphs.push(Glyph {
            column: u32::from(x - area.left()),
            width,
            symbol: cell.symbol(),
            background,
            text,
        });
    }
    glyphs
}

/// `text` with the characters XML gives meaning to escaped, and control characters (which
/// XML 1.0 does not allow) shown as U+FFFD.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The terminal a picture is drawn on: what `Color::Reset` shows as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Canvas {
    pub background: Rgb,
    pub foreground: Rgb,
}

impl Canvas {
    /// A dark terminal.
    pub const DARK: Canvas = Canvas {
        background: DEFAULT_BACKGROUND,
        foreground: DEFAULT_FOREGROUND,
    };
    /// A light terminal: white, with near-black text.
    pub const LIGHT: Canvas = Canvas {
        background: Rgb(0xff, 0xff, 0xff),
        foreground: Rgb(0x1c, 0x1c, 0x1c),
    };
}

/// The buffer as a standalone SVG document, on a dark terminal.
pub fn buffer_to_svg(buffer: &Buffer) -> String {
    buffer_to_svg_on(buffer, Canvas::DARK)
}

/// The buffer as a standalone SVG document, on `canvas`.
pub fn buffer_to_svg_on(buffer: &Buffer, canvas: Canvas) -> String {
    let width = u32::from(buffer.area.width) * CELL_WIDTH + 2 * PADDING;
    let height = u32::from(buffer.area.height) * CELL_HEIGHT + 2 * PADDING;
    let mut backgrounds = String::new();
    let mut texts = String::new();
    for (row, y) in (buffer.area.top()..buffer.area.bottom()).enumerate() {
        let top = PADDING + u32::try_from(row).unwrap_or(0) * CELL_HEIGHT;
        let glyphs = row_glyphs(buffer, y, canvas);
        write_backgrounds(&mut backgrounds, &glyphs, top, canvas.background);
        write_texts(&mut texts, &glyphs, top + BASELINE);
    }
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}\" \
         font-size=\"{FONT_SIZE}\" xml:space=\"preserve\">"
    );
    svg.push_str(
        "<style>.b{font-weight:bold}.i{font-style:italic}.d{opacity:0.5}\
         .u{text-decoration:underline}.s{text-decoration:line-through}\
         .us{text-decoration:underline line-through}</style>\n",
    );
    let _ = writeln!(
        svg,
        "<rect width=\"{width}\" height=\"{height}\" rx=\"6\" fill=\"{}\"/>",
        canvas.background
    );
    let _ = writeln!(svg, "<g shape-rendering=\"crispEdges\">\n{backgrounds}</g>");
    let _ = writeln!(svg, "<g>\n{texts}</g>");
    svg.push_str("</svg>\n");
    svg
}

/// One `<rect>` per run of glyphs with the same background other than the canvas's.
fn write_backgrounds(out: &mut String, glyphs: &[Glyph<'_>], top: u32, canvas: Rgb) {
    for run in glyphs.chunk_by(|a, b| a.background == b.background) {
        let fill = run[0].background;
        if fill == canvas {
            continue;
        }
        let x = PADDING + run[0].column * CELL_WIDTH;
        let w: u32 = run.iter().map(|g| g.width).sum::<u32>() * CELL_WIDTH;
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{top}\" width=\"{w}\" height=\"{CELL_HEIGHT}\" fill=\"{fill}\"/>"
        );
    }
}

/// One `<text>` per run of glyphs with the same look, without the blank cells at its ends
/// (unless the look draws lines under or through them). `textLength` holds each run to its
/// columns whatever the viewer's font.
fn write_texts(out: &mut String, glyphs: &[Glyph<'_>], baseline: u32) {
    let blank = |g: &Glyph<'_>| g.symbol.trim().is_empty();
    for run in glyphs.chunk_by(|a, b| a.text == b.text) {
        let look = run[0].text;
        if look.hidden {
            continue;
        }
        let run = if look.draws_spaces() {
            run
        } else {
            let Some(first) = run.iter().position(|g| !blank(g)) else {
                continue;
            };
            let last = run.iter().rposition(|g| !blank(g)).unwrap_or(first);
            &run[first..=last]
        };
        let x = PADDING + run[0].column * CELL_WIDTH;
        let length: u32 = run.iter().map(|g| g.width).sum::<u32>() * CELL_WIDTH;
        let text: String = run
            .iter()
            .map(|g| if g.symbol.is_empty() { " " } else { g.symbol })
            .collect();
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{baseline}\" textLength=\"{length}\" fill=\"{}\"",
            look.fill
        );
        let classes = look.classes();
        if !classes.is_empty() {
            let _ = write!(out, " class=\"{classes}\"");
        }
        let _ = writeln!(out, ">{}</text>", xml_escape(&text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn buffer(width: u16, height: u16) -> Buffer {
        Buffer::empty(Rect::new(0, 0, width, height))
    }

    fn texts(svg: &str) -> Vec<&str> {
        svg.lines().filter(|l| l.starts_with("<text")).collect()
    }

    fn rects(svg: &str) -> Vec<&str> {
        svg.lines().filter(|l| l.starts_with("<rect x=")).collect()
    }

    #[test]
    fn markup_characters_in_text_are_escaped() {
        let mut b = buffer(20, 1);
        b.set_string(0, 0, "<a href=\"x\">&'</a>", Style::default());
        let svg = buffer_to_svg(&b);
        assert_eq!(
            texts(&svg),
            [
                "<text x=\"12\" y=\"26\" textLength=\"162\" fill=\"#cccccc\">\
                 &lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;</text>"
            ]
        );
        assert_eq!(xml_escape("\u{1b}[0m"), "\u{fffd}[0m");
    }

    #[test]
    fn a_run_of_same_styled_cells_is_one_text_and_one_rect() {
        let mut b = buffer(10, 1);
        let style = Style::default().fg(Color::Yellow).bg(Color::Indexed(236));
        b.set_string(2, 0, "ab cd", style);
        b.set_string(7, 0, "ef", Style::default().fg(Color::Yellow));
        let svg = buffer_to_svg(&b);
        // The space inside the run stays in it; the next two cells differ only in
        // background, so they share the text but not the rect.
        assert_eq!(
            texts(&svg),
            ["<text x=\"30\" y=\"26\" textLength=\"63\" fill=\"#e5e510\">ab cdef</text>"]
        );
        assert_eq!(
            rects(&svg),
            ["<rect x=\"30\" y=\"12\" width=\"45\" height=\"17\" fill=\"#303030\"/>"]
        );
    }

    #[test]
    fn a_reversed_cell_swaps_its_colours_and_reset_becomes_the_dark_theme() {
        let mut b = buffer(3, 1);
        b.set_string(0, 0, "x", Style::default().add_modifier(Modifier::REVERSED));
        b.set_string(
            1,
            0,
            "y",
            Style::default()
                .fg(Color::Rgb(1, 2, 3))
                .bg(Color::Green)
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
        );
        let svg = buffer_to_svg(&b);
        assert_eq!(
            texts(&svg),
            [
                "<text x=\"12\" y=\"26\" textLength=\"9\" fill=\"#1e1e1e\">x</text>",
                "<text x=\"21\" y=\"26\" textLength=\"9\" fill=\"#0dbc79\" class=\"b u\">y</text>",
            ]
        );
        assert_eq!(
            rects(&svg),
            [
                "<rect x=\"12\" y=\"12\" width=\"9\" height=\"17\" fill=\"#cccccc\"/>",
                "<rect x=\"21\" y=\"12\" width=\"9\" height=\"17\" fill=\"#010203\"/>",
            ]
        );
    }

    #[test]
    fn a_wide_character_takes_two_columns_and_its_hidden_cell_is_skipped() {
        let mut b = buffer(6, 1);
        b.set_string(0, 0, "a漢b", Style::default().bg(Color::Blue));
        let svg = buffer_to_svg(&b);
        assert_eq!(
            texts(&svg),
            ["<text x=\"12\" y=\"26\" textLength=\"36\" fill=\"#cccccc\">a漢b</text>"]
        );
        assert_eq!(
            rects(&svg),
            ["<rect x=\"12\" y=\"12\" width=\"36\" height=\"17\" fill=\"#2472c8\"/>"]
        );
    }

    #[test]
    fn blank_cells_draw_no_text_unless_underlined() {
        let mut b = buffer(8, 2);
        b.set_string(
            0,
            1,
            "  ",
            Style::default().add_modifier(Modifier::UNDERLINED),
        );
        let svg = buffer_to_svg(&b);
        assert_eq!(
            texts(&svg),
            ["<text x=\"12\" y=\"43\" textLength=\"18\" fill=\"#cccccc\" class=\"u\">  </text>"]
        );
        assert!(rects(&svg).is_empty());
    }

    #[test]
    fn the_xterm_palette_maps_cube_and_grey_indices() {
        assert_eq!(indexed(1), rgb(Color::Red, DEFAULT_FOREGROUND));
        assert_eq!(indexed(16), Rgb(0, 0, 0));
        assert_eq!(indexed(196), Rgb(255, 0, 0));
        assert_eq!(indexed(110), Rgb(0x87, 0xaf, 0xd7));
        assert_eq!(indexed(236), Rgb(0x30, 0x30, 0x30));
        assert_eq!(indexed(255), Rgb(0xee, 0xee, 0xee));
    }

    #[test]
    fn the_picture_is_the_screen_size_plus_margins() {
        let svg = buffer_to_svg(&buffer(120, 40));
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1104\" height=\"704\""
        ));
        assert!(svg.ends_with("</svg>\n"));
    }
}
