//! A post's body as the reader gets it: the text after the front matter and, only when
//! that text is empty, what stands in for it — the front matter's description and the
//! post's own link, so a post that is only metadata (a link post, a topic page) does
//! not open blank.
//!
//! Pulled from the fields when the body is read, not kept on [`super::Post`]: a post
//! with a body never pays for them, in memory or in the cache.

use super::fields::Fields;

/// Fields that hold a post's description, in order of preference.
pub const DESCRIPTION_KEYS: &[&str] = &["description", "summary", "excerpt"];

/// Fields that hold the post's own link, in order of preference.
pub const LINK_KEYS: &[&str] = &["link", "url", "learnMoreLink"];

/// The body of a post, read again from its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// The text after the front matter (markdown, HTML or a mix).
    pub text: String,
    /// What stands in for the text when it is empty or only whitespace; `None` otherwise.
    pub stand_in: Option<StandIn>,
}

/// What the front matter says about a post that has no body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandIn {
    /// The description or summary, as written (it may hold markdown).
    pub description: Option<String>,
    /// The post's own link or URL, as written.
    pub link: Option<String>,
}

impl Body {
    /// The body `text` of a post whose front matter is `fields`.
    pub fn new(text: String, fields: &Fields) -> Self {
        let stand_in = text.trim().is_empty().then(|| StandIn::from_fields(fields));
        Body { text, stand_in }
    }
}

impl StandIn {
    /// The first non-empty description and link among [`DESCRIPTION_KEYS`] and
    /// [`LINK_KEYS`].
    pub fn from_fields(fields: &Fields) -> Self {
        let first = |keys: &[&str]| keys.iter().find_map(|key| fields.text(key));
        StandIn {
            description: first(DESCRIPTION_KEYS),
            link: first(LINK_KEYS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields::of_text(pairs)
    }

    #[test]
    fn a_body_with_text_needs_no_stand_in() {
        let body = Body::new("Hello\n".into(), &fields(&[("description", "d")]));
        assert_eq!(body.stand_in, None);
        assert_eq!(body.text, "Hello\n");
    }

    #[test]
    fn an_empty_body_takes_description_and_link_from_the_fields() {
        let body = Body::new(
            " \n\t\n".into(),
            &fields(&[
                ("Summary", "A summary"),
                ("url", "/about/"),
                ("link", "https://example.com/post"),
            ]),
        );
        assert_eq!(
            body.stand_in,
            Some(StandIn {
                description: Some("A summary".into()),
                link: Some("https://example.com/post".into()),
            })
        );
    }

    #[test]
    fn description_wins_over_summary_and_blank_values_are_skipped() {
        let stand_in = StandIn::from_fields(&fields(&[
            ("summary", "second"),
            ("description", "  "),
            ("excerpt", "third"),
        ]));
        assert_eq!(stand_in.description.as_deref(), Some("second"));
        let stand_in = StandIn::from_fields(&fields(&[("summary", "s"), ("description", "d")]));
        assert_eq!(stand_in.description.as_deref(), Some("d"));
        assert_eq!(stand_in.link, None);
    }

    #[test]
    fn an_empty_body_without_those_fields_still_says_so() {
        let body = Body::new(String::new(), &Fields::default());
        assert_eq!(body.stand_in, Some(StandIn::default()));
    }
}
