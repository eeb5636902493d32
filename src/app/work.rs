//! Work the app hands to workers, and what comes back: a rendering to make
//! ([`RenderRequest`]) and a find in a rendered post ([`FindRequest`] →
//! [`FindResult`]). Searches are `index::SearchRequest`, full-text searches
//! `text_search::TextRequest`. Requests carry everything the work needs, so it can run
//! on any thread: a rendering for the reader carries the library too, for the worker
//! to find the related posts ([`see_also`]).

use std::sync::Arc;

use ratatui::text::Line;

use super::cache::RenderKey;
use super::state::TextMatch;
use crate::corpus::Post;
use crate::index::{FacetKind, Library, related};
use crate::markdown::post_view::{SeeAlso, SeeAlsoEntry, Target};
use crate::markdown::{Rendered, line_text};

/// How many related posts end a post in the reader.
pub const RELATED_SHOWN: usize = 5;

/// Authors with a `More by` line at most (a post by a dozen people lists three).
const MORE_BY_SHOWN: usize = 3;

/// A rendering for a worker to make.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// Which library the post belongs to ([`App::epoch`]).
    pub epoch: u64,
    /// Which post, at what width, whole or just its opening.
    pub key: RenderKey,
    /// The post (its metadata for the header, its source for the body).
    pub post: Post,
    /// The library `key.post` indexes (the related posts are found in it).
    pub library: Arc<Library>,
}

/// The related section of `post` in `library`: its [`RELATED_SHOWN`] related posts
/// (title and day), then `More by <author>: N posts` for each author with others.
/// Bounded work (see [`related`]), meant for a worker, not for `update`.
pub fn see_also(library: &Library, post: u32) -> SeeAlso {
    let to_post = |p: u32| {
        let post = library.post(p)?;
        let text = match &post.date {
            Some(date) => format!("{} · {}", post.title, date.to_human_day()),
            None => post.title.clone(),
        };
        Some(SeeAlsoEntry {
            text,
            target: Target::Post(post.path.to_string_lossy().into_owned()),
        })
    };
    let related = related::related(library, post, RELATED_SHOWN)
        .into_iter()
        .filter_map(|r| to_post(r.post))
        .collect();
    let facets = &library.index.facets;
    let more_by = facets
        .of_post(FacetKind::Author, post)
        .iter()
        .filter_map(|&author| {
            let entry = facets.entries(FacetKind::Author).get(author as usize)?;
            let more = related::more_by(library, author, post, 0);
            let plural = if more.others == 1 { "" } else { "s" };
            (more.others > 0).then(|| SeeAlsoEntry {
                text: format!("More by {}: {} post{plural}", entry.label, more.others),
                target: Target::Author(entry.key.clone()),
            })
        })
        .take(MORE_BY_SHOWN)
        .collect();
    SeeAlso { related, more_by }
}

/// A find in a rendered post, for a worker.
#[derive(Debug, Clone)]
pub struct FindRequest {
    /// The library it belongs to.
    pub epoch: u64,
    /// The rendering searched.
    pub key: RenderKey,
    /// Its text.
    pub rendered: Arc<Rendered>,
    /// What to find (case-insensitive).
    pub query: String,
}

/// The matches a [`FindRequest`] found.
#[derive(Debug, Clone)]
pub struct FindResult {
    /// The library it belongs to.
    pub epoch: u64,
    /// The rendering searched.
    pub key: RenderKey,
    /// What was found.
    pub query: String,
    /// Where, in reading order.
    pub matches: Vec<TextMatch>,
}

impl FindRequest {
    /// Finds the matches (pure; may take a while on a very long post).
    pub fn run(&self) -> FindResult {
        FindResult {
            epoch: self.epoch,
            key: self.key,
            query: self.query.clone(),
            matches: find_matches(&self.rendered.text.lines, &self.query),
        }
    }
}

/// Case-insensitive matches of `query` in each line. Linear in the text.
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
        let at = |line, start| TextMatch {
            line,
            start,
            len: 5,
        };
        assert_eq!(m, vec![at(0, 0), at(0, 9), at(2, 0)]);
        assert!(find_matches(&lines, "").is_empty());
    }
}
