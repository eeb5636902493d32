//! The writer: block and inline operations shared by the markdown and HTML front ends.
//!
//! Both front ends translate what they read into calls here (`text`, `start_link`,
//! `start_quote`, `end_container`, …), so markdown and HTML may interleave freely, as they do
//! in real posts. Everything is forgiving: ends without starts are ignored, unclosed things
//! are closed at [`Writer::finish`].
//!
//! Layout: inline content collects as [`Frag`]s until a block boundary, then is wrapped to
//! the width left after the container prefixes (quote bars, list indents). Blank lines
//! between blocks are emitted lazily so that none ends up first or doubled.

use crate::text::collapse_whitespace;
use std::collections::HashMap;

use pulldown_cmark::Alignment;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use unicode_width::UnicodeWidthStr;

use super::table::{TableRow, layout};
use super::template::{Piece, Template, TemplateItem, pieces, restore};
use super::{Link, LinkKind, Rendered, code, style};
use crate::text::sanitize;
use crate::text::url::{self, Run};
use crate::text::wrap::{Frag, FragKind, WrappedLine, wrap};

/// Handle of a pushed style or container; `0` means "nothing was pushed".
pub(crate) type Id = u32;

/// Deepest style or container nesting honoured; deeper nesting renders flat.
const MAX_DEPTH: usize = 256;

#[derive(Debug)]
enum ContainerKind {
    Quote,
    List { next: Option<u64>, depth: usize },
    Item,
    Footnote,
}

#[derive(Debug)]
struct Container {
    id: Id,
    kind: ContainerKind,
    first: Vec<Span<'static>>,
    rest: Vec<Span<'static>>,
    width: usize,
    first_pending: bool,
}

/// Lines written so far, with the lines each link marker landed on.
#[derive(Debug, Default)]
struct Output {
    lines: Vec<Line<'static>>,
    markers: Vec<(usize, usize)>,
}

#[derive(Debug)]
struct ActiveLink {
    index: usize,
    kind: LinkKind,
    text: String,
    style_id: Id,
}

#[derive(Debug)]
struct CodeBlock {
    lang: Option<String>,
    text: String,
}

#[derive(Debug, Default)]
struct TableState {
    aligns: Vec<Alignment>,
    rows: Vec<TableRow>,
    row: Option<TableRow>,
    row_all_header: bool,
    cell: Option<Vec<Frag>>,
    nested: usize,
}

#[derive(Debug)]
struct FootnoteStash {
    number: usize,
    out: Output,
    containers: Vec<Container>,
    inline: Vec<Frag>,
    pending_blank: bool,
}

/// Accumulates a rendered post. See the module docs.
#[derive(Debug)]
pub(crate) struct Writer {
    width: usize,
    templates: Vec<Template>,
    out: Output,
    containers: Vec<Container>,
    inline: Vec<Frag>,
    styles: Vec<(Id, Style)>,
    current_style: Style,
    next_id: Id,
    links: Vec<Link>,
    active: Vec<ActiveLink>,
    pending_blank: bool,
    code: Option<CodeBlock>,
    table: Option<TableState>,
    headings: Vec<Id>,
    footnote_numbers: HashMap<String, usize>,
    footnote_stash: Vec<FootnoteStash>,
    footnotes: Vec<(usize, Output)>,
    /// How many HTML code elements (`<code>`, `<kbd>`, …) are open: URLs in their text
    /// stay text.
    code_spans: usize,
    /// While above zero, text and links are dropped (`<script>`, `<style>`, `<head>`).
    pub suppress: usize,
}

impl Writer {
    /// A writer for lines of at most `width` columns.
    pub(crate) fn new(width: usize, templates: Vec<Template>) -> Self {
        Self {
            width: width.max(1),
            templates,
            out: Output::default(),
            containers: Vec::new(),
            inline: Vec::new(),
            styles: Vec::new(),
            current_style: Style::new(),
            next_id: 1,
            links: Vec::new(),
            active: Vec::new(),
            pending_blank: false,
            code: None,
            table: None,
            headings: Vec::new(),
            footnote_numbers: HashMap::new(),
            footnote_stash: Vec::new(),
            footnotes: Vec::new(),
            code_spans: 0,
            suppress: 0,
        }
    }

    fn fresh_id(&mut self) -> Id {
        self.next_id = self.next_id.wrapping_add(1).max(1);
        self.next_id
    }

    /// Puts template source back into `s` (URLs, attributes, code).
    pub(crate) fn restore(&self, s: &str) -> String {
        restore(s, &self.templates).into_owned()
    }

    // ---------------------------------------------------------------- styles

    /// Pushes an inline style; returns its handle for [`Writer::pop_style`].
    pub(crate) fn push_style(&mut self, style: Style) -> Id {
        if self.styles.len() >= MAX_DEPTH {
            return 0;
        }
        let id = self.fresh_id();
        self.styles.push((id, style));
        self.current_style = self.current_style.patch(style);
        id
    }

    /// Removes the style pushed under `id`, wherever it is in the stack.
    pub(crate) fn pop_style(&mut self, id: Id) {
        let Some(pos) = self.styles.iter().rposition(|(i, _)| *i == id) else {
            return;
        };
        self.styles.remove(pos);
        self.current_style = self
            .styles
            .iter()
            .fold(Style::new(), |acc, (_, s)| acc.patch(*s));
    }

    // ---------------------------------------------------------------- inline

    fn sink(&mut self) -> &mut Vec<Frag> {
        if self.table.as_ref().is_some_and(|t| t.cell.is_none()) {
            self.start_cell(false);
        }
        match self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell,
            None => &mut self.inline,
        }
    }

    fn push_frag(&mut self, frag: Frag) {
        let sink = self.sink();
        if let Some(last) = sink.last_mut()
            && last.kind == FragKind::Text
            && frag.kind == FragKind::Text
            && last.style == frag.style
        {
            last.text.push_str(&frag.text);
            return;
        }
        sink.push(frag);
    }

    fn image_alt(&mut self) -> Option<&mut String> {
        self.active
            .last_mut()
            .filter(|a| a.kind == LinkKind::Image)
            .map(|a| &mut a.text)
    }

    fn add_to_link_text(&mut self, s: &str) {
        if let Some(link) = self
            .active
            .iter_mut()
            .rev()
            .find(|a| a.kind == LinkKind::Link)
        {
            link.text.push_str(s);
        }
    }

    /// Adds post text (may hold template placeholders) in the current style.
    pub(crate) fn text(&mut self, s: &str) {
        if self.suppress > 0 || s.is_empty() {
            return;
        }
        if self.code.is_some() {
            self.code_text(s);
            return;
        }
        if self.table.as_ref().is_some_and(|t| t.cell.is_none()) && s.trim().is_empty() {
            return;
        }
        for piece in pieces(s) {
            match piece {
                Piece::Text(t) => {
                    let clean = sanitize::line(t);
                    if let Some(alt) = self.image_alt() {
                        alt.push_str(&clean);
                        continue;
                    }
                    if self.in_link() || self.code_spans > 0 {
                        self.add_to_link_text(&clean);
                        let style = self.current_style;
                        self.push_frag(Frag::text(clean.into_owned(), style));
                    } else {
                        self.text_with_urls(&clean);
                    }
                }
                Piece::Template(n) => self.template(n),
            }
        }
    }

    /// Plain text outside links and code: every URL in it becomes a numbered link.
    fn text_with_urls(&mut self, clean: &str) {
        let style = self.current_style;
        for run in url::split_urls(clean) {
            match run {
                Run::Text(t) => self.push_frag(Frag::text(t, style)),
                Run::Url(u) => self.bare_link(u),
            }
        }
    }

    fn in_link(&self) -> bool {
        self.active.iter().any(|a| a.kind == LinkKind::Link)
    }

    fn template(&mut self, n: usize) {
        let Some(t) = self.templates.get(n).cloned() else {
            return;
        };
        if let Some(alt) = self.image_alt() {
            alt.push_str(&sanitize::line(&t.source));
            return;
        }
        match t.item {
            TemplateItem::Image { url, alt } => self.image(url, &alt),
            TemplateItem::Media { url, label } => self.media(url, &label),
            TemplateItem::Code => {
                let clean = sanitize::line(&t.source).into_owned();
                self.add_to_link_text(&clean);
                let style = self.current_style.patch(style::template());
                self.push_frag(Frag::text(clean, style));
            }
        }
    }

    /// Adds an inline code span.
    pub(crate) fn inline_code(&mut self, s: &str) {
        if self.suppress > 0 {
            return;
        }
        let restored = self.restore(s);
        let clean = sanitize::line(&restored);
        if let Some(alt) = self.image_alt() {
            alt.push_str(&clean);
            return;
        }
        self.add_to_link_text(&clean);
        let style = self.current_style.patch(style::code());
        self.push_frag(Frag::text(clean.into_owned(), style));
    }

    /// Opens an HTML code element (`<code>`, `<kbd>`, …): code style, and URLs in its
    /// text stay text. Returns the handle for [`Writer::end_code_span`].
    pub(crate) fn start_code_span(&mut self) -> Id {
        self.code_spans += 1;
        self.push_style(style::code())
    }

    /// Closes the code element opened as `id`.
    pub(crate) fn end_code_span(&mut self, id: Id) {
        self.code_spans = self.code_spans.saturating_sub(1);
        self.pop_style(id);
    }

    /// Forces a line break inside the current block.
    pub(crate) fn hard_break(&mut self) {
        if self.suppress > 0 {
            return;
        }
        if self.code.is_some() {
            self.code_text("\n");
        } else if let Some(alt) = self.image_alt() {
            alt.push(' ');
        } else {
            self.add_to_link_text(" ");
            self.push_frag(Frag::line_break());
        }
    }

    /// A task list checkbox.
    pub(crate) fn task_marker(&mut self, checked: bool) {
        let style = self.current_style;
        self.push_frag(Frag::text(if checked { "[x] " } else { "[ ] " }, style));
    }

    /// A note from shelf, not the post, as a paragraph of its own in [`style::note`].
    pub(crate) fn note(&mut self, s: &str) {
        self.block_break(false);
        let id = self.push_style(style::note());
        let clean = sanitize::line(s).into_owned();
        let style = self.current_style;
        self.push_frag(Frag::text(clean, style));
        self.pop_style(id);
        self.block_break(true);
    }

    // ---------------------------------------------------------------- links

    fn marker(&mut self, index: usize) {
        self.push_frag(Frag {
            text: format!("[{}]", index + 1),
            style: style::link_marker(),
            kind: FragKind::Marker(index),
        });
    }

    fn new_link(&mut self, url: String, kind: LinkKind) -> usize {
        let index = self.links.len();
        self.links.push(Link {
            number: index + 1,
            text: String::new(),
            url,
            kind,
            line: usize::MAX,
        });
        index
    }

    /// A URL written as text (in a paragraph, or a post's own link): a numbered link
    /// whose text is the URL, so the link list shows it once.
    pub(crate) fn bare_link(&mut self, url: &str) {
        if self.suppress > 0 {
            return;
        }
        let clean = sanitize::line(url).into_owned();
        let index = self.new_link(url.to_owned(), LinkKind::Link);
        if let Some(entry) = self.links.get_mut(index) {
            entry.text.clone_from(&clean);
        }
        let style = self.current_style.patch(style::link());
        self.push_frag(Frag::text(clean, style));
        self.marker(index);
    }

    /// Opens a hyperlink. Returns false (and does nothing) inside another link or while
    /// suppressed, so the caller knows not to close it.
    pub(crate) fn start_link(&mut self, url: &str) -> bool {
        if self.suppress > 0 || self.in_link() {
            return false;
        }
        let url = self.restore(url);
        let index = self.new_link(url, LinkKind::Link);
        let style_id = self.push_style(style::link());
        self.active.push(ActiveLink {
            index,
            kind: LinkKind::Link,
            text: String::new(),
            style_id,
        });
        true
    }

    /// Closes the innermost open hyperlink and writes its `[n]` marker.
    pub(crate) fn end_link(&mut self) {
        let Some(pos) = self.active.iter().rposition(|a| a.kind == LinkKind::Link) else {
            return;
        };
        while self.active.len() > pos + 1 {
            self.end_image();
        }
        let Some(link) = self.active.pop() else {
            return;
        };
        self.pop_style(link.style_id);
        let text = collapse_whitespace(&link.text);
        if let Some(entry) = self.links.get_mut(link.index) {
            entry.text = if text.is_empty() {
                sanitize::line(&entry.url).into_owned()
            } else {
                text
            };
        }
        // `[text ](url)`: the marker goes right after the text, the space after the marker.
        let sink = self.sink();
        let trailing_space = match sink.last_mut() {
            Some(last)
                if last.kind == FragKind::Text && last.text.ends_with(char::is_whitespace) =>
            {
                let style = last.style;
                last.text.truncate(last.text.trim_end().len());
                Some(style)
            }
            _ => None,
        };
        self.marker(link.index);
        if let Some(style) = trailing_space {
            self.push_frag(Frag::text(" ", style));
        }
    }

    /// Opens a markdown image; its text becomes the alt text.
    pub(crate) fn start_image(&mut self, url: &str) -> bool {
        if self.suppress > 0 {
            return false;
        }
        let url = self.restore(url);
        let index = self.new_link(url, LinkKind::Image);
        self.active.push(ActiveLink {
            index,
            kind: LinkKind::Image,
            text: String::new(),
            style_id: 0,
        });
        true
    }

    /// Closes the innermost open image and writes `[image: alt][n]`.
    pub(crate) fn end_image(&mut self) {
        if self.active.last().is_none_or(|a| a.kind != LinkKind::Image) {
            return;
        }
        let Some(image) = self.active.pop() else {
            return;
        };
        self.write_image(image.index, &image.text);
    }

    fn write_image(&mut self, index: usize, alt: &str) {
        let mut alt = collapse_whitespace(alt);
        if let Some(entry) = self.links.get_mut(index) {
            if alt.is_empty() {
                // No alt text: the file name says more than nothing.
                let path = entry.url.split(['?', '#']).next().unwrap_or_default();
                alt = sanitize::line(
                    path.trim_end_matches('/')
                        .rsplit('/')
                        .next()
                        .unwrap_or_default(),
                )
                .into_owned();
            }
            entry.text = if alt.is_empty() {
                sanitize::line(&entry.url).into_owned()
            } else {
                alt.clone()
            };
        }
        let label = if alt.is_empty() {
            "image".to_owned()
        } else {
            format!("image: {alt}")
        };
        if let Some(outer) = self.image_alt() {
            outer.push_str(&label);
            return;
        }
        self.add_to_link_text(&label);
        self.push_frag(Frag::text(
            format!("[{label}]"),
            self.current_style.patch(style::image()),
        ));
        self.marker(index);
    }

    /// An image with known source and alt text (HTML `<img>`, `{% img %}`).
    pub(crate) fn image(&mut self, url: String, alt: &str) {
        if self.suppress > 0 {
            return;
        }
        let url = self.restore(&url);
        let index = self.new_link(url, LinkKind::Image);
        let alt = sanitize::line(&self.restore(alt)).into_owned();
        self.write_image(index, &alt);
    }

    /// Embedded media (`<object>`, `<iframe>`, `{% youtube %}`): `[media: label][n]`.
    pub(crate) fn media(&mut self, url: String, label: &str) {
        if self.suppress > 0 {
            return;
        }
        let url = self.restore(&url);
        let label = collapse_whitespace(&sanitize::line(label));
        let index = self.new_link(url, LinkKind::Media);
        if let Some(entry) = self.links.get_mut(index) {
            entry.text = format!("media: {label}");
        }
        self.push_frag(Frag::text(
            format!("[media: {label}]"),
            self.current_style.patch(style::image()),
        ));
        self.marker(index);
    }

    // ---------------------------------------------------------------- blocks

    /// Ends the current block; `blank` asks for an empty line before the next one.
    pub(crate) fn block_break(&mut self, blank: bool) {
        if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            if cell.last().is_some_and(|f| f.kind != FragKind::Break) {
                cell.push(Frag::line_break());
            }
            return;
        }
        if self.table.is_some() {
            return;
        }
        self.flush_inline();
        if blank {
            self.pending_blank = true;
        }
    }

    fn flush_inline(&mut self) {
        if self.table.is_some() {
            return;
        }
        let frags = std::mem::take(&mut self.inline);
        if !frags
            .iter()
            .any(|f| f.kind != FragKind::Break && !f.text.trim().is_empty())
        {
            return;
        }
        self.emit_pending_blank();
        for line in wrap(&frags, self.avail()) {
            self.emit(line);
        }
    }

    fn emit_pending_blank(&mut self) {
        if std::mem::take(&mut self.pending_blank) && !self.out.lines.is_empty() {
            let (mut spans, _) = self.prefix(true);
            while let Some(last) = spans.last_mut() {
                let trimmed = last.content.trim_end().to_owned();
                if trimmed.is_empty() {
                    spans.pop();
                } else {
                    last.content = trimmed.into();
                    break;
                }
            }
            self.out.lines.push(Line::from(spans));
        }
    }

    /// The prefix of the next line and its width; `blank` uses continuation prefixes.
    /// Only the innermost containers that fit in half the width are drawn.
    fn prefix(&self, blank: bool) -> (Vec<Span<'static>>, usize) {
        let max = self.width / 2;
        let mut width = 0;
        let mut from = self.containers.len();
        for (i, c) in self.containers.iter().enumerate().rev() {
            if width + c.width > max {
                break;
            }
            width += c.width;
            from = i;
        }
        let spans = self.containers[from..]
            .iter()
            .flat_map(|c| {
                if c.first_pending && !blank {
                    c.first.clone()
                } else {
                    c.rest.clone()
                }
            })
            .collect();
        (spans, width)
    }

    fn avail(&self) -> usize {
        self.width.saturating_sub(self.prefix(true).1).max(1)
    }

    fn emit(&mut self, line: WrappedLine) {
        let (mut spans, _) = self.prefix(false);
        for c in &mut self.containers {
            c.first_pending = false;
        }
        let index = self.out.lines.len();
        self.out
            .markers
            .extend(line.markers.iter().map(|m| (*m, index)));
        spans.extend(line.spans);
        self.out.lines.push(Line::from(spans));
    }

    fn push_container(
        &mut self,
        kind: ContainerKind,
        first: Vec<Span<'static>>,
        rest_style: Style,
    ) -> Id {
        if self.table.is_some() {
            // Inside a table cell containers flatten to a line break plus their marker.
            self.block_break(false);
            let text: String = first.iter().map(|s| s.content.as_ref()).collect();
            if !text.trim().is_empty() {
                let style = self.current_style;
                self.push_frag(Frag::text(text, style));
            }
            return 0;
        }
        self.flush_inline();
        self.emit_pending_blank();
        if self.containers.len() >= MAX_DEPTH {
            return 0;
        }
        let width: usize = first.iter().map(|s| s.content.width()).sum();
        let rest_text: String = first
            .iter()
            .map(|s| {
                if s.content.trim().is_empty() || matches!(kind, ContainerKind::Quote) {
                    s.content.to_string()
                } else {
                    " ".repeat(s.content.width())
                }
            })
            .collect();
        let rest = if rest_text.is_empty() {
            Vec::new()
        } else {
            vec![Span::styled(rest_text, rest_style)]
        };
        let id = self.fresh_id();
        self.containers.push(Container {
            id,
            kind,
            first,
            rest,
            width,
            first_pending: true,
        });
        id
    }

    /// Closes the container `id` and everything opened inside it.
    pub(crate) fn end_container(&mut self, id: Id) {
        if id == 0 || !self.containers.iter().any(|c| c.id == id) {
            return;
        }
        self.flush_inline();
        while let Some(top) = self.containers.last() {
            let top_id = top.id;
            if matches!(top.kind, ContainerKind::Item) && top.first_pending {
                // An empty item still shows its bullet.
                self.emit(WrappedLine::default());
            }
            let Some(popped) = self.containers.pop() else {
                break;
            };
            match popped.kind {
                ContainerKind::Quote => self.pending_blank = true,
                ContainerKind::List { .. }
                    if !self
                        .containers
                        .iter()
                        .any(|c| matches!(c.kind, ContainerKind::Item)) =>
                {
                    self.pending_blank = true;
                }
                _ => {}
            }
            if top_id == id {
                break;
            }
        }
    }

    /// Opens a block quote (drawn as a bar).
    pub(crate) fn start_quote(&mut self) -> Id {
        let bar = vec![Span::styled("│ ", style::chrome())];
        self.push_container(ContainerKind::Quote, bar, style::chrome())
    }

    /// Opens a list; `start` is the first number of an ordered list.
    pub(crate) fn start_list(&mut self, start: Option<u64>) -> Id {
        let depth = self
            .containers
            .iter()
            .filter(|c| matches!(c.kind, ContainerKind::List { .. }))
            .count();
        self.push_container(
            ContainerKind::List { next: start, depth },
            Vec::new(),
            Style::new(),
        )
    }

    /// Opens a list item with its bullet or number; opens a list first if needed.
    pub(crate) fn start_item(&mut self) -> Id {
        if self.table.is_none()
            && !matches!(
                self.containers.last().map(|c| &c.kind),
                Some(ContainerKind::List { .. })
            )
        {
            self.start_list(None);
        }
        let marker = match self.containers.last_mut().map(|c| &mut c.kind) {
            Some(ContainerKind::List { next: Some(n), .. }) => {
                let m = format!("{n}. ");
                *n = n.saturating_add(1);
                m
            }
            Some(ContainerKind::List { depth, .. }) => ["• ", "◦ ", "▪ "][*depth % 3].to_owned(),
            _ => "• ".to_owned(),
        };
        self.push_container(ContainerKind::Item, vec![Span::raw(marker)], Style::new())
    }

    /// Opens a heading of `level` (1..=6).
    pub(crate) fn start_heading(&mut self, level: u8) {
        self.block_break(true);
        let level = level.clamp(1, 6);
        let id = self.push_style(style::heading(level));
        self.headings.push(id);
        let style = self.current_style;
        self.push_frag(Frag::text(
            format!("{} ", "#".repeat(usize::from(level))),
            style,
        ));
    }

    /// Closes the innermost heading.
    pub(crate) fn end_heading(&mut self) {
        let Some(id) = self.headings.pop() else {
            return;
        };
        self.pop_style(id);
        self.block_break(true);
    }

    /// A horizontal rule.
    pub(crate) fn rule(&mut self) {
        if self.table.is_some() {
            self.block_break(false);
            return;
        }
        self.flush_inline();
        self.emit_pending_blank();
        let width = self.avail();
        let mut line = WrappedLine::default();
        line.push_str(&"─".repeat(width), style::chrome(), width);
        self.emit(line);
        self.pending_blank = true;
    }

    // ---------------------------------------------------------------- code

    /// Opens a code block; text goes in verbatim until [`Writer::end_code_block`].
    pub(crate) fn start_code_block(&mut self, lang: Option<String>) {
        if self.code.is_some() {
            return;
        }
        self.block_break(true);
        self.code = Some(CodeBlock {
            lang: lang.filter(|l| !l.trim().is_empty()),
            text: String::new(),
        });
    }

    /// Whether a code block is open.
    pub(crate) fn in_code_block(&self) -> bool {
        self.code.is_some()
    }

    /// Adds verbatim code text.
    pub(crate) fn code_text(&mut self, s: &str) {
        if self.suppress > 0 {
            return;
        }
        let restored = restore(s, &self.templates);
        let clean = sanitize::text(&restored).into_owned();
        if let Some(code) = self.code.as_mut() {
            code.text.push_str(&clean);
        }
    }

    /// Closes the code block and writes it, highlighted when its language is known.
    pub(crate) fn end_code_block(&mut self) {
        let Some(block) = self.code.take() else {
            return;
        };
        let lines = code::highlight(&block.text, block.lang.as_deref());
        if self.table.is_some() {
            for line in lines {
                for (style, text) in line {
                    self.push_frag(Frag::text(text, style));
                }
                self.push_frag(Frag::line_break());
            }
            return;
        }
        self.emit_pending_blank();
        // The block is the whole width left, on its own ground: a margin of `indent`, the
        // code, and padding to the right edge, so it is a block and not ragged lines.
        let block = self.avail();
        let indent = 2.min(block.saturating_sub(1));
        let ground = style::code_block();
        for line in lines {
            for piece in code::hard_wrap(&line, block - indent) {
                let mut filled = WrappedLine::default();
                filled.push_str(&" ".repeat(indent), ground, indent);
                for span in piece.spans {
                    let width = span.content.width();
                    filled.push_str(&span.content, ground.patch(span.style), width);
                }
                let pad = block.saturating_sub(filled.width);
                filled.push_str(&" ".repeat(pad), ground, pad);
                self.emit(filled);
            }
        }
        self.pending_blank = true;
    }

    // ---------------------------------------------------------------- tables

    /// Opens a table. A table inside a table cell flattens into the cell.
    pub(crate) fn start_table(&mut self, aligns: Vec<Alignment>) {
        if let Some(table) = self.table.as_mut() {
            table.nested += 1;
            self.block_break(false);
            return;
        }
        self.flush_inline();
        self.table = Some(TableState {
            aligns,
            ..TableState::default()
        });
    }

    /// Opens a row (closing any open one).
    pub(crate) fn start_row(&mut self, header: bool) {
        let Some(table) = self.table.as_mut() else {
            return;
        };
        if table.nested > 0 {
            self.block_break(false);
            return;
        }
        self.end_row();
        if let Some(table) = self.table.as_mut() {
            table.row = Some(TableRow {
                cells: Vec::new(),
                header,
            });
            table.row_all_header = true;
        }
    }

    /// Opens a cell (closing any open one, opening a row if needed).
    pub(crate) fn start_cell(&mut self, header: bool) {
        let Some(table) = self.table.as_mut() else {
            return;
        };
        if table.nested > 0 {
            if let Some(cell) = table.cell.as_mut() {
                cell.push(Frag::text(" ", Style::new()));
            }
            return;
        }
        self.end_cell();
        let Some(table) = self.table.as_mut() else {
            return;
        };
        if table.row.is_none() {
            table.row = Some(TableRow::default());
            table.row_all_header = true;
        }
        table.row_all_header &= header;
        table.cell = Some(Vec::new());
    }

    /// Closes the open cell.
    pub(crate) fn end_cell(&mut self) {
        let Some(table) = self.table.as_mut() else {
            return;
        };
        if table.nested > 0 {
            return;
        }
        if let Some(mut cell) = table.cell.take() {
            while cell.last().is_some_and(|f| f.kind == FragKind::Break) {
                cell.pop();
            }
            if let Some(row) = table.row.as_mut() {
                row.cells.push(cell);
            }
        }
    }

    /// Closes the open row.
    pub(crate) fn end_row(&mut self) {
        if self.table.as_ref().is_none_or(|t| t.nested > 0) {
            return;
        }
        self.end_cell();
        let Some(table) = self.table.as_mut() else {
            return;
        };
        if let Some(mut row) = table.row.take() {
            row.header |= table.row_all_header && !row.cells.is_empty();
            if !row.cells.is_empty() {
                table.rows.push(row);
            }
        }
    }

    /// Closes the table and writes it.
    pub(crate) fn end_table(&mut self) {
        let Some(table) = self.table.as_mut() else {
            return;
        };
        if table.nested > 0 {
            table.nested -= 1;
            self.block_break(false);
            return;
        }
        self.end_row();
        let Some(table) = self.table.take() else {
            return;
        };
        if table.rows.is_empty() {
            return;
        }
        self.flush_inline();
        self.emit_pending_blank();
        for line in layout(&table.rows, &table.aligns, self.avail()) {
            self.emit(line);
        }
        self.pending_blank = true;
    }

    // ---------------------------------------------------------------- footnotes

    /// Gives footnote `label` the next number unless it has one.
    pub(crate) fn number_footnote(&mut self, label: &str) {
        self.footnote_number(label);
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        *self
            .footnote_numbers
            .entry(label.to_owned())
            .or_insert(next)
    }

    /// A reference to footnote `label`: `[^n]`.
    pub(crate) fn footnote_ref(&mut self, label: &str) {
        if self.suppress > 0 {
            return;
        }
        let n = self.footnote_number(label);
        self.push_frag(Frag::text(format!("[^{n}]"), style::footnote()));
    }

    /// Starts footnote `label`'s text; it is written at the end of the post.
    pub(crate) fn start_footnote(&mut self, label: &str) {
        if self.table.is_some() {
            self.block_break(false);
            return;
        }
        let number = self.footnote_number(label);
        self.flush_inline();
        self.footnote_stash.push(FootnoteStash {
            number,
            out: std::mem::take(&mut self.out),
            containers: std::mem::take(&mut self.containers),
            inline: std::mem::take(&mut self.inline),
            pending_blank: std::mem::take(&mut self.pending_blank),
        });
        let first = vec![Span::styled(format!("[^{number}] "), style::footnote())];
        self.push_container(ContainerKind::Footnote, first, Style::new());
    }

    /// Ends the innermost footnote definition.
    pub(crate) fn end_footnote(&mut self) {
        let Some(stash) = self.footnote_stash.pop() else {
            return;
        };
        self.end_code_block();
        self.flush_inline();
        if let Some(bottom) = self.containers.first().map(|c| c.id) {
            self.end_container(bottom);
        }
        let out = std::mem::replace(&mut self.out, stash.out);
        self.containers = stash.containers;
        self.inline = stash.inline;
        self.pending_blank = stash.pending_blank;
        self.footnotes.push((stash.number, out));
    }

    // ---------------------------------------------------------------- finish

    /// Closes whatever is still open and returns the rendered post.
    pub(crate) fn finish(mut self) -> Rendered {
        self.suppress = 0;
        self.end_code_block();
        while let Some(kind) = self.active.last().map(|a| a.kind) {
            match kind {
                LinkKind::Image => self.end_image(),
                _ => self.end_link(),
            }
        }
        self.end_table();
        while !self.footnote_stash.is_empty() {
            self.end_footnote();
        }
        self.flush_inline();
        if let Some(bottom) = self.containers.first().map(|c| c.id) {
            self.end_container(bottom);
        }
        let mut footnotes = std::mem::take(&mut self.footnotes);
        footnotes.sort_by_key(|(n, _)| *n);
        if !footnotes.is_empty() {
            self.pending_blank = true;
            self.rule();
            for (_, notes) in footnotes {
                let offset = self.out.lines.len();
                self.out.lines.extend(notes.lines);
                self.out
                    .markers
                    .extend(notes.markers.into_iter().map(|(l, i)| (l, i + offset)));
            }
        }
        let last_line = self.out.lines.len().saturating_sub(1);
        for (link, line) in &self.out.markers {
            if let Some(entry) = self.links.get_mut(*link) {
                entry.line = entry.line.min(*line);
            }
        }
        for link in &mut self.links {
            if link.line == usize::MAX {
                link.line = last_line;
            }
        }
        Rendered {
            text: Text::from(self.out.lines),
            links: self.links,
        }
    }
}
