//! Word wrapping of styled inline fragments by display width.
//!
//! Break opportunities are whitespace (collapsed to one space, dropped at line ends) and
//! the boundaries around wide (CJK, emoji) characters. A word wider than the line is
//! hard-broken at grapheme boundaries, so nothing is ever cut off. Link markers travel with
//! the grapheme they are attached to, so the caller learns on which line each `[n]` landed.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One piece of inline content waiting to be wrapped.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Frag {
    /// The text, already sanitised.
    pub text: String,
    /// Its style.
    pub style: Style,
    /// What the piece is.
    pub kind: FragKind,
}

/// The kinds of inline piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FragKind {
    /// Ordinary text.
    Text,
    /// The `[n]` marker of the link with this index in the link list.
    Marker(usize),
    /// A forced line break.
    Break,
}

impl Frag {
    pub(crate) fn text(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
            kind: FragKind::Text,
        }
    }

    pub(crate) fn line_break() -> Self {
        Self {
            text: String::new(),
            style: Style::new(),
            kind: FragKind::Break,
        }
    }
}

/// A wrapped line: its spans, its display width and the links whose markers it carries.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct WrappedLine {
    pub spans: Vec<Span<'static>>,
    pub width: usize,
    pub markers: Vec<usize>,
}

impl WrappedLine {
    /// Appends text of a known width in a style.
    pub(crate) fn push_str(&mut self, text: &str, style: Style, width: usize) {
        self.push(text, style, width, None);
    }

    fn push(&mut self, text: &str, style: Style, width: usize, marker: Option<usize>) {
        if let Some(last) = self.spans.last_mut()
            && last.style == style
        {
            last.content.to_mut().push_str(text);
        } else {
            self.spans.push(Span::styled(text.to_owned(), style));
        }
        self.width += width;
        if let Some(m) = marker
            && !self.markers.contains(&m)
        {
            self.markers.push(m);
        }
    }
}

/// A piece of a word: one grapheme run in one style.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    style: Style,
    width: usize,
    marker: Option<usize>,
}

/// An unbreakable run of pieces, with whether whitespace (and its style) precedes it.
#[derive(Debug, Clone, Default)]
struct Word {
    pieces: Vec<Piece>,
    width: usize,
    space_before: Option<Style>,
    break_before: bool,
}

impl Word {
    fn push(&mut self, g: &str, style: Style, width: usize, marker: Option<usize>) {
        self.width += width;
        if let Some(last) = self.pieces.last_mut()
            && last.style == style
            && last.marker == marker
        {
            last.text.push_str(g);
            last.width += width;
            return;
        }
        self.pieces.push(Piece {
            text: g.to_owned(),
            style,
            width,
            marker,
        });
    }
}

/// Whitespace that may break a line (a no-break space does not).
fn is_breaking_space(g: &str) -> bool {
    g.chars()
        .all(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

/// Splits fragments into words. Returns the words in order.
fn words(frags: &[Frag]) -> Vec<Word> {
    let mut out = Vec::new();
    let mut word = Word::default();
    let mut pending_space: Option<Style> = None;
    let mut pending_break = false;
    let finish = |word: &mut Word, out: &mut Vec<Word>| {
        if !word.pieces.is_empty() {
            out.push(std::mem::take(word));
        }
    };
    for frag in frags {
        let marker = match frag.kind {
            FragKind::Break => {
                finish(&mut word, &mut out);
                // A break is carried by the next word; consecutive breaks make empty lines.
                if pending_break {
                    out.push(Word {
                        break_before: true,
                        ..Word::default()
                    });
                }
                pending_break = true;
                pending_space = None;
                continue;
            }
            FragKind::Marker(m) => Some(m),
            FragKind::Text => None,
        };
        for g in frag.text.graphemes(true) {
            if is_breaking_space(g) {
                finish(&mut word, &mut out);
                pending_space.get_or_insert(frag.style);
                continue;
            }
            let width = g.width();
            if width >= 2 {
                // Wide characters (CJK, emoji) may break on either side.
                finish(&mut word, &mut out);
            }
            if word.pieces.is_empty() {
                word.space_before = pending_space.take();
                word.break_before = std::mem::take(&mut pending_break);
            }
            word.push(g, frag.style, width, marker);
            if width >= 2 {
                finish(&mut word, &mut out);
            }
        }
    }
    finish(&mut word, &mut out);
    if pending_break {
        out.push(Word {
            break_before: true,
            ..Word::default()
        });
    }
    out
}

/// Wraps `frags` into lines at most `width` columns wide (`width` is raised to 1).
pub(crate) fn wrap(frags: &[Frag], width: usize) -> Vec<WrappedLine> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut cur = WrappedLine::default();
    let mut cur_started = false;
    for word in words(frags) {
        if word.break_before && (cur_started || !lines.is_empty() || cur.width > 0) {
            lines.push(std::mem::take(&mut cur));
            cur_started = true;
        }
        if word.pieces.is_empty() {
            continue;
        }
        cur_started = true;
        let space = usize::from(word.space_before.is_some() && cur.width > 0);
        if cur.width + space + word.width <= width {
            if space == 1 {
                cur.push(" ", word.space_before.unwrap_or_default(), 1, None);
            }
            for p in &word.pieces {
                cur.push(&p.text, p.style, p.width, p.marker);
            }
            continue;
        }
        if cur.width > 0 {
            lines.push(std::mem::take(&mut cur));
        }
        if word.width <= width {
            for p in &word.pieces {
                cur.push(&p.text, p.style, p.width, p.marker);
            }
            continue;
        }
        // Hard-break a word wider than the line.
        for p in &word.pieces {
            for g in p.text.graphemes(true) {
                let gw = g.width();
                if cur.width + gw > width && cur.width > 0 {
                    lines.push(std::mem::take(&mut cur));
                }
                cur.push(g, p.style, gw, p.marker);
            }
        }
    }
    if cur.width > 0 || !cur.spans.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Wraps plain text in one style at `width` columns: the wrapper for headers, link
/// lists and messages, so every wrapped line in shelf breaks the same way.
pub fn plain(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let lines: Vec<Line<'static>> = wrap(&[Frag::text(text, style)], width)
        .into_iter()
        .map(|l| Line::from(l.spans))
        .collect();
    if lines.is_empty() {
        vec![Line::default()]
    } else {
        lines
    }
}

/// The widest line when nothing wraps, and the widest single word.
pub(crate) fn measure(frags: &[Frag]) -> (usize, usize) {
    let mut widest_line = 0;
    let mut widest_word = 0;
    let mut line = 0;
    for word in words(frags) {
        if word.break_before {
            line = 0;
        }
        if word.pieces.is_empty() {
            continue;
        }
        let space = usize::from(word.space_before.is_some() && line > 0);
        line += space + word.width;
        widest_line = widest_line.max(line);
        widest_word = widest_word.max(word.width);
    }
    (widest_line, widest_word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn plain(lines: &[WrappedLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn t(s: &str) -> Frag {
        Frag::text(s, Style::new())
    }

    #[test]
    fn wraps_at_spaces_and_collapses_them() {
        let lines = wrap(&[t("  the quick   brown fox jumps ")], 10);
        assert_eq!(plain(&lines), ["the quick", "brown fox", "jumps"]);
        assert!(lines.iter().all(|l| l.width <= 10));
    }

    #[test]
    fn long_words_are_hard_broken() {
        let lines = wrap(&[t("abcdefghijkl xy")], 5);
        assert_eq!(plain(&lines), ["abcde", "fghij", "kl xy"]);
    }

    #[test]
    fn cjk_breaks_between_characters_and_counts_two_columns() {
        let lines = wrap(&[t("日本語のテキスト")], 7);
        assert_eq!(plain(&lines), ["日本語", "のテキ", "スト"]);
    }

    #[test]
    fn marker_stays_glued_to_its_word_and_is_reported() {
        let frags = [
            t("aaaa bbbb"),
            Frag {
                text: "[1]".into(),
                style: Style::new(),
                kind: FragKind::Marker(0),
            },
        ];
        let lines = wrap(&frags, 8);
        assert_eq!(plain(&lines), ["aaaa", "bbbb[1]"]);
        assert_eq!(lines[1].markers, [0]);
    }

    #[test]
    fn breaks_force_lines_and_double_breaks_leave_an_empty_one() {
        let frags = [
            t("a"),
            Frag::line_break(),
            t("b"),
            Frag::line_break(),
            Frag::line_break(),
            t("c"),
        ];
        assert_eq!(plain(&wrap(&frags, 10)), ["a", "b", "", "c"]);
    }

    #[test]
    fn no_break_space_holds_words_together() {
        assert_eq!(plain(&wrap(&[t("ab\u{a0}cd ef")], 6)), ["ab\u{a0}cd", "ef"]);
    }

    #[test]
    fn measure_reports_line_and_word() {
        assert_eq!(measure(&[t("ab cdef"), Frag::line_break(), t("x")]), (7, 4));
    }
}
