//! Liquid and ERB leftovers, taken out of the body before parsing so neither the markdown
//! parser nor the HTML tokenizer can eat or mangle them.
//!
//! Every `{% … %}`, `{{ … }}` and `<% … %>` is replaced by a placeholder made of two
//! private-use characters around its index. The writer turns placeholders back into
//! something visible: a link for `{% img %}`, `{% youtube %}` and `{% vimeo %}`, dimmed
//! source text for the rest, and the exact source inside code, where it is just code.
//! `{% highlight lang %}` … `{% endhighlight %}` on lines of their own become fenced code.

use std::borrow::Cow;

/// Opens a placeholder.
pub(crate) const OPEN: char = '\u{e000}';
/// Closes a placeholder.
pub(crate) const CLOSE: char = '\u{e001}';

/// Longest template tag recognised; a longer "tag" is most likely an unclosed one.
const MAX_TAG_LEN: usize = 4096;

/// What a template tag turns into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TemplateItem {
    /// `{% img … URL … %}`: an image link, with the title or alt text if any.
    Image { url: String, alt: String },
    /// `{% youtube ID %}` / `{% vimeo ID %}`: a media link.
    Media { url: String, label: String },
    /// Anything else: shown dimmed as written.
    Code,
}

/// One template tag taken out of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    /// The tag exactly as written.
    pub source: String,
    /// What it renders as outside code.
    pub item: TemplateItem,
}

/// A body with its template tags replaced by placeholders.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    pub body: String,
    pub templates: Vec<Template>,
}

/// One piece of text that may contain placeholders.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Template(usize),
}

/// Splits `s` into plain text and placeholders. Stray sentinels are dropped.
pub(crate) fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find(OPEN) {
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        let after = &rest[start + OPEN.len_utf8()..];
        match after
            .find(CLOSE)
            .and_then(|end| after[..end].parse::<usize>().ok().map(|n| (end, n)))
        {
            Some((end, n)) => {
                out.push(Piece::Template(n));
                rest = &after[end + CLOSE.len_utf8()..];
            }
            None => rest = after,
        }
    }
    let rest_clean = rest.trim_start_matches(CLOSE);
    if !rest_clean.is_empty() {
        if rest_clean.contains(CLOSE) {
            for part in rest_clean.split(CLOSE).filter(|p| !p.is_empty()) {
                out.push(Piece::Text(part));
            }
        } else {
            out.push(Piece::Text(rest_clean));
        }
    }
    out
}

/// Puts the original template source back into `s` (for code, URLs and attributes).
pub(crate) fn restore<'a>(s: &'a str, templates: &[Template]) -> Cow<'a, str> {
    if !s.contains([OPEN, CLOSE]) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for piece in pieces(s) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Template(n) => {
                if let Some(t) = templates.get(n) {
                    out.push_str(&t.source);
                }
            }
        }
    }
    Cow::Owned(out)
}

/// Replaces template tags in `body` with placeholders.
pub(crate) fn prepare(body: &str) -> Prepared {
    // The post's own private-use sentinels must not pose as placeholders.
    let body: Cow<'_, str> = if body.contains([OPEN, CLOSE]) {
        Cow::Owned(body.replace([OPEN, CLOSE], "\u{fffd}"))
    } else {
        Cow::Borrowed(body)
    };
    let body = fence_highlight_blocks(&body);
    let mut out = Prepared {
        body: String::with_capacity(body.len()),
        templates: Vec::new(),
    };
    let mut rest = body.as_str();
    // One forward scan: every position is looked at once, and a closer is only
    // looked for within MAX_TAG_LEN, so a post full of lone openers stays linear.
    while let Some((at, open)) = next_opener(rest) {
        let close = match open {
            "{%" => "%}",
            "{{" => "}}",
            _ => "%>",
        };
        let inner_start = at + open.len();
        let window_end = char_floor(rest, (at + MAX_TAG_LEN).min(rest.len()));
        let end = rest
            .get(inner_start..window_end)
            .and_then(|window| window.find(close))
            .map(|e| inner_start + e + close.len())
            .filter(|end| end - at <= MAX_TAG_LEN);
        let Some(end) = end else {
            out.body.push_str(&rest[..inner_start]);
            rest = &rest[inner_start..];
            continue;
        };
        out.body.push_str(&rest[..at]);
        let source = &rest[at..end];
        let item = if open == "{%" {
            classify_liquid(&rest[inner_start..end - close.len()])
        } else {
            TemplateItem::Code
        };
        out.body.push(OPEN);
        out.body.push_str(&out.templates.len().to_string());
        out.body.push(CLOSE);
        out.templates.push(Template {
            source: source.to_owned(),
            item,
        });
        rest = &rest[end..];
    }
    out.body.push_str(rest);
    out
}

/// The first template opener (`{%`, `{{` or `<%`) in `text`: its byte offset and
/// which one it is.
fn next_opener(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|t| t.find(['{', '<'])) {
        let at = from + found;
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'{'), Some(b'%')) => return Some((at, "{%")),
            (Some(b'{'), Some(b'{')) => return Some((at, "{{")),
            (Some(b'<'), Some(b'%')) => return Some((at, "<%")),
            _ => from = at + 1,
        }
    }
    None
}

/// The largest char boundary of `text` at or below `index`.
fn char_floor(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Turns `{% highlight lang %}` / `{% endhighlight %}` lines into a `~~~~` fence.
fn fence_highlight_blocks(body: &str) -> String {
    if !body.contains("endhighlight") {
        return body.to_owned();
    }
    let mut out = String::with_capacity(body.len());
    let mut open = false;
    for line in body.split_inclusive('\n') {
        let tag = line
            .trim()
            .strip_prefix("{%")
            .and_then(|t| t.strip_suffix("%}"))
            .map(str::trim);
        let mut words = tag.unwrap_or_default().split_whitespace();
        match (words.next(), open) {
            (Some("highlight"), false) if tag.is_some() => {
                let lang = words.next().unwrap_or_default();
                out.push_str("~~~~");
                out.push_str(lang);
                out.push('\n');
                open = true;
            }
            (Some("endhighlight"), true) if tag.is_some() => {
                out.push_str("~~~~\n");
                open = false;
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Reads the inside of a `{% … %}` tag.
fn classify_liquid(inner: &str) -> TemplateItem {
    let mut words = inner.split_whitespace();
    match words.next() {
        Some("img") | Some("image") => {
            let rest: Vec<&str> = words.collect();
            let Some(pos) = rest.iter().position(|w| looks_like_image_url(w)) else {
                return TemplateItem::Code;
            };
            let url = rest[pos].to_owned();
            // Octopress: `{% img [class] URL [width [height]] ["title" ["alt"]] %}`.
            let tail = rest[pos + 1..].join(" ");
            let tail = tail.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
            let alt = tail
                .trim()
                .trim_matches(['"', '\''])
                .split("\" \"")
                .last()
                .unwrap_or_default();
            TemplateItem::Image {
                url,
                alt: alt.trim_matches(['"', '\'']).to_owned(),
            }
        }
        Some("youtube") => match words.next() {
            Some(id) if is_video_id(id) => TemplateItem::Media {
                url: format!("https://www.youtube.com/watch?v={id}"),
                label: format!("youtube: {id}"),
            },
            _ => TemplateItem::Code,
        },
        Some("vimeo") => match words.next() {
            Some(id) if is_video_id(id) => TemplateItem::Media {
                url: format!("https://vimeo.com/{id}"),
                label: format!("vimeo: {id}"),
            },
            _ => TemplateItem::Code,
        },
        _ => TemplateItem::Code,
    }
}

fn looks_like_image_url(w: &str) -> bool {
    w.starts_with("http://")
        || w.starts_with("https://")
        || w.starts_with('/')
        || w.starts_with("//")
}

fn is_video_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn tags_become_placeholders_and_restore_exactly() {
        let body = "a {% if x %} b {{ y }} c <%= @home %> d";
        let p = prepare(body);
        assert_eq!(
            p.body,
            "a \u{e000}0\u{e001} b \u{e000}1\u{e001} c \u{e000}2\u{e001} d"
        );
        assert_eq!(restore(&p.body, &p.templates), body);
    }

    #[test]
    fn img_youtube_vimeo_are_recognised() {
        let p = prepare(
            "{% img left http://x.org/a.jpg 300 200 \"Title\" \"Alt text\" %}{% youtube dQw4w9WgXcQ %}{% vimeo 123 %}",
        );
        assert_eq!(
            p.templates
                .iter()
                .map(|t| t.item.clone())
                .collect::<Vec<_>>(),
            [
                TemplateItem::Image {
                    url: "http://x.org/a.jpg".into(),
                    alt: "Alt text".into()
                },
                TemplateItem::Media {
                    url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ".into(),
                    label: "youtube: dQw4w9WgXcQ".into()
                },
                TemplateItem::Media {
                    url: "https://vimeo.com/123".into(),
                    label: "vimeo: 123".into()
                },
            ]
        );
    }

    #[test]
    fn unclosed_tags_are_left_alone() {
        assert_eq!(prepare("a {% b <% c {{").body, "a {% b <% c {{");
    }

    #[test]
    fn highlight_blocks_become_fences() {
        let p = prepare("x\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n");
        assert_eq!(p.body, "x\n~~~~ruby\nputs 1\n~~~~\n");
    }

    #[test]
    fn post_supplied_sentinels_are_neutralised() {
        let p = prepare("\u{e000}0\u{e001}");
        assert_eq!(p.body, "\u{fffd}0\u{fffd}");
        assert_eq!(
            pieces("a\u{e000}zz\u{e001}b"),
            [Piece::Text("a"), Piece::Text("zz"), Piece::Text("b")]
        );
    }
}
