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

fn open_post(h: &mut Harness, query: &str) {
    h.type_text(&format!("/{query}"));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reader);
}

#[test]
fn reader_search_counts_and_moves_between_matches() {
    let mut h = Harness::bundled(100, 30);
    open_post(&mut h, "paris 2013");
    h.type_text("/mozilla");
    let total = h.app.reader.matches.len();
    assert!(total >= 5, "{total} matches");
    assert!(
        h.screen()
            .contains(&format!("match 1 of {total} for mozilla")),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('n'));
    assert!(h.screen().contains(&format!("match 2 of {total}")));
    h.key(KeyCode::Char('N'));
    h.key(KeyCode::Char('N'));
    assert!(h.screen().contains(&format!("match {total} of {total}")));
    // The current match is on screen.
    let m = h.app.reader.matches[total - 1];
    let height = shelf::ui::layout::reader(h.app.size).body.height as usize;
    assert!(m.line >= h.app.reader.scroll && m.line < h.app.reader.scroll + height);
    // Esc clears the search first, then leaves the reader.
    h.key(KeyCode::Esc);
    assert!(h.app.reader.matches.is_empty());
    assert_eq!(h.app.screen, Screen::Reader);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Browse);
}

#[test]
fn reader_tab_focuses_links_and_l_jumps_to_the_link_list() {
    let mut h = Harness::bundled(100, 30);
    open_post(&mut h, "two weeks");
    h.key(KeyCode::Char('l'));
    assert!(h.screen().contains("Links"));
    assert!(
        h.screen()
            .contains("[2] Devopsdays 09 <http://www.devopsdays.org/>")
    );
    h.key(KeyCode::Char('l'));
    assert_eq!(h.app.reader.scroll, 0, "l again goes back");
    h.key(KeyCode::Tab);
    assert_eq!(h.app.reader.link, Some(0));
    assert!(h.screen().contains("[1] image: devopsdays-09-logo.png"));
    h.key(KeyCode::Tab);
    assert_eq!(h.app.reader.link, Some(1));
    h.key(KeyCode::BackTab);
    h.key(KeyCode::BackTab);
    assert_eq!(
        h.app.reader.link,
        Some(11),
        "Shift-Tab wraps to the last link"
    );
    // Enter on the focused (last) link opens the YouTube movie.
    h.key(KeyCode::Enter);
    assert_eq!(h.host.opened.len(), 1);
    assert!(h.host.opened[0].starts_with("http://www.youtube.com/v/EOveXZhJpr4"));
    // y copies the URL of link 2.
    h.type_text("2y");
    assert_eq!(h.host.copied, ["http://www.devopsdays.org/"]);
    // A number that is not a link says so.
    h.type_text("99");
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("no link [99]"));
    assert_eq!(h.host.opened.len(), 1);
}

#[test]
fn reader_scrolls_with_keys_and_reports_position() {
    let mut h = Harness::bundled(100, 20);
    open_post(&mut h, "paris 2013");
    h.key(KeyCode::Char(' '));
    let page = h.app.reader.scroll;
    assert!(page > 10);
    h.key(KeyCode::Char('G'));
    let bottom = h.app.reader.scroll;
    assert!(bottom > page);
    assert!(h.screen().contains("100%"));
    h.key(KeyCode::Char('g'));
    assert_eq!(h.app.reader.scroll, 0);
}

#[test]
fn late_search_results_never_overwrite_newer_ones() {
    use shelf::app::run_search;
    use shelf::runtime::Event;
    let mut h = Harness::bundled(120, 40);
    h.host.defer_searches = true;
    h.type_text("/par");
    // Nothing answered yet: the list still shows everything, and says it is searching.
    assert_eq!(h.listed_ids().len(), 5);
    assert!(h.screen().contains("searching…"));
    h.type_text("is");
    let requests = std::mem::take(&mut h.host.searches);
    assert_eq!(requests.len(), 5);
    let newest = run_search(&requests[4]);
    let oldest = run_search(&requests[0]);
    h.event(Event::SearchDone(Box::new(newest)));
    let answered = h.listed_ids();
    assert!(answered.len() < 5);
    assert_eq!(answered[0], "004_a571cbaf7fa8eef7");
    assert!(!h.screen().contains("searching…"));
    // The answer to "p" arrives last: it is dropped.
    h.event(Event::SearchDone(Box::new(oldest)));
    assert_eq!(h.listed_ids(), answered);
}

#[test]
fn enter_right_after_typing_opens_the_best_match_of_what_was_typed() {
    let mut h = Harness::bundled(120, 40);
    h.host.defer_searches = true;
    h.type_text("/paris 2013");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reader);
    let post = h.app.library.post(h.app.reader.post).expect("post");
    assert_eq!(post.id, "004_a571cbaf7fa8eef7");
}

#[test]
fn a_long_post_opens_at_once_and_fills_in_when_rendered() {
    use shelf::runtime::Event;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut body = String::from("---\ntitle: A very long post\n---\n");
    for i in 0..4000 {
        body.push_str(&format!(
            "Paragraph {i} with [a link](https://example.com/{i}).\n\n"
        ));
    }
    assert!(body.len() > 200_000);
    std::fs::write(dir.path().join("long.md"), &body).expect("write");
    let library = shelf::app::Library::new(shelf::corpus::load(&[dir.path().to_path_buf()]));
    let mut h = Harness::with_library(library, 100, 30);
    h.host.defer_renders = true;
    h.key(KeyCode::Enter);
    // The opening is on screen right away; the whole post is being rendered.
    assert!(h.screen().contains("Paragraph 0 with a link[1]"));
    assert!(h.screen().contains("rendering…"));
    let request = h.host.renders.pop().expect("a render was asked for");
    let partial_links = h
        .app
        .rendered_body(h.app.reader.post, request.key.1)
        .map_or(0, |r| r.links.len());
    assert!(partial_links < 4000);
    // The user scrolls meanwhile; the whole post replaces the opening, scroll kept.
    h.key(KeyCode::Char('j'));
    h.event(Event::Rendered(
        request.key,
        std::sync::Arc::new(request.run()),
    ));
    assert_eq!(h.app.reader.scroll, 1);
    assert!(!h.screen().contains("rendering…"));
    let whole = h
        .app
        .rendered_body(h.app.reader.post, request.key.1)
        .expect("rendered");
    assert_eq!(whole.links.len(), 4000);
    h.key(KeyCode::Char('G'));
    assert!(
        h.screen().contains("[4000] <https://example.com/3999>")
            || h.screen().contains("https://example.com/3999")
    );
}
