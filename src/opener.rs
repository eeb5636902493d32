//! Opening links outside the terminal UI: which URLs may be opened at all
//! ([`check_url`], pure), and the command that opens them ([`Opener`]): the configured
//! command, else `$BROWSER`, else the platform default (the `open` crate). The URL is
//! passed as one argument, never through a shell, and the opener never blocks the UI.

use std::process::{Command, Stdio};

/// Schemes shelf opens. Everything else (`file:`, `javascript:`, `data:`, relative
/// paths) is refused.
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Why a URL is not opened, or `Ok` when it may be.
pub fn check_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("refused: empty link".to_string());
    }
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("refused: the link contains control characters or spaces".to_string());
    }
    if url.starts_with('-') {
        return Err("refused: the link starts with '-'".to_string());
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(format!(
            "refused: {url} is a relative link, not a web address"
        ));
    };
    let valid_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid_scheme {
        return Err(format!(
            "refused: {url} is a relative link, not a web address"
        ));
    }
    let scheme = scheme.to_ascii_lowercase();
    if !ALLOWED_SCHEMES.contains(&scheme.as_str()) {
        return Err(format!("refused: {scheme}: links are not opened"));
    }
    if scheme != "mailto" && (!rest.starts_with("//") || rest.len() <= 2) {
        return Err(format!("refused: {url} has no host"));
    }
    Ok(())
}

/// How links are opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opener {
    /// A program and its arguments; the URL replaces `%s` or is appended.
    Command(Vec<String>),
    /// The platform's default handler.
    System,
}

impl Opener {
    /// The configured command if any, else `$BROWSER` (its first `:`-separated entry),
    /// else the platform default.
    pub fn resolve(configured: Option<&str>, browser_env: Option<&str>) -> Opener {
        let command = configured
            .filter(|c| !c.trim().is_empty())
            .or_else(|| browser_env.and_then(|b| b.split(':').find(|c| !c.trim().is_empty())));
        match command {
            Some(c) => Opener::Command(c.split_whitespace().map(str::to_string).collect()),
            None => Opener::System,
        }
    }

    /// The program and arguments that open `url`, for a [`Opener::Command`].
    pub fn command_line(&self, url: &str) -> Option<Vec<String>> {
        let Opener::Command(parts) = self else {
            return None;
        };
        let mut line: Vec<String> = parts.iter().map(|p| p.replace("%s", url)).collect();
        if !parts.iter().any(|p| p.contains("%s")) {
            line.push(url.to_string());
        }
        Some(line)
    }

    /// Opens a URL after [`check_url`]. Returns at once; the opener runs detached with
    /// its output discarded so it cannot draw over the UI. Returns a status message.
    pub fn open(&self, url: &str) -> Result<String, String> {
        check_url(url)?;
        match self.command_line(url) {
            Some(line) => {
                let (program, args) = line
                    .split_first()
                    .ok_or_else(|| "no opener command".to_string())?;
                let mut child = Command::new(program)
                    .args(args)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .map_err(|e| format!("could not run {program}: {e}"))?;
                // Reap the child when it ends, without blocking the UI.
                std::thread::spawn(move || child.wait());
                Ok(format!("opened {url} with {program}"))
            }
            None => open::that_detached(url)
                .map(|()| format!("opened {url}"))
                .map_err(|e| format!("could not open {url}: {e}")),
        }
    }
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
            assert_eq!(check_url(url), Ok(()), "{url}");
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
            assert!(check_url(url).is_err(), "{url:?} should be refused");
        }
    }

    #[test]
    fn opener_resolution_prefers_config_then_browser_env() {
        assert_eq!(
            Opener::resolve(Some("firefox --new-tab"), Some("chromium")),
            Opener::Command(vec!["firefox".into(), "--new-tab".into()])
        );
        assert_eq!(
            Opener::resolve(None, Some("w3m:lynx")),
            Opener::Command(vec!["w3m".into()])
        );
        assert_eq!(Opener::resolve(Some(" "), None), Opener::System);
    }

    #[test]
    fn url_is_one_argument_never_split() {
        let o = Opener::Command(vec!["open-it".into(), "--url=%s".into()]);
        assert_eq!(
            o.command_line("http://x/a b;rm -rf"),
            Some(vec!["open-it".into(), "--url=http://x/a b;rm -rf".into()])
        );
        let o = Opener::Command(vec!["browser".into()]);
        assert_eq!(
            o.command_line("http://x/$(id)"),
            Some(vec!["browser".into(), "http://x/$(id)".into()])
        );
    }

    #[test]
    fn refused_urls_run_nothing() {
        let o = Opener::Command(vec!["/nonexistent/should-not-run".into()]);
        assert!(
            o.open("javascript:alert(1)")
                .unwrap_err()
                .starts_with("refused")
        );
        assert!(
            o.open("http://example.com/")
                .unwrap_err()
                .starts_with("could not run")
        );
    }
}
