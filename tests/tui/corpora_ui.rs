//! The browser on the real ruby-lang.org news archive (4 700 posts, 17 languages):
//! CJK titles keep the columns aligned, and scrolling the whole list never panics.
//! Needs ../shared/corpora, so it is ignored by default (CI runs it with --ignored).

use std::path::PathBuf;

use crate::harness::Harness;
use crossterm::event::KeyCode;
use shelf::index::Library;

fn ruby() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpora/ruby-lang-news"
    ))
}

/// The rightmost screen column where `needle` starts on row `y` (the list's author
/// column, not the Authors pane on the left), reading cells (a wide character fills
/// two cells, the second one empty).
fn column_of(h: &Harness, y: u16, needle: &str) -> Option<u16> {
    let buffer = h.terminal.backend().buffer();
    let symbols: Vec<&str> = (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect();
    let wanted: Vec<String> = needle.chars().map(String::from).collect();
    (0..symbols.len())
        .rev()
        .find(|&x| {
            let mut at = x;
            wanted.iter().all(|c| {
                while at < symbols.len() && symbols[at].is_empty() {
                    at += 1;
                }
                let ok = symbols.get(at) == Some(&c.as_str());
                at += 1;
                ok
            })
        })
        .map(|x| x as u16)
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn cjk_titles_keep_columns_aligned_and_the_whole_list_scrolls() {
    // Japanese posts: their titles are wide characters.
    let library = Library::new(shelf::corpus::load(&[ruby().join("ja")]));
    let mut h = Harness::with_library(library, 160, 50);
    // Without the preview the list has room for the authors beside whole titles.
    h.key(KeyCode::Char('p'));
    assert!(
        h.app.hits.len() > 500,
        "{} Japanese posts",
        h.app.hits.len()
    );
    let mut columns = Vec::new();
    let list = shelf::app::geometry::inner(shelf::app::geometry::browse_of(&h.app).list);
    for (row, hit) in h.app.hits.iter().enumerate().take(usize::from(list.height)) {
        let post = h.app.library.post(hit.post).expect("post");
        let Some(author) = post.authors.first() else {
            continue;
        };
        let prefix: String = author.chars().take(3).collect();
        let y = list.y + row as u16;
        if let Some(x) = column_of(&h, y, &prefix) {
            columns.push(x);
        }
        // The row never spills into the border.
        let border = h.terminal.backend().buffer()[(list.x + list.width, y)].symbol();
        assert!(matches!(border, "│" | "┃"), "{border:?}");
    }
    assert!(
        columns.len() > 20,
        "authors found on {} rows",
        columns.len()
    );
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "author column moves: {columns:?}"
    );

    // The whole archive: walk the list page by page, then line by line.
    let library = Library::new(shelf::corpus::load(&[ruby()]));
    assert!(library.corpus.posts.len() > 4000);
    let mut h = Harness::with_library(library, 160, 50);
    let total = h.app.hits.len();
    while h.app.list.selected + 1 < total {
        h.key(KeyCode::PageDown);
    }
    h.key(KeyCode::Char('g'));
    for _ in 0..300 {
        h.key(KeyCode::Char('j'));
    }
    h.key(KeyCode::Char('G'));
    assert_eq!(h.app.list.selected, total - 1);
    for size in [(1, 1), (10, 3), (300, 100), (80, 24)] {
        h.resize(size.0, size.1);
    }
    // Facet panes scroll too.
    h.tab_to(shelf::app::Focus::Tags);
    h.key(KeyCode::Char('G'));
    assert!(h.app.tags.scroll.selected + 1 == h.app.tags.rows.len());
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn each_ruby_announcement_is_one_row_with_its_languages() {
    let corpus = shelf::corpus::load(&[ruby()]);
    let posts = corpus.posts.len();
    let mut groups = std::collections::HashSet::new();
    let mut alone = 0;
    for post in &corpus.posts {
        match &post.translation {
            Some(key) => {
                groups.insert(key.clone());
            }
            None => alone += 1,
        }
        // Every post under a language folder has its language (SOURCE.txt at the root
        // is not a post of any).
        assert!(
            post.language.is_some() || !post.id.contains('/'),
            "{} has no language",
            post.id
        );
    }
    let h = Harness::with_library(Library::preferring(corpus, &["en".into()]), 120, 40);
    assert_eq!(
        h.app.hits.len(),
        groups.len() + alone,
        "one row per announcement"
    );
    assert!(
        h.app.hits.len() * 3 < posts,
        "{} rows of {posts}",
        h.app.hits.len()
    );
    // The first row (the newest announcement) is in English and lists the others.
    let first = h.app.library.post(h.app.hits[0].post).expect("a post");
    assert_eq!(first.language.as_deref(), Some("en"));
    assert!(
        h.app
            .library
            .index
            .facets
            .translation_group(h.app.hits[0].post)
            .len()
            >= 3
    );
    assert!(h.screen().contains("Languages 17"), "{}", h.screen());
}
