//! The one gate every piece of post-supplied text passes before it becomes a span.
//!
//! A post must never drive the user's terminal: C0 and C1 control characters
//! (ESC included, so no escape sequence survives), DEL and the Unicode bidi
//! controls are replaced by visible placeholders or dropped. Pure and allocation-free
//! when the input is already clean.

use std::borrow::Cow;

/// What to do with a character on its way to the screen.
enum Fate {
    Keep,
    Drop,
    Replace(char),
}

fn fate(c: char, keep_newlines: bool) -> Fate {
    match c {
        '\n' if keep_newlines => Fate::Keep,
        '\t' if keep_newlines => Fate::Keep,
        '\n' | '\t' => Fate::Replace(' '),
        '\r' => Fate::Drop,
        // C0 controls: shown as the matching "control picture" (ESC → ␛).
        '\u{0}'..='\u{1f}' => {
            Fate::Replace(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
        }
        '\u{7f}' => Fate::Replace('\u{2421}'),
        // C1 controls (CSI, OSC, ST, ... as single code points).
        '\u{80}'..='\u{9f}' => Fate::Replace('\u{fffd}'),
        // Bidi embeddings, overrides and isolates; they could reorder what the user sees.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Fate::Drop,
        _ => Fate::Keep,
    }
}

fn clean(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if s.chars()
        .all(|c| matches!(fate(c, keep_newlines), Fate::Keep))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match fate(c, keep_newlines) {
            Fate::Keep => out.push(c),
            Fate::Drop => {}
            Fate::Replace(r) => out.push(r),
        }
    }
    Cow::Owned(out)
}

/// Cleans a single-line field (title, author, tag, file name): newlines and tabs
/// become spaces, every other control character a visible placeholder.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// Cleans multi-line text (a body): keeps `\n` and `\t`, drops `\r`, and replaces
/// every other control character with a visible placeholder.
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(line("Devops Days – Ghent 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_neutralised() {
        assert_eq!(line("a\x1b[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(
            line("\x1b]8;;http://x\x07y"),
            "\u{241b}]8;;http://x\u{2407}y"
        );
        assert_eq!(line("\u{9b}31m"), "\u{fffd}31m");
        assert_eq!(line("del\x7f"), "del\u{2421}");
    }

    #[test]
    fn newlines_depend_on_mode() {
        assert_eq!(line("a\nb\tc\r"), "a b c");
        assert_eq!(text("a\r\nb\tc"), "a\nb\tc");
    }

    #[test]
    fn bidi_controls_are_dropped() {
        assert_eq!(line("abc\u{202e}fed\u{2066}x"), "abcfedx");
    }
}
