//! Which links shelf opens at all. Only `http`, `https` and `mailto`; everything else
//! (`file:`, `javascript:`, `data:`, relative paths, anything with control characters
//! or spaces, anything an opener could take for an option) is refused with a reason.

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
}
