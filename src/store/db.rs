//! The database: SQLite through rusqlite (bundled, so nothing is needed on the machine).
//! A stand-in until the real one lands: nothing is saved.

use std::path::{Path, PathBuf};

use super::book::{MarkBook, MarkChange, PositionChange};
use super::session::Session;

/// The environment variable naming the directory the database lives in.
pub const DATA_ENV: &str = "SHELF_DATA_DIR";

/// Why something could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Saving is off for this session.
    #[error("not saving")]
    NotSaving,
}

/// The open database.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
}

/// What opening the database gave: the store, or none, and what the user must be told.
#[derive(Debug, Default)]
pub struct Opened {
    /// The database, when it could be opened.
    pub store: Option<Store>,
    /// Notices for the user (one line each).
    pub notices: Vec<String>,
}

/// The data directory: `$SHELF_DATA_DIR`, else the platform's.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_ENV) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "shelf").map(|d| d.data_dir().to_path_buf())
}

/// Where the database is.
pub fn database_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join("state.db"))
}

/// Opens the database at its usual place.
pub fn open_default() -> Opened {
    match database_path() {
        Some(path) => open(&path),
        None => Opened {
            store: None,
            notices: vec!["no home directory: nothing is saved this session".into()],
        },
    }
}

/// Opens (or makes) the database at `path`.
pub fn open(path: &Path) -> Opened {
    let _ = path;
    Opened::default()
}

impl Store {
    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The marks saved for `archive`.
    pub fn book(&self, _archive: &str) -> Result<MarkBook, StoreError> {
        Ok(MarkBook::default())
    }

    /// The last session on `archive`.
    pub fn session(&self, _archive: &str) -> Result<Option<Session>, StoreError> {
        Ok(None)
    }

    /// Saves a change of marks.
    pub fn mark(&mut self, _archive: &str, _change: &MarkChange) -> Result<(), StoreError> {
        Err(StoreError::NotSaving)
    }

    /// Saves where the reader was in a post.
    pub fn save_position(
        &mut self,
        _archive: &str,
        _change: &PositionChange,
    ) -> Result<(), StoreError> {
        Err(StoreError::NotSaving)
    }

    /// Saves the session.
    pub fn save_session(&mut self, _archive: &str, _session: &Session) -> Result<(), StoreError> {
        Err(StoreError::NotSaving)
    }
}
