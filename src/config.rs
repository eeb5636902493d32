//! User settings, from `config.toml` in the platform's config directory (found with
//! `directories`; `$SHELF_CONFIG` names another file). Every setting is optional; a
//! missing file means the defaults. A file that does not parse is an error naming the
//! file, line and problem, so a typo is never silently ignored.
//!
//! ```toml
//! folders = ["~/blog/content", "/srv/archive"]  # opened when no PATH is given
//! opener = "firefox --new-tab"                   # how links open (else $BROWSER)
//! hyperlinks = true                              # OSC 8 links in the reader
//! theme = "auto"                                 # "dark", "light" or "auto"
//! languages = ["en", "ja"]                       # translations shown in these first
//! exclude = ["drafts/**", "*.txt", "/notes.md"]   # never listed (gitignore lines)
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The environment variable that names the config file to use instead.
pub const CONFIG_ENV: &str = "SHELF_CONFIG";

/// The settings a user can make.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Folders (or files) opened when no PATH is given. Relative paths are relative to
    /// the config file; a leading `~/` is the home directory.
    #[serde(default)]
    pub folders: Vec<PathBuf>,
    /// The command that opens links: a program and arguments; the URL replaces `%s`
    /// or is appended as one argument. Never run through a shell.
    pub opener: Option<String>,
    /// Whether links in the reader are terminal hyperlinks (OSC 8). Default: on.
    pub hyperlinks: Option<bool>,
    /// Colours for a dark or a light background, or `auto` (ask the terminal).
    pub theme: Option<ThemeChoice>,
    /// Languages to show a translated post in, most wanted first (`["en"]`); default:
    /// the language of `LANG`.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Files and folders never listed, as lines of a `.gitignore` at the top of every
    /// folder opened: `drafts/**`, `*.txt` (anywhere), `/README.md` (at the top only),
    /// `!keep.md` (an exception to the lines before it). Checked when the file is read.
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl Config {
    /// The languages translations are shown in, most wanted first: the config's, else
    /// `$LANG`'s (`en_US.UTF-8` → `en`).
    pub fn preferred_languages(&self) -> Vec<String> {
        if !self.languages.is_empty() {
            return self
                .languages
                .iter()
                .map(|l| l.trim().to_ascii_lowercase().replace('_', "-"))
                .collect();
        }
        std::env::var("LANG")
            .ok()
            .and_then(|locale| {
                let code = locale
                    .split(['.', '@', '_', '-'])
                    .next()?
                    .trim()
                    .to_ascii_lowercase();
                (!code.is_empty() && code != "c" && code != "posix").then_some(code)
            })
            .into_iter()
            .collect()
    }
}

/// The colours asked for: for a dark background, a light one, or whichever the
/// terminal has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Ask the terminal for its background colour; dark when it does not answer.
    #[default]
    Auto,
    /// Light text on a dark background.
    Dark,
    /// Dark text on a light background.
    Light,
}

/// The colours shelf draws with, once `auto` is decided.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    /// For a dark background.
    #[default]
    Dark,
    /// For a light background.
    Light,
}

impl ThemeChoice {
    /// The theme, asking `background_is_light` only for `auto` (it answers `None`
    /// when the terminal does not say).
    pub fn resolve(self, background_is_light: impl FnOnce() -> Option<bool>) -> Theme {
        match self {
            ThemeChoice::Dark => Theme::Dark,
            ThemeChoice::Light => Theme::Light,
            ThemeChoice::Auto => match background_is_light() {
                Some(true) => Theme::Light,
                Some(false) | None => Theme::Dark,
            },
        }
    }
}

/// Where the config file is: `$SHELF_CONFIG`, else `config.toml` in the platform's
/// config directory for shelf.
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(CONFIG_ENV) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "shelf").map(|d| d.config_dir().join("config.toml"))
}

/// Why the config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file is not valid TOML, or a setting has the wrong type or name.
    #[error("{path}:{line}: {message}", path = path.display())]
    Invalid {
        /// The config file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// `$SHELF_CONFIG` names a file that is not there: a mistyped name would otherwise
    /// go unnoticed.
    #[error("{path}: no such config file ({env} names it)", path = path.display(), env = CONFIG_ENV)]
    Missing {
        /// The file named.
        path: PathBuf,
    },
    /// The file exists but could not be read.
    #[error("{path}: {source}", path = path.display())]
    Unreadable {
        /// The config file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Parses config text; `path` is for messages and for resolving relative folders.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let mut config: Config = toml::from_str(text).map_err(|e| ConfigError::Invalid {
        path: path.to_path_buf(),
        line: e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        }),
        message: e.message().trim().to_string(),
    })?;
    check_exclude(&config.exclude, text, path)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    config.folders = config
        .folders
        .into_iter()
        .map(|f| match (f.strip_prefix("~"), &home) {
            (Ok(rest), Some(home)) => home.join(rest),
            _ if f.is_relative() => base.join(f),
            _ => f,
        })
        .collect();
    Ok(config)
}

/// Every `exclude` line must be a valid gitignore glob: one that is not would be
/// silently left out, and the file it meant listed.
fn check_exclude(exclude: &[String], text: &str, path: &Path) -> Result<(), ConfigError> {
    let mut builder = ignore::gitignore::GitignoreBuilder::new(".");
    let problem = exclude
        .iter()
        .find_map(|line| builder.add_line(None, line).err())
        .or_else(|| builder.build().err());
    match problem {
        None => Ok(()),
        Some(error) => Err(ConfigError::Invalid {
            path: path.to_path_buf(),
            line: text
                .lines()
                .position(|l| l.trim_start().starts_with("exclude"))
                .map_or(1, |i| i + 1),
            message: format!("`exclude`: {error}"),
        }),
    }
}

/// Loads the config file if there is one. The platform's file may be absent; a file
/// `$SHELF_CONFIG` names must be there.
pub fn load() -> Result<Config, ConfigError> {
    let Some(path) = config_path() else {
        return Ok(Config::default());
    };
    let named = std::env::var_os(CONFIG_ENV).is_some();
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, &path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && named => {
            Err(ConfigError::Missing { path })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(source) => Err(ConfigError::Unreadable { path, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_the_default() {
        assert_eq!(
            parse("", Path::new("/c/config.toml")).ok(),
            Some(Config::default())
        );
    }

    #[test]
    fn folders_resolve_against_the_config_file() {
        let c = parse(
            "folders = [\"posts\", \"/abs\"]\nopener = \"w3m\"\nhyperlinks = false\ntheme = \"light\"\n",
            Path::new("/etc/shelf/config.toml"),
        )
        .unwrap_or_default();
        assert_eq!(
            c.folders,
            [PathBuf::from("/etc/shelf/posts"), PathBuf::from("/abs")]
        );
        assert_eq!(c.opener.as_deref(), Some("w3m"));
        assert_eq!(c.hyperlinks, Some(false));
        assert_eq!(c.theme, Some(ThemeChoice::Light));
    }

    #[test]
    fn languages_come_from_the_config_or_lang() {
        let config = Config {
            languages: vec!["pt_BR".into(), "EN".into()],
            ..Config::default()
        };
        assert_eq!(config.preferred_languages(), ["pt-br", "en"]);
    }

    #[test]
    fn exclude_is_a_list_of_gitignore_lines_checked_when_read() {
        let c = parse(
            "folders = [\"p\"]\nexclude = [\"drafts/**\", \"*.txt\", \"!keep.txt\"]\n",
            Path::new("/c/config.toml"),
        );
        assert_eq!(
            c.ok().map(|c| c.exclude),
            Some(vec!["drafts/**".into(), "*.txt".into(), "!keep.txt".into()])
        );
        let bad = parse(
            "opener = \"x\"\nexclude = [\"posts/{a\"]\n",
            Path::new("/c/config.toml"),
        );
        let message = bad.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.starts_with("/c/config.toml:2: `exclude`: "),
            "{message}"
        );
    }

    #[test]
    fn auto_asks_the_terminal_and_falls_back_to_dark() {
        assert_eq!(ThemeChoice::Auto.resolve(|| Some(true)), Theme::Light);
        assert_eq!(ThemeChoice::Auto.resolve(|| None), Theme::Dark);
        let asked = std::cell::Cell::new(false);
        let theme = ThemeChoice::Light.resolve(|| {
            asked.set(true);
            None
        });
        assert_eq!((theme, asked.get()), (Theme::Light, false));
        let bad = parse("theme = \"sepia\"\n", Path::new("/c/config.toml"));
        assert!(
            matches!(bad, Err(ConfigError::Invalid { line: 1, .. })),
            "{bad:?}"
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse(
            "opener = \"x\"\nfolderz = []\n",
            Path::new("/c/config.toml"),
        );
        let e = e.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.starts_with("/c/config.toml:2: "), "{e}");
        let e = parse("folders = [", Path::new("/c/config.toml"));
        assert!(
            matches!(e, Err(ConfigError::Invalid { line: 1, .. })),
            "{e:?}"
        );
    }
}
