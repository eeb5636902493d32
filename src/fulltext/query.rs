//! The search box's syntax, parsed into clauses of analysed terms:
//!
//! - `word word` — every word must match (AND), in any field;
//! - `"some phrase"` — the words next to each other, in this order;
//! - `-word`, `-"some phrase"` — posts with it are left out;
//! - `word*` — any word starting with `word` (at most [`MAX_EXPANSIONS`] words).
//!
//! Words are analysed like the index's text ([`analyzer`]: split on what is not a letter
//! or digit, lower-cased, accents folded), so `E-Mail` is the phrase `e mail` and `Café`
//! matches `cafe`. A `*` inside quotes is just punctuation. Errors: an unclosed quote, a
//! `*` or `-` with no word, a query whose every clause is excluded.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};

/// How many index words one `word*` may stand for.
pub const MAX_EXPANSIONS: usize = 64;

/// The name the analyzer is registered under in the index.
pub const ANALYZER: &str = "shelf";

/// How the index and the queries split text into words.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// A word of `text` as the index holds it, with its byte range in `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The analysed word.
    pub text: String,
    /// Where it stands in the text analysed, in bytes.
    pub bytes: std::ops::Range<usize>,
}

/// The analysed words of `text`.
pub fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Word> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push(Word {
            text: token.text.clone(),
            bytes: token.offset_from..token.offset_to,
        });
    }
    out
}

/// What one clause matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// These words in a row (one word is a plain word).
    Words(Vec<String>),
    /// These words in a row, the last one only a prefix (`word*`, `e-ma*`).
    Prefix(Vec<String>),
}

/// One clause of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Posts that match are left out (`-word`).
    pub excluded: bool,
    /// What it matches.
    pub matcher: Matcher,
}

/// A parsed query: every clause not excluded must match, none excluded may.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The clauses in the order written.
    pub clauses: Vec<Clause>,
}

impl Parsed {
    /// No clause at all (an empty or blank query): nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The clauses that must match.
    pub fn wanted(&self) -> impl Iterator<Item = &Clause> {
        self.clauses.iter().filter(|c| !c.excluded)
    }
}

/// Parses a query (see the module's syntax); an error says what is wrong in words.
pub fn parse(analyzer: &mut TextAnalyzer, query: &str) -> Result<Parsed, String> {
    let mut clauses = Vec::new();
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let excluded = rest.starts_with('-');
        if excluded {
            rest = &rest[1..];
        }
        let (raw, quoted, after) = if let Some(inner) = rest.strip_prefix('"') {
            let Some(end) = inner.find('"') else {
                return Err("a quote is not closed: add the closing \"".to_string());
            };
            (&inner[..end], true, &inner[end + 1..])
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], false, &rest[end..])
        };
        rest = after.trim_start();
        let prefix = !quoted && raw.ends_with('*');
        let tokens: Vec<String> = words(analyzer, raw).into_iter().map(|w| w.text).collect();
        if tokens.is_empty() {
            if prefix {
                return Err("a * needs letters before it, as in devo*".to_string());
            }
            if excluded && raw.is_empty() {
                return Err("a - needs a word after it, as in -draft".to_string());
            }
            // Punctuation alone, or an empty phrase: nothing to match.
            continue;
        }
        let matcher = if prefix {
            Matcher::Prefix(tokens)
        } else {
            Matcher::Words(tokens)
        };
        clauses.push(Clause { excluded, matcher });
    }
    let parsed = Parsed { clauses };
    if !parsed.is_empty() && parsed.wanted().next().is_none() {
        return Err("only excluded words: add a word to search for".to_string());
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(query: &str) -> Vec<Clause> {
        match parse(&mut analyzer(), query) {
            Ok(p) => p.clauses,
            Err(e) => panic!("{query:?} did not parse: {e}"),
        }
    }

    fn words_of(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn wanted(list: &[&str]) -> Clause {
        Clause {
            excluded: false,
            matcher: Matcher::Words(words_of(list)),
        }
    }

    #[test]
    fn words_are_separate_clauses_lower_cased_and_folded() {
        assert_eq!(
            parse_ok("  Mozilla  Café "),
            vec![wanted(&["mozilla"]), wanted(&["cafe"])]
        );
    }

    #[test]
    fn quotes_make_a_phrase_and_a_word_with_punctuation_is_one() {
        assert_eq!(
            parse_ok("\"Wall of  Confusion\" e-mail"),
            vec![wanted(&["wall", "of", "confusion"]), wanted(&["e", "mail"])]
        );
    }

    #[test]
    fn minus_excludes_and_star_makes_a_prefix() {
        assert_eq!(
            parse_ok("devo* -kube -\"big bang\""),
            vec![
                Clause {
                    excluded: false,
                    matcher: Matcher::Prefix(words_of(&["devo"]))
                },
                Clause {
                    excluded: true,
                    ..wanted(&["kube"])
                },
                Clause {
                    excluded: true,
                    ..wanted(&["big", "bang"])
                },
            ]
        );
    }

    #[test]
    fn a_star_inside_quotes_and_a_dash_inside_a_word_are_plain() {
        assert_eq!(parse_ok("\"dev*\""), vec![wanted(&["dev"])]);
        assert_eq!(parse_ok("well-known"), vec![wanted(&["well", "known"])]);
    }

    #[test]
    fn blank_and_punctuation_only_queries_are_empty() {
        assert_eq!(parse_ok(""), vec![]);
        assert_eq!(parse_ok("   ... \"\" "), vec![]);
    }

    #[test]
    fn malformed_queries_are_errors_with_a_message() {
        for (query, says) in [
            ("\"wall of", "quote"),
            ("*", "*"),
            ("devops - kube", "-"),
            ("-kube", "excluded"),
            ("-kube -\"big bang\"", "excluded"),
        ] {
            match parse(&mut analyzer(), query) {
                Ok(p) => panic!("{query:?} parsed as {p:?}"),
                Err(e) => assert!(e.contains(says), "{query:?}: {e}"),
            }
        }
    }

    #[test]
    fn words_know_where_they_stand() {
        let found = words(&mut analyzer(), "Héllo, wörld");
        assert_eq!(
            found,
            vec![
                Word {
                    text: "hello".into(),
                    bytes: 0..6
                },
                Word {
                    text: "world".into(),
                    bytes: 8..14
                },
            ]
        );
    }
}
