//! Marks as the database holds them, by post identity ([`MarkBook`]), and the changes
//! the app asks to be saved ([`MarkChange`], [`PositionChange`]). [`MarkBook::resolve`]
//! turns a book into the index-aligned [`Marks`] of one library.

use std::collections::HashMap;

use crate::corpus::Post;
use crate::index::Marks;

/// One post's marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mark {
    /// Opened in the reader, or marked read.
    pub read: bool,
    /// Bookmarked.
    pub bookmarked: bool,
}

/// The marks saved for an archive, by post id, and the marks saved anywhere, by
/// fingerprint (the newest for each), for posts that moved or are opened from another
/// folder holding the same files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkBook {
    /// This archive's marks, by post id.
    pub by_id: HashMap<String, Mark>,
    /// Every archive's marks, by the post's fingerprint; the most recent wins.
    pub by_fingerprint: HashMap<u64, Mark>,
    /// First line shown in the reader, by post id, for this archive's recently read
    /// posts.
    pub positions: HashMap<String, usize>,
}

impl MarkBook {
    /// The marks of `posts` (a library's, in its order): a post's own by its id, else
    /// those of the same bytes saved elsewhere. Linear in the posts.
    pub fn resolve(&self, posts: &[Post]) -> Marks {
        let mut marks = Marks::none(posts.len());
        if self.by_id.is_empty() && self.by_fingerprint.is_empty() {
            return marks;
        }
        for (index, post) in posts.iter().enumerate() {
            let mark = self
                .by_id
                .get(&post.id)
                .or_else(|| self.by_fingerprint.get(&post.fingerprint));
            if let Some(mark) = mark {
                let index = index as u32;
                marks.set_read(index, mark.read);
                marks.set_bookmarked(index, mark.bookmarked);
            }
        }
        marks
    }
}

/// A change of one post's marks; a field left `None` is left as it is saved (so two
/// instances changing different marks of one post both keep theirs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkChange {
    /// The post's id in its archive.
    pub id: String,
    /// The post's fingerprint.
    pub fingerprint: u64,
    /// Read (`Some(true)`), unread, or unchanged.
    pub read: Option<bool>,
    /// Bookmarked, not, or unchanged.
    pub bookmarked: Option<bool>,
}

impl MarkChange {
    /// The change that sets `post`'s marks.
    pub fn of(post: &Post, read: Option<bool>, bookmarked: Option<bool>) -> MarkChange {
        MarkChange {
            id: post.id.clone(),
            fingerprint: post.fingerprint,
            read,
            bookmarked,
        }
    }
}

/// Where the reader was in a post when it left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionChange {
    /// The post's id.
    pub id: String,
    /// The post's fingerprint.
    pub fingerprint: u64,
    /// The first line shown.
    pub line: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(id: &str, fingerprint: u64) -> Post {
        Post {
            id: id.to_string(),
            fingerprint,
            ..Post::default()
        }
    }

    #[test]
    fn a_post_keeps_its_marks_by_id_else_by_its_bytes() {
        let read = Mark {
            read: true,
            bookmarked: false,
        };
        let both = Mark {
            read: true,
            bookmarked: true,
        };
        let book = MarkBook {
            by_id: HashMap::from([("a".to_string(), read)]),
            by_fingerprint: HashMap::from([(7, both), (1, both)]),
            positions: HashMap::new(),
        };
        // `a` was edited (its bytes changed): its id still holds its marks, and they
        // win over the marks of other bytes; `moved` is found by its bytes.
        let marks = book.resolve(&[post("a", 1), post("moved", 7), post("new", 9)]);
        assert!(marks.is_read(0) && !marks.is_bookmarked(0));
        assert!(marks.is_read(1) && marks.is_bookmarked(1));
        assert!(!marks.is_read(2) && !marks.is_bookmarked(2));
        assert_eq!(marks.len(), 3);
    }
}
