//! A post as the reader shows it: a header (title, authors, date, tags, path) above
//! the rendered body and, at the end, the numbered link list, as one [`Rendered`]
//! whose link lines count the header in. Pure: used by the reader, the preview and
//! `shelf show`.

use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span, Text};
use unicode_width::UnicodeWidthChar;

use crate::corpus::Post;
use crate::markdown::{self, Link, LinkKind, Rendered};
use crate::sanitize;

/// The heading of the link list at the end of a post.
pub const LINKS_HEADING: &str = "Links";

/// Wraps `text` at `width` display columns, at spaces where possible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        let gap = usize::from(!line.is_empty());
        if used + gap + w <= width {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            used += gap + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn wrapped(text: &str, width: usize, style: Style) -> impl Iterator<Item = Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(move |l| Line::from(Span::styled(l, style)))
}

/// The header lines of a post, wrapped at `width`.
pub fn header(post: &Post, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines: Vec<Line<'static>> = wrapped(
        &sanitize::line(&post.title),
        width,
        Style::default().add_modifier(Modifier::BOLD).cyan(),
    )
    .collect();
    let mut meta = Vec::new();
    if !post.authors.is_empty() {
        meta.push(format!("by {}", sanitize::line(&post.authors.join(", "))));
    }
    if let Some(date) = &post.date {
        meta.push(date.to_iso());
    }
    if !meta.is_empty() {
        lines.extend(wrapped(&meta.join(" · "), width, Style::default().yellow()));
    }
    if !post.tags.is_empty() {
        // Whole tags per line where they fit, so `#agile sysadmin` is not split.
        let mut row = String::new();
        let mut rows = Vec::new();
        for tag in &post.tags {
            let tag = format!("#{}", sanitize::line(tag));
            let needed = row.chars().count() + usize::from(!row.is_empty()) + tag.chars().count();
            if !row.is_empty() && needed > width {
                rows.push(std::mem::take(&mut row));
            }
            if !row.is_empty() {
                row.push(' ');
            }
            row.push_str(&tag);
        }
        rows.push(row);
        for row in rows {
            lines.extend(wrapped(&row, width, Style::default().magenta()));
        }
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
    let url = sanitize::line(&link.url);
    if text.trim().is_empty() || text == url {
        format!("[{}] {kind}<{url}>", link.number)
    } else {
        format!("[{}] {kind}{text} <{url}>", link.number)
    }
}

/// The header, a rule, the body rendered at `width`, then the link list.
pub fn compose(post: &Post, body: &str, width: u16) -> Rendered {
    let mut rendered = markdown::render(body, width);
    let mut lines = header(post, width);
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
            lines.extend(wrapped(
                &link_entry(link),
                usize::from(width),
                Style::default(),
            ));
        }
    }
    rendered.text = Text::from(lines);
    rendered
}

/// The line where the link list starts, if the post has one.
pub fn links_line(rendered: &Rendered) -> Option<usize> {
    if rendered.links.is_empty() {
        return None;
    }
    rendered.text.lines.iter().rposition(|l| {
        l.spans.len() == 1 && l.spans.first().is_some_and(|s| s.content == LINKS_HEADING)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wrap_breaks_at_spaces_and_hard_breaks_long_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        for line in wrap("日本語のニュース 日本語のニュース", 5) {
            assert!(line.width() <= 5, "{line}");
        }
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
}
