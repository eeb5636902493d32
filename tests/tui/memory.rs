//! What the browser remembers, through the real event loop on a TestBackend: marks
//! and bookmarks as the user sets them and what is asked to be saved, the marks
//! filters, the reader's place, and the last session restored (or not forced on a
//! user who already started).

use std::sync::Arc;

use crossterm::event::KeyCode;
use shelf::app::{Focus, Remembered, Save, Screen};
use shelf::index::{Library, MarkFilter, SortKey, TagMode};
use shelf::store::Session;
use shelf::tui::event_loop::Event;

use crate::harness::Harness;

fn bundled() -> Library {
    Library::new(shelf::corpus::load_bundled())
}

/// The marks saved so far, as (post id, read, bookmarked).
fn saved_marks(h: &Harness) -> Vec<(String, Option<bool>, Option<bool>)> {
    h.host
        .saved
        .iter()
        .filter_map(|s| match s {
            Save::Mark(change) => Some((change.id.clone(), change.read, change.bookmarked)),
            _ => None,
        })
        .collect()
}

fn selected_id(h: &Harness) -> String {
    let post = h.app.selected_post().expect("a post under the cursor");
    h.app.library.post(post).expect("post").id.clone()
}

/// The list row of the post with this title.
fn row_of<'a>(screen: &'a str, title: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("{title} not on screen:\n{screen}"))
}

#[test]
fn m_bookmarks_the_post_under_the_cursor_and_m_again_removes_it() {
    let mut h = Harness::bundled(120, 40);
    h.key(KeyCode::Char('p'));
    h.key(KeyCode::Char('j'));
    let id = selected_id(&h);
    let post = h.app.selected_post().expect("post");
    let title = h.app.library.post(post).expect("post").title.clone();
    assert!(
        row_of(&h.screen(), &title).contains("• "),
        "unread at first"
    );
    h.key(KeyCode::Char('m'));
    assert!(h.app.memory.marks.is_bookmarked(post));
    assert!(row_of(&h.screen(), &title).contains("★ "), "{}", h.screen());
    assert!(h.screen().contains("bookmarked"), "said so");
    h.key(KeyCode::Char('m'));
    assert!(!h.app.memory.marks.is_bookmarked(post));
    assert_eq!(
        saved_marks(&h),
        [
            (id.clone(), None, Some(true)),
            (id.clone(), None, Some(false))
        ],
        "each change is saved, and only the mark changed"
    );
}

#[test]
fn m_on_a_facet_pane_still_switches_tags_between_all_and_any() {
    let mut h = Harness::bundled(120, 40);
    h.tab_to(Focus::Tags);
    assert_eq!(h.app.filter.tag_mode, TagMode::All);
    h.key(KeyCode::Char('m'));
    assert_eq!(h.app.filter.tag_mode, TagMode::Any);
    assert!(saved_marks(&h).is_empty(), "nothing bookmarked");
}

#[test]
fn opening_a_post_reads_it_and_u_makes_it_unread_again() {
    let mut h = Harness::bundled(120, 40);
    let post = h.app.selected_post().expect("post");
    let id = selected_id(&h);
    assert!(h.screen().contains("5 unread"), "{}", h.screen());
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reader);
    assert!(h.app.memory.marks.is_read(post));
    h.key(KeyCode::Char('u'));
    assert!(!h.app.memory.marks.is_read(post), "u in the reader");
    h.key(KeyCode::Char('j'));
    assert!(!h.app.memory.marks.is_read(post), "and it stays unread");
    h.key(KeyCode::Char('q'));
    assert_eq!(h.app.screen, Screen::Browse);
    assert!(h.screen().contains("5 unread"), "{}", h.screen());
    h.key(KeyCode::Char('u'));
    assert!(h.app.memory.marks.is_read(post), "u on the list");
    assert!(h.screen().contains("marked read"), "{}", h.screen());
    h.key(KeyCode::Char('j'));
    assert!(h.screen().contains("4 unread"), "{}", h.screen());
    assert_eq!(
        saved_marks(&h),
        [
            (id.clone(), Some(true), None),
            (id.clone(), Some(false), None),
            (id.clone(), Some(true), None)
        ]
    );
}

#[test]
fn unread_only_and_bookmarked_only_filter_the_list() {
    let mut h = Harness::bundled(120, 40);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('q'));
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('j'));
    let bookmarked = h.app.selected_post().expect("post");
    h.key(KeyCode::Char('m'));
    h.key(KeyCode::Char('U'));
    assert_eq!(h.app.memory.filter, MarkFilter::Unread);
    assert_eq!(h.app.hits.len(), 4, "the read post is left out");
    assert!(h.screen().contains("unread only"), "{}", h.screen());
    h.key(KeyCode::Char('B'));
    assert_eq!(h.app.memory.filter, MarkFilter::Bookmarked);
    let listed: Vec<u32> = h.app.hits.iter().map(|hit| hit.post).collect();
    assert_eq!(listed, [bookmarked]);
    h.key(KeyCode::Char('B'));
    assert_eq!(h.app.memory.filter, MarkFilter::All);
    assert_eq!(h.app.hits.len(), 5);
}

#[test]
fn the_reader_opens_a_post_where_it_was_left() {
    let mut h = Harness::bundled(100, 20);
    h.key(KeyCode::Enter);
    let id = selected_id(&h);
    for _ in 0..7 {
        h.key(KeyCode::Char('j'));
    }
    assert_eq!(h.app.reader.scroll, 7);
    h.key(KeyCode::Char('q'));
    let positions: Vec<(String, usize)> = h
        .host
        .saved
        .iter()
        .filter_map(|s| match s {
            Save::Position(p) => Some((p.id.clone(), p.line)),
            _ => None,
        })
        .collect();
    assert_eq!(positions, [(id, 7)]);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.reader.scroll, 7, "back where it was");
}

fn session(h: &Harness) -> Session {
    let library = &h.app.library;
    let devops = library.index.facets.entries(shelf::index::FacetKind::Tag);
    let tag = devops
        .iter()
        .find(|e| e.key == "devops")
        .expect("the devops tag")
        .key
        .clone();
    // The second of the posts carrying it, as the list shows them by date.
    let carrying: Vec<u32> = h
        .app
        .hits
        .iter()
        .map(|hit| hit.post)
        .filter(|&p| {
            library
                .post(p)
                .is_some_and(|p| p.tags.iter().any(|t| t.eq_ignore_ascii_case("devops")))
        })
        .collect();
    let second = library.post(carrying[1]).expect("post").id.clone();
    Session {
        query: String::new(),
        tags: vec![tag],
        sort: SortKey::Title,
        selected: Some(second),
        ..Session::default()
    }
}

#[test]
fn the_last_session_is_restored_when_the_database_answers() {
    let mut h = Harness::with_library(bundled(), 120, 40);
    let wanted = session(&h);
    h.event(Event::Remembered(Box::new(Remembered {
        session: Some(wanted.clone()),
        ..Remembered::default()
    })));
    assert_eq!(h.app.sort, SortKey::Title);
    assert_eq!(h.app.filter.tags.len(), 1, "the tag is selected again");
    assert_eq!(h.app.hits.len(), 2, "posts 000 and 001 carry #devops");
    assert_eq!(Some(selected_id(&h)), wanted.selected, "the cursor is back");
    assert!(h.screen().contains("tags: DevOps"), "{}", h.screen());
    // From now on a change is saved; the restored session itself is not written back.
    assert!(!h.host.saved.iter().any(|s| matches!(s, Save::Session(_))));
    h.key(KeyCode::Char('s'));
    let last = h.host.saved.iter().rev().find_map(|s| match s {
        Save::Session(s) => Some(s.clone()),
        _ => None,
    });
    assert_eq!(
        last.map(|s| (s.sort, s.tags)),
        Some((SortKey::Author, wanted.tags))
    );
}

#[test]
fn a_session_is_not_forced_on_a_user_who_already_started() {
    let mut h = Harness::with_library(bundled(), 120, 40);
    let wanted = session(&h);
    h.key(KeyCode::Char('j'));
    h.event(Event::Remembered(Box::new(Remembered {
        session: Some(wanted),
        ..Remembered::default()
    })));
    assert_eq!(h.app.sort, SortKey::default());
    assert!(h.app.filter.tags.is_empty());
    assert_eq!(
        h.app.list.selected, 1,
        "the cursor stays where the user put it"
    );
}

#[test]
fn nothing_is_saved_before_the_database_has_answered() {
    let mut h = Harness::bundled(120, 40);
    h.key(KeyCode::Char('s'));
    assert!(
        !h.host.saved.iter().any(|s| matches!(s, Save::Session(_))),
        "the stored session would be overwritten before it is read"
    );
}

#[test]
fn marks_made_while_the_archive_streams_in_survive_the_whole_arriving() {
    let corpus = shelf::corpus::load_bundled();
    let mut part = corpus.clone();
    part.posts.truncate(3);
    let mut h = Harness::with_library(Library::new(part), 120, 40);
    h.app.loading = true;
    let post = h.app.selected_post().expect("post");
    let path = h.app.library.post(post).expect("post").path.clone();
    h.key(KeyCode::Char('m'));
    // The whole archive, with the marks read from the database before `m`.
    h.event(Event::Loaded(Arc::new(Library::new(corpus))));
    let again = h
        .app
        .library
        .corpus
        .posts
        .iter()
        .position(|p| p.path == path)
        .expect("the post is in the whole") as u32;
    assert_eq!(h.app.library.corpus.posts.len(), 5, "the whole is shown");
    assert!(h.app.memory.marks.is_bookmarked(again));
}

#[test]
fn a_library_shows_the_marks_it_was_loaded_with() {
    let mut library = bundled();
    let mut marks = shelf::index::Marks::none(library.corpus.posts.len());
    marks.set_read(0, true);
    marks.set_bookmarked(1, true);
    library.marks = marks;
    let mut h = Harness::with_library(library, 120, 40);
    h.key(KeyCode::Char('p'));
    assert!(h.screen().contains("4 unread"), "{}", h.screen());
    let title = |i: usize| h.app.library.corpus.posts[i].title.clone();
    let screen = h.screen();
    assert!(row_of(&screen, &title(1)).contains("★ "), "{screen}");
    let read_row = row_of(&screen, &title(0));
    assert!(
        !read_row.contains("• ") && !read_row.contains("★ "),
        "{read_row}"
    );
}
