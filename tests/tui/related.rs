//! The related section at the end of a post in the reader: its links open posts in
//! shelf (never the browser), and its `More by` line lists the author's posts.

use crate::harness::Harness;
use crossterm::event::KeyCode;
use shelf::app::{Screen, viewport};
use shelf::markdown::{Link, plain_lines};

/// The reader on the post `query` finds first.
fn reading(query: &str) -> Harness {
    let mut h = Harness::bundled(100, 30);
    h.type_text(&format!("/{query}"));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reader);
    h
}

/// The links of the post on screen.
fn links(h: &Harness) -> Vec<Link> {
    viewport::shown_render(&h.app)
        .map(|r| r.rendered.links.clone())
        .unwrap_or_default()
}

fn post_path(h: &Harness, post: u32) -> String {
    h.app
        .library
        .post(post)
        .map(|p| p.path.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn a_related_link_opens_that_post_in_the_reader_not_the_browser() {
    let mut h = reading("two weeks");
    let from = h.app.reader.post;
    let related = links(&h)
        .into_iter()
        .find(|l| l.url.starts_with("shelf:post/"))
        .expect("a related post");
    h.type_text(&related.number.to_string());
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reader);
    assert_ne!(h.app.reader.post, from, "another post is open");
    let opened = post_path(&h, h.app.reader.post);
    assert_eq!(format!("shelf:post/{opened}"), related.url);
    assert!(h.host.opened.is_empty(), "{:?}", h.host.opened);
    // The new post starts at its top and ends with its own related section.
    assert_eq!(h.app.reader.scroll, 0);
    assert!(
        links(&h)
            .iter()
            .any(|l| l.url.ends_with(&post_path(&h, from)))
    );
}

#[test]
fn tab_then_o_opens_a_related_post_too_and_y_copies_its_path() {
    let mut h = reading("two weeks");
    let all = links(&h);
    let at = all
        .iter()
        .position(|l| l.url.starts_with("shelf:post/"))
        .expect("a related post");
    // At the end, Shift-Tab focuses the last link; walk back to the first related.
    h.key(KeyCode::Char('G'));
    for _ in 0..(all.len() - at) {
        h.key(KeyCode::BackTab);
    }
    assert_eq!(h.app.reader.link, Some(at));
    h.key(KeyCode::Char('y'));
    let path = all[at].url.trim_start_matches("shelf:post/").to_string();
    assert_eq!(h.host.copied, std::slice::from_ref(&path));
    h.key(KeyCode::Char('o'));
    assert_eq!(post_path(&h, h.app.reader.post), path);
    assert!(h.host.opened.is_empty());
}

#[test]
fn more_by_the_author_lists_the_authors_posts() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, author, tag) in [
        ("a", "Ann", "rust"),
        ("b", "Ann", "go"),
        ("c", "Ann", "rust"),
        ("d", "Bob", "rust"),
    ] {
        let text =
            format!("---\ntitle: Post {name}\nauthor: {author}\ntags: [{tag}]\n---\nBody.\n");
        std::fs::write(dir.path().join(format!("{name}.md")), text).expect("write");
    }
    let library = shelf::index::Library::new(shelf::corpus::load(&[dir.path().to_path_buf()]));
    let mut h = Harness::with_library(library, 100, 30);
    h.type_text("/post a");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Reader);
    let more = links(&h)
        .into_iter()
        .find(|l| l.url.starts_with("shelf:author/"))
        .expect("a More by line");
    assert_eq!(more.text, "More by Ann: 2 posts");
    h.type_text(&more.number.to_string());
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Browse);
    assert!(h.host.opened.is_empty());
    let mut titles: Vec<String> = h
        .app
        .hits
        .iter()
        .filter_map(|hit| h.app.library.post(hit.post))
        .map(|p| p.title.clone())
        .collect();
    titles.sort();
    assert_eq!(titles, ["Post a", "Post b", "Post c"]);
}

#[test]
fn the_preview_has_no_related_section() {
    let h = Harness::bundled(120, 40);
    let rendered = viewport::shown_render(&h.app).expect("preview rendered");
    assert!(
        !plain_lines(&rendered.rendered.text).contains(&"Related".to_string()),
        "the preview stops at the post's own links"
    );
}
