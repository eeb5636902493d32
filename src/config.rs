//! User settings, from `config.toml` in the platform's config directory (found with
//! `directories`; `$SHELF_CONFIG` names another file). Every setting is optional; a
//! missing file means the defaults.
//!
//! A problem in the file never stops shelf: an unknown setting, a value of the wrong
//! type, a bad `exclude` line is each one [`Problem`] (`PATH:LINE: what; expected …`)
//! and that one setting keeps its default, so the rest of the file still counts. A file
//! that is not TOML at all is one problem and all defaults. shelf never writes the file.
//! The settings, their defaults and what each expects are the one table [`SETTINGS`],
//! which also writes the file `shelf config --default` prints.
//!
//! ```toml
//! folders = ["~/blog/content", "/srv/archive"]  # opened when no PATH is given
//! opener = "firefox --new-tab"                   # how links open (else $BROWSER)
//! hyperlinks = true                              # OSC 8 links in the reader
//! theme = "auto"                                 # "dark", "light" or "auto"
//! languages = ["en", "ja"]                       # translations shown in these first
//! exclude = ["drafts/**", "*.txt", "/notes.md"]   # never listed (gitignore lines)
//! sort = "date"                                  # the list's order to start with
//! tags = "any"                                   # selected tags: all or any
//!
//! [keys]                                         # action = key or [keys]
//! bookmark = "M"
//! quit = ["Ctrl-c", "Ctrl-q"]
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The environment variable that names the config file to use instead.
pub const CONFIG_ENV: &str = "SHELF_CONFIG";

/// The settings a user can make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Folders (or files) opened when no PATH is given. Relative paths are relative to
    /// the config file; a leading `~/` is the home directory.
    pub folders: Vec<PathBuf>,
    /// The command that opens links: a program and arguments; the URL replaces `%s`
    /// or is appended as one argument. Never run through a shell.
    pub opener: Option<String>,
    /// Whether links in the reader are terminal hyperlinks (OSC 8). Default: on.
    pub hyperlinks: bool,
    /// Colours for a dark or a light background, or `auto` (ask the terminal).
    pub theme: ThemeChoice,
    /// Languages to show a translated post in, most wanted first (`["en"]`); default:
    /// the language of `LANG`.
    pub languages: Vec<String>,
    /// Files and folders never listed, as lines of a `.gitignore` at the top of every
    /// folder opened: `drafts/**`, `*.txt` (anywhere), `/README.md` (at the top only),
    /// `!keep.md` (an exception to the lines before it). Checked when the file is read.
    pub exclude: Vec<String>,
    /// The list's order when shelf starts.
    pub sort: SortChoice,
    /// How selected tags combine when shelf starts: all of them, or any.
    pub tags: TagChoice,
    /// `[keys]`: keys for actions, in file order; `app::keymap` checks the names.
    pub keys: Vec<KeyOverride>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            folders: Vec::new(),
            opener: None,
            hyperlinks: true,
            theme: ThemeChoice::default(),
            languages: Vec::new(),
            exclude: Vec::new(),
            sort: SortChoice::default(),
            tags: TagChoice::default(),
            keys: Vec::new(),
        }
    }
}

/// One line of `[keys]`: an action and the keys the user wants for it, as written.
/// Config cannot know the actions (they are the app's): `app::keymap` checks both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    /// The action's name, as written (`bookmark`).
    pub action: String,
    /// The keys, as written (`["M", "Ctrl-b"]`); never empty.
    pub keys: Vec<String>,
    /// The config file, for problems.
    pub path: PathBuf,
    /// 1-based line of the entry.
    pub line: usize,
}

impl KeyOverride {
    /// A problem with this entry.
    pub fn problem(&self, message: impl Into<String>, expected: impl Into<String>) -> Problem {
        Problem {
            path: self.path.clone(),
            line: self.line,
            message: message.into(),
            expected: expected.into(),
        }
    }
}

/// Something wrong in the config file, and what would be right. shelf reports it and
/// goes on with the default of the setting concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The config file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub expected: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}; expected {}",
            self.path.display(),
            self.line,
            self.message,
            self.expected
        )
    }
}

/// The list's order to start with (the index's sort keys, which config cannot name).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortChoice {
    /// Best match first while searching, newest first otherwise.
    #[default]
    Match,
    /// Newest first.
    Date,
    /// Title, A to Z.
    Title,
    /// First author, A to Z.
    Author,
}

/// How selected tags combine to start with (the index's tag modes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TagChoice {
    /// A post must carry every selected tag (AND).
    #[default]
    All,
    /// A post must carry at least one (OR).
    Any,
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

/// One setting: its name, default, what it takes and what it does. The parser reads
/// by these names and `shelf config --default` writes from them.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    /// The name in the file.
    pub name: &'static str,
    /// The default, as TOML; `None` when the default is to leave it unset.
    pub default: Option<&'static str>,
    /// An example value, as TOML (shown commented out when there is no default).
    pub example: &'static str,
    /// What a value must be, for problems.
    pub expected: &'static str,
    /// What it does, for the commented file; lines split by `\n`.
    pub doc: &'static str,
}

/// Every setting, in the order `shelf config --default` writes them. `[keys]` is
/// written by the command from the key table (config cannot see it).
pub const SETTINGS: &[Setting] = &[
    Setting {
        name: "folders",
        default: Some("[]"),
        example: r#"["~/blog/content", "/srv/archive"]"#,
        expected: "a list of folders or files, as strings",
        doc: "Folders or files opened when no PATH is given; relative to this file, ~/ is home.\nEmpty: the archive bundled with shelf.",
    },
    Setting {
        name: "opener",
        default: None,
        example: r#""firefox --new-tab %s""#,
        expected: "a command line, as a string",
        doc: "The program links open with, and its arguments; the URL replaces %s, else comes\nlast. Never run through a shell. Unset: $BROWSER, else the system's opener.",
    },
    Setting {
        name: "hyperlinks",
        default: Some("true"),
        example: "false",
        expected: "true or false",
        doc: "Links in the reader are clickable terminal hyperlinks (OSC 8); --no-hyperlinks\nturns them off for one run.",
    },
    Setting {
        name: "theme",
        default: Some(r#""auto""#),
        example: r#""light""#,
        expected: r#""auto", "dark" or "light""#,
        doc: "Colours for a dark or a light background; auto asks the terminal. --theme wins.",
    },
    Setting {
        name: "languages",
        default: Some("[]"),
        example: r#"["en", "ja"]"#,
        expected: "a list of language codes, as strings",
        doc: "A translated post is shown in the first of these languages it has.\nEmpty: the language of $LANG.",
    },
    Setting {
        name: "exclude",
        default: Some("[]"),
        example: r#"["drafts/**", "*.txt", "/notes.md", "!keep.md"]"#,
        expected: "a list of .gitignore lines, as strings",
        doc: "Files and folders never listed, as lines of a .gitignore at the top of every\nfolder opened (on top of the folders' own .gitignore files).",
    },
    Setting {
        name: "sort",
        default: Some(r#""match""#),
        example: r#""date""#,
        expected: r#""match", "date", "title" or "author""#,
        doc: "The list's order to start with (s cycles it): match (best match while searching,\nnewest otherwise), date (newest first), title, author.",
    },
    Setting {
        name: "tags",
        default: Some(r#""all""#),
        example: r#""any""#,
        expected: r#""all" or "any""#,
        doc: "How selected tags combine to start with: posts with all of them, or with any\n(m on the Tags pane switches).",
    },
];

/// What `[keys]` takes, for problems.
pub const KEYS_EXPECTED: &str =
    r#"a table of action = "key" or ["key", …] (see `shelf config --default`)"#;

/// The settings part of the file `shelf config --default` prints: every setting,
/// commented, at its default (or, with no default, an example commented out).
pub fn default_settings_text() -> String {
    let mut out = String::new();
    for setting in SETTINGS {
        for line in setting.doc.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        match setting.default {
            Some(value) => out.push_str(&format!("{} = {value}\n\n", setting.name)),
            None => out.push_str(&format!("# {} = {}\n\n", setting.name, setting.example)),
        }
    }
    out
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .unwrap_or(text)
        .matches('\n')
        .count()
        + 1
}

/// The value as written, on one line and short, for a problem.
fn as_written(text: &str, value: &Spanned<DeValue<'_>>) -> String {
    let written = text.get(value.span()).unwrap_or("").trim();
    let first = written.lines().next().unwrap_or("");
    if first.chars().count() > 40 || first.len() < written.len() {
        format!("{}…", first.chars().take(40).collect::<String>())
    } else {
        first.to_string()
    }
}

/// Reads config text: the settings that are right, and a problem for each that is
/// not (it keeps its default). `path` is for problems and for resolving folders.
pub fn read(text: &str, path: &Path) -> (Config, Vec<Problem>) {
    let mut config = Config::default();
    let mut problems = Vec::new();
    let problem = |line: usize, message: String, expected: &str| Problem {
        path: path.to_path_buf(),
        line,
        message,
        expected: expected.to_string(),
    };
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            let message = format!(
                "not TOML ({}), so every setting is at its default",
                e.message().trim()
            );
            problems.push(problem(
                line,
                message,
                "name = value lines, as `shelf config --default` prints",
            ));
            return (config, problems);
        }
    };
    for (name, value) in table {
        let line = line_of(text, value.span().start);
        if name.get_ref() == "keys" {
            read_keys(&mut config, &value, text, path, &mut problems);
            continue;
        }
        let Some(setting) = SETTINGS.iter().find(|s| s.name == name.get_ref()) else {
            let names: Vec<&str> = SETTINGS.iter().map(|s| s.name).chain(["[keys]"]).collect();
            problems.push(problem(
                line_of(text, name.span().start),
                format!("unknown setting `{}`", name.get_ref()),
                &format!("one of {}", names.join(", ")),
            ));
            continue;
        };
        let wrong = || {
            problem(
                line,
                format!("`{}` cannot be {}", setting.name, as_written(text, &value)),
                setting.expected,
            )
        };
        let set = match setting.name {
            "folders" => typed(&value).map(|v| config.folders = v),
            "opener" => typed(&value).map(|v| config.opener = Some(v)),
            "hyperlinks" => typed(&value).map(|v| config.hyperlinks = v),
            "theme" => typed(&value).map(|v| config.theme = v),
            "languages" => typed(&value).map(|v| config.languages = v),
            "exclude" => typed::<Vec<String>>(&value).map(|_| {
                config.exclude = read_exclude(&value, text, path, &mut problems);
            }),
            "sort" => typed(&value).map(|v| config.sort = v),
            "tags" => typed(&value).map(|v| config.tags = v),
            _ => None,
        };
        if set.is_none() {
            problems.push(wrong());
        }
    }
    problems.sort_by_key(|p| p.line);
    resolve_folders(&mut config, path);
    (config, problems)
}

/// The value as a `T`, if it is one.
fn typed<T: DeserializeOwned>(value: &Spanned<DeValue<'_>>) -> Option<T> {
    T::deserialize(value.clone().into_deserializer()).ok()
}

/// The `exclude` lines that are valid gitignore globs, with a problem for each that is
/// not: it would be silently left out, and the file it meant listed. The valid ones
/// still count: dropping them all would list every draft for one typo.
fn read_exclude(
    value: &Spanned<DeValue<'_>>,
    text: &str,
    path: &Path,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let mut kept = Vec::new();
    let Some(items) = value.get_ref().as_array() else {
        return kept;
    };
    for item in items.iter() {
        let Some(line) = item.get_ref().as_str() else {
            continue;
        };
        let mut builder = ignore::gitignore::GitignoreBuilder::new(".");
        let error = builder
            .add_line(None, line)
            .err()
            .or_else(|| builder.build().err());
        match error {
            None => kept.push(line.to_string()),
            Some(error) => problems.push(Problem {
                path: path.to_path_buf(),
                line: line_of(text, item.span().start),
                message: format!(
                    "`exclude` line {line:?} is not a glob ({error}), so it is left out"
                ),
                expected: "a .gitignore line: drafts/**, *.txt, /notes.md, !keep.md".to_string(),
            }),
        }
    }
    kept
}

/// `[keys]`: each entry's action and keys, as written; an entry that is not a key or
/// a list of keys is a problem and left out.
fn read_keys(
    config: &mut Config,
    value: &Spanned<DeValue<'_>>,
    text: &str,
    path: &Path,
    problems: &mut Vec<Problem>,
) {
    let Some(table) = value.get_ref().as_table() else {
        problems.push(Problem {
            path: path.to_path_buf(),
            line: line_of(text, value.span().start),
            message: format!("`keys` cannot be {}", as_written(text, value)),
            expected: KEYS_EXPECTED.to_string(),
        });
        return;
    };
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(action, _)| action.span().start);
    for (action, keys) in entries {
        let line = line_of(text, action.span().start);
        let list = match keys.get_ref() {
            DeValue::String(key) => Some(vec![key.to_string()]),
            DeValue::Array(items) => items
                .iter()
                .map(|k| k.get_ref().as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .filter(|keys| !keys.is_empty()),
            _ => None,
        };
        match list {
            Some(keys) => config.keys.push(KeyOverride {
                action: action.get_ref().to_string(),
                keys,
                path: path.to_path_buf(),
                line,
            }),
            None => problems.push(Problem {
                path: path.to_path_buf(),
                line,
                message: format!(
                    "`{}` in [keys] cannot be {}, so it keeps its default keys",
                    action.get_ref(),
                    as_written(text, keys)
                ),
                expected: r#"a key ("m", "Ctrl-b", "PgDn") or a list of at least one"#.to_string(),
            }),
        }
    }
}

/// Relative folders are relative to the config file; `~/` is the home directory.
fn resolve_folders(config: &mut Config, path: &Path) {
    let base = path.parent().unwrap_or(Path::new("."));
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    config.folders = std::mem::take(&mut config.folders)
        .into_iter()
        .map(|f| match (f.strip_prefix("~"), &home) {
            (Ok(rest), Some(home)) => home.join(rest),
            _ if f.is_relative() => base.join(f),
            _ => f,
        })
        .collect();
}

/// Parses config text strictly: the first problem, if any, is the error. (`read` is
/// what shelf itself uses: it goes on past problems.)
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let (config, problems) = read(text, path);
    match problems.into_iter().next() {
        None => Ok(config),
        Some(p) => Err(ConfigError::Invalid {
            path: p.path,
            line: p.line,
            message: format!("{}; expected {}", p.message, p.expected),
        }),
    }
}

/// The config as loaded: the settings in force, and the problems found on the way.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The settings (defaults where the file had problems).
    pub config: Config,
    /// What was wrong in the file, by line.
    pub problems: Vec<Problem>,
}

/// Loads the config file if there is one. The platform's file may be absent; a file
/// `$SHELF_CONFIG` names must be there. Problems in the file are not errors: they come
/// back with the settings in force.
pub fn load() -> Result<Loaded, ConfigError> {
    let Some(path) = config_path() else {
        return Ok(Loaded::default());
    };
    let named = std::env::var_os(CONFIG_ENV).is_some();
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let (config, problems) = read(&text, &path);
            Ok(Loaded { config, problems })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && named => {
            Err(ConfigError::Missing { path })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Loaded::default()),
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
        assert!(!c.hyperlinks);
        assert_eq!(c.theme, ThemeChoice::Light);
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
            message.starts_with("/c/config.toml:2: `exclude` line \"posts/{a\" is not a glob"),
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

    #[test]
    fn each_setting_parses() {
        let (c, problems) = read(
            "sort = \"author\"\ntags = \"any\"\ntheme = \"dark\"\nhyperlinks = false\nlanguages = [\"ja\"]\nexclude = [\"*.txt\"]\nopener = \"w3m\"\nfolders = [\"/p\"]\n[keys]\nbookmark = \"M\"\nquit = [\"Ctrl-c\", \"Ctrl-q\"]\n",
            Path::new("/c/config.toml"),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.sort, SortChoice::Author);
        assert_eq!(c.tags, TagChoice::Any);
        assert_eq!(c.theme, ThemeChoice::Dark);
        assert!(!c.hyperlinks);
        assert_eq!(c.languages, ["ja"]);
        assert_eq!(c.exclude, ["*.txt"]);
        assert_eq!(c.opener.as_deref(), Some("w3m"));
        assert_eq!(c.folders, [PathBuf::from("/p")]);
        let keys: Vec<(&str, Vec<&str>, usize)> = c
            .keys
            .iter()
            .map(|k| {
                (
                    k.action.as_str(),
                    k.keys.iter().map(String::as_str).collect(),
                    k.line,
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("bookmark", vec!["M"], 10),
                ("quit", vec!["Ctrl-c", "Ctrl-q"], 11)
            ]
        );
        for (sort, want) in [
            ("match", SortChoice::Match),
            ("date", SortChoice::Date),
            ("title", SortChoice::Title),
        ] {
            let (c, p) = read(&format!("sort = \"{sort}\"\n"), Path::new("/c/config.toml"));
            assert_eq!((c.sort, p.len()), (want, 0));
        }
    }

    #[test]
    fn each_problem_names_file_line_and_what_is_expected_and_the_rest_stays() {
        let text = "sort = \"date\"\nfolderz = 1\ntheme = \"sepia\"\ntags = 3\nexclude = [\"ok/**\",\n  \"posts/{a\"]\nhyperlinks = false\n[keys]\nquit = 3\nbookmark = \"M\"\nhelp = []\n";
        let (c, problems) = read(text, Path::new("/c/config.toml"));
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 6, 9, 11], "{problems:#?}");
        for p in &problems {
            let text = p.to_string();
            assert!(
                text.starts_with(&format!("/c/config.toml:{}: ", p.line)),
                "{text}"
            );
            assert!(
                text.contains("; expected ") && !p.expected.is_empty(),
                "{text}"
            );
        }
        assert!(problems[0].message.contains("`folderz`"));
        assert!(problems[0].expected.contains("folders"));
        assert!(problems[1].message.contains("\"sepia\""));
        assert_eq!(problems[1].expected, r#""auto", "dark" or "light""#);
        assert!(
            problems[3].message.contains("posts/{a"),
            "{:?}",
            problems[3]
        );
        // What was right still counts; what was wrong is at its default.
        assert_eq!(c.sort, SortChoice::Date);
        assert!(!c.hyperlinks);
        assert_eq!(c.exclude, ["ok/**"]);
        assert_eq!(c.theme, ThemeChoice::Auto);
        assert_eq!(c.tags, TagChoice::All);
        assert_eq!(c.keys.len(), 1);
        assert_eq!(c.keys[0].action, "bookmark");
    }

    #[test]
    fn a_file_that_is_not_toml_is_one_problem_and_all_defaults() {
        let (c, problems) = read(
            "sort = \"date\"\nfolders = [\n",
            Path::new("/c/config.toml"),
        );
        assert_eq!(c, Config::default());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].to_string().starts_with("/c/config.toml:"),
            "{problems:?}"
        );
        assert!(problems[0].message.starts_with("not TOML"));
    }

    #[test]
    fn the_default_settings_text_names_every_setting_and_parses_to_the_defaults() {
        let text = default_settings_text();
        for setting in SETTINGS {
            assert!(
                text.contains(&format!("{} = ", setting.name)),
                "{}",
                setting.name
            );
            // Each example is a right value: uncommented, it gives no problem.
            let (_, p) = read(
                &format!("{} = {}\n", setting.name, setting.example),
                Path::new("/c/c.toml"),
            );
            assert!(p.is_empty(), "{}: {p:?}", setting.name);
        }
        let (c, problems) = read(&text, Path::new("/c/config.toml"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c, Config::default());
    }
}
