//! The people rules of issue 10 (`src/corpus/authors.rs`) on fixtures written in the
//! shapes real archives use, one small post per shape under
//! `tests/fixtures/corpus/people/`: YAML list items, TOML lists, strings, pipe roles and
//! placeholders (own text, invented people); plus, ignored (CI runs it), the shared
//! corpora, where no author may be a number or a placeholder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use shelf::corpus::{Corpus, load};

/// Every post of the people fixtures and exactly the authors it must give.
const EXPECTED: &[(&str, &[&str])] = &[
    // YAML list items split like strings.
    (
        "yaml-lists/ampersand-in-an-item",
        &["Ana Ruiz", "Tom Baker"],
    ),
    ("yaml-lists/comma-in-an-item", &["Ana Ruiz", "Tom Baker"]),
    (
        "yaml-lists/oxford-comma",
        &["Ana Ruiz", "Tom Baker", "Li Wei"],
    ),
    ("yaml-lists/first-names", &["Ana", "Tom", "Li", "Sam"]),
    ("yaml-lists/logins", &["aruiz", "tbaker", "lwei"]),
    ("yaml-lists/family-name-comma", &["RUIZ, Ana", "Tom Baker"]),
    (
        "yaml-lists/role-in-an-item",
        &["Ana Ruiz", "Tom Baker", "Li Wei"],
    ),
    // TOML lists.
    (
        "toml-lists/index",
        &["Ana Ruiz", "Tom Baker", "Li Wei", "BAKER, Tom"],
    ),
    (
        "toml-lists/oxford",
        &["Ana Ruiz", "Tom Baker", "Li Wei", "sam"],
    ),
    // Strings.
    ("strings/role-after-comma", &["Diego Delgado"]),
    ("strings/title-with-and", &["Sam Syed"]),
    ("strings/dash-after-role", &["Pat Tyagi"]),
    ("strings/people-and-family-name", &["NARUSE, Yui"]),
    ("strings/affiliation", &["Nika Example"]),
    ("strings/html-entities", &["Tomaž Example", "Aleš Example"]),
    ("strings/dangling-joiner", &["Ana Ruiz", "Li Wei"]),
    (
        "strings/many-people",
        &[
            "Lydia Example",
            "Jade Example",
            "Ben Example",
            "Brad Example",
        ],
    ),
    // Pipes.
    ("pipe-roles/pipe-in-a-string", &["Aaron Lamond"]),
    (
        "pipe-roles/pipe-in-a-list",
        &["Ana Ruiz", "Tom Baker", "Li Wei"],
    ),
    // Placeholders.
    ("placeholders/speaker-number", &[]),
    ("placeholders/proposal-number", &[]),
    ("placeholders/unknown-author", &[]),
    ("placeholders/words", &[]),
    ("placeholders/number", &[]),
    ("placeholders/mixed-toml", &["Ana Ruiz", "admin"]),
    ("placeholders/fallback-key", &["Li Wei"]),
];

fn people_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/people")
}

#[test]
fn every_people_fixture_gives_exactly_its_authors() {
    let corpus = load(&[people_fixtures()]);
    assert_eq!(corpus.skipped, 0, "{:?}", corpus.diagnostics);
    let found: BTreeMap<&str, Vec<&str>> = corpus
        .posts
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.authors.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let expected: BTreeMap<&str, Vec<&str>> = EXPECTED
        .iter()
        .map(|(id, authors)| (*id, authors.to_vec()))
        .collect();
    // Every fixture is in the table and the table names no missing fixture.
    assert_eq!(
        found.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (id, authors) in &expected {
        assert_eq!(&found[id], authors, "{id}");
    }
}

const CORPORA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora");

/// Loads each distinct name as the one author of a post of its own and returns the
/// names that do not come back unchanged: the loader's own rules (its placeholder
/// predicate among them) would not give that name, so the loader should not have.
fn names_the_rules_do_not_keep(names: &BTreeSet<&str>) -> Vec<(String, Vec<String>)> {
    let dir = tempfile::tempdir().unwrap();
    let by_file: Vec<&str> = names.iter().copied().collect();
    for (n, name) in by_file.iter().enumerate() {
        let quoted = serde_json::to_string(name).unwrap();
        std::fs::write(
            dir.path().join(format!("{n}.md")),
            format!("---\ntitle: Name {n}\nauthor: {quoted}\n---\n"),
        )
        .unwrap();
    }
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.posts.len(), by_file.len());
    corpus
        .posts
        .iter()
        .filter_map(|post| {
            let name = by_file[post.id.parse::<usize>().unwrap()];
            (post.authors != [name]).then(|| (name.to_string(), post.authors.clone()))
        })
        .collect()
}

#[test]
fn the_corpus_check_finds_placeholders_roles_and_pairs() {
    let names = BTreeSet::from([
        "Ana Ruiz",
        "NARUSE, Yui",
        "k0kubun",
        "Unknown Author",
        "Speaker 2",
        "Ana Ruiz, CTO",
        "Tom Baker & Li Wei",
    ]);
    let mut not_kept: Vec<String> = names_the_rules_do_not_keep(&names)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    not_kept.sort();
    assert_eq!(
        not_kept,
        [
            "Ana Ruiz, CTO",
            "Speaker 2",
            "Tom Baker & Li Wei",
            "Unknown Author"
        ]
    );
}

fn check_people(collection: &str) {
    let root = PathBuf::from(CORPORA).join(collection);
    assert!(root.is_dir(), "{} is missing", root.display());
    let corpus: Corpus = load(std::slice::from_ref(&root));
    let names: BTreeSet<&str> = corpus
        .posts
        .iter()
        .flat_map(|p| p.authors.iter().map(String::as_str))
        .collect();
    let with_authors = corpus
        .posts
        .iter()
        .filter(|p| !p.authors.is_empty())
        .count();
    println!(
        "{collection}: {} posts, {with_authors} with authors, {} distinct authors",
        corpus.posts.len(),
        names.len()
    );
    // The shapes worth a look by eye: what the rules left with a comma, a pipe, an
    // `and`, a digit.
    for name in names.iter().filter(|n| {
        n.contains([',', '|'])
            || n.to_lowercase().contains(" and ")
            || n.chars().any(|c| c.is_ascii_digit())
    }) {
        println!("  {name}");
    }
    let no_letter: Vec<&&str> = names
        .iter()
        .filter(|n| !n.chars().any(char::is_alphabetic))
        .collect();
    assert!(
        no_letter.is_empty(),
        "authors without a letter: {no_letter:?}"
    );
    let not_kept = names_the_rules_do_not_keep(&names);
    assert!(
        not_kept.is_empty(),
        "authors the rules would not give (placeholders, roles, several people): {not_kept:?}"
    );
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn people_in_devopsdays_are_named() {
    check_people("devopsdays");
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn people_in_hpe_dev_portal_are_named() {
    check_people("hpe-dev-portal");
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn people_in_ruby_lang_news_are_named() {
    check_people("ruby-lang-news");
}
