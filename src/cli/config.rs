//! `shelf config`: where the config file is read from (`--path`), a commented file of
//! every setting and every `[keys]` action at its default (`--default`), and with
//! neither, the file and the settings in force. The default file is written from the
//! tables the code reads ([`SETTINGS`], [`COMMANDS`], [`BINDINGS`](crate::app::keymap::BINDINGS)),
//! so it cannot drift from them. shelf never writes the user's file: it only prints.

use std::io::Write;

use serde::Serialize;

use super::args::ConfigArgs;
use crate::app::keymap::{COMMANDS, KEY_SYNTAX, Key, Keymap};
use crate::config::{self, CONFIG_ENV, Config, Loaded, Problem, SETTINGS};

/// Every problem of the loaded config, the key table's included, by line.
pub fn problems(loaded: &Loaded) -> Vec<Problem> {
    let mut all = loaded.problems.clone();
    all.extend(Keymap::with_overrides(&loaded.config.keys).1);
    all.sort_by_key(|p| p.line);
    all
}

/// The status bar's notice for config problems: the first, and how many more.
pub fn notice(problems: &[Problem]) -> Option<String> {
    let first = problems.first()?;
    Some(match problems.len() {
        1 => format!("config: {first}"),
        n => format!("config: {first} (and {} more, on stderr)", n - 1),
    })
}

/// A string as TOML writes it.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Keys as a `[keys]` value: `"m"`, or `["j", "Down"]`.
fn keys_value(keys: &[Key]) -> String {
    let names: Vec<String> = keys.iter().map(|k| quoted(&k.name())).collect();
    match names.as_slice() {
        [one] => one.clone(),
        _ => format!("[{}]", names.join(", ")),
    }
}

/// The complete commented config file with every setting and key at its default. It
/// parses back to the defaults (tested), so it is a safe start for a file of one's own.
pub fn default_text() -> String {
    let mut out = String::from(
        "# shelf's config file, every setting at its default (`shelf config --default`).\n\
         # Put it where `shelf config --path` says. Every setting is optional. A setting\n\
         # that is wrong is reported (file, line, what was expected) and keeps its\n\
         # default; the others still count. shelf never writes this file.\n\n",
    );
    out.push_str(&config::default_settings_text());
    // The key syntax, wrapped as comment lines (the one wrap helper, 80 columns).
    let syntax = format!("Keys: action = \"key\" or [\"key\", ...]; each is {KEY_SYNTAX}.");
    for line in crate::text::wrap::plain(&syntax, 78, ratatui::style::Style::default()) {
        out.push_str(&format!(
            "# {}\n",
            crate::markdown::line_text(&line).trim_end()
        ));
    }
    out.push_str(
        "# The keys given replace the action's keys everywhere it works; in a search box,\n\
         # plain characters type instead. A key another action has where this one works\n\
         # is refused, and the action keeps its default keys.\n[keys]\n",
    );
    let keymap = Keymap::default();
    for (command, name, doc) in COMMANDS {
        out.push_str(&format!("# {doc}\n"));
        out.push_str(&format!(
            "{name} = {}\n",
            keys_value(&keymap.keys_of(*command))
        ));
    }
    out
}

/// Where the config is read from, as `--path --json` prints it.
#[derive(Debug, Serialize)]
struct PathReport {
    /// The file, if there is a config directory.
    path: Option<String>,
    /// Whether it is there.
    exists: bool,
    /// `SHELF_CONFIG` or `platform`.
    from: &'static str,
}

/// Runs `shelf config`.
pub fn run(args: &ConfigArgs, config: &Config, out: &mut dyn Write) -> anyhow::Result<()> {
    if args.default {
        out.write_all(default_text().as_bytes())?;
        return Ok(());
    }
    let path = config::config_path();
    let exists = path.as_ref().is_some_and(|p| p.is_file());
    if args.path {
        if args.json {
            let report = PathReport {
                path: path.as_ref().map(|p| p.display().to_string()),
                exists,
                from: if std::env::var_os(CONFIG_ENV).is_some() {
                    CONFIG_ENV
                } else {
                    "platform"
                },
            };
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        } else {
            match &path {
                Some(path) => writeln!(out, "{}", path.display())?,
                None => eprintln!("shelf: no config directory on this system: defaults"),
            }
            if path.is_some() && !exists {
                eprintln!("shelf: (not there: defaults)");
            }
        }
        return Ok(());
    }
    // Neither: the file and the settings in force, as a config file would say them.
    match &path {
        Some(path) if exists => writeln!(out, "# {}", path.display())?,
        Some(path) => writeln!(out, "# {} (not there: defaults)", path.display())?,
        None => writeln!(out, "# no config directory on this system: defaults")?,
    }
    out.write_all(in_force(config).as_bytes())?;
    Ok(())
}

/// The settings in force, as TOML.
fn in_force(config: &Config) -> String {
    let strings = |items: &mut dyn Iterator<Item = String>| {
        toml::Value::Array(items.map(toml::Value::String).collect()).to_string()
    };
    let choice = |value: &dyn erased::Name| quoted(value.name());
    let mut out = String::new();
    for setting in SETTINGS {
        let value = match setting.name {
            "folders" => strings(&mut config.folders.iter().map(|f| f.display().to_string())),
            "opener" => match &config.opener {
                Some(opener) => quoted(opener),
                None => {
                    out.push_str("# opener: unset ($BROWSER, else the system's opener)\n");
                    continue;
                }
            },
            "hyperlinks" => config.hyperlinks.to_string(),
            "theme" => choice(&config.theme),
            "languages" => strings(&mut config.languages.iter().cloned()),
            "exclude" => strings(&mut config.exclude.iter().cloned()),
            "sort" => choice(&config.sort),
            "tags" => choice(&config.tags),
            _ => continue,
        };
        out.push_str(&format!("{} = {value}\n", setting.name));
    }
    out.push_str("\n[keys]\n");
    let (keymap, _) = Keymap::with_overrides(&config.keys);
    for (command, name, _) in COMMANDS {
        out.push_str(&format!(
            "{name} = {}\n",
            keys_value(&keymap.keys_of(*command))
        ));
    }
    out
}

/// The config's choices by the names the file uses.
mod erased {
    use crate::config::{SortChoice, TagChoice, ThemeChoice};

    /// A choice's name in the file.
    pub trait Name {
        /// `auto`, `match`, `any`, ….
        fn name(&self) -> &'static str;
    }

    impl Name for ThemeChoice {
        fn name(&self) -> &'static str {
            match self {
                ThemeChoice::Auto => "auto",
                ThemeChoice::Dark => "dark",
                ThemeChoice::Light => "light",
            }
        }
    }

    impl Name for SortChoice {
        fn name(&self) -> &'static str {
            match self {
                SortChoice::Match => "match",
                SortChoice::Date => "date",
                SortChoice::Title => "title",
                SortChoice::Author => "author",
            }
        }
    }

    impl Name for TagChoice {
        fn name(&self) -> &'static str {
            match self {
                TagChoice::All => "all",
                TagChoice::Any => "any",
            }
        }
    }
}
