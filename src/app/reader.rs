//! The reader's own actions: picking and opening links by number or with Tab, copying
//! a URL, jumping to the link list, and searching inside the post. Finding the search
//! text in a long post is work for a worker ([`Effect::Find`], see
//! [`work`](super::work)); the matches come back as [`Action::Found`](super::Action::Found).
//!
//! The links of the related section are internal ([`Target`]): one to a post opens
//! it here in the reader, one to an author's posts asks the caller for that list;
//! neither goes to the browser.

use std::sync::Arc;

use ratatui_textarea::Input;

use super::action::Effect;
use super::state::{App, Focus, ReaderState, Screen};
use super::text_box;
use super::viewport;
use super::work::{FindRequest, FindResult};
use crate::index::FacetKind;
use crate::markdown::post_view::{self, Target};
use crate::markdown::{Link, Rendered};
use crate::text::url;

/// Opens the reader on a post.
pub fn open(app: &mut App, post: u32) {
    // Coming back from the reader lands on the list, whatever opened the post.
    app.focus = Focus::List;
    app.screen = Screen::Reader;
    app.reader = ReaderState {
        post,
        ..Default::default()
    };
    // Found by a full-text search: on its first match, in-post search set to the words.
    if app.text.on && app.text.found.is_some() {
        let words = in_post_words(&app.query_text());
        if !words.is_empty() {
            app.reader.search.insert_str(&words);
            app.reader.jump_to_match = true;
        }
    }
}

/// What the reader's search looks for after a full-text search: the first phrase, else
/// the first word wanted (no `-word`, no `*`).
pub fn in_post_words(text: &str) -> String {
    if let Some(start) = text.find('"') {
        let rest = &text[start + 1..];
        let phrase = rest.split('"').next().unwrap_or(rest).trim();
        if !phrase.is_empty() {
            return phrase.to_string();
        }
    }
    text.split_whitespace()
        .filter(|w| !w.starts_with('-'))
        .map(|w| w.trim_matches(|c: char| c == '"' || c == '*'))
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// `t`: the same post in its next language (translations in language order); says
/// so when the post has no other.
pub fn next_translation(app: &mut App) {
    let current = app.reader.post;
    let facets = &app.library.index.facets;
    // In language order already.
    let group = facets.translation_group(current);
    let language = |p: &u32| {
        app.library
            .post(*p)
            .and_then(|post| post.language.clone())
            .unwrap_or_default()
    };
    if group.len() < 2 {
        app.status = Some("no translation of this post".into());
        return;
    }
    let at = group.iter().position(|&p| p == current).unwrap_or(0);
    if let Some(&next) = group.get((at + 1) % group.len()) {
        app.reader = ReaderState {
            post: next,
            ..Default::default()
        };
        app.status = Some(format!(
            "in {} ({} of {})",
            language(&next),
            (at + 1) % group.len() + 1,
            group.len()
        ));
    }
}

/// The rendered post the reader shows, if rendered.
fn shown(app: &App) -> Option<Arc<Rendered>> {
    if app.screen != Screen::Reader {
        return None;
    }
    viewport::shown_render(app).map(|r| Arc::clone(&r.rendered))
}

/// Scrolls so `line` is visible, about a third from the top when it was not.
fn reveal(app: &mut App, line: usize) {
    let height = viewport::reader_height(app);
    let scroll = app.reader.scroll;
    if line < scroll || line >= scroll + height {
        app.reader.scroll = line
            .saturating_sub(height / 3)
            .min(viewport::reader_max_scroll(app));
    }
}

/// A digit typed towards a link number.
pub fn type_digit(app: &mut App, c: char) {
    if app.reader.number.len() < 6 {
        app.reader.number.push(c);
    }
    app.status = Some(format!(
        "link {}: Enter opens, y copies, Esc cancels",
        app.reader.number
    ));
}

/// Tab / Shift-Tab: focus the next or previous link, scrolling to it.
pub fn cycle_link(app: &mut App, forward: bool) {
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
            let bottom = app.reader.scroll + viewport::reader_height(app);
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
fn chosen_link(app: &mut App) -> Option<Link> {
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

/// What following a link asks of the caller, beyond what was done here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// List this author entry's posts (a search the caller asks for).
    Author(u32),
}

/// The post at `path` in the library shown (posts are kept in path order).
fn post_at(app: &App, path: &str) -> Option<u32> {
    let path = std::path::Path::new(path);
    app.library
        .corpus
        .posts
        .binary_search_by(|p| p.path.as_path().cmp(path))
        .ok()
        .and_then(|i| u32::try_from(i).ok())
}

/// Opens the chosen link: an internal one here (a post in the reader) or by asking the
/// caller (an author's posts); any other in the browser, when shelf opens links like it.
pub fn open_link(app: &mut App, effects: &mut Vec<Effect>) -> Option<Follow> {
    let link = chosen_link(app)?;
    match Target::parse(&link.url) {
        Some(Target::Post(path)) => match post_at(app, &path) {
            Some(post) => {
                open(app, post);
                app.status = Some(post_view::link_entry(&link));
            }
            None => app.status = Some("that post is no longer in the archive".to_string()),
        },
        Some(Target::Author(key)) => match app.library.index.facets.find(FacetKind::Author, &key) {
            Some(entry) => return Some(Follow::Author(entry)),
            None => app.status = Some("that author is no longer in the archive".to_string()),
        },
        None => match url::check(&link.url) {
            Ok(()) => effects.push(Effect::OpenUrl(link.url)),
            Err(refusal) => app.status = Some(refusal.to_string()),
        },
    }
    None
}

/// Copies the chosen link's URL; for a link to a post in shelf, the post's path (what
/// `shelf show` takes), and for an author's posts, the author's name.
pub fn copy_link(app: &mut App, effects: &mut Vec<Effect>) {
    if let Some(link) = chosen_link(app) {
        let text = match Target::parse(&link.url) {
            Some(Target::Post(path)) => path,
            Some(Target::Author(key)) => app
                .library
                .index
                .facets
                .find(FacetKind::Author, &key)
                .and_then(|e| app.library.index.facets.authors.get(e as usize))
                .map_or(key, |e| e.label.clone()),
            None => link.url,
        };
        effects.push(Effect::Copy(text));
    }
}

/// `l`: to the link list, and back to where it jumped from.
pub fn show_links(app: &mut App) {
    let Some(rendered) = shown(app) else { return };
    match post_view::links_line(&rendered) {
        Some(line) => {
            let target = line.min(viewport::reader_max_scroll(app));
            app.reader.scroll = match app.reader.before_links.take() {
                Some(before) if app.reader.scroll == target => before,
                _ => {
                    app.reader.before_links = Some(app.reader.scroll);
                    target
                }
            };
        }
        None => app.status = Some("this post has no links".to_string()),
    }
}

/// Enter in the reader: finish typing a search, or open the chosen link.
pub fn confirm(app: &mut App, effects: &mut Vec<Effect>) -> Option<Follow> {
    if app.reader.searching {
        app.reader.searching = false;
        return None;
    }
    open_link(app, effects)
}

/// Esc in the reader. Returns true when it was used up here (the reader stays).
pub fn back(app: &mut App) -> bool {
    let r = &mut app.reader;
    if r.searching || !r.matches.is_empty() || !r.search_text().is_empty() {
        r.searching = false;
        r.search.select_all();
        r.search.cut();
        r.matches.clear();
        r.matches_for = None;
        r.find_pending = None;
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

/// A key typed into the reader's search box: find again, then jump to the first match.
pub fn type_search(app: &mut App, input: Input) {
    if text_box::edit(&mut app.reader.search, input) {
        app.reader.jump_to_match = true;
        if app.reader.search_text().is_empty() {
            app.reader.matches.clear();
            app.reader.current = None;
        }
    }
}

/// Asks for the matches of the search text when the text or the rendering changed.
pub fn ensure_matches(app: &mut App, effects: &mut Vec<Effect>) {
    let query = app.reader.search_text();
    if app.screen != Screen::Reader || query.is_empty() {
        return;
    }
    let (Some(key), Some(rendered)) = (viewport::shown_key(app), shown(app)) else {
        return;
    };
    let wanted = Some((key, query.clone()));
    if app.reader.matches_for == wanted || app.reader.find_pending == wanted {
        return;
    }
    app.reader.find_pending = wanted;
    effects.push(Effect::Find(Box::new(FindRequest {
        epoch: app.epoch,
        key,
        rendered,
        query,
    })));
}

/// Shows found matches, if they are for what is on screen and in the box now.
pub fn apply_found(app: &mut App, result: FindResult) {
    let current = viewport::shown_key(app).map(|k| (k, app.reader.search_text()));
    let answered = Some((result.key, result.query));
    if result.epoch != app.epoch || answered != current {
        return;
    }
    if app.reader.find_pending == answered {
        app.reader.find_pending = None;
    }
    app.reader.matches_for = answered;
    app.reader.matches = result.matches;
    // No match yet in the opening of a post still rendering: jump when the whole comes.
    let whole = viewport::shown_render(app).is_some_and(|r| r.complete);
    if app.reader.jump_to_match && (whole || !app.reader.matches.is_empty()) {
        app.reader.jump_to_match = false;
        // Jump to the first match at or below the top of the screen.
        let top = app.reader.scroll;
        let first = app.reader.matches.iter().position(|m| m.line >= top);
        app.reader.current = first.or((!app.reader.matches.is_empty()).then_some(0));
        if let Some(m) = app
            .reader
            .current
            .and_then(|i| app.reader.matches.get(i))
            .copied()
        {
            reveal(app, m.line);
        }
        match_status(app);
    } else if app
        .reader
        .current
        .is_some_and(|i| i >= app.reader.matches.len())
    {
        app.reader.current = None;
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

/// n / N: the next or previous match.
pub fn next_match(app: &mut App, forward: bool) {
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

#[cfg(test)]
mod tests {
    use super::in_post_words;

    #[test]
    fn the_reader_looks_for_the_phrase_or_the_first_word_wanted() {
        assert_eq!(
            in_post_words("\"wall of confusion\" devops"),
            "wall of confusion"
        );
        assert_eq!(in_post_words("-java kube* operator"), "kube");
        assert_eq!(in_post_words("Mozilla"), "Mozilla");
        assert_eq!(in_post_words("-only"), "");
    }
}
