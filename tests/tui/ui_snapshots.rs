//! Snapshots of the browser on the bundled archive (ratatui `TestBackend` + insta),
//! plus cell-style checks where colour carries meaning.

use crate::harness::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use ratatui::style::{Color, Modifier};

#[test]
fn start_at_120x40() {
    let h = Harness::bundled(120, 40);
    assert_snapshot!(h.terminal.backend());
}

#[test]
fn start_at_80x24_without_preview() {
    let h = Harness::bundled(80, 24);
    assert!(!h.screen().contains("Preview"));
    assert_snapshot!(h.terminal.backend());
}

#[test]
fn query_highlights_matched_characters() {
    let mut h = Harness::bundled(120, 40);
    h.type_text("/paris");
    assert_snapshot!(h.terminal.backend());
    // The P-a-r-i-s of "DevOpsDays Paris" on the first list row are drawn as matches.
    let buffer = h.terminal.backend().buffer();
    let row = (0..buffer.area.height)
        .find(|&y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            line.contains("▌") && line.contains("DevOpsDays Paris")
        })
        .expect("the Paris post is selected");
    let matched: String = (0..buffer.area.width)
        .filter(|&x| {
            buffer[(x, row)].fg == Color::Yellow
                && buffer[(x, row)].modifier.contains(Modifier::BOLD)
        })
        .map(|x| buffer[(x, row)].symbol().to_string())
        .collect();
    assert_eq!(matched, "Paris");
}

#[test]
fn tag_selected() {
    let mut h = Harness::bundled(120, 40);
    h.key(KeyCode::Tab); // search box
    h.key(KeyCode::Tab); // tags
    h.type_text("/devops");
    h.key(KeyCode::Enter);
    assert_snapshot!(h.terminal.backend());
}

#[test]
fn author_selected() {
    let mut h = Harness::bundled(120, 40);
    h.key(KeyCode::BackTab); // authors
    h.type_text("/debois");
    h.key(KeyCode::Enter);
    assert_snapshot!(h.terminal.backend());
}

#[test]
fn help_overlay() {
    let mut h = Harness::bundled(120, 40);
    h.key(KeyCode::Char('?'));
    assert!(h.screen().contains("Keys"));
    assert_snapshot!(h.terminal.backend());
    h.key(KeyCode::Char('x'));
    assert!(!h.screen().contains("any key closes"));
}

#[test]
fn too_small_terminal() {
    let mut h = Harness::bundled(120, 40);
    h.resize(30, 8);
    assert_snapshot!(h.terminal.backend());
    for (w, hgt) in [(1, 1), (10, 3), (300, 100), (40, 10)] {
        h.resize(w, hgt);
        h.key(KeyCode::Char('j'));
    }
    assert!(h.screen().contains("Posts"));
}

#[test]
fn reader_on_post_001() {
    let mut h = Harness::bundled(100, 30);
    h.type_text("/two weeks");
    h.key(KeyCode::Enter);
    assert_snapshot!(h.terminal.backend());
}
