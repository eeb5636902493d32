//! The reader's own actions: picking and opening links by number or with Tab,
//! copying a URL, jumping to the link list, and searching inside the post.

use std::sync::Arc;

use ratatui::text::Line;
use ratatui_textarea::Input;

use super::update::{reader_height, reader_len};
use super::{App, Effect, TextMatch};
use crate::markdown::Rendered;
use crate::{opener, post_view};

/// The rendered post the reader shows, if rendered.
fn shown(app: &App) -> Option<Arc<Rendered>> {
    let width = app.body_width()?;
    app.rendered_body(app.reader.post, width).cloned()
}

/// The text of a line, without styles.
pub fn line_text(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The character column where the marker `[number]` starts in `line`, if it does.
pub fn marker_column(line: &Line<'_>, number: usize) -> Option<usize> {
    let text = line_text(line);
    let marker = format!("[{number}]");
    text.find(&marker).map(|byte| text[..byte].chars().count())
}

/// Scrolls so `line` is visible, about a third from the top when it was not.
fn reveal(app: &mut App, line: usize) {
    let height = reader_height(app);
    let scroll = app.reader.scroll;
    if line < scroll || line >= scroll + height {
        let max = reader_len(app).saturating_sub(height);
        app.reader.scroll = line.saturating_sub(height / 3).min(max);
    }
}

pub(super) fn type_digit(app: &mut App, c: char) {
    if app.reader.number.len() < 6 {
        app.reader.number.push(c);
    }
    app.status = Some(format!(
        "link {}: Enter opens, y copies, Esc cancels",
        app.reader.number
    ));
}

pub(super) fn cycle_link(app: &mut App, forward: bool) {
    let Some(rendered) = shown(app) else { return };
    let count = rendered.links.len();
    if count == 0 {
        app.status = Some("this post has no links".to_string());
        return;
    }
    app.reader.number.clear();
    let next = match (app.reader.link, forward) {
        (None, true) => {
            // Start from the first link at or below the top of the screen.
            let top = app.reader.scroll;
            rendered
                .links
                .iter()
                .position(|l| l.line >= top)
                .unwrap_or(0)
        }
        (None, false) => {
            let bottom = app.reader.scroll + reader_height(app);
            rendered
                .links
                .iter()
                .rposition(|l| l.line < bottom)
                .unwrap_or(count - 1)
        }
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i + count - 1) % count,
    };
    app.reader.link = Some(next);
    if let Some(link) = rendered.links.get(next) {
        let line = link.line;
        app.status = Some(post_view::link_entry(link));
        reveal(app, line);
    }
}

/// The link the user means: the number typed, else the focused one.
fn chosen_link(app: &mut App) -> Option<crate::markdown::Link> {
    let rendered = shown(app)?;
    if !app.reader.number.is_empty() {
        let typed = std::mem::take(&mut app.reader.number);
        let number: usize = typed.parse().unwrap_or(0);
        let found = rendered.links.iter().find(|l| l.number == number).cloned();
        if found.is_none() {
            app.status = Some(format!("no link [{typed}] in this post"));
        }
        return found;
    }
    match app.reader.link.and_then(|i| rendered.links.get(i)) {
        Some(link) => Some(link.clone()),
        None => {
            app.status = Some("type a link's number or Tab to it first".to_string());
            None
        }
    }
}

pub(super) fn open_link(app: &mut App, effects: &mut Vec<Effect>) {
    if let Some(link) = chosen_link(app) {
        match opener::check_url(&link.url) {
            Ok(()) => effects.push(Effect::OpenUrl(link.url)),
            Err(refusal) => app.status = Some(refusal),
        }
    }
}

pub(super) fn copy_link(app: &mut App, effects: &mut Vec<Effect>) {
    if let Some(link) = chosen_link(app) {
        effects.push(Effect::Copy(link.url));
    }
}

pub(super) fn show_links(app: &mut App) {
    let Some(rendered) = shown(app) else { return };
    match post_view::links_line(&rendered) {
        Some(line) => {
            let max = reader_len(app).saturating_sub(reader_height(app));
            app.reader.scroll = if app.reader.scroll >= line.min(max) {
                0
            } else {
                line.min(max)
            };
        }
        None => app.status = Some("this post has no links".to_string()),
    }
}

/// Enter in the reader: finish typing a search, or open the chosen link.
pub(super) fn confirm(app: &mut App, effects: &mut Vec<Effect>) {
    if app.reader.searching {
        app.reader.searching = false;
        return;
    }
    open_link(app, effects);
}

/// Esc in the reader. Returns true when it was used up here (the reader stays).
pub(super) fn back(app: &mut App) -> bool {
    let r = &mut app.reader;
    if r.searching || !r.matches.is_empty() || !r.search_text().is_empty() {
        r.searching = false;
        r.search.select_all();
        r.search.cut();
        r.matches.clear();
        r.current = None;
        return true;
    }
    if !r.number.is_empty() || r.link.is_some() {
        r.number.clear();
        r.link = None;
        return true;
    }
    false
}

pub(super) fn type_search(app: &mut App, input: Input) {
    if app.reader.search.input(input) {
        app.reader.matches_width = 0;
        refresh_matches(app);
        // Jump to the first match at or below the top of the screen.
        let top = app.reader.scroll;
        let first = app.reader.matches.iter().position(|m| m.line >= top);
        app.reader.current = first.or(if app.reader.matches.is_empty() {
            None
        } else {
            Some(0)
        });
        if let Some(m) = app
            .reader
            .current
            .and_then(|i| app.reader.matches.get(i))
            .copied()
        {
            reveal(app, m.line);
        }
        match_status(app);
    }
}

fn match_status(app: &mut App) {
    let query = app.reader.search_text();
    if query.is_empty() {
        return;
    }
    app.status = Some(match (app.reader.current, app.reader.matches.len()) {
        (_, 0) => format!("no match for {query}"),
        (Some(i), n) => format!("match {} of {n} for {query}  (n next, N previous)", i + 1),
        (None, n) => format!("{n} matches for {query}"),
    });
}

pub(super) fn next_match(app: &mut App, forward: bool) {
    let n = app.reader.matches.len();
    if n == 0 {
        app.status = Some("no search: / searches this post".to_string());
        return;
    }
    let next = match (app.reader.current, forward) {
        (None, _) => 0,
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
    };
    app.reader.current = Some(next);
    if let Some(m) = app.reader.matches.get(next).copied() {
        reveal(app, m.line);
    }
    match_status(app);
}

/// Case-insensitive matches of `query` in each line.
pub fn find_matches(lines: &[Line<'_>], query: &str) -> Vec<TextMatch> {
    let needle: Vec<char> = query.to_lowercase().chars().collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (line_no, line) in lines.iter().enumerate() {
        let hay: Vec<char> = line_text(line)
            .chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect();
        let mut start = 0;
        while start + needle.len() <= hay.len() {
            if hay[start..start + needle.len()] == needle[..] {
                found.push(TextMatch {
                    line: line_no,
                    start,
                    len: needle.len(),
                });
                start += needle.len();
            } else {
                start += 1;
            }
        }
    }
    found
}

/// Recomputes matches when the rendered text changed width (resize).
pub(super) fn refresh_matches(app: &mut App) {
    let Some(width) = app.body_width() else {
        return;
    };
    if app.screen != super::Screen::Reader || app.reader.matches_width == width {
        return;
    }
    let query = app.reader.search_text();
    let Some(rendered) = shown(app) else { return };
    app.reader.matches = find_matches(&rendered.text.lines, &query);
    app.reader.matches_width = width;
    if app
        .reader
        .current
        .is_some_and(|i| i >= app.reader.matches.len())
    {
        app.reader.current = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_case_insensitive_and_per_line() {
        let lines = vec![
            Line::from("Paris is paris"),
            Line::from("nothing"),
            Line::from("PARIS"),
        ];
        let m = find_matches(&lines, "paris");
        assert_eq!(
            m,
            vec![
                TextMatch {
                    line: 0,
                    start: 0,
                    len: 5
                },
                TextMatch {
                    line: 0,
                    start: 9,
                    len: 5
                },
                TextMatch {
                    line: 2,
                    start: 0,
                    len: 5
                },
            ]
        );
        assert!(find_matches(&lines, "").is_empty());
    }

    #[test]
    fn marker_column_counts_characters() {
        let line = Line::from(vec!["Déjà vu".into(), "[12]".into()]);
        assert_eq!(marker_column(&line, 12), Some(7));
        assert_eq!(marker_column(&line, 1), None);
    }
}
