//! HTML in posts, read with the `html5gum` tokenizer and turned into writer operations.
//!
//! pulldown-cmark hands HTML over in pieces (`<a href=…>`, then markdown text, then
//! `</a>`), so this is one state machine that lives for the whole post: open elements are
//! kept on a stack with what opening them did, and a close tag undoes exactly that, closing
//! whatever was left open inside it. Mis-nested or unclosed tags never panic; unknown tags
//! are transparent. `<script>`, `<style>`, `<head>` and comments are dropped; embedded media
//! become numbered media links, one per URL and element.

use std::collections::HashSet;

use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};

use super::style;
use super::writer::{Id, Writer};

/// Deepest element nesting tracked; deeper elements are treated as transparent.
const MAX_OPEN: usize = 512;

/// What opening an element did, so closing it can undo it.
#[derive(Debug, Clone, Copy)]
enum Action {
    Nothing,
    Style(Id),
    CodeSpan(Id),
    Link,
    Container(Id),
    Heading,
    Pre,
    Table,
    Row,
    Cell,
    Suppress,
    Media,
    Block { blank: bool },
}

#[derive(Debug)]
struct Open {
    name: String,
    action: Action,
}

/// The HTML state of one post.
#[derive(Debug, Default)]
pub(crate) struct Html {
    stack: Vec<Open>,
    media_scopes: Vec<HashSet<String>>,
    /// The first newline right after `<pre>` is not content.
    strip_newline: bool,
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn attr(tag: &StartTag<()>, name: &str) -> Option<String> {
    tag.attributes
        .get(name.as_bytes())
        .map(|v| lossy(&v.value))
        .filter(|v| !v.trim().is_empty())
}

/// Elements that never have content or an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements that separate blocks of text without a blank line.
fn is_plain_block(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "center"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "nav"
            | "aside"
            | "figure"
            | "figcaption"
            | "form"
            | "dl"
            | "dt"
            | "dd"
            | "address"
            | "details"
            | "summary"
            | "fieldset"
            | "caption"
            | "body"
            | "html"
    )
}

/// Elements that start a paragraph-like block, with blank lines around.
fn is_spaced_block(name: &str) -> bool {
    matches!(name, "p")
}

/// Whether an HTML block starts with a phrasing element (`<img>`, `<a>`, `<span>`, …): such
/// blocks are really paragraphs whose text is still markdown, as older engines treated them.
pub(crate) fn starts_with_inline_tag(block: &str) -> bool {
    let Some(rest) = block.trim_start().strip_prefix('<') else {
        return false;
    };
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "a" | "img"
            | "span"
            | "b"
            | "i"
            | "em"
            | "strong"
            | "u"
            | "s"
            | "br"
            | "code"
            | "abbr"
            | "small"
            | "big"
            | "font"
            | "sup"
            | "sub"
            | "tt"
            | "kbd"
            | "cite"
            | "q"
            | "mark"
    )
}

/// A short label for a media URL: its host, or the element name.
fn media_label(url: &str, element: &str) -> String {
    let label = match url.split_once("://") {
        Some((_, rest)) => rest.split(['/', '?', '#', '&']).next().unwrap_or_default(),
        None => url
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default(),
    };
    if label.is_empty() {
        element.to_owned()
    } else {
        label.to_owned()
    }
}

/// Renders text found between tags as inline markdown.
pub(crate) type InlineMarkdown = fn(&mut Writer, &str);

impl Html {
    /// Reads one HTML fragment. With `inline_markdown`, text between tags goes through it
    /// instead of being written as it is (for HTML blocks that are really paragraphs:
    /// the markdown side passes its inline renderer, so this module needs none).
    pub(crate) fn feed(
        &mut self,
        w: &mut Writer,
        fragment: &str,
        inline_markdown: Option<InlineMarkdown>,
    ) {
        let mut emitter = DefaultEmitter::default();
        emitter.naively_switch_states(true);
        for Ok(token) in Tokenizer::new_with_emitter(fragment, emitter) {
            match token {
                Token::StartTag(tag) => self.start_tag(w, &tag),
                Token::EndTag(tag) => self.end_tag(w, &lossy(&tag.name)),
                Token::String(s) => self.text(w, &lossy(&s.value), inline_markdown),
                Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
            }
        }
    }

    fn text(&mut self, w: &mut Writer, s: &str, inline_markdown: Option<InlineMarkdown>) {
        let mut s = s;
        if std::mem::take(&mut self.strip_newline) {
            s = s
                .strip_prefix("\r\n")
                .or_else(|| s.strip_prefix('\n'))
                .unwrap_or(s);
        }
        match inline_markdown {
            Some(render) if !w.in_code_block() && w.suppress == 0 => render(w, s),
            _ => w.text(s),
        }
    }

    fn push(&mut self, name: &str, action: Action) {
        self.stack.push(Open {
            name: name.to_owned(),
            action,
        });
    }

    /// Closes an open `name` unless one of `barriers` was opened after it.
    fn close_open(&mut self, w: &mut Writer, names: &[&str], barriers: &[&str]) {
        for open in self.stack.iter().rev() {
            if barriers.contains(&open.name.as_str()) {
                return;
            }
            if names.contains(&open.name.as_str()) {
                let name = open.name.clone();
                self.end_tag(w, &name);
                return;
            }
        }
    }

    fn start_tag(&mut self, w: &mut Writer, tag: &StartTag<()>) {
        let name = lossy(&tag.name).to_ascii_lowercase();
        let name = name.as_str();
        self.strip_newline = false;
        if w.suppress > 0
            && !matches!(
                name,
                "script" | "style" | "head" | "title" | "noscript" | "template"
            )
        {
            // Inside dropped content only nested dropped elements are tracked.
            return;
        }
        match name {
            "li" => self.close_open(w, &["li"], &["ul", "ol", "menu"]),
            "p" => self.close_open(w, &["p"], &["div", "td", "th", "li", "blockquote", "table"]),
            "tr" => self.close_open(w, &["tr"], &["table"]),
            "td" | "th" => self.close_open(w, &["td", "th"], &["tr", "table"]),
            "dt" | "dd" => self.close_open(w, &["dt", "dd"], &["dl"]),
            "body" => self.close_open(w, &["head"], &[]),
            _ => {}
        }
        if is_void(name) {
            self.void_element(w, name, tag);
            return;
        }
        if self.stack.len() >= MAX_OPEN {
            return;
        }
        let action = self.open_element(w, name, tag);
        if tag.self_closing {
            self.undo(w, action);
        } else {
            self.push(name, action);
        }
    }

    fn void_element(&mut self, w: &mut Writer, name: &str, tag: &StartTag<()>) {
        match name {
            "br" => w.hard_break(),
            "hr" => w.rule(),
            "img" => {
                if let Some(src) = attr(tag, "src").or_else(|| attr(tag, "data-src")) {
                    let alt = attr(tag, "alt")
                        .or_else(|| attr(tag, "title"))
                        .unwrap_or_default();
                    w.image(src, &alt);
                }
            }
            "embed" | "source" => {
                if let Some(src) = attr(tag, "src") {
                    self.media(w, &src, name);
                }
            }
            "param" => {
                let param = attr(tag, "name").unwrap_or_default().to_ascii_lowercase();
                if matches!(
                    param.as_str(),
                    "movie" | "src" | "url" | "filename" | "href"
                ) && let Some(value) = attr(tag, "value")
                {
                    self.media(w, &value, "object");
                }
            }
            _ => {}
        }
    }

    fn media(&mut self, w: &mut Writer, url: &str, element: &str) {
        let url = url.trim();
        // Nested `<object>`/`<embed>`/`<param>` repeat the same movie: one link per element.
        if let Some(scope) = self.media_scopes.first_mut()
            && !scope.insert(url.to_owned())
        {
            return;
        }
        w.media(url.to_owned(), &media_label(url, element));
    }

    fn open_element(&mut self, w: &mut Writer, name: &str, tag: &StartTag<()>) -> Action {
        match name {
            "script" | "style" | "head" | "title" | "noscript" | "template" => {
                w.suppress += 1;
                Action::Suppress
            }
            "a" => match attr(tag, "href") {
                Some(href) if w.start_link(href.trim()) => Action::Link,
                _ => Action::Nothing,
            },
            "em" | "i" | "cite" | "var" | "dfn" => Action::Style(w.push_style(style::emphasis())),
            "strong" | "b" => Action::Style(w.push_style(style::strong())),
            "u" | "ins" => Action::Style(w.push_style(style::underline())),
            "s" | "strike" | "del" => Action::Style(w.push_style(style::strikethrough())),
            "code" | "kbd" | "samp" | "tt" if !w.in_code_block() => {
                Action::CodeSpan(w.start_code_span())
            }
            "ul" | "menu" => Action::Container(w.start_list(None)),
            "ol" => {
                let start = attr(tag, "start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                Action::Container(w.start_list(Some(start)))
            }
            "li" => Action::Container(w.start_item()),
            "blockquote" => Action::Container(w.start_quote()),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes().get(1).map_or(1, |b| b.saturating_sub(b'0'));
                w.start_heading(level);
                Action::Heading
            }
            "pre" | "listing" | "xmp" => {
                w.start_code_block(None);
                self.strip_newline = true;
                Action::Pre
            }
            "table" => {
                w.start_table(Vec::new());
                Action::Table
            }
            "tr" => {
                w.start_row(false);
                Action::Row
            }
            "td" | "th" => {
                w.start_cell(name == "th");
                Action::Cell
            }
            "object" | "iframe" | "video" | "audio" => {
                let src = attr(tag, "data").or_else(|| attr(tag, "src"));
                self.media_scopes.push(HashSet::new());
                if let Some(src) = src {
                    self.media(w, &src, name);
                }
                Action::Media
            }
            _ if is_spaced_block(name) => {
                w.block_break(true);
                Action::Block { blank: true }
            }
            _ if is_plain_block(name) => {
                w.block_break(false);
                Action::Block { blank: false }
            }
            _ => Action::Nothing,
        }
    }

    fn end_tag(&mut self, w: &mut Writer, name: &str) {
        let name = name.to_ascii_lowercase();
        let Some(pos) = self.stack.iter().rposition(|o| o.name == name) else {
            match name.as_str() {
                "p" => w.block_break(true),
                "br" => w.hard_break(),
                _ => {}
            }
            return;
        };
        while self.stack.len() > pos {
            if let Some(open) = self.stack.pop() {
                self.undo(w, open.action);
            }
        }
    }

    fn undo(&mut self, w: &mut Writer, action: Action) {
        match action {
            Action::Nothing => {}
            Action::Style(id) => w.pop_style(id),
            Action::CodeSpan(id) => w.end_code_span(id),
            Action::Link => w.end_link(),
            Action::Container(id) => w.end_container(id),
            Action::Heading => w.end_heading(),
            Action::Pre => w.end_code_block(),
            Action::Table => w.end_table(),
            Action::Row => w.end_row(),
            Action::Cell => w.end_cell(),
            Action::Suppress => w.suppress = w.suppress.saturating_sub(1),
            Action::Media => {
                self.media_scopes.pop();
            }
            Action::Block { blank } => w.block_break(blank),
        }
    }
}
