//! Post body → styled ratatui [`Text`] plus the post's numbered link list.
//!
//! Pure: no terminal, no I/O. [`render`] takes markdown, HTML, or a mix of both with
//! Liquid/ERB leftovers, and wraps it to a width. The pipeline:
//!
//! 1. [`template`] swaps `{% %}`, `{{ }}` and `<% %>` for placeholders, so neither parser
//!    eats them;
//! 2. [`cmark`] walks the pulldown-cmark events (or, for a whole HTML document, [`html`]
//!    reads it alone), feeding HTML fragments to one [`html`] state machine;
//! 3. both drive the [`writer`], which keeps the style and container stacks, numbers the
//!    links, and wraps blocks with [`wrap`], [`table`] and [`code`].
//!
//! Every piece of post text passes [`crate::sanitize`] before it becomes a span.

mod cmark;
mod code;
mod html;
mod style;
mod table;
mod template;
mod wrap;
mod writer;

use ratatui::text::Text;

/// What a link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// An ordinary hyperlink.
    Link,
    /// An image (`![alt](src)`, `<img>`, `{% img %}`).
    Image,
    /// Embedded media: `<object>`, `<embed>`, `<iframe>`, `<video>`, `{% youtube %}`.
    Media,
}

/// One entry of a post's link list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// 1-based number shown in the text as `[n]`.
    pub number: usize,
    /// The link text (or image alt text), single line.
    pub text: String,
    /// The target exactly as written in the post (entities decoded).
    pub url: String,
    /// Link, image or media.
    pub kind: LinkKind,
    /// 0-based index of the first rendered line carrying the `[n]` marker.
    pub line: usize,
}

/// A rendered post body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The styled lines, already wrapped to the width asked for.
    pub text: Text<'static>,
    /// The links in order of appearance.
    pub links: Vec<Link>,
}

/// Renders a post body (markdown, HTML, or a mix, with Liquid/ERB leftovers) wrapped to `width`
/// display columns. Never panics, whatever the input; every line's display width <= width
/// (for width >= 20; for smaller widths it does its best without panicking).
pub fn render(body: &str, width: u16) -> Rendered {
    let prepared = template::prepare(body);
    let mut writer = writer::Writer::new(usize::from(width), prepared.templates);
    let mut html = html::Html::default();
    if is_html_document(&prepared.body) {
        html.feed(&mut writer, &prepared.body, false);
    } else {
        cmark::render(&mut writer, &mut html, &prepared.body);
    }
    writer.finish()
}

/// The rendered lines as plain strings (no styles), trailing spaces trimmed.
pub fn plain_lines(text: &Text<'_>) -> Vec<String> {
    text.lines
        .iter()
        .map(|line| {
            let s: String = line
                .spans
                .iter()
                .map(|span| span.content.as_ref())
                .collect();
            s.trim_end().to_owned()
        })
        .collect()
}

/// A body that is a whole HTML document (`<!DOCTYPE` or `<html>` first) skips markdown.
fn is_html_document(body: &str) -> bool {
    let start = body.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head: String = start
        .chars()
        .take(9)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype") || head.starts_with("<html")
}
