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
    h.tab_to(shelf::app::Focus::Tags);
    h.type_text("/devops");
    h.key(KeyCode::Enter);
    assert_snapshot!(h.terminal.backend());
}

#[test]
fn author_selected() {
    let mut h = Harness::bundled(120, 40);
    h.tab_to(shelf::app::Focus::Authors);
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
fn the_help_overlay_says_when_there_is_more_below() {
    let mut h = Harness::bundled(80, 24);
    h.key(KeyCode::Char('?'));
    let screen = h.screen();
    assert!(
        screen.contains("more ─") || screen.contains("more ┘"),
        "{screen}"
    );
    assert!(screen.contains("↓"), "{screen}");
    h.key(KeyCode::Char('G'));
    let screen = h.screen();
    assert!(screen.contains("↑ end"), "{screen}");
    assert!(!screen.contains("↓"), "{screen}");
}

#[test]
fn status_messages_and_hints_are_never_cut_mid_word() {
    for width in [40, 60, 80, 100, 120] {
        let mut h = Harness::bundled(width, 24);
        h.tab_to(shelf::app::Focus::Tags);
        h.key(KeyCode::Char(' '));
        h.key(KeyCode::Char('j'));
        h.key(KeyCode::Char(' '));
        let screen = h.screen();
        let status = screen.lines().last().unwrap_or_default().to_string();
        // Every word of the bar is a whole word of the summary or of a hint.
        assert!(!status.contains('…'), "{width}: {status}");
        h.app.status = Some("the link could not be opened because no browser was found".into());
        h.draw();
        let screen = h.screen();
        let status = screen.lines().last().unwrap_or_default().trim().to_string();
        let words: Vec<&str> = status.trim_end_matches('…').split(' ').collect();
        let message: Vec<&str> = "the link could not be opened because no browser was found"
            .split(' ')
            .collect();
        assert_eq!(&message[..words.len()], &words[..], "{width}: {status}");
    }
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

/// The archives the layout is checked on: the bundled one, one whose posts name no
/// author, and one whose posts have no date.
fn archive(name: &str) -> shelf::index::Library {
    match name {
        "bundled" => shelf::index::Library::new(shelf::corpus::load_bundled()),
        other => {
            let path = std::path::PathBuf::from(format!("tests/fixtures/browse/{other}"));
            shelf::index::Library::new(shelf::corpus::load(&[path]))
        }
    }
}

/// Every archive at every size, in colour and under `NO_COLOR`: the same characters
/// in both modes (markers and border weights, not colours, carry the cursor and
/// focus), each snapshot with its styles.
#[test]
fn archives_at_three_sizes_in_colour_and_without() {
    for name in ["bundled", "no-authors", "no-dates"] {
        for (width, height) in [(80, 24), (120, 40), (200, 50)] {
            let mut h = Harness::with_library(archive(name), width, height);
            // The Authors pane (Tags when there are no authors) has the keyboard, its
            // cursor on the second entry.
            h.tab_to(if name == "no-authors" {
                shelf::app::Focus::Tags
            } else {
                shelf::app::Focus::Authors
            });
            h.key(KeyCode::Char('j'));
            let coloured = h.styled();
            let text = h.screen();
            h.app.colour = false;
            h.draw();
            assert_eq!(h.screen(), text, "{name} {width}x{height}: same characters");
            let plain = h.styled();
            assert!(!plain.contains("fg=") && !plain.contains("bg="), "{plain}");
            assert!(
                plain.contains("REVERSED"),
                "{name} {width}x{height}: the cursor row shows without colour"
            );
            insta::assert_snapshot!(format!("{name}_{width}x{height}_colour"), coloured);
            insta::assert_snapshot!(format!("{name}_{width}x{height}_no_colour"), plain);
        }
    }
}

#[test]
fn every_seed_title_is_whole_at_120x40_with_the_preview() {
    let h = Harness::bundled(120, 40);
    let screen = h.screen();
    assert!(screen.contains("Preview"));
    for hit in h.app.hits.iter() {
        let post = h.app.library.post(hit.post).expect("post");
        assert!(
            screen
                .lines()
                .any(|l| l.contains(&format!(" {} ", post.title))),
            "{:?} is cut:\n{screen}",
            post.title
        );
    }
}

#[test]
fn an_empty_column_takes_no_room() {
    let h = Harness::with_library(archive("no-dates"), 120, 40);
    let screen = h.screen();
    // No date column: the title starts right after the cursor and unread markers.
    assert!(
        screen.contains("▌• Writing Kubernetes operators") || screen.contains("▌• Chaos days"),
        "{screen}"
    );
    let h = Harness::with_library(archive("no-authors"), 120, 40);
    // The empty Authors pane shrinks to one line.
    assert_eq!(h.app.size.height, 40);
    let layout = shelf::app::geometry::browse_of(&h.app);
    assert_eq!(layout.authors.height, 3);
}

#[test]
fn reader_ends_with_the_related_posts() {
    let mut h = Harness::bundled(100, 30);
    h.type_text("/two weeks");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('G'));
    let screen = h.screen();
    assert!(screen.contains("Related"), "{screen}");
    assert_snapshot!(h.terminal.backend());
}
