//! A post body reduced to the words a reader sees, one source line per line: markdown
//! through pulldown-cmark's events (text and code kept, markup dropped, soft breaks kept
//! as line breaks so a hit's line is a line of the post), HTML — fragments in markdown
//! and whole documents — through html5gum's tokens (text kept, tags dropped, `<script>`
//! and `<style>` skipped, block elements ending lines).
//!
//! The markdown renderer (`crate::markdown`) wraps, styles and highlights; the index
//! needs none of that, only the words in order, so this is a thin walk of the same
//! parsers.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use pulldown_cmark::{Event, Options, Parser, TagEnd};

/// The text of a post body (markdown, HTML or a mix): lines trimmed, runs of blank lines
/// squeezed to none, so every line holds words.
pub fn plain_text(body: &str) -> String {
    let mut raw = String::with_capacity(body.len());
    if crate::text::is_html_document(body) {
        html_text(body, &mut raw);
    } else {
        markdown_text(body, &mut raw);
    }
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// Appends the words of a markdown body to `out`.
fn markdown_text(body: &str, out: &mut String) {
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::Html(html) | Event::InlineHtml(html) => html_text(&html, out),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
}

/// Elements that end a line of text.
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"br"
            | b"div"
            | b"li"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"tr"
            | b"pre"
            | b"blockquote"
            | b"table"
            | b"ul"
            | b"ol"
            | b"dt"
            | b"dd"
            | b"section"
            | b"article"
            | b"header"
            | b"footer"
            | b"title"
            | b"hr"
    )
}

/// Elements whose content is not text for a reader.
fn is_hidden(name: &[u8]) -> bool {
    matches!(name, b"script" | b"style" | b"head" | b"template")
}

/// Appends the text of an HTML fragment or document to `out`.
fn html_text(html: &str, out: &mut String) {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut hidden = 0usize;
    for Ok(token) in Tokenizer::new_with_emitter(html, emitter) {
        match token {
            Token::StartTag(tag) => {
                if is_hidden(&tag.name) && !tag.self_closing {
                    hidden += 1;
                } else if is_block(&tag.name) {
                    out.push('\n');
                }
            }
            Token::EndTag(tag) => {
                if is_hidden(&tag.name) {
                    hidden = hidden.saturating_sub(1);
                } else if is_block(&tag.name) {
                    out.push('\n');
                }
            }
            Token::String(s) if hidden == 0 => out.push_str(&String::from_utf8_lossy(&s.value)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_words_and_lines_and_drops_markup() {
        let text = plain_text(
            "# A *title*\n\nSome `code` and a [link](http://x.org)\nsecond line.\n\n- one\n- two\n",
        );
        assert_eq!(
            text,
            "A title\nSome code and a link\nsecond line.\none\ntwo\n"
        );
    }

    #[test]
    fn html_fragments_and_documents_give_their_text() {
        let text = plain_text("Hello <b>bold</b> world\n\n<div>block <i>text</i></div>\n");
        assert_eq!(text, "Hello bold world\nblock text\n");
        let doc = plain_text(
            "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head>\
             <body><p>First &amp; one</p><script>var x;</script><p>Second</p></body></html>",
        );
        assert_eq!(doc, "First & one\nSecond\n");
    }

    #[test]
    fn code_blocks_keep_their_lines() {
        let text = plain_text("```\nfn main() {\n    go();\n}\n```\n");
        assert_eq!(text, "fn main() {\ngo();\n}\n");
    }
}
