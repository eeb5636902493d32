//! Work the app hands to workers, and what comes back: a rendering to make
//! ([`RenderRequest`]) and a find in a rendered post ([`FindRequest`] →
//! [`FindResult`]. Searches are `index::SearchRequest`, full-text searches
//! `text_search::TextRequest`. Requests carry everything
//! the work needs, so it can run on any thread.

use std::sync::Arc;

use ratatui::text::Line;

use super::cache::RenderKey;
use super::state::TextMatch;
use crate::corpus::Post;
use crate::markdown::{Rendered, line_text};

/// A rendering for a worker to make.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// Which library the post belongs to ([`App::epoch`]).
    pub epoch: u64,
    /// Which post, at what width, whole or just its opening.
    pub key: RenderKey,
    /// The post (its metadata for the header, its source for the body).
    pub post: Post,
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
