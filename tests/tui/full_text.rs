//! The search box's full-text mode through the real event loop, with an in-memory
//! index of the bundled archive: a word only in one post's body finds it, its best line
//! shows under it, the facets still filter, and Enter opens the reader on the match.

use crossterm::event::{KeyCode, KeyModifiers};
use shelf::app::{Remembered, Save, Screen};
use shelf::index::Library;
use shelf::tui::event_loop::Event;

use crate::harness::Harness;

fn harness() -> Harness {
    Harness::with_full_text(Library::new(shelf::corpus::load_bundled()), 120, 40)
}

fn ctrl_t(h: &mut Harness) {
    h.key_with(KeyCode::Char('t'), KeyModifiers::CONTROL);
}

/// A browser on the bundled archive with `text` typed into the full-text search box.
fn searching(text: &str) -> Harness {
    let mut h = harness();
    h.key(KeyCode::Char('/'));
    ctrl_t(&mut h);
    assert!(h.app.text.on, "Ctrl-t switched to full text");
    h.type_text(text);
    h
}

#[test]
fn a_word_only_in_a_body_finds_its_post_with_the_line_under_it() {
    let mut h = harness();
    h.key(KeyCode::Char('/'));
    ctrl_t(&mut h);
    assert!(h.app.text.on);
    assert!(
        h.screen().contains("Full text · Ctrl-t titles"),
        "{}",
        h.screen()
    );
    h.type_text("Mozilla");
    assert_eq!(h.app.hits.len(), 1, "{}", h.screen());
    let post = h.app.library.post(h.app.hits[0].post).expect("post");
    assert!(post.title.contains("Paris"), "{}", post.title);
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("Mozilla"))
        .unwrap_or_else(|| panic!("the best line is under the hit:\n{screen}"));
    assert!(!line.contains("Paris 2013"), "a line of its own: {line}");
    // The fuzzy search finds nothing for the same word: it is only in the body.
    ctrl_t(&mut h);
    assert!(!h.app.text.on);
    assert_eq!(h.app.hits.len(), 0, "{}", h.screen());
}

#[test]
fn enter_opens_the_reader_on_the_first_match() {
    let mut h = searching("Mozilla");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reader);
    assert_eq!(h.app.reader.search_text(), "Mozilla");
    assert!(!h.app.reader.matches.is_empty(), "found in the post");
    assert_eq!(h.app.reader.current, Some(0), "on the first match");
    let line = h.app.reader.matches[0].line;
    assert!(
        line >= h.app.reader.scroll && line < h.app.reader.scroll + 38,
        "the match is on screen"
    );
}

#[test]
fn the_facets_filter_full_text_hits_and_phrases_match_as_phrases() {
    let mut h = searching("\"wall of confusion\"");
    let ids: Vec<String> = h.listed_ids();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert!(ids[0].starts_with("000"), "{ids:?}");
    // A tag post 000 does not carry leaves nothing.
    h.key(KeyCode::Esc);
    h.tab_to(shelf::app::Focus::Tags);
    let rows = h.app.tags.rows.clone();
    let facets = &h.app.library.index.facets;
    let other = rows
        .iter()
        .position(|&e| {
            facets.entries(shelf::index::FacetKind::Tag)[e as usize].key == "monthy python"
        })
        .expect("a tag of another post");
    for _ in 0..other {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char(' '));
    assert!(h.app.hits.is_empty(), "{}", h.screen());
}

#[test]
fn a_full_text_session_comes_back_in_full_text_mode_on_the_same_post() {
    // What a session left in full-text mode saves.
    let mut h = searching("devops");
    assert!(h.app.hits.len() >= 3, "{}", h.screen());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    let chosen = h.app.selected_post().expect("a post");
    let chosen_id = h.app.library.post(chosen).expect("post").id.clone();
    h.event(Event::Remembered(Box::default()));
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('k'));
    let saved = h
        .host
        .saved
        .iter()
        .rev()
        .find_map(|s| match s {
            Save::Session(s) => Some(s.clone()),
            _ => None,
        })
        .expect("a session saved");
    assert!(saved.full_text);
    assert_eq!(saved.query, "devops");
    assert_eq!(saved.selected.as_deref(), Some(chosen_id.as_str()));

    // A new start on it: the same mode, the index's hits, the cursor on the same post.
    let mut h = harness();
    h.event(Event::Remembered(Box::new(Remembered {
        session: Some(*saved),
        ..Remembered::default()
    })));
    assert!(h.app.text.on, "back in full-text mode");
    assert!(
        h.screen().contains("Full text · Ctrl-t titles"),
        "{}",
        h.screen()
    );
    let found = h.app.text.found.as_ref().expect("the index answered");
    assert_eq!(
        h.app.hits.len(),
        found.hits.len(),
        "the list is the index's hits"
    );
    let selected = h.app.selected_post().expect("a post");
    assert_eq!(h.app.library.post(selected).expect("post").id, chosen_id);
    assert_ne!(h.app.list.selected, 0, "not simply the best hit");
}

#[test]
fn the_status_bar_says_how_far_the_full_text_index_is_in_either_mode() {
    let mut h = harness();
    h.event(Event::TextIndexing(Some((250, 1000))));
    assert!(
        h.screen().contains("indexing full text 25%"),
        "{}",
        h.screen()
    );
    h.event(Event::TextIndexing(None));
    assert!(!h.screen().contains("indexing full text"), "{}", h.screen());
}
