//! Small constructs rendered by `shelf::markdown::render`, asserted as exact styled text
//! (spans and styles), plus the link list entries they produce.

use pretty_assertions::assert_eq;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use shelf::markdown::{Link, LinkKind, plain_lines, render};

fn lines(body: &str, width: u16) -> Vec<Line<'static>> {
    render(body, width).text.lines
}

fn plain(body: &str, width: u16) -> Vec<String> {
    plain_lines(&render(body, width).text)
}

fn raw(s: &str) -> Span<'static> {
    Span::raw(s.to_owned())
}

fn styled(s: &str, style: Style) -> Span<'static> {
    Span::styled(s.to_owned(), style)
}

const BOLD: Modifier = Modifier::BOLD;

fn link_style() -> Style {
    Style::new()
        .fg(Color::Blue)
        .add_modifier(Modifier::UNDERLINED)
}

fn marker_style() -> Style {
    Style::new().fg(Color::Cyan)
}

fn chrome() -> Style {
    Style::new().fg(Color::DarkGray)
}

#[test]
fn headings_carry_level_prefix_and_style() {
    let h1 = Style::new()
        .add_modifier(BOLD)
        .fg(Color::Cyan)
        .add_modifier(Modifier::UNDERLINED);
    let h3 = Style::new().add_modifier(BOLD).fg(Color::Green);
    assert_eq!(
        lines("# Title *x*\n\n### Three", 40),
        vec![
            Line::from(vec![
                styled("# Title ", h1),
                styled("x", h1.add_modifier(Modifier::ITALIC))
            ]),
            Line::default(),
            Line::from(vec![styled("### Three", h3)]),
        ]
    );
}

#[test]
fn inline_styles() {
    assert_eq!(
        lines("a *em* **st** ~~del~~ `co de`", 40),
        vec![Line::from(vec![
            raw("a "),
            styled("em", Style::new().add_modifier(Modifier::ITALIC)),
            raw(" "),
            styled("st", Style::new().add_modifier(BOLD)),
            raw(" "),
            styled("del", Style::new().add_modifier(Modifier::CROSSED_OUT)),
            raw(" "),
            styled("co de", Style::new().fg(Color::Yellow)),
        ])]
    );
}

#[test]
fn links_are_numbered_in_text_and_listed() {
    let rendered = render(
        "see [the docs](http://d.example/?a=1&amp;b=2) now\n\nand ![logo](/l.png)",
        40,
    );
    assert_eq!(
        rendered.text.lines,
        vec![
            Line::from(vec![
                raw("see "),
                styled("the docs", link_style()),
                styled("[1]", marker_style()),
                raw(" now")
            ]),
            Line::default(),
            Line::from(vec![
                raw("and "),
                styled("[image: logo]", Style::new().fg(Color::Magenta)),
                styled("[2]", marker_style()),
            ]),
        ]
    );
    assert_eq!(
        rendered.links,
        vec![
            Link {
                number: 1,
                text: "the docs".into(),
                url: "http://d.example/?a=1&b=2".into(),
                kind: LinkKind::Link,
                line: 0
            },
            Link {
                number: 2,
                text: "logo".into(),
                url: "/l.png".into(),
                kind: LinkKind::Image,
                line: 2
            },
        ]
    );
}

#[test]
fn block_quote_bar_is_on_every_wrapped_line() {
    assert_eq!(
        lines("> one two three four", 12),
        vec![
            Line::from(vec![styled("│ ", chrome()), raw("one two")]),
            Line::from(vec![styled("│ ", chrome()), raw("three four")]),
        ]
    );
}

#[test]
fn list_items_hang_under_their_text() {
    assert_eq!(
        lines("- one two three\n- four\n\n1. x\n   - y", 12),
        vec![
            Line::from(vec![raw("• "), raw("one two")]),
            Line::from(vec![raw("  "), raw("three")]),
            Line::from(vec![raw("• "), raw("four")]),
            Line::default(),
            Line::from(vec![raw("1. "), raw("x")]),
            Line::from(vec![raw("   "), raw("◦ "), raw("y")]),
        ]
    );
}

#[test]
fn task_lists_show_boxes() {
    assert_eq!(
        plain("- [ ] todo\n- [x] done", 20),
        ["• [ ] todo", "• [x] done"]
    );
}

#[test]
fn breaks_soft_and_hard() {
    assert_eq!(plain("a\nb  \nc\\\nd", 20), ["a b", "c", "d"]);
}

#[test]
fn code_blocks_are_indented_highlighted_and_tab_expanded() {
    let rendered = lines(
        "```nonexistent-lang\na\tb\n```\n\n```rust\nlet x = 1;\n```",
        30,
    );
    // On a ground of its own that fills the width, so the block reads as one.
    let ground = Style::new().bg(Color::Indexed(236));
    assert_eq!(
        rendered[0],
        Line::from(vec![
            styled("  ", ground),
            styled("a   b", ground.fg(Color::Yellow)),
            styled(&" ".repeat(23), ground),
        ])
    );
    assert_eq!(rendered[1], Line::default());
    let rust = &rendered[2];
    assert_eq!(
        rust.spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>(),
        format!("  let x = 1;{}", " ".repeat(18))
    );
    assert!(
        rust.spans.iter().all(|s| s.style.bg == ground.bg),
        "{rust:?}"
    );
    assert!(
        rust.spans
            .iter()
            .skip(1)
            .take(rust.spans.len() - 2)
            .all(|s| matches!(s.style.fg, Some(Color::Rgb(..)))),
        "{rust:?}"
    );
}

#[test]
fn rule_spans_the_width() {
    assert_eq!(
        lines("a\n\n---\n\nb", 10)[2],
        Line::from(vec![styled(&"─".repeat(10), chrome())])
    );
}

#[test]
fn table_is_box_drawn_with_bold_header() {
    let header = Style::new().add_modifier(BOLD);
    let rendered = lines("| a | b |\n|---|--:|\n| x | 10 |", 40);
    assert_eq!(
        plain_lines(&rendered.clone().into()),
        [
            "┌───┬────┐",
            "│ a │  b │",
            "├───┼────┤",
            "│ x │ 10 │",
            "└───┴────┘"
        ]
    );
    assert_eq!(
        rendered[1],
        Line::from(vec![
            styled("│", chrome()),
            raw(" "),
            styled("a", header),
            raw(" "),
            styled("│", chrome()),
            raw("  "),
            styled("b", header),
            raw(" "),
            styled("│", chrome()),
        ])
    );
}

#[test]
fn footnotes_are_numbered_notes_at_the_end() {
    assert_eq!(
        plain(
            "[^z]: Zed note.\n\nText[^a] and[^z].\n\n[^a]: First note.",
            30
        ),
        [
            "Text[^1] and[^2].",
            "",
            "──────────────────────────────",
            "[^1] First note.",
            "[^2] Zed note."
        ]
    );
}

#[test]
fn inline_html_styles_and_links() {
    let rendered = render(
        "I <b>love</b> <a href=\"http://x.example/\">Devopsdays 09</a>!<br>next",
        40,
    );
    assert_eq!(
        rendered.text.lines,
        vec![
            Line::from(vec![
                raw("I "),
                styled("love", Style::new().add_modifier(BOLD)),
                raw(" "),
                styled("Devopsdays 09", link_style()),
                styled("[1]", marker_style()),
                raw("!"),
            ]),
            Line::from(vec![raw("next")]),
        ]
    );
    assert_eq!(rendered.links[0].text, "Devopsdays 09");
}

#[test]
fn html_blocks_drop_scripts_styles_comments_and_decode_entities() {
    assert_eq!(
        plain(
            "<div>\n<p>a &amp; b &lt;c&gt;<script>alert('<x>')</script></p>\n<style>p{}</style><!-- hidden -->\n<p>d</p>\n</div>",
            30
        ),
        ["a & b <c>", "", "d"]
    );
}

#[test]
fn html_lists_headings_quotes_pre_and_tables() {
    let body = "<h2>Head</h2><ul><li>one<li>two</ul><blockquote>q</blockquote><pre>\n  x  y\n</pre>\
                <table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>b</td></tr></table><hr>";
    assert_eq!(
        plain(body, 20),
        [
            "## Head",
            "",
            "• one",
            "• two",
            "",
            "│ q",
            "",
            "    x  y",
            "",
            "┌───┬───┐",
            "│ k │ v │",
            "├───┼───┤",
            "│ a │ b │",
            "└───┴───┘",
            "",
            "────────────────────",
        ]
    );
}

#[test]
fn embedded_media_become_media_links_once_per_element() {
    let rendered = render(
        "<object data=\"http://m.example/v\"><param name=\"movie\" value=\"http://m.example/v\"><embed src=\"http://m.example/v\"></object>\
         <iframe src=\"https://www.youtube.com/embed/abc\"></iframe><video><source src=\"/v.mp4\"></video>",
        80,
    );
    let media: Vec<(&str, LinkKind)> = rendered
        .links
        .iter()
        .map(|l| (l.url.as_str(), l.kind))
        .collect();
    assert_eq!(
        media,
        [
            ("http://m.example/v", LinkKind::Media),
            ("https://www.youtube.com/embed/abc", LinkKind::Media),
            ("/v.mp4", LinkKind::Media),
        ]
    );
    assert_eq!(
        plain_lines(&rendered.text),
        ["[media: m.example][1][media: www.youtube.com][2][media: v.mp4][3]"]
    );
}

#[test]
fn liquid_and_erb_are_links_or_dimmed_but_verbatim_in_code() {
    let rendered = render(
        "a {{ x }} b <%= @home %>\n\n{% youtube abc_1 %} {% vimeo 42 %}\n\n```\n{{ x }} <% y %>\n```",
        60,
    );
    let dim = Style::new().add_modifier(Modifier::DIM);
    assert_eq!(
        rendered.text.lines[0],
        Line::from(vec![
            raw("a "),
            styled("{{ x }}", dim),
            raw(" b "),
            styled("<%= @home %>", dim)
        ])
    );
    assert_eq!(
        plain_lines(&rendered.text)[2],
        "[media: youtube: abc_1][1] [media: vimeo: 42][2]"
    );
    assert_eq!(plain_lines(&rendered.text)[4], "  {{ x }} <% y %>");
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://www.youtube.com/watch?v=abc_1",
            "https://vimeo.com/42"
        ]
    );
}

#[test]
fn erb_inside_html_attributes_survives() {
    let rendered = render("<a href=\"<%= @eventhome %>/program\">Program</a>", 60);
    assert_eq!(rendered.links[0].url, "<%= @eventhome %>/program");
    assert_eq!(plain_lines(&rendered.text), ["Program[1]"]);
}

#[test]
fn whole_html_documents_render_only_the_body() {
    let doc = "<!DOCTYPE html>\n<html><head><title>T</title><style>x{}</style></head>\
               <body><h1>Hello</h1><p>World *not markdown*</p></body></html>";
    assert_eq!(plain(doc, 40), ["# Hello", "", "World *not markdown*"]);
}

#[test]
fn escape_sequences_never_reach_a_span() {
    let rendered = render(
        "a\x1b[31mb <b>\x1b]8;;x\x07</b>\n\n```\n\x1b[2J\n```\n\n[l\x1b](u)",
        40,
    );
    for line in &rendered.text.lines {
        for span in &line.spans {
            assert!(
                !span.content.contains('\x1b') && !span.content.contains('\x07'),
                "{span:?}"
            );
        }
    }
    assert_eq!(plain_lines(&rendered.text)[0], "a␛[31mb ␛]8;;x␇");
}

#[test]
fn bare_urls_are_links_with_markers_and_entries() {
    let rendered = render(
        "Code at (https://github.com/foo/bar), not `https://x.org/code`.\n\n\
         ```\nhttps://x.org/block\n```\n\n<https://auto.example/> and [https://t.example](https://t.example)",
        80,
    );
    assert_eq!(
        rendered.text.lines[0],
        Line::from(vec![
            raw("Code at ("),
            styled("https://github.com/foo/bar", link_style()),
            styled("[1]", marker_style()),
            raw("), not "),
            styled("https://x.org/code", Style::new().fg(Color::Yellow)),
            raw("."),
        ])
    );
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://github.com/foo/bar",
            "https://auto.example/",
            "https://t.example"
        ]
    );
    let entries: Vec<String> = rendered
        .links
        .iter()
        .map(shelf::markdown::post_view::link_entry)
        .collect();
    assert_eq!(
        entries,
        [
            "[1] <https://github.com/foo/bar>",
            "[2] <https://auto.example/>",
            "[3] <https://t.example>"
        ]
    );
}

#[test]
fn bare_urls_in_html_posts_skip_anchors_and_code() {
    let rendered = render(
        "<p>Slides: https://s.example/deck, <a href=\"https://a.example\">https://a.example</a>, \
         <code>https://c.example</code></p>\n<pre>https://p.example</pre>",
        80,
    );
    let urls: Vec<&str> = rendered.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://s.example/deck", "https://a.example"]);
    assert_eq!(
        plain_lines(&rendered.text)[0],
        "Slides: https://s.example/deck[1], https://a.example[2], https://c.example"
    );
}

#[test]
fn code_blocks_fill_their_width_inside_containers_too() {
    let rendered = lines("> ```\n> x\n> ```", 20);
    let line = &rendered[0];
    assert_eq!(line.width(), 20);
    assert_eq!(line.spans[0], styled("│ ", chrome()));
    assert!(
        line.spans[1..]
            .iter()
            .all(|s| s.style.bg == Some(Color::Indexed(236))),
        "{line:?}"
    );
}
