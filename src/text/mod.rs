//! Pure text helpers shared by every layer, so each piece of knowledge about text lives
//! once: [`sanitize`] (what post text may reach the terminal), [`wrap`] (the one word
//! wrapper, by display width and grapheme), [`fit`] (cutting and padding to a column),
//! [`collapse_whitespace`], [`url`] (which links may be opened) and [`ansi`] (styled
//! lines as escape sequences for `shelf show` and terminal hyperlinks).
//!
//! Nothing here knows about posts, the app or the terminal.

pub mod ansi;
pub mod fit;
pub mod sanitize;
pub mod url;
pub mod wrap;

/// `s` with every run of whitespace made one space, and no whitespace at either end.
pub fn collapse_whitespace(s: &str) -> String {
    collapsed_whitespace(s).into_owned()
}

/// [`collapse_whitespace`], borrowing `s` when it is already so (most tags and names
/// are): no allocation then.
pub fn collapsed_whitespace(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_empty() {
        return std::borrow::Cow::Borrowed(s);
    }
    // Tidy: no whitespace at the start or end, and only single spaces between words.
    let mut after_space = true;
    let tidy = s.chars().all(|c| {
        let space = c.is_whitespace();
        let ok = !space || (c == ' ' && !after_space);
        after_space = space;
        ok
    }) && !after_space;
    if tidy {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    std::borrow::Cow::Owned(out)
}

/// True when a body is a whole HTML document (`<!DOCTYPE` or `<html` first, after
/// whitespace and a byte-order mark): its title comes from `<title>` and it skips
/// markdown.
pub fn is_html_document(body: &str) -> bool {
    let start = body.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head = start.get(..9).or(start.get(..5)).unwrap_or("");
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype") || head.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_runs_become_one_space() {
        assert_eq!(collapse_whitespace("  a \t b\n\nc  "), "a b c");
        assert_eq!(collapse_whitespace(""), "");
        assert_eq!(collapse_whitespace(" \u{3000} "), "");
    }

    #[test]
    fn tidy_text_is_borrowed_and_anything_else_collapsed() {
        use std::borrow::Cow;
        for tidy in ["devops", "a b c", "", "déjà vu"] {
            assert!(matches!(collapsed_whitespace(tidy), Cow::Borrowed(s) if s == tidy));
        }
        for (messy, want) in [
            (" a", "a"),
            ("a ", "a"),
            ("a  b", "a b"),
            ("a\tb", "a b"),
            ("a\u{a0}b", "a b"),
            (" ", ""),
        ] {
            let got = collapsed_whitespace(messy);
            assert!(matches!(got, Cow::Owned(_)), "{messy:?}");
            assert_eq!(got, want);
        }
    }

    #[test]
    fn html_documents_start_with_a_doctype_or_html_tag() {
        assert!(is_html_document("\u{feff}  <!DOCTYPE html><html>"));
        assert!(is_html_document("<HTML lang=en>"));
        assert!(is_html_document("<html>"));
        assert!(!is_html_document("<p>a paragraph</p>"));
        assert!(!is_html_document("# <html> in a heading"));
        assert!(!is_html_document("<htm"));
        assert!(!is_html_document("<!doctypé"));
    }
}
