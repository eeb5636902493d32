//! Issue 10's families together: header blocks without delimiters, people, dates from
//! folders, languages and translations, drafts and summaries, loaded as one archive.

use std::path::{Path, PathBuf};

use shelf::corpus::{DateSource, Post, load};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(name)
}

fn find<'a>(posts: &'a [Post], id: &str) -> &'a Post {
    posts
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no post {id}"))
}

#[test]
fn header_blocks_without_delimiters_are_front_matter() {
    let corpus = load(&[fixture("header-blocks")]);
    let pelican = find(&corpus.posts, "pelican");
    assert_eq!(pelican.title, "Caching at the edge");
    assert_eq!(pelican.authors, ["Ana Ruiz", "Tom Baker"]);
    assert_eq!(
        pelican.date.map(|d| d.to_iso()).as_deref(),
        Some("2015-03-02T09:05:00")
    );
    assert_eq!(pelican.date_source, DateSource::Field);
    assert_eq!(pelican.tags, ["cdn", "varnish", "http caching", "Ops"]);
    assert!(pelican.draft);
    assert_eq!(
        pelican.summary,
        "Why we put Varnish in front of everything."
    );
    let body = pelican.read_body().unwrap().text;
    assert!(body.starts_with("The body starts here."), "{body:?}");
    let mmd = find(&corpus.posts, "multimarkdown");
    assert_eq!(mmd.title, "A MultiMarkdown note");
    assert_eq!(mmd.authors, ["Li Wei"]);
    assert_eq!(mmd.tags, ["notes", "markdown"]);
    assert_eq!(mmd.language.as_deref(), Some("de"));
    // Prose that opens with a colon is not a header block.
    let prose = find(&corpus.posts, "prose");
    assert_eq!(prose.title, "Note: this first line is prose with a colon.");
    assert!(prose.tags.is_empty() && !prose.draft);
}

#[test]
fn the_families_load_together_as_one_archive() {
    let roots: Vec<PathBuf> = ["header-blocks", "people", "dates-from-folders", "languages"]
        .iter()
        .map(|name| fixture(name))
        .collect();
    let together = load(&roots);
    let apart: usize = roots
        .iter()
        .map(|r| load(std::slice::from_ref(r)).posts.len())
        .sum();
    assert_eq!(
        together.posts.len(),
        apart,
        "every post of every family, once"
    );
    assert_eq!(together.files, together.posts.len() + together.skipped);
    // No author is a placeholder or a number, whatever the family.
    for post in &together.posts {
        for author in &post.authors {
            assert!(
                author.chars().any(char::is_alphabetic),
                "{}: {author:?}",
                post.id
            );
            assert!(
                !author.to_lowercase().starts_with("speaker "),
                "{}: {author:?}",
                post.id
            );
        }
    }
    // Languages and dates from folders kept their meaning next to the others.
    let languages: std::collections::BTreeSet<_> = together
        .posts
        .iter()
        .filter_map(|p| p.language.clone())
        .collect();
    assert!(languages.is_superset(&["de", "en", "fr", "ja"].map(String::from).into()));
    assert!(
        together
            .posts
            .iter()
            .any(|p| p.date_source == DateSource::Folder)
    );
}
