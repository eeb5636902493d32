//! The markdown front end: pulldown-cmark events turned into writer operations.
//!
//! HTML pieces go to the post's one [`Html`] state machine: block HTML whole (it may span
//! lines), inline HTML tag by tag. Every start event pushes exactly one [`Undo`] and every
//! end event pops it, so markdown structure stays balanced whatever the HTML does.

use pulldown_cmark::{
    CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, TextMergeStream,
};

use super::html::{Html, InlineMarkdown, starts_with_inline_tag};
use super::style;
use super::writer::{Id, Writer};

/// What to do when a markdown element ends.
#[derive(Debug)]
enum Undo {
    Nothing,
    Paragraph,
    Heading,
    Container(Id),
    Code,
    HtmlBlock,
    Footnote,
    Table,
    TableHead,
    Row,
    Cell,
    Style(Id),
    Link(bool),
    Image(bool),
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn link_url(link_type: LinkType, dest: &str) -> String {
    if link_type == LinkType::Email && !dest.to_ascii_lowercase().starts_with("mailto:") {
        format!("mailto:{dest}")
    } else {
        dest.to_owned()
    }
}

/// Renders a whole markdown body.
pub(crate) fn render(w: &mut Writer, html: &mut Html, src: &str) {
    let mut undo: Vec<Undo> = Vec::new();
    let mut html_block: Option<String> = None;
    let mut in_head = false;
    if src.contains("[^") {
        // Notes are numbered by first reference, and definitions may come first.
        for event in Parser::new_ext(src, options()) {
            if let Event::FootnoteReference(label) = event {
                w.number_footnote(&label);
            }
        }
    }
    // Text comes in one piece per run (the parser splits it at `_`, `[`, entities), so a
    // URL in it is seen whole.
    for event in TextMergeStream::new(Parser::new_ext(src, options())) {
        match event {
            Event::Start(tag) => {
                let u = match tag {
                    Tag::Paragraph => {
                        w.block_break(false);
                        Undo::Paragraph
                    }
                    Tag::Heading { level, .. } => {
                        w.start_heading(heading_level(level));
                        Undo::Heading
                    }
                    Tag::BlockQuote(_) => Undo::Container(w.start_quote()),
                    Tag::CodeBlock(kind) => {
                        let lang = match kind {
                            CodeBlockKind::Fenced(info) => Some(w.restore(&info)),
                            CodeBlockKind::Indented => None,
                        };
                        w.start_code_block(lang);
                        Undo::Code
                    }
                    Tag::HtmlBlock => {
                        html_block = Some(String::new());
                        Undo::HtmlBlock
                    }
                    Tag::List(start) => Undo::Container(w.start_list(start)),
                    Tag::Item => Undo::Container(w.start_item()),
                    Tag::FootnoteDefinition(label) => {
                        w.start_footnote(&label);
                        Undo::Footnote
                    }
                    Tag::Table(aligns) => {
                        w.start_table(aligns);
                        Undo::Table
                    }
                    Tag::TableHead => {
                        in_head = true;
                        w.start_row(true);
                        Undo::TableHead
                    }
                    Tag::TableRow => {
                        w.start_row(false);
                        Undo::Row
                    }
                    Tag::TableCell => {
                        w.start_cell(in_head);
                        Undo::Cell
                    }
                    other => start_inline(w, other),
                };
                undo.push(u);
            }
            Event::End(end) => {
                let u = undo.pop().unwrap_or(Undo::Nothing);
                match u {
                    Undo::Paragraph => w.block_break(true),
                    Undo::Heading => w.end_heading(),
                    Undo::Container(id) => w.end_container(id),
                    Undo::Code => w.end_code_block(),
                    Undo::HtmlBlock => {
                        if let Some(block) = html_block.take() {
                            html.feed(
                                w,
                                &block,
                                starts_with_inline_tag(&block)
                                    .then_some(inline_markdown as InlineMarkdown),
                            );
                            if matches!(end, TagEnd::HtmlBlock) {
                                w.block_break(true);
                            }
                        }
                    }
                    Undo::Footnote => w.end_footnote(),
                    Undo::Table => w.end_table(),
                    Undo::TableHead => {
                        in_head = false;
                        w.end_row();
                    }
                    Undo::Row => w.end_row(),
                    Undo::Cell => w.end_cell(),
                    Undo::Style(id) => w.pop_style(id),
                    Undo::Link(opened) => {
                        if opened {
                            w.end_link();
                        }
                    }
                    Undo::Image(opened) => {
                        if opened {
                            w.end_image();
                        }
                    }
                    Undo::Nothing => {}
                }
            }
            Event::Text(t) => w.text(&t),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => w.inline_code(&t),
            Event::Html(t) => match html_block.as_mut() {
                Some(block) => block.push_str(&t),
                None => html.feed(w, &t, None),
            },
            Event::InlineHtml(t) => html.feed(w, &t, None),
            Event::FootnoteReference(label) => w.footnote_ref(&label),
            Event::SoftBreak => w.text(" "),
            Event::HardBreak => w.hard_break(),
            Event::Rule => w.rule(),
            Event::TaskListMarker(checked) => w.task_marker(checked),
        }
    }
}

/// Starts an inline style, link or image; any other tag changes nothing.
fn start_inline(w: &mut Writer, tag: Tag<'_>) -> Undo {
    match tag {
        Tag::Emphasis => Undo::Style(w.push_style(style::emphasis())),
        Tag::Strong => Undo::Style(w.push_style(style::strong())),
        Tag::Strikethrough => Undo::Style(w.push_style(style::strikethrough())),
        Tag::Link {
            link_type,
            dest_url,
            ..
        } => Undo::Link(w.start_link(&link_url(link_type, &dest_url))),
        Tag::Image { dest_url, .. } => Undo::Image(w.start_image(&dest_url)),
        _ => Undo::Nothing,
    }
}

/// Renders text found between HTML tags as inline markdown: emphasis, code and links
/// count, block structure and HTML do not (the text was already HTML-decoded).
fn inline_markdown(w: &mut Writer, text: &str) {
    if text.trim().is_empty() {
        w.text(text);
        return;
    }
    // The parser trims the paragraph; the spaces around it separate it from the tags.
    if text.starts_with(char::is_whitespace) {
        w.text(" ");
    }
    let mut undo: Vec<Undo> = Vec::new();
    for event in TextMergeStream::new(Parser::new_ext(text, options())) {
        match event {
            Event::Start(tag) => {
                undo.push(start_inline(w, tag));
            }
            Event::End(_) => match undo.pop() {
                Some(Undo::Style(id)) => w.pop_style(id),
                Some(Undo::Link(true)) => w.end_link(),
                Some(Undo::Image(true)) => w.end_image(),
                _ => {}
            },
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => w.text(&t),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => w.inline_code(&t),
            Event::SoftBreak => w.text(" "),
            Event::HardBreak => w.hard_break(),
            Event::FootnoteReference(label) => w.text(&format!("[^{label}]")),
            Event::TaskListMarker(checked) => w.task_marker(checked),
            Event::Rule => w.text(" "),
        }
    }
    if text.ends_with(char::is_whitespace) {
        w.text(" ");
    }
}
