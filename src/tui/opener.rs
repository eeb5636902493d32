//! The command that opens links outside the terminal UI ([`Opener`]): the configured
//! command, else `$BROWSER`, else the platform default (the `open` crate). Which links
//! may be opened at all is [`crate::text::url::check`]; the URL is passed as one
//! argument, never through a shell, and opening never blocks the UI.

use std::process::{Command, Stdio};

use crate::text::url::{self, Refusal};

/// Why a link was not opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// shelf does not open links like this one.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The configured command has no program.
    #[error("no opener command")]
    NoCommand,
    /// The opener program could not be started.
    #[error("could not run {program}: {source}")]
    Spawn {
        /// The program.
        program: String,
        /// Why it did not start.
        source: std::io::Error,
    },
    /// The platform's default opener failed.
    #[error("could not open {url}: {source}")]
    System {
        /// The link.
        url: String,
        /// Why.
        source: std::io::Error,
    },
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

    /// Opens a URL after [`url::check`]. Returns at once; the opener runs detached with
    /// its output discarded so it cannot draw over the UI. Returns a status message.
    pub fn open(&self, url: &str) -> Result<String, OpenError> {
        url::check(url)?;
        match self.command_line(url) {
            Some(line) => {
                let (program, args) = line.split_first().ok_or(OpenError::NoCommand)?;
                let mut child = Command::new(program)
                    .args(args)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .map_err(|source| OpenError::Spawn {
                        program: program.clone(),
                        source,
                    })?;
                // Reap the child when it ends, without blocking the UI.
                std::thread::spawn(move || child.wait());
                Ok(format!("opened {url} with {program}"))
            }
            None => open::that_detached(url)
                .map(|()| format!("opened {url}"))
                .map_err(|source| OpenError::System {
                    url: url.to_string(),
                    source,
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(matches!(
            o.open("javascript:alert(1)"),
            Err(OpenError::Refused(Refusal::Scheme(_)))
        ));
        assert!(matches!(
            o.open("http://example.com/"),
            Err(OpenError::Spawn { .. })
        ));
    }
}
