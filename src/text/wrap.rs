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
    wrap_hanging(frags, width, width)
}

/// Wraps `frags` into a first line of at most `first` columns and further lines of at
/// most `rest` (both raised to 1), for a hanging indent the caller draws.
pub(crate) fn wrap_hanging(frags: &[Frag], first: usize, rest: usize) -> Vec<WrappedLine> {
    let (first, rest) = (first.max(1), rest.max(1));
    let mut lines: Vec<WrappedLine> = Vec::new();
    let limit = |done: usize| if done == 0 { first } else { rest };
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
        let width = limit(lines.len());
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
        if word.width <= rest {
            // It fits on a line of its own.
            if cur.width > 0 {
                lines.push(std::mem::take(&mut cur));
            }
            for p in &word.pieces {
                cur.push(&p.text, p.style, p.width, p.marker);
            }
            continue;
        }
        // Wider than any line, so it is broken anyway: it starts on this line when a
        // fair part of it fits there.
        let room = width.saturating_sub(cur.width + space);
        if cur.width > 0 && room >= (width / 3).max(MIN_START) {
            if space == 1 {
                cur.push(" ", word.space_before.unwrap_or_default(), 1, None);
            }
        } else if cur.width > 0 {
            lines.push(std::mem::take(&mut cur));
        }
        break_word(&word, &mut cur, &mut lines, limit);
    }
    if cur.width > 0 || !cur.spans.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The fewest columns a word wider than any line starts with at the end of a line.
const MIN_START: usize = 8;

/// How well a word wider than the line breaks after a grapheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Joint {
    /// Not at all (inside a name).
    None,
    /// Between the words of a name: `-`, `_`, `~`, `+`, `|`.
    Weak,
    /// Between the parts of a URL or path: `/`, `?`, `&`, `=`, `#`, `\`.
    Strong,
}

/// Not `.`: `example.` then `com` reads badly.
fn joint(g: &str) -> Joint {
    match g {
        "/" | "?" | "&" | "=" | "#" | "\\" => Joint::Strong,
        "-" | "_" | "~" | "+" | "|" => Joint::Weak,
        _ => Joint::None,
    }
}

/// Breaks `word` (wider than a line) across lines, continuing `cur`: each line ends
/// after the last URL joint (`/`, `?`, `&`, …) that fits, or failing one the last
/// word joint (`-`, `_`, …), when that fills at least half the line (`https://` stays
/// whole: a line never ends inside a run of joints); else after the last grapheme that
/// fits. Linear in the word: each line looks back at most `room` graphemes.
fn break_word(
    word: &Word,
    cur: &mut WrappedLine,
    lines: &mut Vec<WrappedLine>,
    limit: impl Fn(usize) -> usize,
) {
    let graphemes: Vec<(&str, &Piece, usize)> = word
        .pieces
        .iter()
        .flat_map(|p| p.text.graphemes(true).map(move |g| (g, p, g.width())))
        .collect();
    let joint_at = |k: usize| match graphemes.get(k) {
        Some((g, p, _)) if p.marker.is_none() => joint(g),
        _ => Joint::None,
    };
    let mut start = 0;
    while start < graphemes.len() {
        let room = limit(lines.len()).saturating_sub(cur.width);
        // The graphemes that fit: start..end.
        let mut end = start;
        let mut used = 0;
        while let Some((_, _, w)) = graphemes.get(end) {
            if used + w > room {
                break;
            }
            used += w;
            end += 1;
        }
        if end == graphemes.len() {
            push_graphemes(cur, graphemes.get(start..end).unwrap_or_default());
            break;
        }
        if end == start {
            if cur.width > 0 {
                lines.push(std::mem::take(cur));
                continue;
            }
            // Not even one grapheme fits an empty line: it goes alone.
            end = start + 1;
        } else {
            // Back from the end to the best joint, while the line stays half full.
            let mut best = (Joint::None, end);
            let mut cut = end;
            let mut kept = used;
            while cut > start && kept * 2 >= room && end - cut < room {
                let here = joint_at(cut - 1);
                if here > best.0 && joint_at(cut) == Joint::None {
                    best = (here, cut);
                    if here == Joint::Strong {
                        break;
                    }
                }
                cut -= 1;
                kept -= graphemes.get(cut).map_or(0, |(_, _, w)| *w);
            }
            end = best.1;
        }
        push_graphemes(cur, graphemes.get(start..end).unwrap_or_default());
        lines.push(std::mem::take(cur));
        start = end;
    }
}

fn push_graphemes(line: &mut WrappedLine, graphemes: &[(&str, &Piece, usize)]) {
    for (g, p, w) in graphemes {
        line.push(g, p.style, *w, p.marker);
    }
}

/// Wraps plain text in one style at `width` columns: the wrapper for headers, link
/// lists and messages, so every wrapped line in shelf breaks the same way.
pub fn plain(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    hanging(text, width, 0, style)
}

/// Wraps plain text like [`plain`], the lines after the first indented by `indent`
/// columns (a list entry's continuation under its text). The indent is at most half
/// the width, so a narrow screen still has room for the text.
pub fn hanging(text: &str, width: usize, indent: usize, style: Style) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = indent.min(width / 2);
    let lines: Vec<Line<'static>> = wrap_hanging(&[Frag::text(text, style)], width, width - indent)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let mut spans = l.spans;
            if i > 0 && indent > 0 {
                spans.insert(0, Span::raw(" ".repeat(indent)));
            }
            Line::from(spans)
        })
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

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn long_urls_break_after_their_joints_not_mid_word() {
        let lines = wrap(
            &[t("https://example.com/articles/2019/some-long-title?x=1")],
            24,
        );
        assert_eq!(
            plain(&lines),
            [
                "https://example.com/",
                "articles/2019/",
                "some-long-title?x=1"
            ]
        );
    }

    #[test]
    fn a_line_never_ends_inside_a_run_of_joints() {
        // The line ends after `https://` or `ab://`, never inside the `//`.
        let lines = wrap(&[t("https://abcdefghijklmnopqrstuvwxyz")], 10);
        assert_eq!(plain(&lines)[..2], ["https://", "abcdefghij"]);
        let lines = wrap(&[t("ab://cdefghijklmnopqrstuvwxyz")], 10);
        assert_eq!(plain(&lines)[0], "ab://");
    }

    #[test]
    fn url_joints_win_over_word_joints() {
        let lines = wrap(&[t("https://example.com/index.html?utm_source=feed")], 40);
        assert_eq!(
            plain(&lines),
            ["https://example.com/index.html?", "utm_source=feed"]
        );
        // A word joint when no URL joint is in reach.
        let lines = wrap(&[t("a-very-long-hyphenated-name")], 12);
        assert_eq!(plain(&lines), ["a-very-long-", "hyphenated-", "name"]);
    }

    #[test]
    fn without_a_joint_in_the_second_half_of_the_line_the_break_is_hard() {
        let lines = wrap(&[t("a/bcdefghijklmnopqrstuvwxyz")], 10);
        assert_eq!(plain(&lines), ["a/bcdefghi", "jklmnopqrs", "tuvwxyz"]);
    }

    #[test]
    fn a_word_wider_than_any_line_starts_where_the_line_has_room() {
        let lines = wrap(&[t("see https://example.com/a/b/c/d/e/f/g")], 20);
        assert_eq!(
            plain(&lines),
            ["see https://", "example.com/a/b/c/d/", "e/f/g"]
        );
        // A word that fits a line of its own still moves to the next line whole.
        assert_eq!(
            plain(&wrap(&[t("see example.com/a/b")], 16)),
            ["see", "example.com/a/b"]
        );
    }

    #[test]
    fn hanging_lines_are_indented_and_fit_the_width() {
        let lines = hanging(
            "[12] Some title <https://example.com/a-long/path/to/a/page.html>",
            30,
            5,
            Style::new(),
        );
        assert_eq!(
            texts(&lines),
            [
                "[12] Some title <https://",
                "     example.com/a-long/path/",
                "     to/a/page.html>",
            ]
        );
        assert!(lines.iter().all(|l| l.width() <= 30));
    }

    #[test]
    fn the_hanging_indent_shrinks_on_a_narrow_width() {
        let lines = hanging("aaaa bbbb cccc", 6, 5, Style::new());
        assert_eq!(texts(&lines), ["aaaa", "   bbb", "   b", "   ccc", "   c"]);
        assert_eq!(texts(&hanging("", 10, 2, Style::new())), [""]);
    }

    #[test]
    fn a_megabyte_word_breaks_in_linear_time() {
        let url = format!("https://x.org/{}", "ab/".repeat(350_000));
        let lines = wrap(&[t(&url)], 80);
        assert!(lines.iter().all(|l| l.width <= 80));
        assert_eq!(plain(&lines).concat(), url);
        // Zero-width graphemes after a joint do not make the look-back quadratic.
        let zero_width = format!("a/{}", "\u{200b}".repeat(300_000)).repeat(3);
        let lines = wrap(&[t(&zero_width)], 80);
        assert_eq!(plain(&lines).concat(), zero_width);
    }
}
