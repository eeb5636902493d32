//! Code blocks: syntax highlighting with syntect (pure-Rust regex backend), tab expansion.
//!
//! The syntax and theme sets load once per process. Unknown languages, very large blocks
//! and highlighter errors fall back to plain code style.

use std::sync::OnceLock;

use ratatui::style::{Color, Style};
use syntect::easy::HighlightLines;
use syntect::highlighting::{Theme, ThemeSet};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::style;

/// Blocks larger than this are not highlighted: the fancy-regex engine is slow in debug
/// builds and a huge paste gains little from colour.
const MAX_HIGHLIGHT_BYTES: usize = 64 * 1024;

/// Tab stops in code.
const TAB_WIDTH: usize = 4;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn theme() -> Option<&'static Theme> {
    static THEMES: OnceLock<ThemeSet> = OnceLock::new();
    THEMES
        .get_or_init(ThemeSet::load_defaults)
        .themes
        .get("base16-ocean.dark")
}

/// Languages whose highlighting is made ready by [`warm_up`]: the ones blog posts use
/// most. Others compile on first use, on whichever worker renders them.
const WARM_LANGUAGES: &[&str] = &[
    "sh", "yaml", "json", "ruby", "python", "js", "html", "go", "rust", "java", "c",
];

/// Loads the syntax and theme sets and compiles the common languages' rules, so the
/// first post with code does not pay for it. Call it on a thread of its own at start.
pub fn warm_up() {
    for lang in WARM_LANGUAGES {
        let _ = highlighted("x = 1\n", lang);
    }
}

/// One line of code as styled runs, without its newline.
pub(crate) type CodeLine = Vec<(Style, String)>;

/// Splits `code` into lines of styled runs, highlighted when `lang` is known.
/// Tabs are expanded; the line after a final newline is not returned.
pub(crate) fn highlight(code: &str, lang: Option<&str>) -> Vec<CodeLine> {
    let lines = lang
        .filter(|_| code.len() <= MAX_HIGHLIGHT_BYTES)
        .and_then(|lang| highlighted(code, lang))
        .unwrap_or_else(|| {
            code.lines()
                .map(|l| vec![(style::code(), l.to_owned())])
                .collect()
        });
    lines.into_iter().map(expand_tabs).collect()
}

fn highlighted(code: &str, lang: &str) -> Option<Vec<CodeLine>> {
    let set = syntaxes();
    // Info strings can carry more than the language (`ruby linenos`, `{.rust}`).
    let token = lang
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{' || c == '}')
        .find(|t| !t.is_empty())?
        .trim_start_matches('.');
    let syntax = set.find_syntax_by_token(token)?;
    let mut highlighter = HighlightLines::new(syntax, theme()?);
    let mut out = Vec::new();
    for line in LinesWithEndings::from(code) {
        let runs = highlighter.highlight_line(line, set).ok()?;
        out.push(
            runs.into_iter()
                .map(|(s, text)| {
                    let c = s.foreground;
                    (
                        Style::new().fg(Color::Rgb(c.r, c.g, c.b)),
                        text.trim_end_matches(['\n', '\r']).to_owned(),
                    )
                })
                .filter(|(_, t)| !t.is_empty())
                .collect(),
        );
    }
    Some(out)
}

fn expand_tabs(line: CodeLine) -> CodeLine {
    if !line.iter().any(|(_, t)| t.contains('\t')) {
        return line;
    }
    let mut column = 0;
    line.into_iter()
        .map(|(style, text)| {
            let mut out = String::with_capacity(text.len());
            for c in text.chars() {
                if c == '\t' {
                    let n = TAB_WIDTH - column % TAB_WIDTH;
                    out.extend(std::iter::repeat_n(' ', n));
                    column += n;
                } else {
                    out.push(c);
                    column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                }
            }
            (style, out)
        })
        .collect()
}

/// Breaks a code line at exactly `width` columns (code is never word-wrapped).
pub(crate) fn hard_wrap(line: &CodeLine, width: usize) -> Vec<crate::text::wrap::WrappedLine> {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut out = vec![crate::text::wrap::WrappedLine::default()];
    for (style, text) in line {
        for g in text.graphemes(true) {
            let gw = g.width();
            let fits = out
                .last()
                .is_none_or(|l| l.width + gw <= width || l.width == 0);
            if !fits {
                out.push(crate::text::wrap::WrappedLine::default());
            }
            if let Some(l) = out.last_mut() {
                l.push_str(g, *style, gw);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn unknown_language_is_plain_code() {
        assert_eq!(
            highlight("a\tb\nc\n", Some("no-such-language")),
            vec![
                vec![(style::code(), "a   b".to_owned())],
                vec![(style::code(), "c".to_owned())]
            ]
        );
    }

    #[test]
    fn long_code_lines_are_broken_not_cut() {
        let lines = hard_wrap(&vec![(style::code(), "abcdefg".to_owned())], 3);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(texts, ["abc", "def", "g"]);
    }

    #[test]
    fn rust_is_highlighted_with_several_colours() {
        let lines = highlight("fn main() { let x = 1; }\n", Some("rust"));
        assert_eq!(lines.len(), 1);
        let text: String = lines[0].iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(text, "fn main() { let x = 1; }");
        let colours: std::collections::HashSet<_> = lines[0].iter().map(|(s, _)| s.fg).collect();
        assert!(colours.len() > 1, "{colours:?}");
    }
}
