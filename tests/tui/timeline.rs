//! The Years pane: a timeline of the posts the query and facets leave, a bar and a
//! count per year (months under an opened year), undated posts on their own row, and
//! selecting a period filters the list like any facet.

use crate::harness::Harness;
use crossterm::event::KeyCode;
use shelf::app::Focus;

/// A small archive with dates across several years: 2019 (three posts over two
/// months), 2021 (two), 2023 (one) and two undated posts.
fn timeline_archive() -> (tempfile::TempDir, shelf::index::Library) {
    let dir = tempfile::tempdir().expect("tempdir");
    let posts: &[(&str, Option<&str>)] = &[
        ("a", Some("2019-03-02")),
        ("b", Some("2019-03-20")),
        ("c", Some("2019-11-05")),
        ("d", Some("2021-06-01")),
        ("e", Some("2021-07-14")),
        ("f", Some("2023-01-09")),
        ("g", None),
        ("h", None),
    ];
    for (name, date) in posts {
        let date = date.map_or(String::new(), |d| format!("date: {d}\n"));
        let text =
            format!("---\ntitle: Post {name}\n{date}tags: [t{name}]\n---\nBody of {name}.\n");
        std::fs::write(dir.path().join(format!("{name}.md")), text).expect("write");
    }
    let library = shelf::index::Library::new(shelf::corpus::load(&[dir.path().to_path_buf()]));
    (dir, library)
}

/// The rows of the Years pane as drawn (inside its border).
fn years_pane(h: &Harness) -> String {
    let area = shelf::app::geometry::browse_of(&h.app).years;
    let screen = h.screen();
    screen
        .lines()
        .skip(usize::from(area.y))
        .take(usize::from(area.height))
        .map(|line| {
            let cells: String = line
                .chars()
                .skip(usize::from(area.x))
                .take(usize::from(area.width))
                .collect();
            format!("{}\n", cells.trim_end())
        })
        .collect()
}

/// Moves the Years cursor to the row labelled `label`.
fn cursor_to(h: &mut Harness, label: &str) {
    h.tab_to(Focus::Years);
    h.key(KeyCode::Char('g'));
    for _ in 0..40 {
        let pane = &h.app.years;
        let entries = h
            .app
            .library
            .index
            .facets
            .entries(shelf::index::FacetKind::Year);
        let here = pane
            .rows
            .get(pane.scroll.selected)
            .and_then(|&e| entries.get(e as usize));
        if here.is_some_and(|e| e.key == label) {
            return;
        }
        h.key(KeyCode::Char('j'));
    }
    panic!("no Years row {label}");
}

#[test]
fn the_timeline_shows_years_newest_first_with_bars_and_undated_last() {
    let (_dir, library) = timeline_archive();
    let mut h = Harness::with_library(library, 100, 30);
    h.tab_to(Focus::Years);
    insta::assert_snapshot!("timeline_years", years_pane(&h));
}

#[test]
fn selecting_a_year_filters_the_list_and_opens_its_months() {
    let (_dir, library) = timeline_archive();
    let mut h = Harness::with_library(library, 100, 30);
    cursor_to(&mut h, "2019");
    h.key(KeyCode::Enter);
    let mut listed = h.listed_ids();
    listed.sort();
    assert_eq!(listed, ["a", "b", "c"]);
    assert!(h.screen().contains("when: 2019"), "{}", h.screen());
    insta::assert_snapshot!("timeline_2019_open", years_pane(&h));
    // A month inside the selected year narrows the year to it.
    cursor_to(&mut h, "2019-03");
    h.key(KeyCode::Enter);
    let mut listed = h.listed_ids();
    listed.sort();
    assert_eq!(listed, ["a", "b"]);
    // Another year adds its posts (periods combine with OR).
    cursor_to(&mut h, "2023");
    h.key(KeyCode::Enter);
    let mut listed = h.listed_ids();
    listed.sort();
    assert_eq!(listed, ["a", "b", "f"]);
}

#[test]
fn undated_posts_have_their_own_entry() {
    let (_dir, library) = timeline_archive();
    let mut h = Harness::with_library(library, 100, 30);
    cursor_to(&mut h, "undated");
    h.key(KeyCode::Enter);
    let mut listed = h.listed_ids();
    listed.sort();
    assert_eq!(listed, ["g", "h"]);
}

#[test]
fn the_timeline_counts_what_the_query_leaves() {
    let (_dir, library) = timeline_archive();
    let mut h = Harness::with_library(library, 100, 30);
    h.type_text("/!ta !tb !tc");
    h.key(KeyCode::Esc);
    let mut listed = h.listed_ids();
    listed.sort();
    assert_eq!(listed, ["d", "e", "f", "g", "h"]);
    let pane = years_pane(&h);
    let row_2019 = pane.lines().find(|l| l.contains("2019")).unwrap_or("");
    assert!(
        row_2019.trim_end_matches('│').trim_end().ends_with(" 0"),
        "{pane}"
    );
    insta::assert_snapshot!("timeline_under_a_query", pane);
}
