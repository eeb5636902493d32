//! The untyped front-matter value every format is converted into, and case-insensitive
//! key lookup over it.
//!
//! YAML and TOML both land here first, so one odd field (a number where text was
//! expected, a mapping inside a tag list) never fails the whole post: each normalisation
//! rule asks for the shape it wants and gets `None` otherwise.

/// Fields that may hold a slug or a URL path (which may carry a date), in order of
/// preference: the title falls back on the first present, the date on the first with
/// a date in it.
pub const SLUG_KEYS: &[&str] = &["slug", "path", "permalink", "url"];

/// One front-matter value, whatever format it came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty scalar (`key:` in YAML).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, kept in the spelling it was written in.
    Number(String),
    /// A string, or a date the parser recognised, as text.
    Text(String),
    /// A sequence.
    List(Vec<Value>),
    /// A mapping, keys as text, in source order where the parser keeps it.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// The value as one line of text, when it is a scalar (numbers and booleans included).
    pub fn as_scalar_text(&self) -> Option<String> {
        match self {
            Value::Text(s) | Value::Number(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::List(_) | Value::Map(_) => None,
        }
    }

    /// The value as text whatever its shape: a mapping becomes `key: value, ...`,
    /// a list its items joined by `, `, null the empty string.
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Bool(b) => b.to_string(),
            Value::Number(s) | Value::Text(s) => s.clone(),
            Value::List(items) => items
                .iter()
                .map(Value::to_text)
                .collect::<Vec<_>>()
                .join(", "),
            Value::Map(entries) => entries
                .iter()
                .map(|(k, v)| match v {
                    Value::Null => k.clone(),
                    _ => format!("{k}: {}", v.to_text()),
                })
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

impl From<serde_yaml::Value> for Value {
    fn from(value: serde_yaml::Value) -> Self {
        use serde_yaml::Value as Y;
        match value {
            Y::Null => Value::Null,
            Y::Bool(b) => Value::Bool(b),
            Y::Number(n) => Value::Number(n.to_string()),
            Y::String(s) => Value::Text(s),
            Y::Sequence(items) => Value::List(items.into_iter().map(Value::from).collect()),
            Y::Mapping(map) => Value::Map(
                map.into_iter()
                    .map(|(k, v)| (Value::from(k).to_text(), Value::from(v)))
                    .collect(),
            ),
            Y::Tagged(tagged) => Value::from(tagged.value),
        }
    }
}

impl From<toml::Value> for Value {
    fn from(value: toml::Value) -> Self {
        use toml::Value as T;
        match value {
            T::String(s) => Value::Text(s),
            T::Integer(i) => Value::Number(i.to_string()),
            T::Float(f) => Value::Number(f.to_string()),
            T::Boolean(b) => Value::Bool(b),
            T::Datetime(d) => Value::Text(d.to_string()),
            T::Array(items) => Value::List(items.into_iter().map(Value::from).collect()),
            T::Table(table) => Value::Map(
                table
                    .into_iter()
                    .map(|(k, v)| (k, Value::from(v)))
                    .collect(),
            ),
        }
    }
}

/// The top-level fields of one post's front matter, looked up case-insensitively.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    entries: Vec<(String, Value)>,
}

impl Fields {
    /// Fields from `(key, value)` pairs in source order.
    pub fn new(entries: Vec<(String, Value)>) -> Self {
        Fields { entries }
    }

    /// Fields from a top-level value; anything but a mapping gives no fields.
    pub fn from_value(value: Value) -> Self {
        match value {
            Value::Map(entries) => Fields { entries },
            _ => Fields::default(),
        }
    }

    /// The value of `key`, compared case-insensitively; the last one wins when a key
    /// appears twice (as YAML would keep it).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }

    /// Fields of text values, for tests: `[("title", "X")]`.
    #[cfg(test)]
    pub fn of_text(pairs: &[(&str, &str)]) -> Self {
        Fields::new(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
                .collect(),
        )
    }

    /// The value of `key` as trimmed, non-empty scalar text.
    pub fn text(&self, key: &str) -> Option<String> {
        self.get(key)
            .and_then(Value::as_scalar_text)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_case_insensitively_and_the_last_duplicate_wins() {
        let fields = Fields::new(vec![
            ("Title".into(), Value::Text("first".into())),
            ("title".into(), Value::Text("second".into())),
            ("Date".into(), Value::Text("2020-01-01".into())),
        ]);
        assert_eq!(fields.text("TITLE").as_deref(), Some("second"));
        assert_eq!(fields.text("date").as_deref(), Some("2020-01-01"));
        assert_eq!(fields.get("author"), None);
    }

    #[test]
    fn yaml_values_convert_without_losing_odd_shapes() {
        let yaml: serde_yaml::Value =
            serde_yaml::from_str("tags: [2013, paris, {DevOps: movement}, ~]").unwrap();
        let fields = Fields::from_value(Value::from(yaml));
        let Some(Value::List(items)) = fields.get("tags") else {
            panic!("tags should be a list");
        };
        let texts: Vec<String> = items.iter().map(Value::to_text).collect();
        assert_eq!(texts, ["2013", "paris", "DevOps: movement", ""]);
    }

    #[test]
    fn toml_values_convert_including_datetimes() {
        let table: toml::Table =
            toml::from_str("Date = 2015-03-15T20:02:27-05:00\nTags = [\"2015\", 7]").unwrap();
        let fields = Fields::from_value(Value::from(toml::Value::Table(table)));
        assert_eq!(
            fields.text("date").as_deref(),
            Some("2015-03-15T20:02:27-05:00")
        );
        assert_eq!(
            fields.get("tags").map(Value::to_text).as_deref(),
            Some("2015, 7")
        );
    }
}
