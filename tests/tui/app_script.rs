//! Whole-app scripts on the bundled archive: keys in, state and screen out.

use crate::harness::{Folder, Harness};
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
    h.tab_to(shelf::app::Focus::Tags);
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
    use shelf::tui::event_loop::Event;
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
    // A click on a tag selects it, as the README says; a second click deselects it.
    let first_tag = h.app.tags.rows[0];
    let inner = shelf::app::geometry::inner(shelf::app::geometry::browse_of(&h.app).tags);
    h.event(click(inner.x + 2, inner.y));
    assert!(
        h.app.filter.tags.contains(&first_tag),
        "selected by the click"
    );
    assert!(h.listed_ids().len() < 5);
    let row = h
        .app
        .tags
        .rows
        .iter()
        .position(|&e| e == first_tag)
        .expect("still listed");
    h.event(click(inner.x + 2, inner.y + row as u16));
    assert!(h.app.filter.tags.is_empty(), "and deselected by another");
    assert_eq!(h.listed_ids().len(), 5);
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
    let height = shelf::app::geometry::reader(h.app.size).body.height as usize;
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
        Some(12),
        "Shift-Tab wraps to the last link, the related post"
    );
    h.key(KeyCode::BackTab);
    assert_eq!(h.app.reader.link, Some(11));
    // Enter on the focused (last of the body) link opens the YouTube movie.
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
    use shelf::index::request::run as run_search;
    use shelf::tui::event_loop::Event;
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
    use shelf::index::request::run as run_search;
    use shelf::tui::event_loop::Event;
    let mut h = Harness::bundled(120, 40);
    h.host.defer_searches = true;
    h.type_text("/paris 2013");
    h.key(KeyCode::Enter);
    // Enter never waits: the reader opens when the search of what was typed answers.
    assert_eq!(h.app.screen, Screen::Browse);
    let requests = std::mem::take(&mut h.host.searches);
    let first = run_search(&requests[0]);
    h.event(Event::SearchDone(Box::new(first)));
    assert_eq!(
        h.app.screen,
        Screen::Browse,
        "an older answer opens nothing"
    );
    let newest = run_search(requests.last().expect("a search per key"));
    h.event(Event::SearchDone(Box::new(newest)));
    assert_eq!(h.app.screen, Screen::Reader);
    let post = h.app.library.post(h.app.reader.post).expect("post");
    assert_eq!(post.id, "004_a571cbaf7fa8eef7");
}

#[test]
fn a_long_post_opens_at_once_and_fills_in_when_rendered() {
    use shelf::tui::event_loop::Event;
    let folder = Folder::new();
    let mut body = String::new();
    for i in 0..4000 {
        body.push_str(&format!(
            "Paragraph {i} with [a link](https://example.com/{i}).\n\n"
        ));
    }
    assert!(body.len() > 200_000);
    folder.post("long.md", "title: A very long post", &body);
    let mut h = Harness::with_library(folder.library(), 100, 30);
    h.host.defer_renders = true;
    h.key(KeyCode::Enter);
    // The worker reads and renders; for a long post it sends the opening first.
    let request = h.host.renders.pop().expect("a render was asked for");
    assert!(request.key.whole);
    let mut parts = shelf::tui::workers::render_all(&request).into_iter();
    let opening = parts.next().expect("the opening");
    let whole = parts.next().expect("then the whole post");
    assert!(!opening.complete && whole.complete);
    h.event(Event::Rendered(Box::new(opening)));
    // The opening is on screen right away; the whole post is being rendered.
    assert!(h.screen().contains("Paragraph 0 with a link[1]"));
    assert!(h.screen().contains("rendering…"));
    let shown_links = |h: &Harness| {
        shelf::app::viewport::shown_render(&h.app).map_or(0, |r| r.rendered.links.len())
    };
    assert!(shown_links(&h) < 4000);
    // The user scrolls meanwhile; the whole post replaces the opening, scroll kept.
    h.key(KeyCode::Char('j'));
    assert!(
        h.host.renders.is_empty(),
        "no second request while one is on its way"
    );
    h.event(Event::Rendered(Box::new(whole)));
    assert_eq!(h.app.reader.scroll, 1);
    assert!(!h.screen().contains("rendering…"));
    assert_eq!(shown_links(&h), 4000);
    h.key(KeyCode::Char('G'));
    assert!(
        h.screen().contains("[4000] <https://example.com/3999>")
            || h.screen().contains("https://example.com/3999")
    );
}

/// A long post opened with renders held back: returns the harness and the two parts
/// (the opening, then the whole) the worker would send.
fn long_post_rendering() -> (
    Harness,
    shelf::tui::event::RenderDone,
    shelf::tui::event::RenderDone,
    Folder,
) {
    let folder = Folder::new();
    let mut body = String::new();
    for i in 0..4000 {
        body.push_str(&format!("Paragraph {i} says hello.\n\n"));
    }
    body.push_str("The needle is only at the very end.");
    folder.post("long.md", "title: A very long post", &body);
    let mut h = Harness::with_library(folder.library(), 100, 30);
    h.host.defer_renders = true;
    h.key(KeyCode::Enter);
    let request = h.host.renders.pop().expect("a render was asked for");
    let mut parts = shelf::tui::workers::render_all(&request).into_iter();
    let opening = parts.next().expect("the opening");
    let whole = parts.next().expect("then the whole post");
    (h, opening, whole, folder)
}

#[test]
fn end_pressed_while_a_long_post_renders_lands_at_its_end() {
    use shelf::tui::event_loop::Event;
    let (mut h, opening, whole, _folder) = long_post_rendering();
    h.event(Event::Rendered(Box::new(opening)));
    h.key(KeyCode::Char('G'));
    let opening_end = h.app.reader.scroll;
    h.event(Event::Rendered(Box::new(whole)));
    assert!(h.app.reader.scroll > opening_end, "G was not lost");
    assert_eq!(
        h.app.reader.scroll,
        shelf::app::viewport::reader_max_scroll(&h.app)
    );
    assert!(h.screen().contains("The needle is only at the very end."));
}

#[test]
fn a_search_typed_while_a_long_post_renders_finds_what_is_past_the_opening() {
    use shelf::tui::event_loop::Event;
    let (mut h, opening, whole, _folder) = long_post_rendering();
    h.event(Event::Rendered(Box::new(opening)));
    h.key(KeyCode::Char('/'));
    h.type_text("needle");
    assert!(h.screen().contains("no match") || h.app.reader.matches.is_empty());
    h.event(Event::Rendered(Box::new(whole)));
    assert_eq!(
        h.app.reader.matches.len(),
        1,
        "found again in the whole post"
    );
    assert_eq!(h.app.reader.current, Some(0), "and jumped to");
    assert!(h.screen().contains("The needle is only at the very end."));
}

#[test]
fn every_change_to_the_list_is_a_search_for_a_worker_never_one_in_place() {
    use shelf::index::request::run as run_search;
    use shelf::tui::event_loop::Event;
    let mut h = Harness::bundled(120, 40);
    h.host.defer_searches = true;
    let dates: Vec<String> = h.listed_ids();
    assert_eq!(dates.len(), 5);
    // Each step changes what the list answers; none may search on the UI thread.
    type Step = Box<dyn Fn(&mut Harness)>;
    let steps: Vec<(&str, Step)> = vec![
        ("sort", Box::new(|h| h.key(KeyCode::Char('s')))),
        (
            "rank toggle",
            Box::new(|h| h.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        ),
        ("unread only", Box::new(|h| h.key(KeyCode::Char('U')))),
        ("typed query", Box::new(|h| h.type_text("/par"))),
        (
            "Esc Esc clears",
            Box::new(|h| {
                h.key(KeyCode::Esc);
                h.key(KeyCode::Esc);
            }),
        ),
        (
            "facet toggle",
            Box::new(|h| {
                h.tab_to(shelf::app::Focus::Tags);
                h.key(KeyCode::Char(' '));
            }),
        ),
        ("tag mode", Box::new(|h| h.key(KeyCode::Char('m')))),
        ("pane filter", Box::new(|h| h.type_text("/o"))),
        (
            "clear all",
            Box::new(|h| {
                h.key(KeyCode::Esc);
                h.key(KeyCode::Esc);
                h.key(KeyCode::Char('c'));
            }),
        ),
    ];
    for (what, step) in steps {
        let asked = h.host.searches_asked;
        step(&mut h);
        assert!(h.host.searches_asked > asked, "{what} asked for a search");
        assert!(h.app.search_pending, "{what}: the answer is still to come");
        let request = h.host.searches.pop().expect("a deferred search");
        h.host.searches.clear();
        h.event(Event::SearchDone(Box::new(run_search(&request))));
        assert!(!h.app.search_pending, "{what}: answered");
    }
    // `c` cleared the query and the facets: every post is listed again.
    let mut ids = h.listed_ids();
    ids.sort();
    let mut all = dates;
    all.sort();
    assert_eq!(ids, all);
}

#[test]
fn moving_the_cursor_asks_a_worker_for_the_preview() {
    let mut h = Harness::bundled(120, 40);
    h.host.defer_renders = true;
    let asked = h.host.renders_asked;
    h.key(KeyCode::Char('j'));
    assert_eq!(h.host.renders_asked, asked + 1);
    assert!(h.screen().contains("Loading…"), "{}", h.screen());
    let request = h.host.renders.pop().expect("a deferred render");
    assert!(!request.key.whole, "the preview renders only the opening");
    for part in shelf::tui::workers::render_all(&request) {
        h.event(shelf::tui::event_loop::Event::Rendered(Box::new(part)));
    }
    assert!(!h.screen().contains("Loading…"));
    // Back up: that preview is cached, nothing more to render.
    h.key(KeyCode::Char('k'));
    h.key(KeyCode::Char('j'));
    assert!(
        h.host.renders.len() <= 1,
        "only the first post, never shown yet"
    );
}

#[test]
fn the_257th_rendered_post_stays_on_screen() {
    let folder = Folder::new();
    let count = shelf::app::cache::CACHE_LIMIT + 44;
    for i in 0..count {
        let front_matter = format!("title: Post number {i:03}\ndate: 2020-01-01");
        folder.post(&format!("{i:03}.md"), &front_matter, &format!("Body {i}."));
    }
    let mut h = Harness::with_library(folder.library(), 120, 40);
    for step in 1..count {
        h.key(KeyCode::Char('j'));
        let shown = shelf::app::viewport::shown_render(&h.app);
        assert!(
            shown.is_some(),
            "the preview after {step} moves is in the cache"
        );
        assert!(
            !h.screen().contains("Loading…"),
            "step {step}: {}",
            h.screen()
        );
    }
    assert_eq!(h.app.rendered.len(), shelf::app::cache::CACHE_LIMIT);
}

#[test]
fn a_larger_part_of_the_archive_arriving_keeps_the_filter_the_cursor_and_the_reader() {
    use shelf::tui::event_loop::Event;
    use std::sync::Arc;
    let folder = Folder::new();
    folder.named("b", "tags: [go]");
    folder.named("d", "tags: [go, rust]");
    let load = || folder.library();
    let mut h = Harness::with_library(load(), 100, 30);
    h.event(Event::Partial(Arc::new(load())));
    // Select `rust` in the Tags pane, then open the one post it leaves.
    h.tab_to(shelf::app::Focus::Tags);
    h.type_text("/rust");
    h.key(KeyCode::Enter);
    assert_eq!(h.listed_ids(), ["d"]);
    h.key(KeyCode::Esc);
    h.key(KeyCode::BackTab);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reader);

    // More of the archive arrives: posts sorted before `d`, and more `rust` posts.
    folder.named("a", "tags: [rust]");
    folder.named("c", "tags: [ada]");
    h.event(Event::Loaded(Arc::new(load())));
    assert_eq!(h.app.library.corpus.posts.len(), 4);
    assert_eq!(h.app.screen, Screen::Reader, "the reader stays open");
    let shown = h.app.library.post(h.app.reader.post).expect("post");
    assert_eq!(shown.id, "d", "on the same post, now at another index");
    assert!(h.screen().contains("Body of d."));
    let mut ids = h.listed_ids();
    ids.sort();
    assert_eq!(
        ids,
        ["a", "d"],
        "the `rust` filter holds in the new library"
    );
    let tags = &h.app.library.index.facets;
    let rust = tags.find(FacetKind::Tag, "rust").expect("rust");
    assert!(h.app.filter.tags.contains(&rust));
    h.key(KeyCode::Char('q'));
    assert_eq!(h.app.screen, Screen::Browse);
    assert_eq!(
        h.app.selected_post(),
        Some(h.app.reader.post),
        "cursor on d"
    );
}

#[test]
fn the_search_box_shows_how_far_loading_is() {
    use shelf::tui::event_loop::Event;
    let mut h = Harness::with_library(shelf::index::Library::default(), 100, 30);
    h.app.loading = true;
    h.event(Event::Progress(shelf::app::LoadProgress {
        read: 34_112,
        expected: Some(100_000),
    }));
    assert!(
        h.screen().contains("loading: 34,112 of ~100,000 read"),
        "{}",
        h.screen()
    );
}

#[test]
fn a_provisional_answer_shows_the_posts_and_the_ranked_one_places_the_cursor() {
    use shelf::index::request::{run, run_unranked};
    use shelf::tui::event_loop::Event;
    let mut h = Harness::bundled(120, 40);
    h.host.defer_searches = true;
    h.type_text("/paris");
    h.key(KeyCode::Enter);
    let request = h.host.searches.pop().expect("the newest search");
    let unranked = run_unranked(&request).expect("a query that ranks has a first answer");
    assert!(unranked.provisional);
    let ranked = run(&request);
    let mut found: Vec<u32> = unranked.hits.iter().map(|hit| hit.post).collect();
    let mut best: Vec<u32> = ranked.hits.iter().map(|hit| hit.post).collect();
    h.event(Event::SearchDone(Box::new(unranked)));
    // The posts found are listed at once; Enter waits for the ranking.
    assert_eq!(h.listed_ids().len(), found.len());
    assert_eq!(
        h.app.screen,
        Screen::Browse,
        "nothing opened on a provisional answer"
    );
    assert!(h.app.search_pending);
    h.event(Event::SearchDone(Box::new(ranked)));
    assert_eq!(
        h.app.screen,
        Screen::Reader,
        "the best match opens with the ranking"
    );
    let opened = h.app.library.post(h.app.reader.post).expect("post");
    assert_eq!(opened.id, "004_a571cbaf7fa8eef7");
    assert_eq!(Some(&h.app.reader.post), best.first());
    found.sort_unstable();
    best.sort_unstable();
    assert_eq!(found, best, "the same posts, in another order");
}

#[test]
fn while_typing_the_cursor_lands_on_the_best_match_once_the_ranking_comes() {
    use shelf::index::request::{run, run_unranked};
    use shelf::tui::event_loop::Event;
    let mut h = Harness::bundled(120, 40);
    h.host.defer_searches = true;
    h.type_text("/pa");
    let request = h.host.searches.pop().expect("the newest search");
    let unranked = run_unranked(&request).expect("a first answer");
    let ranked = run(&request);
    h.event(Event::SearchDone(Box::new(unranked)));
    assert_eq!(h.app.list.selected, 0, "the first post found, for now");
    let best = ranked
        .hits
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| a.score.cmp(&b.score).then(j.cmp(i)))
        .map(|(i, _)| i);
    h.event(Event::SearchDone(Box::new(ranked)));
    assert!(!h.app.search_pending);
    assert_eq!(Some(h.app.list.selected), best, "then the best match");
}

#[test]
fn ctrl_u_in_the_search_box_clears_what_was_typed() {
    let mut h = Harness::bundled(120, 40);
    h.type_text("/paris");
    assert_eq!(h.app.query_text(), "paris");
    h.key_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(h.app.query_text(), "", "the whole line, not one character");
    assert_eq!(h.listed_ids().len(), 5);
}

#[test]
fn two_quick_escapes_count_as_two() {
    let mut h = Harness::bundled(120, 40);
    h.type_text("/paris");
    assert!(h.listed_ids().len() < 5);
    // A terminal sends ESC ESC, which reads as one Alt-Esc.
    h.key_with(KeyCode::Esc, KeyModifiers::ALT);
    assert_eq!(
        h.app.query_text(),
        "",
        "left the box, then cleared the query"
    );
    assert_eq!(h.listed_ids().len(), 5);
}

#[test]
fn slash_in_the_reader_starts_a_fresh_search_over_the_previous_one() {
    let mut h = Harness::bundled(100, 30);
    open_post(&mut h, "paris 2013");
    h.type_text("/mozilla");
    h.key(KeyCode::Enter);
    assert!(!h.app.reader.matches.is_empty());
    // `/` again: the old text is selected, so typing replaces it instead of appending.
    h.type_text("/paris");
    assert_eq!(h.app.reader.search_text(), "paris");
    assert!(h.screen().contains("for paris"), "{}", h.screen());
    // And `/` then Enter searches the same again.
    h.key(KeyCode::Enter);
    h.type_text("/");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.reader.search_text(), "paris");
}

#[test]
fn a_toggled_facet_entry_keeps_the_cursor_wherever_it_moves() {
    let mut h = Harness::bundled(120, 40);
    // Authors pane, third entry.
    h.tab_to(shelf::app::Focus::Authors);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    let pane = &h.app.authors;
    let entry = pane.rows[pane.scroll.selected];
    h.key(KeyCode::Char(' '));
    let pane = &h.app.authors;
    assert!(h.app.filter.authors.contains(&entry));
    assert_eq!(
        pane.rows[pane.scroll.selected], entry,
        "the cursor follows the entry it selected"
    );
    // The next Space undoes it rather than selecting another entry.
    h.key(KeyCode::Char(' '));
    assert!(h.app.filter.authors.is_empty());
}

#[test]
fn with_authors_combined_by_or_the_others_count_what_they_would_add() {
    let mut h = Harness::bundled(120, 40);
    h.tab_to(shelf::app::Focus::Authors);
    h.type_text("/didier");
    h.key(KeyCode::Enter);
    assert_eq!(h.listed_ids(), ["000_706fe552bd2b318a"]);
    // Each other author wrote one post that selecting them would add.
    assert_eq!(author_count(&h, "Didier Lalli"), 1);
    assert_eq!(author_count(&h, "Patrick Debois"), 1);
    assert_eq!(author_count(&h, "Stéphane Goudeau"), 1);
    h.key(KeyCode::Esc);
    assert!(h.screen().contains("+1"), "{}", h.screen());
    // With a tag that only two posts carry, only their authors would add any.
    h.key(KeyCode::BackTab);
    h.type_text("/devopsdays-ghent");
    h.key(KeyCode::Enter);
    assert_eq!(author_count(&h, "Patrick Debois"), 0);
    assert_eq!(author_count(&h, "Didier Lalli"), 1);
}

#[test]
fn p_hides_the_preview_and_tab_reaches_it_to_scroll() {
    let mut h = Harness::bundled(120, 40);
    assert!(h.screen().contains("Preview"));
    h.key(KeyCode::Char('p'));
    assert!(!h.screen().contains("Preview"));
    h.key(KeyCode::Char('p'));
    assert!(h.screen().contains("Preview"));
    // List → Preview with Tab; j scrolls it, and the list cursor stays.
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, shelf::app::Focus::Preview);
    let first_line = h.screen().lines().nth(4).unwrap_or_default().to_string();
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.preview.scroll, 2);
    assert_eq!(h.app.list.selected, 0);
    assert_ne!(h.screen().lines().nth(4).unwrap_or_default(), first_line);
    // Another post starts at its top.
    h.key(KeyCode::BackTab);
    h.key(KeyCode::Char('j'));
    assert_eq!(h.app.preview.scroll_of(h.app.selected_post()), 0);
}

#[test]
fn the_wheel_over_the_preview_scrolls_it_and_a_click_focuses_it() {
    use crossterm::event::{Event as TermEvent, MouseButton, MouseEvent, MouseEventKind};
    use shelf::tui::event_loop::Event;
    let mut h = Harness::bundled(120, 40);
    let preview = shelf::app::geometry::browse_of(&h.app)
        .preview
        .expect("a preview at 120x40");
    let (column, row) = (preview.x + 5, preview.y + 5);
    let mouse = |kind| {
        Event::Terminal(TermEvent::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }))
    };
    h.event(mouse(MouseEventKind::ScrollDown));
    assert_eq!(h.app.preview.scroll, 3, "one notch, three lines");
    assert_eq!(h.app.list.selected, 0, "the list stays");
    h.event(mouse(MouseEventKind::ScrollUp));
    assert_eq!(h.app.preview.scroll, 0);
    h.event(mouse(MouseEventKind::Down(MouseButton::Left)));
    assert_eq!(h.app.focus, shelf::app::Focus::Preview);
}

fn languages_fixture(preferred: &[&str]) -> Harness {
    let path = std::path::PathBuf::from("tests/fixtures/corpus/languages");
    let preferred: Vec<String> = preferred.iter().map(|s| s.to_string()).collect();
    let library = shelf::index::Library::preferring(shelf::corpus::load(&[path]), &preferred);
    Harness::with_library(library, 120, 40)
}

fn listed_titles(h: &Harness) -> Vec<String> {
    h.app
        .hits
        .iter()
        .filter_map(|hit| h.app.library.post(hit.post))
        .map(|p| p.title.clone())
        .collect()
}

#[test]
fn translations_are_one_row_in_the_preferred_language_and_the_others_a_key_away() {
    let mut h = languages_fixture(&[]);
    // Three translations of the release, two of the About page: one row each, in
    // English; the German-only post stands on its own.
    let mut titles = listed_titles(&h);
    titles.sort();
    assert_eq!(titles, ["About", "Nur auf Deutsch", "Ruby 3.3 Released"]);
    assert!(h.screen().contains("Languages 4"), "{}", h.screen());
    let ja = languages_fixture(&["ja"]);
    assert!(listed_titles(&ja).contains(&"Ruby 3.3 リリース".to_string()));
    // Selecting a language lists its posts, translations included.
    h.tab_to(shelf::app::Focus::Languages);
    h.type_text("/de");
    h.key(KeyCode::Enter);
    let mut titles = listed_titles(&h);
    titles.sort();
    assert_eq!(titles, ["Nur auf Deutsch", "Ruby 3.3 veröffentlicht"]);
    // In the reader, t walks the translations.
    h.key(KeyCode::Char('c'));
    h.tab_to(shelf::app::Focus::Search);
    h.type_text("ruby");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reader);
    let mut seen = Vec::new();
    for _ in 0..3 {
        let post = h.app.library.post(h.app.reader.post).expect("post");
        seen.push(post.language.clone().unwrap_or_default());
        h.key(KeyCode::Char('t'));
    }
    seen.sort();
    assert_eq!(seen, ["de", "en", "ja"]);
    assert!(
        h.screen().contains("Ruby 3.3 Released"),
        "back where it began"
    );
}

#[test]
fn newer_posts_streaming_in_leave_an_untouched_cursor_on_the_top_row() {
    use shelf::tui::event_loop::Event;
    use std::sync::Arc;
    let folder = Folder::new();
    let load = || folder.library();
    let selected = |h: &Harness| {
        let post = h.app.selected_post().expect("a post");
        h.app.library.post(post).expect("post").id.clone()
    };
    folder.named("old", "date: 2010-01-01");
    folder.named("older", "date: 2009-01-01");
    let mut h = Harness::with_library(load(), 100, 30);
    assert_eq!(selected(&h), "old");
    // Newer posts arrive above it: the cursor stays on the top row, the newest.
    folder.named("new", "date: 2020-01-01");
    h.event(Event::Partial(Arc::new(load())));
    assert_eq!((h.app.list.selected, selected(&h)), (0, "new".to_string()));
    // Once the user has moved, the cursor follows their post instead.
    h.key(KeyCode::Char('j'));
    assert_eq!(selected(&h), "old");
    folder.named("newest", "date: 2021-01-01");
    h.event(Event::Loaded(Arc::new(load())));
    assert_eq!((h.app.list.selected, selected(&h)), (2, "old".to_string()));
}

#[test]
fn a_post_in_many_languages_names_the_first_few_and_counts_the_rest() {
    let folder = Folder::new();
    let languages = [
        "en", "de", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "sv", "zh",
    ];
    for language in languages {
        let front_matter = format!(
            "title: News in {language}\nlang: {language}\ntranslationKey: news\ndate: 2020-01-01"
        );
        folder.post(&format!("{language}.md"), &front_matter, "Body.");
    }
    let mut h = Harness::with_library(folder.library(), 200, 20);
    assert_eq!(h.listed_ids().len(), 1, "one row for the group");
    // The preview hidden: the row has the width to show them.
    h.key(KeyCode::Char('p'));
    let screen = h.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("News in en"))
        .unwrap_or_else(|| panic!("the English post stands for the group:\n{screen}"));
    assert!(row.contains("en de es fr it +8"), "{row}");
}
