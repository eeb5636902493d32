//! Fitting text into columns by display width (CJK and emoji take two columns), so
//! rows stay aligned whatever the script.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cuts `s` to at most `width` columns, ending in `…` when cut, and pads it with
/// spaces to exactly `width` columns.
pub fn fit(s: &str, width: usize) -> String {
    fit_counting(s, width).0
}

/// Cuts `s` to at most `width` columns at a word boundary, ending in `…` when cut
/// (mid-word only when the first word alone is wider), without padding.
pub fn fit_words(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    let cut = fit(s, width);
    let kept = cut.trim_end().trim_end_matches('…');
    // Back to the last space, unless the cut fell right at one.
    let at_boundary = s
        .get(kept.len()..)
        .is_some_and(|rest| rest.starts_with(' '));
    let words = if at_boundary {
        kept
    } else {
        kept.rfind(' ').map_or(kept, |space| &kept[..space])
    };
    let words = words.trim_end_matches([' ', '·', ',', ';', ':']);
    if words.is_empty() {
        return cut.trim_end().to_string();
    }
    format!("{words}…")
}

/// [`fit`], also saying how many characters of `s` were kept. Text is cut between
/// grapheme clusters, so an accent or an emoji sequence is never split.
fn fit_counting(s: &str, width: usize) -> (String, usize) {
    let mut kept = 0;
    let mut out = String::new();
    let mut used = 0;
    let total = display_width(s);
    if total <= width {
        out.push_str(s);
        used = total;
        kept = s.chars().count();
    } else if width > 0 {
        for grapheme in s.graphemes(true) {
            let w = display_width(grapheme);
            if used + w > width - 1 {
                break;
            }
            out.push_str(grapheme);
            used += w;
            kept += grapheme.chars().count();
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    (out, kept)
}

/// Columns `s` takes on screen, counted per grapheme cluster as ratatui's buffer
/// counts them.
pub fn display_width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Like [`fit`], but as spans: characters whose index is in `marked` (ascending char
/// indices) get `mark` patched over `base`.
pub fn fit_marked(
    s: &str,
    width: usize,
    marked: &[usize],
    base: Style,
    mark: Style,
) -> Vec<Span<'static>> {
    let (fitted, kept) = fit_counting(s, width);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in fitted.chars().enumerate() {
        // Only characters of the original (not the ellipsis or padding) can be marked.
        let is_marked = i < kept && marked.binary_search(&i).is_ok();
        if is_marked != run_marked && !run.is_empty() {
            let style = if run_marked { base.patch(mark) } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = is_marked;
        run.push(c);
    }
    if !run.is_empty() {
        let style = if run_marked { base.patch(mark) } else { base };
        spans.push(Span::styled(run, style));
    }
    spans
}

/// A copy of `line` with `style` patched over the given character ranges
/// `(start, len)`; spans are split where a range begins or ends.
pub fn patch_ranges(
    line: &ratatui::text::Line<'_>,
    ranges: &[(usize, usize, Style)],
) -> ratatui::text::Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut index = 0usize;
    for span in &line.spans {
        let base = span.style;
        let mut run = String::new();
        let mut run_style = base;
        for c in span.content.chars() {
            let style = ranges
                .iter()
                .filter(|(start, len, _)| index >= *start && index < start + len)
                .fold(base, |s, (_, _, patch)| s.patch(*patch));
            if style != run_style && !run.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut run), run_style));
            }
            run_style = style;
            run.push(c);
            index += 1;
        }
        if !run.is_empty() {
            spans.push(Span::styled(run, run_style));
        }
    }
    ratatui::text::Line::from(spans).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語のニュース", 7), "日本語…");
        assert_eq!(fit("日本語のニュース", 7).width(), 7);
        assert_eq!(fit("日本", 3), "日…");
        assert_eq!(fit("x", 0), "");
    }

    #[test]
    fn fit_words_cuts_between_words() {
        assert_eq!(fit_words("c clears every filter", 14), "c clears…");
        assert_eq!(fit_words("tags: General · systems", 17), "tags: General…");
        assert_eq!(fit_words("short", 10), "short");
        assert_eq!(fit_words("unbreakable", 5), "unbr…");
        assert!(display_width(&fit_words("one two three", 8)) <= 8);
    }

    #[test]
    fn a_cut_never_splits_a_grapheme() {
        // "é" written as e + combining acute: the cut keeps both or neither.
        let decomposed = "cafe\u{301} au lait";
        let cut = fit(decomposed, 5);
        assert_eq!(cut, "cafe\u{301}…");
        assert_eq!(display_width(&cut), 5);
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} family";
        let cut = fit(family, 4);
        assert!(cut.starts_with(family.graphemes(true).next().unwrap()) || cut.starts_with('…'));
        assert!(!cut.contains("\u{200D}…"), "{cut:?}");
    }

    #[test]
    fn marked_characters_get_the_mark_style() {
        let base = Style::new();
        let mark = Style::new().fg(ratatui::style::Color::Yellow);
        let spans = fit_marked("Paris days", 12, &[0, 1], base, mark);
        assert_eq!(spans[0].content, "Pa");
        assert_eq!(spans[0].style, mark);
        assert_eq!(spans[1].content, "ris days  ");
        assert_eq!(spans[1].style, base);
    }
}
