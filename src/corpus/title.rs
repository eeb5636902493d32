//! Titles: the `title` field, else the first markdown heading, else (no front matter) the
//! first non-empty line, else an HTML document's `<title>`, else the humanised file name.
//!
//! A placeholder title (`Blog`, `Untitled`, empty) next to a slug field (`path`, `slug`,
//! `permalink`, `url`) becomes the humanised slug, each word spelled as the post's body
//! spells it most often (`celebrate-the-beginning-of-devops` → `Celebrate the beginning
//! of DevOps`). Every title has NULs removed, HTML entities decoded and whitespace collapsed.

use crate::text::collapse_whitespace;
use std::collections::HashMap;

use super::fields::Fields;
use super::front_matter::Format;

/// Titles that say nothing; replaced by the slug when the post has one.
const PLACEHOLDERS: &[&str] = &["", "blog", "untitled"];
/// Longest title taken from a line of text (in characters).
const MAX_LINE_TITLE_CHARS: usize = 120;

/// Picks the title of a post. `name` is the file stem (or the folder name for `index`
/// files) used as the last resort.
pub fn choose(fields: &Fields, format: Format, body: &str, name: &str) -> String {
    let given = fields.text("title").map(|t| normalise(&t));
    let is_placeholder = given
        .as_deref()
        .is_none_or(|t| PLACEHOLDERS.contains(&t.to_lowercase().as_str()));
    if is_placeholder {
        let slug = super::fields::SLUG_KEYS
            .iter()
            .find_map(|key| fields.text(key));
        if let Some(title) = slug.and_then(|s| from_slug(&s, body)) {
            return title;
        }
    }
    if let Some(title) = given.filter(|t| !t.is_empty()) {
        return title;
    }
    let html = crate::text::is_html_document(body);
    let candidates = [
        first_heading(body),
        html.then(|| html_title(body)).flatten(),
        (format == Format::None).then(|| first_line(body)).flatten(),
        html_title(body),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|t| normalise(&t))
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| humanise(name))
}

/// Removes NULs, decodes HTML entities and collapses whitespace.
pub fn normalise(raw: &str) -> String {
    let without_nul = raw.replace('\0', "");
    collapse_whitespace(&html_escape::decode_html_entities(&without_nul))
}

/// `2001-01-18-stable-snapshot_is.available.md` → `Stable snapshot is available`
/// (date prefix, extension and separators gone, first letter capitalised).
pub fn humanise(name: &str) -> String {
    let words = slug_words(name);
    if words.is_empty() {
        return "Untitled".to_string();
    }
    capitalise_first(&words.join(" "))
}

fn slug_words(name: &str) -> Vec<String> {
    let name = normalise(name);
    let name = name.trim_matches('/');
    let name = name.rsplit('/').next().unwrap_or(name);
    let name = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 8 && !ext.contains(' ') => stem,
        _ => name,
    };
    let name = match super::dates::from_name_start(name) {
        Some(_) => name.get(10..).unwrap_or_default(),
        None => name,
    };
    name.split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Spellings of one word: spelling → (count inside sentences, count at a sentence start,
/// first position).
type Spellings = HashMap<String, (usize, usize, usize)>;

/// The humanised last segment of a slug or URL path, each word spelled as the body
/// spells it most often; `None` when the slug holds no words.
fn from_slug(slug: &str, body: &str) -> Option<String> {
    let words = slug_words(slug);
    if words.is_empty() {
        return None;
    }
    let wanted: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    // For each wanted word: spelling → (count inside sentences, count at a sentence
    // start, first position). A capital at a sentence start says little about a word.
    let mut spellings: HashMap<String, Spellings> = HashMap::new();
    let mut sentence_start = true;
    let mut word_start: Option<usize> = None;
    let mut position = 0;
    let mut record = |word: &str, at_start: bool, position: usize| {
        let lower = word.to_lowercase();
        if wanted.contains(&lower) {
            let entry = spellings
                .entry(lower)
                .or_default()
                .entry(word.to_string())
                .or_insert((0, 0, position));
            if at_start {
                entry.1 += 1;
            } else {
                entry.0 += 1;
            }
        }
    };
    for (i, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), ' ')))
    {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            record(
                body.get(start..i).unwrap_or_default(),
                sentence_start,
                position,
            );
            position += 1;
            sentence_start = false;
        }
        if matches!(c, '.' | '!' | '?' | '\n' | '#' | '>' | '*') {
            sentence_start = true;
        }
    }
    let spelled: Vec<String> = wanted
        .iter()
        .map(|lower| {
            spellings
                .get(lower)
                .and_then(|forms| {
                    forms
                        .iter()
                        .max_by(|a, b| (a.1.0, a.1.1).cmp(&(b.1.0, b.1.1)).then(b.1.2.cmp(&a.1.2)))
                        .map(|(form, _)| form.clone())
                })
                .unwrap_or_else(|| lower.clone())
        })
        .collect();
    Some(capitalise_first(&spelled.join(" ")))
}

/// The text of the first ATX heading (`# Title`) outside fenced code blocks.
pub fn first_heading(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if trimmed.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        if line.starts_with("    ") || line.starts_with('\t') {
            continue;
        }
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) {
            let rest = trimmed.get(hashes..).unwrap_or_default();
            if rest.is_empty() || rest.starts_with([' ', '\t']) {
                let text = rest.trim().trim_end_matches('#').trim();
                if !text.is_empty() {
                    return Some(text.to_string());
                }
            }
        }
    }
    None
}

/// The text of the first `<title>` element, entities decoded.
pub fn html_title(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let content_start = open + lower.get(open..)?.find('>')? + 1;
    let content_end = content_start + lower.get(content_start..)?.find("</title")?;
    let text = normalise(body.get(content_start..content_end)?);
    (!text.is_empty()).then_some(text)
}

/// The first line with text once HTML tags are removed, cut to a title's length.
pub fn first_line(body: &str) -> Option<String> {
    let line = body
        .lines()
        .map(|l| normalise(&strip_tags(l)))
        .find(|l| !l.is_empty())?;
    if line.chars().count() <= MAX_LINE_TITLE_CHARS {
        return Some(line);
    }
    let cut: String = line.chars().take(MAX_LINE_TITLE_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > MAX_LINE_TITLE_CHARS / 2 => cut.get(..space).unwrap_or(&cut),
        _ => &cut,
    };
    Some(format!("{}…", cut.trim_end()))
}

/// Removes `<tag ...>` markup from one line (a tag must start with a letter, `/` or `!`).
pub fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (is_tag, after.find('>')) {
            (true, Some(close)) => rest = after.get(close + 1..).unwrap_or_default(),
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields::of_text(pairs)
    }

    #[test]
    fn title_field_wins_and_is_normalised() {
        let f = fields(&[("Title", "  Saved or  Sabotaged?\tSeven &amp; more \0")]);
        assert_eq!(
            choose(&f, Format::Yaml, "# Heading", "x"),
            "Saved or Sabotaged? Seven & more"
        );
    }

    #[test]
    fn placeholder_with_slug_becomes_the_slug_spelled_as_the_body() {
        let f = fields(&[
            ("title", "Blog"),
            ("path", "celebrate-the-beginning-of-devops"),
        ]);
        let body =
            "The DevOps movement. DevOps is great; devops-y things. The beginning of the end.";
        assert_eq!(
            choose(&f, Format::Yaml, body, "000"),
            "Celebrate the beginning of DevOps"
        );
    }

    #[test]
    fn placeholder_with_url_slug_uses_its_last_segment() {
        let f = fields(&[
            ("title", "untitled"),
            ("url", "/blog/2019/08/my-first-post.html"),
        ]);
        assert_eq!(choose(&f, Format::Yaml, "", "x"), "My first post");
    }

    #[test]
    fn placeholder_without_slug_is_kept() {
        let f = fields(&[("title", "Blog")]);
        assert_eq!(choose(&f, Format::Yaml, "# Heading", "x"), "Blog");
    }

    #[test]
    fn empty_title_falls_back_to_the_first_heading() {
        let f = fields(&[("title", "  ")]);
        let body = "```\n# not this\n```\n\n## The &amp; heading ##\n";
        assert_eq!(choose(&f, Format::Yaml, body, "x"), "The & heading");
    }

    #[test]
    fn no_front_matter_takes_the_first_non_empty_line() {
        let body = "\n\nDevOpsDays Paris 2013, the event that was\n\nText.";
        assert_eq!(
            choose(&Fields::default(), Format::None, body, "004"),
            "DevOpsDays Paris 2013, the event that was"
        );
    }

    #[test]
    fn first_line_drops_tags_and_long_lines_are_cut() {
        assert_eq!(
            first_line("<p><b>Hello</b> world</p>").as_deref(),
            Some("Hello world")
        );
        let long = "word ".repeat(60);
        let title = first_line(&long).unwrap();
        assert!(title.ends_with('…'));
        assert!(title.chars().count() <= MAX_LINE_TITLE_CHARS + 1);
    }

    #[test]
    fn html_document_uses_its_title_element() {
        let body = "<!DOCTYPE html>\n<html><head>\n<title>The page you were looking for doesn&#39;t exist (404)</title>";
        assert_eq!(
            choose(&Fields::default(), Format::None, body, "404"),
            "The page you were looking for doesn't exist (404)"
        );
    }

    #[test]
    fn front_matter_without_title_does_not_use_the_first_line() {
        assert_eq!(
            choose(
                &Fields::default(),
                Format::Yaml,
                "Some text",
                "hockey-stick"
            ),
            "Hockey stick"
        );
    }

    #[test]
    fn humanised_file_names() {
        assert_eq!(humanise("_event_date_start"), "Event date start");
        assert_eq!(
            humanise("2001-01-18-stable-snapshot-is-available"),
            "Stable snapshot is available"
        );
        assert_eq!(humanise(""), "Untitled");
        assert_eq!(humanise("__"), "Untitled");
    }

    #[test]
    fn empty_file_gets_the_humanised_name() {
        assert_eq!(
            choose(&Fields::default(), Format::None, "", "_cfp_date_end"),
            "Cfp date end"
        );
    }
}
