//! Splits a post's text into front matter and body: YAML between `---` lines, TOML between
//! `+++` lines, or none, and recovers what it can from broken front matter.
//!
//! Every problem is reported with its 1-based line in the file; the post is never lost.
//! Recovery rules:
//! - invalid YAML/TOML (tabs, `&` read as an anchor, unterminated quotes, duplicate keys):
//!   the block is re-read line by line as `key: value` (or `key = value`) pairs, the last
//!   of a duplicated key winning, as YAML would keep it;
//! - an opener never closed: a closer glued to the end of a line (`…compute.html---`) is
//!   taken as the closer; otherwise the leading lines that look like front matter are read;
//! - a closer with no opener: the lines above it are read as front matter when they parse
//!   and name a well-known key (`title`, `date`, ...).
//!
//! With no delimiters at all, a mail-style header block (`Title: …`, `Author: …`,
//! `Tags: …` lines up to the first blank line, the first naming a well-known key) is
//! front matter too; its keys are read case-insensitively.
//!
//! The input must already have `\n` line ends and no BOM (see `decode`).

use std::collections::HashMap;

use super::fields::{Fields, Value};

/// The front-matter format a post used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `---` YAML.
    Yaml,
    /// `+++` TOML.
    Toml,
    /// `Key: value` lines up to a blank line, with no delimiters.
    Headers,
    /// No front matter.
    None,
}

impl Format {
    fn delimiter(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
            Format::Headers | Format::None => "",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Headers => "header block",
            Format::None => "front matter",
        }
    }
}

/// A problem found in the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// What is wrong and what was done about it.
    pub message: String,
}

/// A post's text split in two.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The format of the front matter (`None` when there was none).
    pub format: Format,
    /// The fields read, possibly recovered from broken front matter.
    pub fields: Fields,
    /// The text after the front matter.
    pub body: &'a str,
    /// Problems found, with their lines.
    pub problems: Vec<Problem>,
}

/// Keys that make a block above a lone closer credible as front matter.
const WELL_KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "author",
    "authors",
    "tags",
    "categories",
    "layout",
    "type",
    "description",
    "slug",
];

/// How many lines a closer with no opener may be from the top.
const ORPHAN_CLOSER_SEARCH_LINES: usize = 60;

/// One line of the text: where it starts, its content without the `\n` and the byte
/// offset after it.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
    end: usize,
}

/// The lines of `text`, found lazily: splitting only reads as far as the front matter,
/// not the whole body.
fn lines_of(text: &str) -> impl Iterator<Item = Line<'_>> + Clone {
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = text.get(start..).filter(|r| !r.is_empty())?;
        let (text, len) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(newline) => (rest.get(..newline).unwrap_or_default(), newline + 1),
            None => (rest, rest.len()),
        };
        let line = Line {
            start,
            text,
            end: start + len,
        };
        start = line.end;
        Some(line)
    })
}

/// The block of lines `lines` (contiguous, in order) as one text, as joining their
/// contents with `\n` would give it: a slice of `text`, not a copy.
fn block_of<'a>(text: &'a str, first: Option<Line<'a>>, last: Option<Line<'a>>) -> &'a str {
    match (first, last) {
        (Some(first), Some(last)) => text
            .get(first.start..last.start + last.text.len())
            .unwrap_or_default(),
        _ => "",
    }
}

fn is_delimiter(line: &str, format: Format) -> bool {
    let trimmed = line.trim_end();
    trimmed == format.delimiter() || (format == Format::Yaml && trimmed == "...")
}

/// Splits `text` into front matter and body.
pub fn split(text: &str) -> Split<'_> {
    let mut lines = lines_of(text);
    let Some(first) = lines.clone().next() else {
        return no_front_matter(text);
    };
    for format in [Format::Yaml, Format::Toml] {
        if first.text.trim_end() == format.delimiter() {
            lines.next();
            return split_opened(text, first, lines, format);
        }
    }
    split_orphan_closer(text, lines.clone())
        .or_else(|| split_headers(text, lines))
        .unwrap_or_else(|| no_front_matter(text))
}

/// How many lines a header block may have: more is a body that happens to start with
/// colons.
const HEADER_BLOCK_LINES: usize = 40;

/// A mail-style header block at the top: `Key: value` lines (and indented or `- `
/// continuation lines) ending at a blank line, the first line's key a well-known one.
fn split_headers<'a>(text: &'a str, lines: impl Iterator<Item = Line<'a>>) -> Option<Split<'a>> {
    let mut block = Vec::new();
    let mut end = None;
    for line in lines.take(HEADER_BLOCK_LINES + 1) {
        if line.text.trim().is_empty() {
            end = Some(line);
            break;
        }
        let key = top_level_key(line.text, Format::Yaml);
        if block.is_empty() {
            let known = key.is_some_and(|k| WELL_KNOWN_KEYS.contains(&k.to_lowercase().as_str()));
            if !known {
                return None;
            }
        } else if key.is_none() && !line.text.starts_with([' ', '\t', '-']) {
            return None;
        }
        // Keys are case-insensitive here: `Title:` is `title`.
        block.push(match key {
            Some(key) => format!(
                "{}{}",
                key.to_lowercase(),
                line.text.get(key.len()..).unwrap_or_default()
            ),
            None => line.text.to_string(),
        });
    }
    let end = end?;
    let block: Vec<&str> = block.iter().map(String::as_str).collect();
    Some(Split {
        format: Format::Headers,
        fields: recover_yaml(&block),
        body: text.get(end.end..).unwrap_or_default(),
        problems: Vec::new(),
    })
}

fn no_front_matter(text: &str) -> Split<'_> {
    Split {
        format: Format::None,
        fields: Fields::default(),
        body: text,
        problems: Vec::new(),
    }
}

/// Front matter that starts with an opener on line 1 (`opener`); `inner` are the lines
/// after it.
fn split_opened<'a>(
    text: &'a str,
    opener: Line<'a>,
    inner: impl Iterator<Item = Line<'a>> + Clone,
    format: Format,
) -> Split<'a> {
    let delimiter = format.delimiter();
    let mut problems = Vec::new();

    // The normal case: a closer on a line of its own. Only the front matter is read.
    let mut first = None;
    let mut last = None;
    for line in inner.clone() {
        if is_delimiter(line.text, format) {
            return read_block(
                text,
                block_of(text, first, last),
                format,
                line.end,
                problems,
            );
        }
        first = first.or(Some(line));
        last = Some(line);
    }

    // A closer glued to the end of a value: `learnMoreLink: https://…/compute.html---`.
    // Only among the leading lines that look like fields, so a body line is never taken.
    let leading = inner
        .clone()
        .take_while(|l| looks_like_front_matter(l.text, format));
    let mut count = 0;
    let mut first = None;
    let mut last = None;
    for (pos, line) in leading.enumerate() {
        count = pos + 1;
        let t = line.text.trim_end();
        if t.len() > delimiter.len() && t.ends_with(delimiter) {
            let cut = Line {
                text: t.get(..t.len() - delimiter.len()).unwrap_or_default(),
                ..line
            };
            problems.push(Problem {
                line: Some(pos + 2),
                message: format!(
                    "the closing {delimiter} of the {} front matter is glued to the end of this line; read as the closer",
                    format.name()
                ),
            });
            let block = block_of(text, first.or(Some(cut)), Some(cut));
            return read_block(text, block, format, line.end, problems);
        }
        first = first.or(Some(line));
        last = Some(line);
    }

    // Never closed: read the leading lines that look like front matter.
    problems.push(Problem {
        line: Some(1),
        message: format!(
            "{} front matter opened with {delimiter} is never closed; the {count} line(s) after it that look like fields were read as front matter",
            format.name()
        ),
    });
    let body_start = last.map_or(opener.end, |l| l.end);
    read_block(
        text,
        block_of(text, first, last),
        format,
        body_start,
        problems,
    )
}

/// The split of `text` whose front matter (from line 2) is `block` and whose body
/// starts at byte `body_start`.
fn read_block<'a>(
    text: &'a str,
    block: &str,
    format: Format,
    body_start: usize,
    mut problems: Vec<Problem>,
) -> Split<'a> {
    let fields = parse_block(block, format, 2, &mut problems);
    Split {
        format,
        fields,
        body: text.get(body_start..).unwrap_or_default(),
        problems,
    }
}

/// A closer (`+++` or `---`) with no opener, the lines above it being front matter.
/// Only the first delimiter-looking line among the leading lines is considered.
fn split_orphan_closer<'a>(
    text: &'a str,
    lines: impl Iterator<Item = Line<'a>> + Clone,
) -> Option<Split<'a>> {
    let (pos, line, format) = lines
        .clone()
        .take(ORPHAN_CLOSER_SEARCH_LINES)
        .enumerate()
        .find_map(|(pos, line)| {
            if is_delimiter(line.text, Format::Toml) {
                Some((pos, line, Format::Toml))
            } else if line.text.trim_end() == "---" {
                Some((pos, line, Format::Yaml))
            } else {
                None
            }
        })?;
    let above = lines.clone().take(pos);
    let credible = pos > 0
        && above
            .clone()
            .all(|l| looks_like_front_matter(l.text, format))
        && above.clone().any(|l| !l.text.trim().is_empty());
    if !credible {
        return None;
    }
    let block = block_of(text, lines.clone().next(), above.last());
    let mut problems = Vec::new();
    let fields = parse_block(block, format, 1, &mut problems);
    let known = WELL_KNOWN_KEYS.iter().any(|k| fields.get(k).is_some());
    if !known {
        return None;
    }
    let delimiter = format.delimiter();
    problems.insert(
        0,
        Problem {
            line: Some(pos + 1),
            message: format!(
                "closing {delimiter} with no opening {delimiter}; the lines above it were read as {} front matter",
                format.name()
            ),
        },
    );
    Some(Split {
        format,
        fields,
        body: text.get(line.end..).unwrap_or_default(),
        problems,
    })
}

/// The key of a top-level `key: value` (YAML) or `key = value` (TOML) line.
fn top_level_key(line: &str, format: Format) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-', '[', '"', '\'']) || line.trim().is_empty() {
        return None;
    }
    let key = match format {
        Format::Yaml => {
            let colon = line
                .char_indices()
                .find(|&(i, c)| {
                    c == ':'
                        && matches!(
                            line.get(i + 1..).and_then(|r| r.chars().next()),
                            None | Some(' ' | '\t')
                        )
                })
                .map(|(i, _)| i)?;
            line.get(..colon)?
        }
        Format::Toml => line.split_once('=')?.0,
        Format::Headers | Format::None => return None,
    };
    let key = key.trim();
    let plausible = !key.is_empty()
        && key.chars().count() <= 64
        && !key.contains(['{', '}', '<', '>', '"', '='])
        && (format == Format::Yaml || !key.contains(' '));
    plausible.then_some(key)
}

fn looks_like_front_matter(line: &str, format: Format) -> bool {
    let t = line.trim();
    if t.is_empty() || t.starts_with('#') {
        return true;
    }
    match format {
        Format::Yaml => line.starts_with([' ', '\t', '-']) || top_level_key(line, format).is_some(),
        Format::Toml => {
            line.starts_with([' ', '\t', '[', ']', '"']) || top_level_key(line, format).is_some()
        }
        Format::Headers | Format::None => false,
    }
}

/// Parses the block between the delimiters (its lines joined by `\n`); `first_line` is
/// the file line of its first line.
fn parse_block(
    source: &str,
    format: Format,
    first_line: usize,
    problems: &mut Vec<Problem>,
) -> Fields {
    let parsed: Result<Fields, (Option<usize>, String)> = match format {
        Format::Yaml => match serde_yaml::from_str::<serde_yaml::Value>(source) {
            Ok(serde_yaml::Value::Null) => Ok(Fields::default()),
            Ok(value @ serde_yaml::Value::Mapping(_)) => Ok(Fields::from_value(Value::from(value))),
            Ok(_) => Err((
                None,
                "front matter is not a list of `key: value` fields".into(),
            )),
            Err(e) => Err((
                e.location().map(|l| l.line()),
                format!("invalid YAML: {}", strip_location(&e.to_string())),
            )),
        },
        Format::Toml => match toml::from_str::<toml::Table>(source) {
            Ok(table) => Ok(Fields::from_value(Value::from(toml::Value::Table(table)))),
            Err(e) => Err((
                e.span().map(|span| {
                    source
                        .get(..span.start)
                        .map_or(0, |s| s.matches('\n').count())
                        + 1
                }),
                format!("invalid TOML: {}", e.message().trim()),
            )),
        },
        Format::Headers | Format::None => Ok(Fields::default()),
    };
    match parsed {
        Ok(fields) => fields,
        Err((line, message)) => {
            // Only broken front matter is split into lines again.
            let block: Vec<&str> = source.split('\n').collect();
            let block = block.as_slice();
            let duplicates = duplicate_keys(block, format);
            if duplicates.is_empty() {
                problems.push(Problem {
                    line: Some(line.map_or(first_line, |l| l + first_line - 1)),
                    message: format!("{message}; fields recovered line by line"),
                });
            }
            for (key, first, second) in duplicates {
                problems.push(Problem {
                    line: Some(second + first_line),
                    message: format!(
                        "duplicate key `{key}` (lines {} and {}); the last one is used",
                        first + first_line,
                        second + first_line
                    ),
                });
            }
            match format {
                Format::Toml => recover_toml(block),
                _ => recover_yaml(block),
            }
        }
    }
}

/// Drops serde_yaml's ` at line N column M` (relative to the block, not the file).
fn strip_location(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(start) = out.find(" at line ") {
        let rest = out.get(start + 9..).unwrap_or_default();
        let skip = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .unwrap_or(rest.len());
        let tail = rest.get(skip..).unwrap_or_default().to_string();
        out = format!("{}{tail}", out.get(..start).unwrap_or_default());
    }
    out
}

/// `(key, first index, second index)` for every top-level key written twice (0-based
/// indexes into the block).
fn duplicate_keys(block: &[&str], format: Format) -> Vec<(String, usize, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut duplicates = Vec::new();
    for (index, line) in block.iter().enumerate() {
        if format == Format::Toml && line.trim_start().starts_with('[') {
            break;
        }
        let Some(key) = top_level_key(line, format) else {
            continue;
        };
        if let Some(first) = seen.insert(key, index) {
            duplicates.push((key.to_string(), first, index));
        }
    }
    duplicates
}

/// Reads one YAML scalar written after `key:`, forgiving what YAML would reject.
fn recover_yaml_scalar(raw: &str) -> Value {
    let raw = raw.trim();
    if raw.is_empty() {
        return Value::Null;
    }
    if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(raw) {
        let value = Value::from(value);
        // `Note: a day` reads as a mapping; as one field's value it is text.
        let collection = matches!(value, Value::List(_) | Value::Map(_));
        if !collection || raw.starts_with(['[', '{']) {
            return value;
        }
        return Value::Text(raw.to_string());
    }
    for quote in ['"', '\''] {
        if let Some(inner) = raw.strip_prefix(quote) {
            let inner = inner.strip_suffix(quote).unwrap_or(inner);
            return Value::Text(inner.trim().to_string());
        }
    }
    Value::Text(raw.to_string())
}

/// Line-by-line recovery of broken YAML: `key: value`, block lists and indented
/// continuation lines. The last of a duplicated key wins.
fn recover_yaml(block: &[&str]) -> Fields {
    let mut entries = Entries::default();
    for line in block {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(key) = top_level_key(line, Format::Yaml) {
            let raw = line
                .get(line.find(':').map_or(line.len(), |i| i + 1)..)
                .unwrap_or_default();
            let raw = raw.trim();
            let value = if matches!(raw, "|" | "|-" | ">" | ">-" | "|+" | ">+") {
                Value::Null
            } else {
                recover_yaml_scalar(raw)
            };
            entries.set(key, value);
            continue;
        }
        // A continuation of the last key: a list item or an indented scalar line.
        let Some(last) = entries.last_mut() else {
            continue;
        };
        let trimmed = line.trim();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or((trimmed == "-").then_some(""))
        {
            let item = recover_yaml_scalar(item);
            match last {
                Value::List(items) => items.push(item),
                Value::Null => *last = Value::List(vec![item]),
                _ => {}
            }
        } else if line.starts_with([' ', '\t']) {
            match last {
                Value::Null => *last = Value::Text(trimmed.to_string()),
                Value::Text(text) => {
                    text.push(' ');
                    text.push_str(trimmed);
                }
                _ => {}
            }
        }
    }
    entries.into_fields()
}

/// Recovered `key → value` entries: the last of a duplicated key wins, in constant
/// time per line (a front matter may repeat a key 100 000 times).
#[derive(Default)]
struct Entries {
    entries: Vec<(String, Value)>,
    index: HashMap<String, usize>,
    last: Option<usize>,
}

impl Entries {
    fn set(&mut self, key: &str, value: Value) {
        let at = match self.index.get(key) {
            Some(&at) => at,
            None => {
                self.index.insert(key.to_string(), self.entries.len());
                self.entries.push((key.to_string(), Value::Null));
                self.entries.len() - 1
            }
        };
        if let Some(entry) = self.entries.get_mut(at) {
            entry.1 = value;
        }
        self.last = Some(at);
    }

    /// The value of the key written last.
    fn last_mut(&mut self) -> Option<&mut Value> {
        self.entries.get_mut(self.last?).map(|(_, v)| v)
    }

    fn into_fields(self) -> Fields {
        Fields::new(self.entries)
    }
}

/// Line-by-line recovery of broken TOML: top-level `key = value` lines, each value parsed
/// on its own. Stops at the first `[table]`.
fn recover_toml(block: &[&str]) -> Fields {
    let mut entries = Entries::default();
    for line in block {
        if line.trim_start().starts_with('[') {
            break;
        }
        let Some(key) = top_level_key(line, Format::Toml) else {
            continue;
        };
        let raw = line.split_once('=').map_or("", |(_, v)| v).trim();
        let value = match toml::from_str::<toml::Table>(&format!("v = {raw}")) {
            Ok(mut table) => table.remove("v").map_or(Value::Null, Value::from),
            Err(_) => Value::Text(raw.trim_matches(['"', '\'']).trim().to_string()),
        };
        entries.set(key.trim_matches(['"', '\'']), value);
    }
    entries.into_fields()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(split: &Split<'_>) -> Option<String> {
        split.fields.text("title")
    }

    #[test]
    fn yaml_with_trailing_blanks_on_the_opener() {
        let s = split("--- \ntitle: Hello\n---\nBody\n");
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(title(&s).as_deref(), Some("Hello"));
        assert_eq!(s.body, "Body\n");
        assert!(s.problems.is_empty());
    }

    #[test]
    fn a_header_block_is_front_matter_with_keys_in_any_case() {
        let text = "Title: The review\nAuthor: Margaret Hamilton\nTags: postmortem, culture\n\nBlameless.\n";
        let split = split(text);
        assert_eq!(split.format, Format::Headers);
        assert_eq!(title(&split).as_deref(), Some("The review"));
        assert_eq!(split.body, "Blameless.\n");
        // A body that merely starts with a colon line is left alone.
        for body in [
            "Note: this is prose.\n\nMore.\n",
            "Title: never ends\n",
            "Title: x\nthen prose without a colon\n\n",
        ] {
            assert_eq!(super::split(body).format, Format::None, "{body:?}");
        }
    }

    #[test]
    fn toml_front_matter() {
        let s = split("+++\nTitle = \"Hi\"\nTags = [\"a\"]\n+++\nbody");
        assert_eq!(s.format, Format::Toml);
        assert_eq!(title(&s).as_deref(), Some("Hi"));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn no_front_matter_keeps_the_whole_text() {
        let s = split("Just a title\n\nAnd text\n");
        assert_eq!(s.format, Format::None);
        assert_eq!(s.body, "Just a title\n\nAnd text\n");
    }

    #[test]
    fn a_setext_heading_is_not_an_orphan_closer() {
        let s = split("My title\n---\ntext\n");
        assert_eq!(s.format, Format::None);
    }

    #[test]
    fn orphan_toml_closer_recovers_the_lines_above() {
        let s = split("Title = \"Conduct\"\nType = \"event\"\n+++\n\n## Policy\n");
        assert_eq!(s.format, Format::Toml);
        assert_eq!(title(&s).as_deref(), Some("Conduct"));
        assert_eq!(s.body, "\n## Policy\n");
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].line, Some(3));
    }

    #[test]
    fn glued_closer_is_read_as_the_closer() {
        let s = split("---\ntitle: Compute\ntags:\n  - hpc\nlink: https://x.example/c.html---\n");
        assert_eq!(title(&s).as_deref(), Some("Compute"));
        assert_eq!(
            s.fields.text("link").as_deref(),
            Some("https://x.example/c.html")
        );
        assert_eq!(s.body, "");
        assert_eq!(s.problems[0].line, Some(5));
    }

    #[test]
    fn never_closed_reads_the_field_lines() {
        let s = split("---\ntitle: Open\nauthor: Me\n\nSome body text here.\n");
        assert_eq!(title(&s).as_deref(), Some("Open"));
        assert_eq!(s.fields.text("author").as_deref(), Some("Me"));
        assert_eq!(s.body, "Some body text here.\n");
        assert_eq!(s.problems[0].line, Some(1));
    }

    #[test]
    fn invalid_yaml_reports_the_file_line_and_recovers() {
        // A second `: ` in a plain value makes this invalid YAML.
        let s = split("---\ntitle: \"We've\"\ndescription: Note: a day\ndate: 2021-07-07\n---\n");
        assert_eq!(title(&s).as_deref(), Some("We've"));
        assert_eq!(s.fields.text("description").as_deref(), Some("Note: a day"));
        assert_eq!(s.fields.text("date").as_deref(), Some("2021-07-07"));
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].line, Some(3), "{:?}", s.problems);
        assert!(s.problems[0].message.contains("invalid YAML"));
    }

    #[test]
    fn duplicate_keys_keep_the_last_and_name_the_key() {
        let s = split("---\ntitle: English\ntitle: 한국어\nauthor: a\n---\n");
        assert_eq!(title(&s).as_deref(), Some("한국어"));
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].line, Some(3));
        assert!(s.problems[0].message.contains("`title`"));
        assert!(s.problems[0].message.contains("lines 2 and 3"));
    }

    #[test]
    fn anchor_looking_value_is_kept_as_text() {
        let s = split("---\ntitle: Proposal\ntalk_title: &#x23;noprojects\n\n---\n");
        assert_eq!(title(&s).as_deref(), Some("Proposal"));
        assert_eq!(
            s.fields.text("talk_title").as_deref(),
            Some("&#x23;noprojects")
        );
        assert!(!s.problems.is_empty());
    }

    #[test]
    fn unterminated_quote_drops_the_stray_quote() {
        let s = split("---\nauthor: Joerg\ntitle: \"The 15 Minute Workout\n---\nbody\n");
        assert_eq!(title(&s).as_deref(), Some("The 15 Minute Workout"));
        assert_eq!(s.fields.text("author").as_deref(), Some("Joerg"));
        assert_eq!(s.body, "body\n");
    }

    #[test]
    fn recovered_block_lists_become_lists() {
        let s = split("---\ntitle: \"x\ntags:\n- a\n- 2015\n---\n");
        assert_eq!(
            s.fields.get("tags"),
            Some(&Value::List(vec![
                Value::Text("a".into()),
                Value::Number("2015".into())
            ]))
        );
    }

    #[test]
    fn invalid_toml_recovers_line_by_line() {
        let s = split("+++\nTitle = \"Ok\"\nDate = \"2020-01-01\"\nDate = \"2021-02-02\"\n+++\n");
        assert_eq!(title(&s).as_deref(), Some("Ok"));
        assert_eq!(s.fields.text("date").as_deref(), Some("2021-02-02"));
        assert_eq!(s.problems[0].line, Some(4));
    }

    #[test]
    fn strip_location_removes_block_relative_positions() {
        assert_eq!(
            strip_location("found end at line 3 column 1, while scanning at line 2 column 8"),
            "found end, while scanning"
        );
    }
}
