//! Whole-app scripts on the bundled archive: keys in, state and screen out.

mod common;

use common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use shelf::app::Screen;
use shelf::index::FacetKind;

fn author_count(h: &Harness, name: &str) -> u32 {
    let facets = &h.app.library.index.facets;
    let entry = facets.find(FacetKind::Author, name).expect("author exists");
    h.app.author_counts[entry as usize]
}

#[test]
fn tag_then_author_narrow_the_list_and_update_counts() {
    let mut h = Harness::bundled(120, 40);
    assert_eq!(h.listed_ids().len(), 5);
    assert_eq!(author_count(&h, "Stéphane Goudeau"), 1);

    // Tags pane, filter it to `devops`, select the exact entry.
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.type_text("/devops");
    let tags = &h.app.tags;
    let first = tags.rows[tags.scroll.selected];
    assert_eq!(
        h.app.library.index.facets.tags[first as usize].key,
        "devops"
    );
    h.key(KeyCode::Enter);
    let mut ids = h.listed_ids();
    ids.sort();
    assert_eq!(ids, ["000_706fe552bd2b318a", "001_ef305ce8512267df"]);
    assert!(h.screen().contains("2 of 5 posts"));
    assert_eq!(author_count(&h, "Didier Lalli"), 1);
    assert_eq!(author_count(&h, "Patrick Debois"), 1);
    assert_eq!(author_count(&h, "Stéphane Goudeau"), 0);

    // Authors pane: pick Patrick Debois.
    h.key(KeyCode::Tab);
    h.type_text("/patrick");
    h.key(KeyCode::Enter);
    assert_eq!(h.listed_ids(), ["001_ef305ce8512267df"]);
    assert!(h.screen().contains("1 of 5 posts"));

    // `c` clears every filter.
    h.key(KeyCode::Char('c'));
    assert_eq!(h.listed_ids().len(), 5);
}

#[test]
fn search_enter_opens_the_best_match_and_back_returns() {
    let mut h = Harness::bundled(120, 40);
    h.type_text("/paris");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reader);
    assert!(h.screen().contains("I recently helped organise"));
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.reader.scroll, 1);
    h.key(KeyCode::Char('q'));
    assert_eq!(h.app.screen, Screen::Browse);
    assert!(h.running);
    // Esc clears the query; q at the top quits.
    h.key(KeyCode::Esc);
    assert_eq!(h.listed_ids().len(), 5);
    h.key(KeyCode::Char('q'));
    assert!(!h.running);
}

#[test]
fn esc_leaves_the_box_then_clears_the_query() {
    let mut h = Harness::bundled(120, 40);
    h.type_text("/paris");
    let filtered = h.listed_ids().len();
    assert!(filtered < 5);
    h.key(KeyCode::Esc);
    assert_eq!(h.listed_ids().len(), filtered);
    h.key(KeyCode::Esc);
    assert_eq!(h.listed_ids().len(), 5);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let mut h = Harness::bundled(80, 24);
    h.type_text("/x");
    h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!h.running);
}

#[test]
fn sort_cycles_and_rank_toggle_keeps_date_order() {
    let mut h = Harness::bundled(120, 40);
    assert!(h.screen().contains("sort: date"));
    h.key(KeyCode::Char('s'));
    assert!(h.screen().contains("sort: date"));
    h.key(KeyCode::Char('s'));
    assert!(h.screen().contains("sort: title"));
    let ids = h.listed_ids();
    let titles: Vec<String> = ids
        .iter()
        .filter_map(|id| h.app.library.corpus.posts.iter().find(|p| &p.id == id))
        .map(|p| p.title.to_lowercase())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
}

#[test]
fn mouse_wheel_and_click_select() {
    use crossterm::event::{Event as TermEvent, MouseButton, MouseEvent, MouseEventKind};
    use shelf::runtime::Event;
    let mut h = Harness::bundled(120, 40);
    let click = |column, row| {
        Event::Terminal(TermEvent::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }))
    };
    // Third row of the list (list inner starts at row 4, column 25+).
    h.event(click(40, 6));
    assert_eq!(h.app.list.selected, 2);
    h.event(Event::Terminal(TermEvent::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 40,
        row: 6,
        modifiers: KeyModifiers::NONE,
    })));
    assert_eq!(h.app.list.offset, 0, "five posts fit: nothing to scroll");
}
