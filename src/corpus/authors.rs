//! Authors: `author`, `authors` and `speakers` (any case), a string or a list.
//!
//! One string naming several people is split on ` & `, ` and `, `, or `, `, ` and `;`,
//! except `NARUSE, Yui` (one word each side of a single comma), which is one person.
//! Role words are trimmed (`moderator Dave Cliffe`, `François Donzé - Technical
//! consultant`, `Jane (moderator)`), blank names dropped, duplicates removed. A post with
//! no front matter may name its author on an `Author: name` line outside code blocks.

use std::collections::HashSet;

use super::fields::{Fields, Value};
use crate::text::collapse_whitespace;

const AUTHOR_KEYS: &[&str] = &["author", "authors", "speakers", "speaker"];
/// Words that name a role, not a person, when they open or close a name.
const ROLE_WORDS: &[&str] = &[
    "moderator",
    "moderated by",
    "host",
    "hosted by",
    "chair",
    "panelist",
    "panellist",
    "facilitator",
    "presenter",
    "speaker",
];

/// The authors named in the front matter, or (no front matter) on an `Author:` line.
pub fn choose(fields: &Fields, has_front_matter: bool, body: &str) -> (Vec<String>, usize) {
    let mut names = Vec::new();
    for key in AUTHOR_KEYS {
        match fields.get(key) {
            Some(Value::List(items)) => {
                for item in items {
                    match item {
                        Value::Text(_) | Value::Number(_) => {
                            names.extend(clean_name(&item.to_text()));
                        }
                        Value::Map(_) => names.extend(clean_name(&item.to_text())),
                        Value::List(_) => names.extend(split(&item.to_text())),
                        Value::Null | Value::Bool(_) => {}
                    }
                }
            }
            Some(Value::Text(text)) => names.extend(split(text)),
            Some(value @ Value::Number(_)) => names.extend(clean_name(&value.to_text())),
            _ => {}
        }
        if !names.is_empty() {
            break;
        }
    }
    if names.is_empty()
        && !has_front_matter
        && let Some(line) = author_line(body)
    {
        names = split(&line);
    }
    dedupe(names)
}

/// The most authors one post keeps; more are reported, not obeyed.
pub const MAX_AUTHORS: usize = 1000;

/// Distinct names (case-insensitively), the first spelling kept, at most
/// [`MAX_AUTHORS`]; linear in the names, so 100 000 of them cost no more than reading.
fn dedupe(names: Vec<String>) -> (Vec<String>, usize) {
    let mut out: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut dropped = 0;
    for name in names {
        let lower = name.to_lowercase();
        if seen.contains(&lower) {
            continue;
        }
        if out.len() >= MAX_AUTHORS {
            dropped += 1;
            continue;
        }
        seen.insert(lower);
        out.push(name);
    }
    (out, dropped)
}

/// Splits one string naming one or several people.
pub fn split(raw: &str) -> Vec<String> {
    let text = collapse(raw);
    if is_family_name_comma_given_name(&text) {
        return clean_name(&text).into_iter().collect();
    }
    text.split([',', ';'])
        .flat_map(|part| split_on_words(part, &[" & ", " and ", " und ", " et "]))
        .filter_map(|part| {
            let part = part.trim();
            let part = strip_prefix_word(part, "and")
                .or_else(|| strip_prefix_word(part, "or"))
                .or_else(|| part.strip_prefix("& "))
                .unwrap_or(part);
            clean_name(part)
        })
        .collect()
}

/// `NARUSE, Yui`: exactly one comma with exactly one word on each side.
fn is_family_name_comma_given_name(text: &str) -> bool {
    let mut parts = text.split(',');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(left), Some(right), None) => {
            let one_word = |s: &str| s.split_whitespace().count() == 1;
            one_word(left) && one_word(right)
        }
        _ => false,
    }
}

fn split_on_words<'a>(text: &'a str, separators: &[&str]) -> Vec<&'a str> {
    let mut parts = vec![text];
    for separator in separators {
        parts = parts
            .into_iter()
            .flat_map(|part| {
                // Case-insensitive split on an ASCII separator.
                let lower = part.to_ascii_lowercase();
                let mut pieces = Vec::new();
                let mut start = 0;
                while let Some(found) = lower.get(start..).and_then(|l| l.find(separator)) {
                    pieces.push(part.get(start..start + found).unwrap_or_default());
                    start += found + separator.len();
                }
                pieces.push(part.get(start..).unwrap_or_default());
                pieces
            })
            .collect();
    }
    parts
}

fn strip_prefix_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    let rest = text.get(word.len()..)?;
    (head.eq_ignore_ascii_case(word) && rest.starts_with(' ')).then(|| rest.trim_start())
}

fn collapse(raw: &str) -> String {
    collapse_whitespace(&raw.replace('\0', ""))
}

/// Trims role words and blanks from one person's name; `None` when nothing is left.
pub fn clean_name(raw: &str) -> Option<String> {
    let mut name = collapse(raw);
    // `X - Technical consultant`, `X – Role`.
    for dash in [" - ", " – ", " — "] {
        if let Some((person, _role)) = name.split_once(dash)
            && !person.trim().is_empty()
        {
            name = person.trim().to_string();
        }
    }
    // `X (moderator)`.
    if let Some(open) = name.rfind(" (") {
        let inside = name
            .get(open + 2..)
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or_default();
        if is_role(inside) {
            name.truncate(open);
        }
    }
    // `Moderator: X`, `moderator X`.
    if let Some((head, rest)) = name.split_once(':')
        && is_role(head)
    {
        name = rest.trim().to_string();
    }
    if let Some(rest) = ROLE_WORDS
        .iter()
        .find_map(|role| strip_prefix_word(&name, role))
        .filter(|rest| !rest.is_empty())
    {
        name = rest.to_string();
    }
    let name = name.trim().trim_matches(['"', '\'']).trim().to_string();
    (!name.is_empty() && !is_role(&name)).then_some(name)
}

fn is_role(text: &str) -> bool {
    ROLE_WORDS
        .iter()
        .any(|role| text.trim().eq_ignore_ascii_case(role))
}

/// The name on the first `Author: name` line outside fenced or indented code.
fn author_line(body: &str) -> Option<String> {
    let mut in_fence = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || line.starts_with("    ") || line.starts_with('\t') {
            continue;
        }
        let Some(label) = trimmed.get(..7) else {
            continue;
        };
        if label.eq_ignore_ascii_case("author:") {
            let name = trimmed.get(7..).unwrap_or_default().trim();
            if !name.is_empty() {
                return Some(name.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(fields: &Fields, has_front_matter: bool, body: &str) -> Vec<String> {
        choose(fields, has_front_matter, body).0
    }

    #[test]
    fn a_hundred_thousand_authors_are_capped_in_linear_time() {
        let names: Vec<Value> = (0..100_000)
            .map(|i| Value::Text(format!("Person {i}")))
            .collect();
        let fields = Fields::new(vec![("authors".into(), Value::List(names))]);
        let (kept, dropped) = choose(&fields, true, "");
        assert_eq!(kept.len(), MAX_AUTHORS);
        assert_eq!(dropped, 100_000 - MAX_AUTHORS);
    }

    fn text_fields(key: &str, value: &str) -> Fields {
        Fields::new(vec![(key.into(), Value::Text(value.into()))])
    }

    #[test]
    fn a_single_author_is_trimmed() {
        assert_eq!(
            names_of(&text_fields("author", " Didier Lalli "), true, ""),
            ["Didier Lalli"]
        );
    }

    #[test]
    fn ampersand_and_and_split() {
        assert_eq!(
            split("Stéphane Goudeau & Hervé Leclerc"),
            ["Stéphane Goudeau", "Hervé Leclerc"]
        );
        assert_eq!(
            split("John Clapham and Paul Swartout"),
            ["John Clapham", "Paul Swartout"]
        );
        assert_eq!(
            split("Marco Antonio Martins Junior (Somatório) and Rafael Gomes (Gomex)"),
            [
                "Marco Antonio Martins Junior (Somatório)",
                "Rafael Gomes (Gomex)"
            ]
        );
    }

    #[test]
    fn commas_and_a_final_or_split() {
        assert_eq!(
            split("George Moberly, Matt Ray, or Adam Jacob"),
            ["George Moberly", "Matt Ray", "Adam Jacob"]
        );
        assert_eq!(
            split("Garrett Goon, Kevin Musgrave"),
            ["Garrett Goon", "Kevin Musgrave"]
        );
    }

    #[test]
    fn family_name_comma_given_name_is_one_person() {
        assert_eq!(split("NARUSE, Yui"), ["NARUSE, Yui"]);
        assert_eq!(
            split("Mattias Jansson, Noa Resare"),
            ["Mattias Jansson", "Noa Resare"]
        );
    }

    #[test]
    fn roles_are_trimmed() {
        assert_eq!(
            split("Gil Rice, Dave Josephson, Boris Livshutz, moderator Dave Cliffe"),
            [
                "Gil Rice",
                "Dave Josephson",
                "Boris Livshutz",
                "Dave Cliffe"
            ]
        );
        assert_eq!(
            split("François Donzé - Technical consultant"),
            ["François Donzé"]
        );
        assert_eq!(split("Jane Doe (moderator)"), ["Jane Doe"]);
        assert_eq!(split("Moderator: Jane Doe"), ["Jane Doe"]);
    }

    #[test]
    fn blank_authors_are_dropped() {
        assert!(names_of(&text_fields("author", " "), true, "").is_empty());
        let list = Fields::new(vec![(
            "authors".into(),
            Value::List(vec![
                Value::Text("  ".into()),
                Value::Null,
                Value::Text("Ann".into()),
            ]),
        )]);
        assert_eq!(names_of(&list, true, ""), ["Ann"]);
    }

    #[test]
    fn keys_and_lists_in_any_case() {
        let toml_style = Fields::new(vec![(
            "Speakers".into(),
            Value::List(vec![
                Value::Text("patrick-debois".into()),
                Value::Text("andrew-clay-shafer".into()),
            ]),
        )]);
        assert_eq!(
            names_of(&toml_style, true, ""),
            ["patrick-debois", "andrew-clay-shafer"]
        );
        assert_eq!(
            names_of(&text_fields("Author", "patrick.debois"), true, ""),
            ["patrick.debois"]
        );
    }

    #[test]
    fn author_line_in_a_post_without_front_matter() {
        let body = "Title\n\n```\nAuthor: not me\n```\n    Author: nor me\nAuthor: phrawzty\n";
        assert_eq!(names_of(&Fields::default(), false, body), ["phrawzty"]);
        // Not when the post has front matter.
        assert!(names_of(&Fields::default(), true, body).is_empty());
    }
}
