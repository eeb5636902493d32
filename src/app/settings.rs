//! The config's starting choices put into an [`App`]: the list's order, how selected
//! tags combine and the keys in force. Config names them in its own terms (it sits
//! below the index and the app); this is where they become the app's.

use std::sync::Arc;

use super::keymap::Keymap;
use super::state::App;
use crate::config::{Config, Problem, SortChoice, TagChoice};
use crate::index::{SortKey, TagMode};

/// The index's sort key for the config's `sort`.
pub fn sort_key(choice: SortChoice) -> SortKey {
    match choice {
        SortChoice::Match => SortKey::Relevance,
        SortChoice::Date => SortKey::Date,
        SortChoice::Title => SortKey::Title,
        SortChoice::Author => SortKey::Author,
    }
}

/// The index's tag mode for the config's `tags`.
pub fn tag_mode(choice: TagChoice) -> TagMode {
    match choice {
        TagChoice::All => TagMode::All,
        TagChoice::Any => TagMode::Any,
    }
}

/// Starts `app` with the config's order, tag mode and keys; the problems of `[keys]`
/// (each such action keeps its default keys).
pub fn apply(app: &mut App, config: &Config) -> Vec<Problem> {
    app.sort = sort_key(config.sort);
    app.filter.tag_mode = tag_mode(config.tags);
    let (keymap, problems) = Keymap::with_overrides(&config.keys);
    app.keymap = Arc::new(keymap);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_sets_the_order_tag_mode_and_keys() {
        let mut app = App::new(80, 24);
        let (config, problems) = crate::config::read(
            "sort = \"title\"\ntags = \"any\"\n[keys]\nbookmark = \"M\"\n",
            std::path::Path::new("/c/config.toml"),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(apply(&mut app, &config).is_empty());
        assert_eq!(app.sort, SortKey::Title);
        assert_eq!(app.filter.tag_mode, TagMode::Any);
        assert_eq!(
            app.keymap.keys_of(super::super::keymap::Command::Mark),
            [super::super::keymap::Key::Plain(
                crossterm::event::KeyCode::Char('M')
            )]
        );
    }
}
