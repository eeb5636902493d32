//! What the reader has marked, per post of a library: read, bookmarked. [`Marks`] is
//! the app's copy (index-aligned with the library's posts); [`MarkFilter`] is the list's
//! choice of which marks to show; [`PostSet`] is that choice, made into the set of posts
//! a search may return, so the search itself never needs to know about marks.

use serde::{Deserialize, Serialize};

/// Flag bit: the post has been opened in the reader (or marked read with `u`).
const READ: u8 = 1;
/// Flag bit: the post is bookmarked (`m`).
const BOOKMARKED: u8 = 2;

/// The marks of every post of one library, by post index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    flags: Vec<u8>,
}

impl Marks {
    /// No post read or bookmarked, for `posts` posts.
    pub fn none(posts: usize) -> Marks {
        Marks {
            flags: vec![0; posts],
        }
    }

    /// Whether `post` is read.
    pub fn is_read(&self, post: u32) -> bool {
        self.flag(post, READ)
    }

    /// Whether `post` is bookmarked.
    pub fn is_bookmarked(&self, post: u32) -> bool {
        self.flag(post, BOOKMARKED)
    }

    /// Marks `post` read or unread (posts past the end are ignored).
    pub fn set_read(&mut self, post: u32, read: bool) {
        self.set(post, READ, read);
    }

    /// Bookmarks `post` or removes its bookmark.
    pub fn set_bookmarked(&mut self, post: u32, bookmarked: bool) {
        self.set(post, BOOKMARKED, bookmarked);
    }

    /// How many posts the marks are for.
    pub fn len(&self) -> usize {
        self.flags.len()
    }

    /// True for a library of no posts.
    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }

    fn flag(&self, post: u32, bit: u8) -> bool {
        self.flags
            .get(post as usize)
            .is_some_and(|&flags| flags & bit != 0)
    }

    fn set(&mut self, post: u32, bit: u8, on: bool) {
        let index = post as usize;
        if index >= self.flags.len() {
            self.flags.resize(index + 1, 0);
        }
        if let Some(flags) = self.flags.get_mut(index) {
            if on {
                *flags |= bit;
            } else {
                *flags &= !bit;
            }
        }
    }
}

/// Which posts the list shows by their marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkFilter {
    /// Every post.
    #[default]
    All,
    /// Posts not read yet.
    Unread,
    /// Bookmarked posts.
    Bookmarked,
}

impl MarkFilter {
    /// Whether `post` passes, by `marks`.
    pub fn passes(self, marks: &Marks, post: u32) -> bool {
        match self {
            MarkFilter::All => true,
            MarkFilter::Unread => !marks.is_read(post),
            MarkFilter::Bookmarked => marks.is_bookmarked(post),
        }
    }

    /// The posts of a `posts`-post library that pass; `None` for [`MarkFilter::All`].
    pub fn post_set(self, marks: &Marks, posts: usize) -> Option<PostSet> {
        (self != MarkFilter::All).then(|| PostSet::from_fn(posts, |post| self.passes(marks, post)))
    }

    /// How the status bar names it (empty for all).
    pub fn label(self) -> &'static str {
        match self {
            MarkFilter::All => "",
            MarkFilter::Unread => "unread only",
            MarkFilter::Bookmarked => "bookmarked only",
        }
    }
}

/// A set of posts by index, as a bitset. Two sets are equal when they hold the same
/// posts; comparing and hashing use a digest taken once, so a filter holding one stays
/// cheap to compare and to use as a key of the library's memo.
#[derive(Debug, Clone)]
pub struct PostSet {
    bits: Vec<u64>,
    digest: u64,
}

impl PostSet {
    /// The posts among `0..posts` for which `member` holds.
    pub fn from_fn(posts: usize, mut member: impl FnMut(u32) -> bool) -> PostSet {
        let mut bits = vec![0u64; posts.div_ceil(64)];
        for post in 0..posts {
            if member(post as u32) {
                bits[post / 64] |= 1 << (post % 64);
            }
        }
        let bytes: Vec<u8> = bits.iter().flat_map(|word| word.to_le_bytes()).collect();
        let digest = xxhash_rust::xxh3::xxh3_64(&bytes);
        PostSet { bits, digest }
    }

    /// Whether `post` is in the set.
    pub fn contains(&self, post: u32) -> bool {
        let post = post as usize;
        self.bits
            .get(post / 64)
            .is_some_and(|word| word & (1 << (post % 64)) != 0)
    }
}

impl PartialEq for PostSet {
    fn eq(&self, other: &Self) -> bool {
        self.digest == other.digest && self.bits == other.bits
    }
}

impl Eq for PostSet {}

impl std::hash::Hash for PostSet {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.digest.hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_set_and_clear_each_flag_alone() {
        let mut marks = Marks::none(3);
        marks.set_read(1, true);
        marks.set_bookmarked(1, true);
        marks.set_read(1, false);
        assert!(!marks.is_read(1) && marks.is_bookmarked(1));
        assert!(!marks.is_read(0) && !marks.is_bookmarked(2));
        // Past the end: grows rather than losing the mark.
        marks.set_bookmarked(5, true);
        assert!(marks.is_bookmarked(5));
        assert_eq!(marks.len(), 6);
    }

    #[test]
    fn a_filter_becomes_the_set_of_posts_it_lets_through() {
        let mut marks = Marks::none(130);
        for post in [0, 64, 129] {
            marks.set_read(post, true);
        }
        marks.set_bookmarked(7, true);
        assert!(MarkFilter::All.post_set(&marks, 130).is_none());
        let unread = MarkFilter::Unread.post_set(&marks, 130);
        let unread = unread.as_ref();
        assert_eq!(
            (0..130)
                .filter(|&p| unread.is_some_and(|s| s.contains(p)))
                .count(),
            127
        );
        assert!(unread.is_some_and(|s| !s.contains(64) && s.contains(63)));
        let bookmarked = MarkFilter::Bookmarked.post_set(&marks, 130);
        let members: Vec<u32> = (0..140)
            .filter(|&p| bookmarked.as_ref().is_some_and(|s| s.contains(p)))
            .collect();
        assert_eq!(members, [7]);
    }

    #[test]
    fn sets_are_equal_by_their_posts() {
        let a = PostSet::from_fn(100, |p| p % 3 == 0);
        let b = PostSet::from_fn(100, |p| p % 3 == 0);
        let c = PostSet::from_fn(100, |p| p % 3 == 1);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
