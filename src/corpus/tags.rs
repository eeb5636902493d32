//! Tags: the union of `tags`, `categories`, `category` and `keywords` (any case), each a
//! scalar or a list. Numbers become text, a list item YAML read as a mapping becomes its
//! text (`DevOps: x` → `DevOps: x`), a comma-separated string is split, whitespace is
//! collapsed, and duplicates (compared case-insensitively) keep their first spelling.
//! WordPress's default category `Uncategorized` is not a tag and is dropped.

use super::fields::{Fields, Value};
use crate::text::collapse_whitespace;

const TAG_KEYS: &[&str] = &["tags", "categories", "category", "keywords"];
/// Values that mean "no tag".
const NOT_TAGS: &[&str] = &["uncategorized", "uncategorised"];

/// The post's tags in the order the fields give them.
pub fn choose(fields: &Fields) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for key in TAG_KEYS {
        if let Some(value) = fields.get(key) {
            collect(value, true, &mut tags);
        }
    }
    tags
}

fn collect(value: &Value, top_level: bool, tags: &mut Vec<String>) {
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

fn push(raw: &str, tags: &mut Vec<String>) {
    let tag = collapse_whitespace(&raw.replace('\0', ""));
    let lower = tag.to_lowercase();
    if tag.is_empty() || NOT_TAGS.contains(&lower.as_str()) {
        return;
    }
    if !tags.iter().any(|t| t.to_lowercase() == lower) {
        tags.push(tag);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml_fields(source: &str) -> Fields {
        let value: serde_yaml::Value = serde_yaml::from_str(source).unwrap();
        Fields::from_value(Value::from(value))
    }

    #[test]
    fn union_of_tag_keys_without_case_duplicates() {
        let fields = yaml_fields(
            "categories:\n - devopsdays\nTags:\n - DevOps\n - devopsdays\n - devops\nkeywords: agile",
        );
        assert_eq!(choose(&fields), ["DevOps", "devopsdays", "agile"]);
    }

    #[test]
    fn scalar_string_and_empty_values() {
        assert_eq!(choose(&yaml_fields("tags: security")), ["security"]);
        assert_eq!(choose(&yaml_fields("tags: a, b ,c")), ["a", "b", "c"]);
        assert!(choose(&yaml_fields("tags:\ncategories: []")).is_empty());
    }

    #[test]
    fn numbers_become_text() {
        assert_eq!(
            choose(&yaml_fields("tags: [2013, paris]")),
            ["2013", "paris"]
        );
        assert_eq!(choose(&yaml_fields("tags: 2015")), ["2015"]);
    }

    #[test]
    fn mapping_items_become_their_text() {
        assert_eq!(
            choose(&yaml_fields("tags:\n - Munch: Learn\n - plain")),
            ["Munch: Learn", "plain"]
        );
    }

    #[test]
    fn whitespace_is_collapsed_and_uncategorized_dropped() {
        assert_eq!(
            choose(&yaml_fields(
                "tags: [\"  agile   sysadmin \"]\ncategories: [Uncategorized]"
            )),
            ["agile sysadmin"]
        );
    }
}
