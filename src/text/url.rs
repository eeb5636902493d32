//! Which links shelf opens at all. Only `http`, `https` and `mailto`; everything else
//! (`file:`, `javascript:`, `data:`, relative paths, anything with control characters
//! or spaces, anything an opener could take for an option) is refused with a reason.
//!
//! Also where web addresses are written in plain text ([`split_urls`]), found with the
//! `linkify` crate, which knows where a URL ends (trailing `.`, balanced parentheses).

/// Schemes shelf opens.
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Why a link is not opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The link is empty.
    #[error("refused: empty link")]
    Empty,
    /// The link contains control characters or whitespace.
    #[error("refused: the link contains control characters or spaces")]
    Unsafe,
    /// The link starts with `-`, which an opener could read as an option.
    #[error("refused: the link starts with '-'")]
    LooksLikeOption,
    /// A relative link (no scheme).
    #[error("refused: {0} is a relative link, not a web address")]
    Relative(String),
    /// A scheme shelf does not open.
    #[error("refused: {0}: links are not opened")]
    Scheme(String),
    /// A web link with no host.
    #[error("refused: {0} has no host")]
    NoHost(String),
}

/// `Ok` when shelf may open `url`, else why not.
pub fn check(url: &str) -> Result<(), Refusal> {
    if url.is_empty() {
        return Err(Refusal::Empty);
    }
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Refusal::Unsafe);
    }
    if url.starts_with('-') {
        return Err(Refusal::LooksLikeOption);
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(Refusal::Relative(url.to_string()));
    };
    let valid_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid_scheme {
        return Err(Refusal::Relative(url.to_string()));
    }
    let scheme = scheme.to_ascii_lowercase();
    if !ALLOWED_SCHEMES.contains(&scheme.as_str()) {
        return Err(Refusal::Scheme(scheme));
    }
    if scheme != "mailto" && (!rest.starts_with("//") || rest.len() <= 2) {
        return Err(Refusal::NoHost(url.to_string()));
    }
    Ok(())
}

/// A run of plain text: text, or a web address written in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run<'a> {
    /// Text that is not a URL.
    Text(&'a str),
    /// A web address shelf would open (see [`check`]).
    Url(&'a str),
}

/// Closing punctuation `linkify` keeps at the end of a URL and prose puts there:
/// typographic quotes and brackets, and (once those are off) a sentence's end.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '\u{201d}'
            | '\u{2019}'
            | '\u{bb}'
            | '\u{203a}'
            | '\u{300d}'
            | '\u{300f}'
            | '\u{3011}'
            | '\u{3009}'
            | '\u{300b}'
            | '\u{ff09}'
            | '\u{3002}'
            | '\u{3001}'
            | '\u{ff0c}'
            | '\u{ff0e}'
            | '\u{ff01}'
            | '\u{ff1f}'
            | '\u{ff1a}'
            | '\u{ff1b}'
            | '\u{2026}'
            | '\u{2014}'
            | '.'
            | ','
            | ':'
            | ';'
            | '!'
            | '?'
            | '\''
            | '"'
    )
}

/// Whether the host of `url` (`scheme://host…`) has a letter or digit in it, so
/// `http://…` in prose is not taken for an address.
fn has_real_host(url: &str) -> bool {
    url.split_once("://")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or_default())
        .is_some_and(|host| host.chars().any(char::is_alphanumeric))
}

/// `text` cut into text and the web addresses written in it (`https://…`, in order):
/// surrounding punctuation, `(…)` and quotes stay text, and only addresses [`check`]
/// accepts count. One linear scan; none at all when no `://` is in the text.
pub fn split_urls(text: &str) -> Vec<Run<'_>> {
    if !text.contains("://") {
        return vec![Run::Text(text)];
    }
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    let mut runs = Vec::new();
    let mut done = 0;
    for link in finder.links(text) {
        let url = link.as_str().trim_end_matches(is_closer);
        if !has_real_host(url) || check(url).is_err() {
            continue;
        }
        if let Some(before) = text.get(done..link.start()).filter(|t| !t.is_empty()) {
            runs.push(Run::Text(before));
        }
        runs.push(Run::Url(url));
        done = link.start() + url.len();
    }
    if let Some(after) = text.get(done..).filter(|t| !t.is_empty()) {
        runs.push(Run::Text(after));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_mail_links_are_allowed() {
        for url in [
            "http://www.devopsdays.org/",
            "HTTPS://example.com/a?b=c&d",
            "mailto:someone@example.com",
        ] {
            assert_eq!(check(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn everything_else_is_refused() {
        for url in [
            "/blog/wp-content/uploads/2009/11/devopsdays-09-logo.png",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,hi",
            "-flag",
            "http://exa\u{1b}mple.com",
            "http://a b",
            "http:",
            "http:/x",
            "",
            "logo.png",
            "1http://x",
        ] {
            assert!(check(url).is_err(), "{url:?} should be refused");
        }
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(
            check("javascript:alert(1)").map_err(|e| e.to_string()),
            Err("refused: javascript: links are not opened".to_string())
        );
        assert_eq!(check("logo.png"), Err(Refusal::Relative("logo.png".into())));
    }

    fn urls(text: &str) -> Vec<&str> {
        split_urls(text)
            .into_iter()
            .filter_map(|run| match run {
                Run::Url(url) => Some(url),
                Run::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn urls_are_cut_out_of_text_with_the_rest_kept_in_order() {
        assert_eq!(
            split_urls("see (https://github.com/foo/bar) and http://x.org."),
            [
                Run::Text("see ("),
                Run::Url("https://github.com/foo/bar"),
                Run::Text(") and "),
                Run::Url("http://x.org"),
                Run::Text("."),
            ]
        );
        assert_eq!(
            split_urls("no address here"),
            [Run::Text("no address here")]
        );
        assert_eq!(split_urls("https://x.org"), [Run::Url("https://x.org")]);
    }

    #[test]
    fn url_ends_leave_prose_punctuation_out() {
        assert_eq!(
            urls("\u{201c}http://example.com/a\u{201d}. and \u{ab}https://x.org/y\u{bb}"),
            ["http://example.com/a", "https://x.org/y"]
        );
        assert_eq!(
            urls("https://en.wikipedia.org/wiki/Foo_(bar), ok"),
            ["https://en.wikipedia.org/wiki/Foo_(bar)"]
        );
        assert_eq!(
            urls("https://ja.wikipedia.org/wiki/\u{65e5}\u{672c}\u{3002}"),
            ["https://ja.wikipedia.org/wiki/\u{65e5}\u{672c}"]
        );
    }

    #[test]
    fn only_addresses_shelf_opens_count() {
        assert_eq!(
            urls("the \u{201c}h\u{201d} of \u{201c}http://\u{2026}\u{201d} is missing"),
            Vec::<&str>::new()
        );
        assert_eq!(
            urls("javascript://x file:///etc/passwd x http:// y"),
            Vec::<&str>::new()
        );
        assert_eq!(urls("HTTP://Example.COM/A"), ["HTTP://Example.COM/A"]);
    }
}
