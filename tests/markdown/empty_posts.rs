//! Posts with no body, read as the reader reads them (a file on disk, loaded, its body
//! read again, composed): the front matter's description and link stand in for it.

use shelf::corpus;
use shelf::markdown::{plain_lines, post_view};

/// The first post loaded from a folder holding one file `name` with `text`.
fn composed(name: &str, text: &str, width: u16) -> (Vec<String>, shelf::markdown::Rendered) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let corpus = corpus::load(&[dir.path().to_path_buf()]);
    let post = &corpus.posts[0];
    let body = post.read_body().unwrap();
    let rendered = post_view::compose(post, &body.text, body.stand_in.as_ref(), width);
    (plain_lines(&rendered.text), rendered)
}

#[test]
fn a_yaml_post_with_only_a_description_and_a_link() {
    let (lines, rendered) = composed(
        "link-post.md",
        "---\ntitle: A link post\ndescription: A talk about *goats*, with slides.\nlink: https://example.com/talks/goats\n---\n\n  \n",
        80,
    );
    let rule = lines.iter().position(|l| l.starts_with('─')).unwrap();
    assert_eq!(
        lines[rule + 1..],
        [
            "This post has no body; shown instead: the description and link from its front",
            "matter.",
            "",
            "https://example.com/talks/goats[1]",
            "",
            "A talk about goats, with slides.",
            "",
            "Links",
            "[1] <https://example.com/talks/goats>",
        ]
    );
    assert_eq!(rendered.links.len(), 1);
    assert_eq!(rendered.links[0].url, "https://example.com/talks/goats");
    assert_eq!(
        lines[rendered.links[0].line],
        "https://example.com/talks/goats[1]"
    );
}

#[test]
fn toml_and_key_value_front_matter_give_summary_and_url() {
    let (lines, rendered) = composed(
        "toml.md",
        "+++\ntitle = \"T\"\nsummary = \"The summary.\"\nurl = \"https://example.com/t\"\n+++\n",
        80,
    );
    assert!(lines.contains(&"The summary.".to_owned()), "{lines:?}");
    assert_eq!(rendered.links[0].url, "https://example.com/t");

    // `Key: value` lines above a lone closer.
    let (lines, rendered) = composed(
        "orphan.md",
        "Title: Orphan\nDescription: Said above the closer.\nLink: https://example.com/o\n---\n",
        80,
    );
    assert!(
        lines.contains(&"Said above the closer.".to_owned()),
        "{lines:?}"
    );
    assert_eq!(rendered.links[0].url, "https://example.com/o");
}

#[test]
fn a_post_with_a_body_shows_the_body_and_its_description_as_a_summary() {
    let (lines, rendered) = composed(
        "full.md",
        "---\ntitle: Full\ndescription: Said once.\nlink: https://example.com/f\n---\nThe body.\n",
        80,
    );
    assert!(lines.contains(&"The body.".to_owned()), "{lines:?}");
    // The description is the summary under the title, once; the post is not empty.
    assert_eq!(
        lines.iter().filter(|l| l.contains("Said once.")).count(),
        1,
        "{lines:?}"
    );
    assert_eq!(
        lines.get(1).map(String::as_str),
        Some("Said once."),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.contains("no body")));
    assert!(rendered.links.is_empty());
}

#[test]
fn an_empty_post_without_those_fields_says_it_has_no_body() {
    let (lines, rendered) = composed("bare.md", "---\ntitle: Bare\n---\n", 80);
    assert_eq!(
        lines.last().map(String::as_str),
        Some("This post has no body.")
    );
    assert!(rendered.links.is_empty());
}
