//! Tags: the union of `tags`, `categories`, `category` and `keywords` (any case), each a
//! scalar or a list. Numbers become text, a list item YAML read as a mapping becomes its
//! text (`DevOps: x` → `DevOps: x`), a comma-separated string is split, whitespace is
//! collapsed, and duplicates (compared case-insensitively) keep their first spelling.
//! WordPress's default category `Uncategorized` is not a tag and is dropped.

use std::collections::HashSet;

use super::fields::{Fields, Value};
use crate::text::collapse_whitespace;

const TAG_KEYS: &[&str] = &["tags", "categories", "category", "keywords"];
/// Values that mean "no tag".
const NOT_TAGS: &[&str] = &["uncategorized", "uncategorised"];

/// The most tags one post keeps; a front matter with more is reported, not obeyed.
pub const MAX_TAGS: usize = 1000;

/// Tags gathered so far: the list, and what is in it (lower-cased) for a constant-time
/// duplicate test, so a post with 100 000 tags costs no more than reading them.
#[derive(Default)]
struct Gathered {
    tags: Vec<String>,
    seen: HashSet<String>,
    dropped: usize,
}

/// The post's tags in the order the fields give them (at most [`MAX_TAGS`]), and how
/// many distinct tags were dropped beyond that.
pub fn choose(fields: &Fields) -> (Vec<String>, usize) {
    let mut tags = Gathered::default();
    for key in TAG_KEYS {
        if let Some(value) = fields.get(key) {
            collect(value, true, &mut tags);
        }
    }
    (tags.tags, tags.dropped)
}

fn collect(value: &Value, top_level: bool, tags: &mut Gathered) {
    match value {
        Value::Null => {}
        Value::List(items) => {
            for item in items {
                collect(item, false, tags);
            }
        }
        Value::Text(text) if top_level => {
            for part in text.split(',') {
                push(part, tags);
            }
        }
        other => push(&other.to_text(), tags),
    }
}

fn push(raw: &str, tags: &mut Gathered) {
    let tag = collapse_whitespace(&raw.replace('\0', ""));
    let lower = tag.to_lowercase();
    if tag.is_empty() || NOT_TAGS.contains(&lower.as_str()) || tags.seen.contains(&lower) {
        return;
    }
    if tags.tags.len() >= MAX_TAGS {
        tags.dropped += 1;
        return;
    }
    tags.seen.insert(lower);
    tags.tags.push(tag);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags_of(fields: &Fields) -> Vec<String> {
        choose(fields).0
    }

    #[test]
    fn a_hundred_thousand_tags_are_capped_in_linear_time() {
        let list: Vec<String> = (0..100_000).map(|i| format!("tag{i}")).collect();
        let fields = Fields::new(vec![(
            "tags".into(),
            Value::List(list.into_iter().map(Value::Text).collect()),
        )]);
        let (tags, dropped) = choose(&fields);
        assert_eq!(tags.len(), MAX_TAGS);
        assert_eq!(dropped, 100_000 - MAX_TAGS);
        assert_eq!(tags[0], "tag0");
        // The same tag 100 000 times is one tag, nothing dropped.
        let same = Fields::new(vec![(
            "tags".into(),
            Value::List(vec![Value::Text("DevOps".into()); 100_000]),
        )]);
        assert_eq!(choose(&same), (vec!["DevOps".to_string()], 0));
    }

    fn yaml_fields(source: &str) -> Fields {
        let value: serde_yaml::Value = serde_yaml::from_str(source).unwrap();
        Fields::from_value(Value::from(value))
    }

    #[test]
    fn union_of_tag_keys_without_case_duplicates() {
        let fields = yaml_fields(
            "categories:\n - devopsdays\nTags:\n - DevOps\n - devopsdays\n - devops\nkeywords: agile",
        );
        assert_eq!(tags_of(&fields), ["DevOps", "devopsdays", "agile"]);
    }

    #[test]
    fn scalar_string_and_empty_values() {
        assert_eq!(tags_of(&yaml_fields("tags: security")), ["security"]);
        assert_eq!(tags_of(&yaml_fields("tags: a, b ,c")), ["a", "b", "c"]);
        assert!(tags_of(&yaml_fields("tags:\ncategories: []")).is_empty());
    }

    #[test]
    fn numbers_become_text() {
        assert_eq!(
            tags_of(&yaml_fields("tags: [2013, paris]")),
            ["2013", "paris"]
        );
        assert_eq!(tags_of(&yaml_fields("tags: 2015")), ["2015"]);
    }

    #[test]
    fn mapping_items_become_their_text() {
        assert_eq!(
            tags_of(&yaml_fields("tags:\n - Munch: Learn\n - plain")),
            ["Munch: Learn", "plain"]
        );
    }

    #[test]
    fn whitespace_is_collapsed_and_uncategorized_dropped() {
        assert_eq!(
            tags_of(&yaml_fields(
                "tags: [\"  agile   sysadmin \"]\ncategories: [Uncategorized]"
            )),
            ["agile sysadmin"]
        );
    }
}
