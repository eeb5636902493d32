//! The line shown under a hit: of the body's lines, the one matching the most of the
//! query's clauses (then the most matches, then the first), trimmed, with the char
//! ranges of what matched in it.

use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

use super::query::{Matcher, Parsed, Word, words};

/// A line picked to show under a hit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The line, trimmed.
    pub line: String,
    /// The char ranges in `line` of the query's words (a phrase is one range).
    pub highlights: Vec<Range<usize>>,
}

/// Whether `word` is what `want` asks for at this place (`prefix`: starts with it).
fn same(word: &Word, want: &str, prefix: bool) -> bool {
    if prefix {
        word.text.starts_with(want)
    } else {
        word.text == want
    }
}

/// Byte ranges in the analysed `line_words` where `matcher` matches.
fn matches(line_words: &[Word], matcher: &Matcher) -> Vec<Range<usize>> {
    let (wanted, prefix_last) = match matcher {
        Matcher::Words(w) => (w, false),
        Matcher::Prefix(w) => (w, true),
    };
    let n = wanted.len();
    if n == 0 || line_words.len() < n {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start + n <= line_words.len() {
        let window = &line_words[start..start + n];
        let hit = window
            .iter()
            .zip(wanted)
            .enumerate()
            .all(|(i, (word, want))| same(word, want, prefix_last && i + 1 == n));
        if hit {
            out.push(window[0].bytes.start..window[n - 1].bytes.end);
            start += n;
        } else {
            start += 1;
        }
    }
    out
}

/// The char range of a byte range of `line`.
fn chars(line: &str, bytes: &Range<usize>) -> Range<usize> {
    let at = |b: usize| line.get(..b).map_or(0, |s| s.chars().count());
    at(bytes.start)..at(bytes.end)
}

/// The best line of `text` for `query` (see the module); the first non-empty line with no
/// highlights when no line matches (the post matched on its title, tags or authors).
pub fn best_line(analyzer: &mut TextAnalyzer, text: &str, query: &Parsed) -> Snippet {
    // (clauses matched, matches), the line, its byte ranges.
    type Candidate<'t> = ((usize, usize), &'t str, Vec<Range<usize>>);
    let mut best: Option<Candidate<'_>> = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line_words = words(analyzer, line);
        let mut clauses = 0;
        let mut ranges = Vec::new();
        for clause in query.wanted() {
            let found = matches(&line_words, &clause.matcher);
            if !found.is_empty() {
                clauses += 1;
                ranges.extend(found);
            }
        }
        let rank = (clauses, ranges.len());
        if clauses > 0 && best.as_ref().is_none_or(|(r, _, _)| rank > *r) {
            best = Some((rank, line, ranges));
        }
    }
    match best {
        Some((_, line, mut ranges)) => {
            ranges.sort_by_key(|r| (r.start, r.end));
            let mut highlights: Vec<Range<usize>> = Vec::new();
            for r in ranges.iter().map(|r| chars(line, r)) {
                match highlights.last_mut() {
                    Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                    _ => highlights.push(r),
                }
            }
            Snippet {
                line: line.to_string(),
                highlights,
            }
        }
        None => Snippet {
            line: text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or_default()
                .to_string(),
            highlights: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::query::{analyzer, parse};
    use super::*;

    fn pick(text: &str, query: &str) -> Snippet {
        let mut analyzer = analyzer();
        let parsed = match parse(&mut analyzer, query) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        best_line(&mut analyzer, text, &parsed)
    }

    fn marked(s: &Snippet) -> String {
        let mut out = String::new();
        for (i, c) in s.line.chars().enumerate() {
            if s.highlights.iter().any(|r| r.start == i) {
                out.push('[');
            }
            out.push(c);
            if s.highlights.iter().any(|r| r.end == i + 1) {
                out.push(']');
            }
        }
        out
    }

    #[test]
    fn the_line_with_most_clauses_wins_over_the_one_with_most_matches() {
        let text = "intro\nkube kube kube\n   Kube and DevOps together  \nDevOps\n";
        let s = pick(text, "devops kube");
        assert_eq!(marked(&s), "[Kube] and [DevOps] together");
    }

    #[test]
    fn ties_go_to_the_first_line_then_to_more_matches() {
        assert_eq!(pick("a word\nb word\n", "word").line, "a word");
        assert_eq!(pick("a word\nword word\n", "word").line, "word word");
    }

    #[test]
    fn phrases_are_one_range_and_only_in_order() {
        let text = "confusion of the wall\nthe Wall of   Confusion, again\n";
        let s = pick(text, "\"wall of confusion\"");
        assert_eq!(marked(&s), "the [Wall of   Confusion], again");
    }

    #[test]
    fn prefixes_and_folded_words_highlight_in_chars() {
        let s = pick("Ça coûte — DevOpsDays à Paris\n", "devops* cout*");
        assert_eq!(marked(&s), "Ça [coûte] — [DevOpsDays] à Paris");
    }

    #[test]
    fn excluded_words_are_not_highlighted_and_no_match_gives_the_first_line() {
        let s = pick("\n  first line\nsecond kube\n", "title -kube");
        assert_eq!(s.line, "first line");
        assert!(s.highlights.is_empty());
    }
}
