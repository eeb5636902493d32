//! Post body → styled ratatui [`Text`] plus the post's numbered link list.
//!
//! Pure: no terminal, no I/O. [`render`] takes markdown, HTML, or a mix of both with
//! Liquid/ERB leftovers, and wraps it to a width ([`render_stand_in`] does the same for
//! what stands in for an empty body). The pipeline:
//!
//! 1. [`template`] swaps `{% %}`, `{{ }}` and `<% %>` for placeholders, so neither parser
//!    eats them;
//! 2. [`cmark`] walks the pulldown-cmark events (or, for a whole HTML document, [`html`]
//!    reads it alone), feeding HTML fragments to one [`html`] state machine;
//! 3. both drive the [`writer`], which keeps the style and container stacks, numbers the
//!    links (and the URLs written in plain text, outside links and code), and wraps
//!    blocks with [`wrap`], [`table`] and [`code`].
//!
//! Every piece of post text passes [`crate::text::sanitize`] before it becomes a span.

mod cmark;
mod code;
mod html;
pub mod post_view;
mod style;
mod table;
mod template;
mod writer;

use ratatui::text::Text;

use crate::corpus::StandIn;

pub use code::warm_up;

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
    render_into(&mut writer, &prepared.body);
    writer.finish()
}

/// What stands in for a post with no body, rendered like one: a dim note saying so, the
/// post's own link (link 1, so the link keys open it), then its description.
pub fn render_stand_in(stand_in: &StandIn, width: u16) -> Rendered {
    let description = stand_in.description.as_deref().unwrap_or_default();
    let prepared = template::prepare(description);
    let mut writer = writer::Writer::new(usize::from(width), prepared.templates);
    writer.note(&no_body_note(stand_in));
    if let Some(link) = &stand_in.link {
        writer.bare_link(link);
        writer.block_break(true);
    }
    render_into(&mut writer, &prepared.body);
    writer.finish()
}

/// The note above a stand-in: that there is no body, and what is shown instead.
fn no_body_note(stand_in: &StandIn) -> String {
    let shown = match (&stand_in.description, &stand_in.link) {
        (Some(_), Some(_)) => "description and link",
        (Some(_), None) => "description",
        (None, Some(_)) => "link",
        (None, None) => return "This post has no body.".to_owned(),
    };
    format!("This post has no body; shown instead: the {shown} from its front matter.")
}

/// Renders a prepared body (placeholders in, templates given to `writer`) into `writer`.
fn render_into(writer: &mut writer::Writer, body: &str) {
    let mut html = html::Html::default();
    if crate::text::is_html_document(body) {
        html.feed(writer, body, None);
    } else {
        cmark::render(writer, &mut html, body);
    }
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

/// The text of a rendered line, without styles.
pub fn line_text(line: &ratatui::text::Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The character column where the marker `[number]` of a link starts in `line`.
pub fn marker_column(line: &ratatui::text::Line<'_>, number: usize) -> Option<usize> {
    let text = line_text(line);
    let marker = format!("[{number}]");
    text.find(&marker).map(|byte| text[..byte].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    #[test]
    fn marker_column_counts_characters() {
        let line = Line::from(vec!["Déjà vu".into(), "[12]".into()]);
        assert_eq!(marker_column(&line, 12), Some(7));
        assert_eq!(marker_column(&line, 1), None);
        assert_eq!(line_text(&line), "Déjà vu[12]");
    }

    fn urls(body: &str) -> Vec<String> {
        render(body, 80).links.into_iter().map(|l| l.url).collect()
    }

    #[test]
    fn bare_urls_in_text_become_numbered_links() {
        let rendered = render("see (https://github.com/foo/bar) or https://x.org/a.", 80);
        assert_eq!(
            plain_lines(&rendered.text),
            ["see (https://github.com/foo/bar[1]) or https://x.org/a[2]."]
        );
        let texts: Vec<&str> = rendered.links.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["https://github.com/foo/bar", "https://x.org/a"]);
        assert!(rendered.links.iter().all(|l| l.kind == LinkKind::Link));
    }

    #[test]
    fn urls_split_by_the_parser_are_found_whole() {
        // pulldown-cmark cuts text at `_`, `*` and entities.
        assert_eq!(
            urls("go https://x.org/a_b_c*d&amp;e=1 now"),
            ["https://x.org/a_b_c*d&e=1"]
        );
    }

    #[test]
    fn urls_in_code_and_in_links_are_not_numbered_again() {
        assert_eq!(
            urls("`https://x.org/code` and\n\n    https://x.org/block"),
            [""; 0]
        );
        assert_eq!(urls("```\nhttps://x.org/fenced\n```"), [""; 0]);
        assert_eq!(urls("[https://x.org](https://x.org)"), ["https://x.org"]);
        assert_eq!(urls("<https://x.org/auto>"), ["https://x.org/auto"]);
        assert_eq!(
            urls("[see https://x.org/t](https://y.org)"),
            ["https://y.org"]
        );
        assert_eq!(urls("![https://x.org/alt](i.png)"), ["i.png"]);
    }

    #[test]
    fn urls_in_html_text_count_outside_links_and_code() {
        assert_eq!(
            urls("<p>at https://x.org/p <a href=\"https://y.org\">https://y.org</a></p>"),
            ["https://x.org/p", "https://y.org"]
        );
        assert_eq!(
            urls(
                "<p><code>https://x.org/c</code> <tt>https://x.org/t</tt></p><pre>https://x.org/pre</pre>"
            ),
            [""; 0]
        );
        // An HTML block that starts inline: its text is read as markdown.
        assert_eq!(
            urls("<code>https://x.org/c</code> then https://x.org/after"),
            ["https://x.org/after"]
        );
        assert_eq!(
            urls("text <code>https://x.org/inline</code> https://x.org/t"),
            ["https://x.org/t"]
        );
        assert_eq!(
            urls(
                "<!DOCTYPE html><html><body><p>https://x.org/doc</p><kbd>https://k.org</kbd> https://x.org/after</body></html>"
            ),
            ["https://x.org/doc", "https://x.org/after"]
        );
    }

    #[test]
    fn a_stand_in_shows_a_note_its_link_first_then_its_description() {
        let stand_in = StandIn {
            description: Some("Servers for *every* workload, see [docs](https://d.org).".into()),
            link: Some("https://example.com/compute.html".into()),
        };
        let rendered = render_stand_in(&stand_in, 80);
        assert_eq!(
            plain_lines(&rendered.text),
            [
                "This post has no body; shown instead: the description and link from its front",
                "matter.",
                "",
                "https://example.com/compute.html[1]",
                "",
                "Servers for every workload, see docs[2].",
            ]
        );
        assert_eq!(rendered.links[0].url, "https://example.com/compute.html");
        assert_eq!(rendered.links[0].number, 1);
        assert_eq!(rendered.links[0].line, 3);
        assert_eq!(rendered.links[1].url, "https://d.org");
        assert_eq!(
            rendered.text.lines[0].spans[0].style,
            style::note(),
            "the note is dim"
        );
    }

    #[test]
    fn a_stand_in_with_nothing_in_it_still_says_there_is_no_body() {
        let rendered = render_stand_in(&StandIn::default(), 40);
        assert_eq!(plain_lines(&rendered.text), ["This post has no body."]);
        assert!(rendered.links.is_empty());
        let only_link = StandIn {
            description: None,
            link: Some("/about/".into()),
        };
        let rendered = render_stand_in(&only_link, 80);
        assert_eq!(
            plain_lines(&rendered.text),
            [
                "This post has no body; shown instead: the link from its front matter.",
                "",
                "/about/[1]",
            ]
        );
    }
}
