//! A post as the reader shows it: a header (title, authors, date, tags, path) above
//! the rendered body and, at the end, the numbered link list and the related posts
//! ([`SeeAlso`]), as one [`Rendered`] whose link lines count the header in. Pure:
//! used by the reader, the preview and `shelf show`.
//!
//! The related posts are numbered on from the body's links, and their links are
//! internal: `shelf:post/<path>` opens a post in shelf, `shelf:author/<key>` the list
//! of an author's posts ([`Target`]). They are never handed to a browser.

use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span, Text};

use super::{Link, LinkKind, Rendered};
use crate::corpus::{Post, StandIn};
use crate::text::{sanitize, wrap};

/// The heading of the link list at the end of a post.
pub const LINKS_HEADING: &str = "Links";

/// The heading of the related posts, after the link list.
pub const RELATED_HEADING: &str = "Related";

/// How a link that opens something in shelf starts.
pub const SHELF_SCHEME: &str = "shelf:";

/// What an internal link (`shelf:…`) opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A post, by its path (the identity that survives a reload: posts are kept in
    /// path order).
    Post(String),
    /// The list of an author's posts, by the author's facet key.
    Author(String),
}

impl Target {
    /// The link's URL: `shelf:post/<path>` or `shelf:author/<key>`.
    pub fn url(&self) -> String {
        match self {
            Target::Post(path) => format!("{SHELF_SCHEME}post/{path}"),
            Target::Author(key) => format!("{SHELF_SCHEME}author/{key}"),
        }
    }

    /// The target of an internal link; `None` for any other URL.
    pub fn parse(url: &str) -> Option<Target> {
        let rest = url.strip_prefix(SHELF_SCHEME)?;
        if let Some(path) = rest.strip_prefix("post/") {
            return Some(Target::Post(path.to_string()));
        }
        rest.strip_prefix("author/")
            .map(|key| Target::Author(key.to_string()))
    }
}

/// One entry of the related section: what it says and what it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeeAlsoEntry {
    /// The line shown after the number (a title and date, `More by …`).
    pub text: String,
    /// What the link opens.
    pub target: Target,
}

/// What ends a post in the reader: the related posts, then a line per author with
/// more posts. Empty for the preview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeeAlso {
    /// The related posts, best first.
    pub related: Vec<SeeAlsoEntry>,
    /// `More by <author>: N posts`, one per author who has others.
    pub more_by: Vec<SeeAlsoEntry>,
}

impl SeeAlso {
    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.related.is_empty() && self.more_by.is_empty()
    }
}

fn wrapped(text: &str, width: usize, style: Style) -> impl Iterator<Item = Line<'static>> {
    wrap::plain(text, width, style).into_iter()
}

/// `pieces` joined by `separator` into rows of at most `width` characters, a new row
/// starting where the next piece would not fit (a piece wider than a row is wrapped by
/// the caller).
fn pack(pieces: impl IntoIterator<Item = String>, separator: &str, width: usize) -> Vec<String> {
    let mut rows = Vec::new();
    let mut row = String::new();
    for piece in pieces {
        let needed = row.chars().count() + separator.chars().count() + piece.chars().count();
        if !row.is_empty() && needed > width {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push_str(separator);
        }
        row.push_str(&piece);
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

/// The header lines of a post, wrapped at `width`.
pub fn header(post: &Post, width: u16) -> Vec<Line<'static>> {
    header_with(post, width, true)
}

/// [`header`], with or without the summary (left out where the body below is it).
fn header_with(post: &Post, width: u16, summary: bool) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines: Vec<Line<'static>> = wrapped(
        &sanitize::line(&post.title),
        width,
        Style::default().add_modifier(Modifier::BOLD).cyan(),
    )
    .collect();
    // The summary under the title, and a draft said to be one.
    if post.draft {
        lines.push(Line::from(Span::from("✎ draft").dark_gray()));
    }
    if summary && !post.summary.is_empty() {
        lines.extend(wrapped(
            &sanitize::line(&post.summary),
            width,
            Style::default().add_modifier(Modifier::ITALIC),
        ));
    }
    // The date first, then the authors. When the time makes the date too wide to
    // share a line with the authors, the day alone does: no line holds just a date.
    let by = (!post.authors.is_empty())
        .then(|| format!("by {}", sanitize::line(&post.authors.join(", "))));
    let mut meta = Vec::new();
    if let Some(date) = &post.date {
        let full = date.to_human();
        let together = |d: &str| {
            by.as_ref()
                .is_none_or(|by| d.chars().count() + 3 + by.chars().count() <= width)
        };
        meta.push(if together(&full) {
            full
        } else {
            date.to_human_day()
        });
    }
    meta.extend(by);
    // Whole pieces per line where they fit: `by Patrick Debois` and `#agile sysadmin`
    // are not split.
    for row in pack(meta, " · ", width) {
        lines.extend(wrapped(&row, width, Style::default().yellow()));
    }
    let tags = post.tags.iter().map(|t| format!("#{}", sanitize::line(t)));
    for row in pack(tags, " ", width) {
        lines.extend(wrapped(&row, width, Style::default().magenta()));
    }
    lines.extend(wrapped(
        &sanitize::line(&post.path.to_string_lossy()),
        width,
        Style::default().dark_gray(),
    ));
    lines
}

/// One entry of the link list, as printed: `[3] image: alt <url>`.
pub fn link_entry(link: &Link) -> String {
    let kind = match link.kind {
        LinkKind::Link => "",
        LinkKind::Image => "image: ",
        LinkKind::Media => "media: ",
    };
    let text = sanitize::line(&link.text);
    // The renderer may already label media and images; say it once.
    let text = text
        .strip_prefix(kind)
        .map_or_else(|| text.to_string(), str::to_string);
    let number = entry_number(link);
    // An internal link says what it opens; its URL is shelf's business.
    if Target::parse(&link.url).is_some() {
        return format!("{number}{text}");
    }
    let url = sanitize::line(&link.url);
    if text.trim().is_empty() || text == url {
        format!("{number}{kind}<{url}>")
    } else {
        format!("{number}{kind}{text} <{url}>")
    }
}

/// How a link list entry starts, `[3] `; its continuation lines are indented as wide.
fn entry_number(link: &Link) -> String {
    format!("[{}] ", link.number)
}

/// The header, a rule, the body rendered at `width` (or, for a post with no body, what
/// stands in for it), then the link list.
pub fn compose(post: &Post, body: &str, stand_in: Option<&StandIn>, width: u16) -> Rendered {
    compose_with(post, body, stand_in, width, &SeeAlso::default())
}

/// [`compose`], then the related section: `see_also`'s entries as links numbered on
/// from the body's.
pub fn compose_with(
    post: &Post,
    body: &str,
    stand_in: Option<&StandIn>,
    width: u16,
    see_also: &SeeAlso,
) -> Rendered {
    let mut rendered = match stand_in {
        Some(stand_in) => super::render_stand_in(stand_in, width),
        None => super::render(body, width),
    };
    // A post with no body shows its description as the body: not twice.
    let mut lines = header_with(
        post,
        width,
        stand_in.is_none_or(|s| s.description.is_none()),
    );
    lines.push(Line::from(
        Span::from("─".repeat(usize::from(width))).dark_gray(),
    ));
    let offset = lines.len();
    lines.append(&mut rendered.text.lines);
    for link in &mut rendered.links {
        link.line += offset;
    }
    if !rendered.links.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            LINKS_HEADING,
            Style::default().add_modifier(Modifier::BOLD).cyan(),
        )));
        for link in &rendered.links {
            // Continuation lines under the text after `[n] `.
            let indent = entry_number(link).len();
            lines.extend(wrap::hanging(
                &link_entry(link),
                usize::from(width),
                indent,
                Style::default(),
            ));
        }
    }
    if !see_also.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            RELATED_HEADING,
            Style::default().add_modifier(Modifier::BOLD).cyan(),
        )));
        let entries = see_also.related.iter().map(|e| (e, Style::default()));
        let more = see_also
            .more_by
            .iter()
            .map(|e| (e, Style::default().yellow()));
        for (entry, style) in entries.chain(more) {
            let link = Link {
                number: rendered.links.len() + 1,
                text: sanitize::line(&entry.text).to_string(),
                url: entry.target.url(),
                kind: LinkKind::Link,
                line: lines.len(),
            };
            let indent = entry_number(&link).len();
            lines.extend(wrap::hanging(
                &link_entry(&link),
                usize::from(width),
                indent,
                style,
            ));
            rendered.links.push(link);
        }
    }
    rendered.text = Text::from(lines);
    rendered
}

/// The line where the link list starts, if the post has one, else where the related
/// section starts, if it has one.
pub fn links_line(rendered: &Rendered) -> Option<usize> {
    let heading =
        |name: &str| {
            rendered.text.lines.iter().rposition(|l| {
                l.spans.len() == 1 && l.spans.first().is_some_and(|s| s.content == name)
            })
        };
    if rendered
        .links
        .iter()
        .any(|l| Target::parse(&l.url).is_none())
    {
        heading(LINKS_HEADING)
    } else if !rendered.links.is_empty() {
        heading(RELATED_HEADING)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_shares_its_line_with_the_authors() {
        let mut post = crate::corpus::load_bundled()
            .posts
            .into_iter()
            .find(|p| p.id.starts_with("000"))
            .expect("seed 000");
        post.authors = vec!["Didier Lalli".into()];
        let text = |width| -> Vec<String> {
            header(&post, width)
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect()
        };
        let wide = text(80);
        assert!(
            wide.contains(&"8 Aug 2019, 16:30 +00:00 · by Didier Lalli".to_string()),
            "{wide:?}"
        );
        let narrow = text(33);
        assert!(
            narrow.contains(&"8 Aug 2019 · by Didier Lalli".to_string()),
            "{narrow:?}"
        );
    }

    #[test]
    fn link_entries_name_kind_text_and_url() {
        let link = Link {
            number: 2,
            text: "logo".into(),
            url: "/logo.png".into(),
            kind: LinkKind::Image,
            line: 0,
        };
        assert_eq!(link_entry(&link), "[2] image: logo </logo.png>");
    }

    fn post() -> Post {
        Post {
            id: "x".into(),
            path: "x.md".into(),
            source: crate::corpus::Source::Embedded(b""),
            title: "T".into(),
            authors: vec![],
            date: None,
            tags: vec![],
            words: 0,
            excerpt: String::new(),
            ..crate::corpus::Post::default()
        }
    }

    #[test]
    fn long_link_entries_wrap_under_their_text_at_url_joints() {
        let body = "[a page](https://example.com/2019/05/some-long-title/index.html?ref=feed&x=1)";
        let rendered = compose(&post(), body, None, 36);
        let lines = crate::markdown::plain_lines(&rendered.text);
        let list = links_line(&rendered).unwrap_or_default();
        assert_eq!(
            lines[list + 1..],
            [
                "[1] a page <https://example.com/",
                "    2019/05/some-long-title/",
                "    index.html?ref=feed&x=1>",
            ]
        );
    }

    fn see_also() -> SeeAlso {
        SeeAlso {
            related: vec![SeeAlsoEntry {
                text: "Another post · 1 Jan 2020".into(),
                target: Target::Post("content/b.md".into()),
            }],
            more_by: vec![SeeAlsoEntry {
                text: "More by Ann: 3 posts".into(),
                target: Target::Author("ann".into()),
            }],
        }
    }

    #[test]
    fn related_posts_follow_the_link_list_numbered_on_as_internal_links() {
        let rendered = compose_with(&post(), "see [a](https://a.org)", None, 80, &see_also());
        let lines = crate::markdown::plain_lines(&rendered.text);
        let end: Vec<&str> = lines
            .iter()
            .rev()
            .take(6)
            .rev()
            .map(String::as_str)
            .collect();
        assert_eq!(
            end,
            [
                "Links",
                "[1] a <https://a.org>",
                "",
                "Related",
                "[2] Another post · 1 Jan 2020",
                "[3] More by Ann: 3 posts",
            ]
        );
        let numbers: Vec<usize> = rendered.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(rendered.links[1].url, "shelf:post/content/b.md");
        assert_eq!(rendered.links[2].url, "shelf:author/ann");
        for link in &rendered.links[1..] {
            assert!(lines[link.line].starts_with(&format!("[{}] ", link.number)));
        }
        assert_eq!(
            Target::parse(&rendered.links[1].url),
            Some(Target::Post("content/b.md".into()))
        );
        assert_eq!(Target::parse("https://a.org"), None);
        // `l` jumps to the link list while the body has links, else to the section.
        assert_eq!(
            links_line(&rendered).map(|l| lines[l].as_str()),
            Some("Links")
        );
        let alone = compose_with(&post(), "no links", None, 80, &see_also());
        let alone_lines = crate::markdown::plain_lines(&alone.text);
        assert_eq!(
            links_line(&alone).map(|l| alone_lines[l].as_str()),
            Some("Related")
        );
        assert!(!alone_lines.contains(&"Links".to_string()));
    }

    #[test]
    fn a_post_without_a_body_shows_its_stand_in_with_the_link_listed_first() {
        let stand_in = StandIn {
            description: Some("About it.".into()),
            link: Some("https://example.com/it".into()),
        };
        let rendered = compose(&post(), "", Some(&stand_in), 80);
        let lines = crate::markdown::plain_lines(&rendered.text);
        assert!(
            lines.iter().any(|l| l.starts_with("This post has no body")),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l == "About it."), "{lines:?}");
        assert_eq!(
            lines.last().map(String::as_str),
            Some("[1] <https://example.com/it>")
        );
        let link = &rendered.links[0];
        assert!(
            lines[link.line].contains("https://example.com/it[1]"),
            "{lines:?}"
        );
    }
}
