//! The search-box language, after fzf: space-separated atoms, each of which must hold.
//!
//! - `word`: fuzzy match (title, authors, tags; the body opening as a weaker signal);
//! - `'word`: exact substring, case-insensitive;
//! - `^word`: the title starts with it;
//! - `!word`: no field contains it;
//! - `#tag`: the post carries a matching tag (a facet filter typed in the box);
//! - `@author`: the post has a matching author (`@patrick`, `@"Patrick Debois"` is not
//!   needed: `@patrick_debois` and `@patrick-debois` also match `Patrick Debois`).

/// The atoms of the language with what each does, for the help overlay and the
/// search box's placeholder: one place, next to the parser that reads them.
pub const SYNTAX: &[(&str, &str)] = &[
    ("word", "fuzzy match on title, authors, tags"),
    ("'exact", "exact words, anywhere"),
    ("^start", "the title starts with it"),
    ("!not", "leave out posts containing it"),
    ("#tag", "posts with a matching tag"),
    ("@author", "posts by a matching author"),
];

/// One parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Query {
    /// Fuzzy atoms.
    pub fuzzy: Vec<String>,
    /// Exact (substring) atoms, lower-cased.
    pub exact: Vec<String>,
    /// Title-prefix atoms, lower-cased.
    pub prefix: Vec<String>,
    /// Negated atoms, lower-cased.
    pub not: Vec<String>,
    /// `#tag` atoms, as typed.
    pub tags: Vec<String>,
    /// `@author` atoms, with `_` and `-` read as spaces.
    pub authors: Vec<String>,
}

impl Query {
    /// Parses the text of the search box. Lone operators (`!`, `#`) are ignored.
    pub fn parse(input: &str) -> Self {
        let mut q = Query::default();
        for atom in input.split_whitespace() {
            let mut chars = atom.chars();
            let first = chars.next();
            let rest = chars.as_str();
            match first {
                Some('\'') if !rest.is_empty() => q.exact.push(rest.to_lowercase()),
                Some('^') if !rest.is_empty() => q.prefix.push(rest.to_lowercase()),
                Some('!') if !rest.is_empty() => q.not.push(rest.to_lowercase()),
                Some('#') if !rest.is_empty() => q.tags.push(rest.to_string()),
                Some('@') if !rest.is_empty() => q.authors.push(rest.replace(['_', '-'], " ")),
                Some('\'' | '^' | '!' | '#' | '@') => {}
                Some(_) => q.fuzzy.push(atom.to_string()),
                None => {}
            }
        }
        q
    }

    /// True when the query constrains nothing.
    pub fn is_empty(&self) -> bool {
        self.fuzzy.is_empty()
            && self.exact.is_empty()
            && self.prefix.is_empty()
            && self.not.is_empty()
            && self.tags.is_empty()
            && self.authors.is_empty()
    }

    /// True when the query looks for words (fuzzy, `'exact` or `^prefix` atoms), which
    /// one translation of a post can hold and another not.
    pub fn has_words(&self) -> bool {
        !(self.fuzzy.is_empty() && self.exact.is_empty() && self.prefix.is_empty())
    }

    /// True when the query has atoms that rank (fuzzy ones).
    pub fn ranks(&self) -> bool {
        !self.fuzzy.is_empty()
    }

    /// True when every post matching `self` also matches `broader`, as when the user
    /// types on at the end of a query: the same non-fuzzy atoms, and each fuzzy atom
    /// of `broader` a prefix of the one at its place in `self` (a fuzzy or substring
    /// match of `devops` implies one of `devop`), more atoms allowed.
    pub fn narrows(&self, broader: &Query) -> bool {
        self.exact == broader.exact
            && self.prefix == broader.prefix
            && self.not == broader.not
            && self.tags == broader.tags
            && self.authors == broader.authors
            && self.fuzzy.len() >= broader.fuzzy.len()
            && broader
                .fuzzy
                .iter()
                .zip(&self.fuzzy)
                .all(|(old, new)| new.starts_with(old.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_are_classified() {
        let q = Query::parse("paris 'Ghent ^dev !Flickr #DevOps @patrick_debois");
        assert_eq!(q.fuzzy, vec!["paris"]);
        assert_eq!(q.exact, vec!["ghent"]);
        assert_eq!(q.prefix, vec!["dev"]);
        assert_eq!(q.not, vec!["flickr"]);
        assert_eq!(q.tags, vec!["DevOps"]);
        assert_eq!(q.authors, vec!["patrick debois"]);
    }

    #[test]
    fn typing_on_narrows_and_editing_does_not() {
        let q = |s| Query::parse(s);
        assert!(q("devo").narrows(&q("dev")));
        assert!(q("dev ops").narrows(&q("dev")));
        assert!(q("dev").narrows(&q("")));
        assert!(q("dev").narrows(&q("dev")));
        assert!(!q("de").narrows(&q("dev")), "deleting widens");
        assert!(!q("dxv").narrows(&q("dev")));
        assert!(
            !q("#devops x").narrows(&q("#dev")),
            "tag atoms resolve differently"
        );
        assert!(
            !q("dev !x").narrows(&q("dev !")),
            "a new negation is not a fuzzy atom"
        );
        assert!(q("dev !x").narrows(&q("dev !x")));
    }

    #[test]
    fn lone_operators_and_blanks_are_ignored() {
        let q = Query::parse("  ! #  @ ' ^ ");
        assert!(q.is_empty());
        assert!(!Query::parse("x").is_empty());
        assert!(!Query::parse("#x").ranks());
    }
}
