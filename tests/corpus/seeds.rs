//! Acceptance of issue 2 on the bundled archive: `load_bundled()` and `load(content/)` both
//! give the table of titles, authors, ISO dates and tags of the five seed posts.

use std::path::PathBuf;

use shelf::corpus::{Corpus, Post, Source, load, load_bundled};

struct Expected {
    id: &'static str,
    title: &'static str,
    authors: &'static [&'static str],
    date: Option<&'static str>,
    tags: &'static [&'static str],
}

const TABLE: &[Expected] = &[
    Expected {
        id: "000_706fe552bd2b318a",
        title: "Celebrate the beginning of DevOps",
        authors: &["Didier Lalli"],
        date: Some("2019-08-08T16:30:30.933+00:00"),
        tags: &["DevOps", "DevOpsDays", "devopsdays-ghent-2019"],
    },
    Expected {
        id: "001_ef305ce8512267df",
        title: "Devopsdays09 - Two Weeks Later",
        authors: &["Patrick Debois"],
        date: Some("2009-11-15T17:24:43+00:00"),
        tags: &[
            "devopsdays",
            "devops",
            "agile system administration",
            "agile sysadmin",
            "monthy python",
        ],
    },
    Expected {
        id: "002_ae16db726f378c53",
        title: "Devops Days",
        authors: &[],
        date: Some("2011-11-04T14:35:00"),
        tags: &[],
    },
    Expected {
        id: "003_eb90f733d56d9366",
        title: "The road to DevOps : experience from the field",
        authors: &["Stéphane Goudeau", "Hervé Leclerc"],
        date: None,
        tags: &[],
    },
    Expected {
        id: "004_a571cbaf7fa8eef7",
        title: "DevOpsDays Paris 2013, the event that was",
        authors: &["phrawzty"],
        date: None,
        tags: &[],
    },
];

fn sorted_lower(items: &[impl AsRef<str>]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().map(|s| s.as_ref().to_lowercase()).collect();
    out.sort();
    out
}

fn assert_matches_table(corpus: &Corpus) {
    assert_eq!(corpus.files, 5);
    assert_eq!(corpus.skipped, 0);
    assert!(corpus.diagnostics.is_empty(), "{:?}", corpus.diagnostics);
    let ids: Vec<&str> = corpus.posts.iter().map(|p| p.id.as_str()).collect();
    let expected_ids: Vec<&str> = TABLE.iter().map(|e| e.id).collect();
    assert_eq!(ids, expected_ids);
    for (post, expected) in corpus.posts.iter().zip(TABLE) {
        assert_eq!(post.title, expected.title, "{}", expected.id);
        assert_eq!(post.authors, expected.authors, "{}", expected.id);
        assert_eq!(
            post.date.map(|d| d.to_iso()).as_deref(),
            expected.date,
            "{}",
            expected.id
        );
        assert_eq!(
            sorted_lower(&post.tags),
            sorted_lower(expected.tags),
            "{}",
            expected.id
        );
        assert!(post.words > 100, "{}: {} words", expected.id, post.words);
        assert!(!post.excerpt.is_empty());
    }
}

#[test]
fn bundled_archive_gives_the_acceptance_table() {
    let corpus = load_bundled();
    assert_matches_table(&corpus);
    for post in &corpus.posts {
        assert!(matches!(post.source, Source::Embedded(_)));
        assert_eq!(
            post.path,
            PathBuf::from("content").join(format!("{}.txt", post.id))
        );
    }
}

#[test]
fn loading_the_content_folder_gives_the_same_table() {
    let content = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    let corpus = load(std::slice::from_ref(&content));
    assert_matches_table(&corpus);
    assert!(matches!(corpus.posts[0].source, Source::File));
}

#[test]
fn relative_content_path_gives_the_same_table() {
    // Tests run with the package root as the working directory.
    let corpus = load(&[PathBuf::from("content")]);
    assert_matches_table(&corpus);
    assert_eq!(
        corpus.posts[0].path,
        PathBuf::from("content/000_706fe552bd2b318a.txt")
    );
}

fn post<'a>(corpus: &'a Corpus, id: &str) -> &'a Post {
    corpus
        .posts
        .iter()
        .find(|p| p.id == id)
        .expect("post present")
}

#[test]
fn bodies_are_read_again_without_front_matter() {
    let bundled = load_bundled();
    let on_disk = load(&[PathBuf::from("content")]);
    for id in [
        "000_706fe552bd2b318a",
        "001_ef305ce8512267df",
        "004_a571cbaf7fa8eef7",
    ] {
        let embedded = post(&bundled, id).read_body().unwrap().text;
        let file = post(&on_disk, id).read_body().unwrap().text;
        assert_eq!(embedded, file);
        assert!(!embedded.starts_with("---"));
        assert_eq!(
            embedded.split_whitespace().count(),
            post(&bundled, id).words
        );
    }
    let body = post(&bundled, "001_ef305ce8512267df")
        .read_body()
        .unwrap()
        .text;
    assert!(body.starts_with("<img class=\"left\""));
}

#[test]
fn dates_sort_newest_first() {
    let corpus = load_bundled();
    let mut dated: Vec<&Post> = corpus.posts.iter().filter(|p| p.date.is_some()).collect();
    dated.sort_by_key(|p| std::cmp::Reverse(p.date.map(|d| d.sort_key())));
    let ids: Vec<&str> = dated.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "000_706fe552bd2b318a",
            "002_ae16db726f378c53",
            "001_ef305ce8512267df"
        ]
    );
}
