//! Moving over to a newer library while the archive streams in. Post indices and facet
//! entry indices mean other things in every new library, so what the app keeps by
//! index (the reader's post, rendered bodies, found matches, the facet selection) is
//! translated by identity: a post by its path (libraries are sorted by path), a facet
//! entry by its key. [`swap_in`] does it at the moment the new library's first search
//! answer is shown, so the list, the panes and the reader change together.

use std::sync::Arc;

use super::state::{App, Screen};
use crate::index::{FacetKind, Filter, Library};

/// The index in `new` of the post that is `post` in `old`.
pub fn post_in(old: &Library, new: &Library, post: u32) -> Option<u32> {
    let path = &old.post(post)?.path;
    new.corpus
        .posts
        .binary_search_by(|p| p.path.cmp(path))
        .ok()
        .and_then(|i| u32::try_from(i).ok())
}

/// The index in `new` of the facet entry that is `entry` in `old`.
pub fn entry_in(old: &Library, new: &Library, kind: FacetKind, entry: u32) -> Option<u32> {
    let key = &old.index.facets.entries(kind).get(entry as usize)?.key;
    new.index.facets.find(kind, key)
}

/// `filter`, made of `old`'s entries, in `new`'s entries (those `new` lacks are dropped).
pub fn filter_in(old: &Library, new: &Library, filter: &Filter) -> Filter {
    let entries = |kind| {
        filter
            .selected(kind)
            .iter()
            .filter_map(|&e| entry_in(old, new, kind, e))
            .collect()
    };
    Filter {
        tags: entries(FacetKind::Tag),
        authors: entries(FacetKind::Author),
        languages: entries(FacetKind::Language),
        years: entries(FacetKind::Year),
        tag_mode: filter.tag_mode,
        drafts: filter.drafts,
        // Posts of `old` by index: the app makes the set anew for `new`.
        only: None,
    }
}

/// Makes `library` the one shown, translating everything kept by index.
pub fn swap_in(app: &mut App, library: Arc<Library>) {
    let old = std::mem::replace(&mut app.library, library);
    let new = Arc::clone(&app.library);
    let post = |p: u32| post_in(&old, &new, p);
    app.epoch += 1;
    app.filter = filter_in(&old, &new, &app.filter);
    if let Some(marks) = app.memory.incoming.take() {
        app.memory.marks = marks;
    }
    if !app.loading {
        // The whole archive is shown: no newer library will need the changes again.
        app.memory.edits.clear();
    }
    match post(app.reader.post) {
        Some(p) => app.reader.post = p,
        None if app.screen == Screen::Reader => app.screen = Screen::Browse,
        None => {}
    }
    app.rendered.remap(post);
    app.render_pending = None;
    app.reader.find_pending = None;
    app.reader.matches_for = app.reader.matches_for.take().and_then(|(key, query)| {
        Some((
            super::cache::RenderKey {
                post: post(key.post)?,
                ..key
            },
            query,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Post, Source};

    fn post(title: &str, tags: &[&str]) -> Post {
        Post {
            id: title.to_string(),
            path: format!("{title}.md").into(),
            source: Source::Embedded(b""),
            title: title.to_string(),
            authors: Vec::new(),
            date: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            words: 0,
            excerpt: String::new(),
            ..crate::corpus::Post::default()
        }
    }

    fn library(titles: &[(&str, &[&str])]) -> Library {
        let mut posts: Vec<_> = titles
            .iter()
            .map(|(title, tags)| post(title, tags))
            .collect();
        posts.sort_by(|a, b| a.path.cmp(&b.path));
        Library::new(Corpus {
            files: posts.len(),
            posts,
            ..Corpus::default()
        })
    }

    #[test]
    fn posts_and_entries_are_found_again_by_identity() {
        let old = library(&[("b", &["rust"]), ("d", &["go"])]);
        let new = library(&[
            ("a", &["ada"]),
            ("b", &["rust"]),
            ("c", &["go"]),
            ("d", &["go"]),
        ]);
        assert_eq!(post_in(&old, &new, 0), Some(1));
        assert_eq!(post_in(&old, &new, 1), Some(3));
        assert_eq!(post_in(&old, &new, 9), None);
        let go_old = old.index.facets.find(FacetKind::Tag, "go");
        let go_new = new.index.facets.find(FacetKind::Tag, "go");
        assert_ne!(go_old, go_new, "the entry moved");
        let mut filter = Filter::default();
        filter.toggle(FacetKind::Tag, go_old.unwrap_or(99));
        let moved = filter_in(&old, &new, &filter);
        assert_eq!(
            moved.tags.iter().copied().collect::<Vec<_>>(),
            go_new.into_iter().collect::<Vec<_>>()
        );
    }
}
