//! The full-text index on disk: built, reused without reading a body, brought up to date
//! when one file changes or goes, rebuilt when damaged or of another version; and what a
//! search gives (ranked hits, the best line, the highlighted words, the query syntax).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::cell::Cell;
use std::path::{Path, PathBuf};

use shelf::corpus::{self, Post};
use shelf::fulltext::{FullText, FullTextError, Update};

/// An archive of markdown posts in a temporary folder, and a folder for its index.
struct Archive {
    posts: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Archive {
    fn new(files: &[(&str, &str)]) -> Archive {
        let archive = Archive {
            posts: tempfile::tempdir().unwrap(),
            cache: tempfile::tempdir().unwrap(),
        };
        for (name, text) in files {
            archive.write(name, text);
        }
        archive
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.posts.path().join(name), text).unwrap();
    }

    fn index_dir(&self) -> PathBuf {
        self.cache.path().join("fulltext").join("archive")
    }

    fn load(&self) -> Vec<Post> {
        corpus::load(&[self.posts.path().to_path_buf()]).posts
    }

    /// Opens the index over `posts`: the index and how many posts it read (as progress
    /// reported them).
    fn open_with(&self, posts: &[Post]) -> (FullText, usize) {
        let read = Cell::new(0);
        let full = FullText::open_or_build(&self.index_dir(), posts, &|done, _| read.set(done))
            .expect("index opens");
        (full, read.get())
    }

    fn open(&self) -> (FullText, usize) {
        self.open_with(&self.load())
    }
}

fn post(title: &str, tags: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ntags: [{tags}]\n---\n{body}\n")
}

fn three() -> Archive {
    Archive::new(&[
        (
            "paris.md",
            &post(
                "Paris",
                "conference",
                "We met in Paris.\n\nThe talk by Mozilla was about *releases*.\nThen lunch.",
            ),
        ),
        (
            "ghent.md",
            &post(
                "Ghent",
                "history",
                "The first one.\n\nA wall of confusion stood between dev and ops.",
            ),
        ),
        (
            "kube.md",
            &post(
                "Kubernetes",
                "containers",
                "Pods, kubelets and <b>kubectl</b>.",
            ),
        ),
    ])
}

/// The hits' ids, best first (no lines: the search finds no post to read them from).
fn ids(full: &FullText, query: &str) -> Vec<String> {
    full.search(query, 50, &|_| None)
        .unwrap_or_else(|e| panic!("{query:?}: {e}"))
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn built_then_searched_by_body_title_and_tags() {
    let archive = three();
    let (full, read) = archive.open();
    assert_eq!(read, 3);
    assert_eq!(
        full.update(),
        Update {
            rebuilt: true,
            indexed: 3,
            deleted: 0
        }
    );
    assert_eq!(full.len(), 3);
    assert_eq!(ids(&full, "mozilla"), ["paris"]);
    assert_eq!(ids(&full, "ghent"), ["ghent"]);
    assert_eq!(ids(&full, "containers"), ["kube"]);
    // HTML reduced to its words.
    assert_eq!(ids(&full, "kubectl"), ["kube"]);
    assert!(ids(&full, "zzzzqqq").is_empty());
}

#[test]
fn a_hit_has_its_best_line_and_the_words_in_it() {
    let archive = three();
    let posts = archive.load();
    let (full, _) = archive.open_with(&posts);
    let post = |id: &str| posts.iter().find(|p| p.id == id);
    let hits = full.search("Mozilla releases", 10, &post).unwrap();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit.line, "The talk by Mozilla was about releases.");
    let words: Vec<String> = hit
        .highlights
        .iter()
        .map(|r| {
            hit.line
                .chars()
                .skip(r.start)
                .take(r.end - r.start)
                .collect()
        })
        .collect();
    assert_eq!(words, ["Mozilla", "releases"]);
    assert!(hit.score > 0.0);
}

#[test]
fn a_hit_line_is_read_from_the_file_as_it_is_now() {
    let archive = three();
    let posts = archive.load();
    let (full, _) = archive.open_with(&posts);
    // The index holds no body: the line comes from the file, read again.
    archive.write(
        "paris.md",
        &post("Paris", "conference", "Intro.\n\nMozilla came back later."),
    );
    let post = |id: &str| posts.iter().find(|p| p.id == id);
    let hits = full.search("mozilla", 10, &post).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].line, "Mozilla came back later.");
    assert_eq!(
        hits[0].highlights,
        vec![std::ops::Range { start: 0, end: 7 }]
    );
    // A post the caller cannot find still ranks, with no line.
    let hits = full.search("mozilla", 10, &|_| None).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "paris");
    assert_eq!(hits[0].line, "");
    assert!(hits[0].highlights.is_empty());
}

#[test]
fn phrases_exclusions_and_prefixes() {
    let archive = three();
    let (full, _) = archive.open();
    assert_eq!(ids(&full, "\"wall of confusion\""), ["ghent"]);
    assert!(ids(&full, "\"confusion of wall\"").is_empty());
    assert_eq!(ids(&full, "kube*"), ["kube"]);
    let mut the = ids(&full, "the");
    the.sort();
    assert_eq!(the, ["ghent", "paris"]);
    assert_eq!(ids(&full, "the -mozilla"), ["ghent"]);
    // Every word must match.
    assert!(ids(&full, "mozilla kubectl").is_empty());
    match full.search("\"unclosed", 10, &|_| None) {
        Err(FullTextError::Query(message)) => assert!(message.contains("quote"), "{message}"),
        other => panic!("an unclosed quote gave {other:?}"),
    }
}

#[test]
fn title_matches_rank_above_body_matches() {
    let archive = Archive::new(&[
        (
            "a.md",
            &post("Nothing here", "", "A line about rust, once."),
        ),
        ("b.md", &post("Rust", "", "Something else.")),
    ]);
    let (full, _) = archive.open();
    assert_eq!(ids(&full, "rust"), ["b", "a"]);
}

#[test]
fn reopened_unchanged_it_reads_no_body() {
    let archive = three();
    let posts = archive.load();
    let (first, _) = archive.open_with(&posts);
    drop(first);
    // Bodies changed on disk behind the metadata's back: an index that read them again
    // would find the new word.
    archive.write(
        "paris.md",
        &post("Paris", "conference", "Only newword here."),
    );
    let (full, read) = archive.open_with(&posts);
    assert_eq!(read, 0);
    assert_eq!(full.update(), Update::default());
    assert_eq!(full.len(), 3);
    assert!(ids(&full, "newword").is_empty());
    assert_eq!(ids(&full, "mozilla"), ["paris"]);
}

#[test]
fn one_file_changed_is_the_only_one_read_again() {
    let archive = three();
    drop(archive.open());
    archive.write(
        "paris.md",
        &post("Paris", "conference", "Now about Firefox only."),
    );
    let (full, read) = archive.open();
    assert_eq!(read, 1);
    assert_eq!(
        full.update(),
        Update {
            rebuilt: false,
            indexed: 1,
            deleted: 1
        }
    );
    assert_eq!(full.len(), 3);
    assert_eq!(ids(&full, "firefox"), ["paris"]);
    assert!(ids(&full, "mozilla").is_empty());
    assert_eq!(ids(&full, "kubectl"), ["kube"]);
}

#[test]
fn one_file_deleted_is_gone_from_the_index() {
    let archive = three();
    drop(archive.open());
    std::fs::remove_file(archive.posts.path().join("ghent.md")).unwrap();
    let (full, read) = archive.open();
    assert_eq!(read, 0);
    assert_eq!(
        full.update(),
        Update {
            rebuilt: false,
            indexed: 0,
            deleted: 1
        }
    );
    assert_eq!(full.len(), 2);
    assert!(ids(&full, "confusion").is_empty());
    assert_eq!(ids(&full, "mozilla"), ["paris"]);
}

#[test]
fn a_new_file_is_added() {
    let archive = three();
    drop(archive.open());
    archive.write("new.md", &post("New", "", "Brand novelty."));
    let (full, read) = archive.open();
    assert_eq!(read, 1);
    assert_eq!(full.len(), 4);
    assert_eq!(ids(&full, "novelty"), ["new"]);
}

/// Every file of the index overwritten with garbage.
fn scribble_over(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::write(&path, b"\x00garbage\xff not an index").unwrap();
        }
    }
}

#[test]
fn a_damaged_index_is_rebuilt_silently() {
    let archive = three();
    drop(archive.open());
    scribble_over(&archive.index_dir());
    std::fs::write(archive.index_dir().join("stray.bin"), b"junk").unwrap();
    let (full, read) = archive.open();
    assert_eq!(read, 3);
    assert!(full.update().rebuilt);
    assert_eq!(full.len(), 3);
    assert_eq!(ids(&full, "mozilla"), ["paris"]);
    assert!(!archive.index_dir().join("stray.bin").exists());
}

#[test]
fn a_damaged_segment_file_is_caught_too() {
    let archive = three();
    drop(archive.open());
    // Tantivy's own files only (ours are whole): a segment's postings flipped.
    let mut flipped = 0;
    for entry in std::fs::read_dir(archive.index_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "idx") {
            let mut bytes = std::fs::read(&path).unwrap();
            bytes[0] ^= 0xff;
            std::fs::write(&path, bytes).unwrap();
            flipped += 1;
        }
    }
    assert!(flipped > 0);
    let (full, read) = archive.open();
    assert_eq!(read, 3);
    assert!(full.update().rebuilt);
    assert_eq!(ids(&full, "mozilla"), ["paris"]);
}

#[test]
fn an_index_of_another_version_or_half_built_is_rebuilt() {
    let archive = three();
    drop(archive.open());
    let marker = archive.index_dir().join("shelf-fulltext");
    std::fs::write(&marker, "shelf-fulltext 0").unwrap();
    let (full, read) = archive.open();
    assert_eq!(read, 3);
    assert!(full.update().rebuilt);
    drop(full);
    std::fs::remove_file(&marker).unwrap();
    let (full, read) = archive.open();
    assert_eq!(read, 3);
    assert!(full.update().rebuilt);
    drop(full);
    let (_, read) = archive.open();
    assert_eq!(read, 0);
}

#[test]
fn an_index_in_ram_searches_the_same() {
    let archive = three();
    let full = FullText::build_in_ram(&archive.load(), &|_, _| {}).unwrap();
    assert_eq!(ids(&full, "\"wall of confusion\""), ["ghent"]);
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<FullText>();
    let archive = three();
    let full = std::sync::Arc::new(archive.open().0);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let full = full.clone();
            std::thread::spawn(move || ids(&full, "mozilla"))
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap(), ["paris"]);
    }
}

#[test]
fn small_updates_do_not_pile_up_segments() {
    let files: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("p{i}.md"),
                post(&format!("Post {i}"), "many", &format!("Body word{i}.")),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let archive = Archive::new(&files);
    let mut posts = archive.load();
    drop(archive.open_with(&posts));
    let mut most = 0;
    for round in 0..30 {
        // Another post changes each time: each small update leaves a segment.
        posts[round].fingerprint ^= 1;
        let (full, read) = archive.open_with(&posts);
        assert_eq!(read, 1);
        assert_eq!(full.len(), 40);
        most = most.max(full.segments());
        assert!(full.segments() <= 12, "round {round}: {}", full.segments());
        assert_eq!(ids(&full, &format!("word{round}")), [format!("p{round}")]);
    }
    assert!(most > 2, "small updates commit without merging: {most}");
}
