//! A post as the reader shows it: a header (title, authors, date, tags, path) above
//! the rendered body, as one [`Rendered`] whose link lines count the header in.
//! Pure: used by the reader, the preview and `shelf show`.

use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span, Text};

use crate::corpus::Post;
use crate::markdown::{self, Rendered};
use crate::sanitize;

/// The header lines of a post at a width (long values are cut by the terminal).
pub fn header(post: &Post) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        sanitize::line(&post.title).into_owned(),
        Style::default().add_modifier(Modifier::BOLD).cyan(),
    ))];
    let mut meta: Vec<Span<'static>> = Vec::new();
    if !post.authors.is_empty() {
        meta.push(Span::from(sanitize::line(&post.authors.join(", ")).into_owned()).yellow());
    }
    if let Some(date) = &post.date {
        if !meta.is_empty() {
            meta.push(Span::from(" · ").dark_gray());
        }
        meta.push(Span::from(date.to_iso()).green());
    }
    if !meta.is_empty() {
        lines.push(Line::from(meta));
    }
    if !post.tags.is_empty() {
        let tags = post
            .tags
            .iter()
            .map(|t| format!("#{}", sanitize::line(t)))
            .collect::<Vec<_>>()
            .join(" ");
        lines.push(Line::from(Span::from(tags).magenta()));
    }
    lines.push(Line::from(
        Span::from(sanitize::line(&post.path.to_string_lossy()).into_owned()).dark_gray(),
    ));
    lines
}

/// The header, a rule, and the body rendered at `width`.
pub fn compose(post: &Post, body: &str, width: u16) -> Rendered {
    let mut rendered = markdown::render(body, width);
    let mut lines = header(post);
    lines.push(Line::from(
        Span::from("─".repeat(usize::from(width))).dark_gray(),
    ));
    let offset = lines.len();
    lines.append(&mut rendered.text.lines);
    for link in &mut rendered.links {
        link.line += offset;
    }
    rendered.text = Text::from(lines);
    rendered
}
