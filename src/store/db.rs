//! The database: SQLite through rusqlite (bundled, so nothing is needed on the machine),
//! one file (`state.db` in the data directory) for every archive.
//!
//! Opening is careful about what it finds, because the file holds the user's marks and
//! must never be silently lost:
//!
//! - a file that is not an SQLite database (wrong header, zero-filled, too short), or
//!   one SQLite finds damaged (an error reading it, or `PRAGMA quick_check` not `ok`),
//!   is moved aside to `state.db.corrupt-<UTC time>` with its `-wal` and `-shm`, and a
//!   fresh database is made in its place; the notice says where it went;
//! - a database from a newer shelf (`PRAGMA user_version` above [`SCHEMA_VERSION`]) is
//!   not written to at all, not even by a pragma: the store is `None` for the session;
//! - a database that can only be read gives a store whose writes fail with
//!   [`StoreError::ReadOnly`]; anything else that stops it opening gives no store.
//!
//! Each of those comes with a one-line notice. The database runs in WAL mode with
//! `synchronous=NORMAL` and a busy timeout, so two shelf instances can use it at once;
//! every write is one `IMMEDIATE` transaction (it takes the write lock up front, so it
//! waits for the other instance instead of failing on a lock upgrade).

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};

use super::book::{Mark, MarkBook, MarkChange, PositionChange};
use super::session::Session;

/// The environment variable naming the directory the database lives in.
pub const DATA_ENV: &str = "SHELF_DATA_DIR";

/// The schema version this shelf writes (`PRAGMA user_version`): the number of
/// [`MIGRATIONS`].
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How many reader positions are kept per archive (those of the most recently read
/// posts); older ones are pruned when a position is saved.
pub const POSITIONS_KEPT: i64 = 500;

/// How long a statement waits for the other instance's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The first 16 bytes of every SQLite database file.
const HEADER_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The size of the database header, in which `user_version` is at offset 60.
const HEADER_LEN: usize = 100;

/// The schema, one step per version: migration `i` takes the database from version `i`
/// to `i + 1`. Only ever append; a released step is never edited.
///
/// Fingerprints are `u64`s stored as the `i64` with the same bits. `changed` and `seen`
/// are milliseconds since the epoch, bumped to stay strictly increasing in the file (so
/// "the newest wins" never ties, even within one millisecond). A mark left `NULL` was
/// never set (it reads as `false`).
const MIGRATIONS: &[&str] = &["
    CREATE TABLE marks (
        archive TEXT NOT NULL,
        id TEXT NOT NULL,
        fingerprint INTEGER NOT NULL,
        read INTEGER,
        bookmarked INTEGER,
        changed INTEGER NOT NULL,
        PRIMARY KEY (archive, id)
    );
    CREATE INDEX marks_by_change ON marks (changed);
    CREATE TABLE positions (
        archive TEXT NOT NULL,
        id TEXT NOT NULL,
        fingerprint INTEGER NOT NULL,
        line INTEGER NOT NULL,
        seen INTEGER NOT NULL,
        PRIMARY KEY (archive, id)
    );
    CREATE INDEX positions_by_seen ON positions (archive, seen);
    CREATE TABLE sessions (
        archive TEXT PRIMARY KEY NOT NULL,
        json TEXT NOT NULL,
        saved INTEGER NOT NULL
    );
"];

/// Why something could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Saving is off for this session.
    #[error("not saving")]
    NotSaving,
    /// The database can only be read.
    #[error("{} is read-only", .path.display())]
    ReadOnly {
        /// The database file.
        path: PathBuf,
    },
    /// The directory the database lives in could not be made.
    #[error("cannot create the data directory {}: {source}", .path.display())]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file could not be looked at.
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Something that is not a file (a directory, say) is where the database should be.
    #[error("{} is not a file", .path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The database was written by a newer shelf; it is left untouched.
    #[error(
        "{} is from a newer shelf (schema {found}, this one knows {known})",
        .path.display()
    )]
    Newer {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this shelf knows.
        known: i64,
    },
    /// An unreadable database (or its `-wal`) could not be moved out of the way.
    #[error("cannot move the unreadable {} aside: {source}", .path.display())]
    MoveAside {
        /// The file that would not move.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// SQLite failed.
    #[error("{}: {source}", .path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
}

/// The open database.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    conn: Connection,
    /// Opened only for reading: every write fails with [`StoreError::ReadOnly`].
    read_only: bool,
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
            notices: vec!["nothing is saved this session: no home directory".into()],
        },
    }
}

/// Opens (or makes) the database at `path`, making its directory if needed. Never
/// panics; whatever went wrong is in the notices.
pub fn open(path: &Path) -> Opened {
    let mut notices = Vec::new();
    let store = match open_store(path, &mut notices) {
        Ok(store) => {
            if store.read_only {
                notices.push(format!(
                    "nothing is saved this session: {} is read-only (its marks are shown)",
                    path.display()
                ));
            }
            Some(store)
        }
        Err(err) => {
            // What it means first: a long path must not push it off the status bar.
            notices.push(format!("nothing is saved this session: {err}"));
            None
        }
    };
    Opened { store, notices }
}

/// What [`inspect`] found at the database's path.
enum Found {
    /// Nothing, or an empty file (which SQLite takes as an empty database).
    Nothing,
    /// A database this shelf can use (or one only SQLite itself can judge further).
    Database,
    /// Something that must not be opened as the database, and why.
    Unreadable(String),
}

fn open_store(path: &Path, notices: &mut Vec<String>) -> Result<Store, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    match inspect(path)? {
        Found::Nothing | Found::Database => {}
        Found::Unreadable(why) => {
            let moved = move_aside(path)?;
            notices.push(format!(
                "{} could not be read ({why}): moved it to {} and started a new one",
                path.display(),
                moved.display()
            ));
        }
    }
    connect(path)
}

/// Looks at the file at `path` without writing to it: its header first (so garbage is
/// never handed to SQLite), then, through a read-only connection, its schema version
/// and `PRAGMA quick_check`.
fn inspect(path: &Path) -> Result<Found, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(err) => return Err(io(err)),
    };
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    if meta.len() == 0 {
        return Ok(Found::Nothing);
    }
    let mut header = Vec::with_capacity(HEADER_LEN);
    std::fs::File::open(path)
        .and_then(|file| file.take(HEADER_LEN as u64).read_to_end(&mut header))
        .map_err(io)?;
    if !header.starts_with(HEADER_MAGIC) {
        let why = if header.iter().all(|&b| b == 0) {
            "zero-filled"
        } else {
            "not an SQLite database"
        };
        return Ok(Found::Unreadable(why.into()));
    }
    if header.len() < HEADER_LEN {
        return Ok(Found::Unreadable("cut short".into()));
    }
    // `user_version` as the main file has it; a newer one may also sit in the `-wal`,
    // which the read-only connection below sees.
    let version = i64::from(i32::from_be_bytes([
        header[60], header[61], header[62], header[63],
    ]));
    newer_check(path, version)?;

    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match Connection::open_with_flags(path, flags) {
        Ok(conn) => conn,
        // Not something to move aside for: let the read-write open say what is wrong.
        Err(_) => return Ok(Found::Database),
    };
    // A read-only connection never checkpoints, but say so twice: closing this one must
    // not write to a file that is about to be moved aside or left alone.
    let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
    let _ = conn.busy_timeout(BUSY_TIMEOUT);
    let checked = user_version(&conn).and_then(|version| {
        let problems = quick_check(&conn)?;
        Ok((version, problems))
    });
    match checked {
        Ok((version, problems)) => {
            newer_check(path, version)?;
            match problems {
                None => Ok(Found::Database),
                Some(problem) => Ok(Found::Unreadable(format!("damaged: {problem}"))),
            }
        }
        Err(err) if is_corruption(&err) => Ok(Found::Unreadable(err.to_string())),
        // Busy, or cannot make the `-shm` here: not damage; the read-write open decides.
        Err(_) => Ok(Found::Database),
    }
}

/// `PRAGMA quick_check`'s first complaint, or `None` when it says `ok`.
fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut statement = conn.prepare("PRAGMA quick_check")?;
    let rows: Vec<String> = statement
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match rows.first() {
        Some(first) if rows.len() == 1 && first == "ok" => None,
        // On one line: its answer can span several (`*** in database main ***\n...`).
        Some(first) => Some(first.split_whitespace().collect::<Vec<_>>().join(" ")),
        None => Some("no answer from quick_check".into()),
    })
}

/// Whether SQLite's error says the file is damaged or not a database at all.
fn is_corruption(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

fn newer_check(path: &Path, version: i64) -> Result<(), StoreError> {
    if version > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// `path` with `suffix` appended to its file name (`state.db` → `state.db-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// Moves the unreadable database at `path` to `<path>.corrupt-<UTC time>` (a number
/// added if that is taken), its `-wal` and `-shm` beside it; returns where it went.
fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let base = with_suffix(path, &format!(".corrupt-{stamp}"));
    let mut target = base.clone();
    let mut n = 2;
    while target.symlink_metadata().is_ok() {
        target = with_suffix(&base, &format!("-{n}"));
        n += 1;
    }
    let moved = |from: &Path, to: &Path| {
        std::fs::rename(from, to).map_err(|source| StoreError::MoveAside {
            path: from.to_path_buf(),
            source,
        })
    };
    moved(path, &target)?;
    // The `-wal` must go with it: left behind, SQLite would replay its pages onto the
    // new database. The `-shm` is only an index of the `-wal`.
    let wal = with_suffix(path, "-wal");
    if wal.symlink_metadata().is_ok() {
        moved(&wal, &with_suffix(&target, "-wal"))?;
    }
    let shm = with_suffix(path, "-shm");
    if shm.symlink_metadata().is_ok() && moved(&shm, &with_suffix(&target, "-shm")).is_err() {
        let _ = std::fs::remove_file(&shm);
    }
    Ok(target)
}

/// Opens the database for reading and writing, brings its schema up to date, and falls
/// back to a read-only store when it cannot be written.
fn connect(path: &Path) -> Result<Store, StoreError> {
    let sqlite = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let writable = Connection::open_with_flags(path, flags)
        .and_then(|conn| {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            Ok(conn)
        })
        .map_err(sqlite)
        .and_then(|conn| {
            // SQLite opens a write-protected file read-only without saying so.
            if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
                return Err(StoreError::ReadOnly {
                    path: path.to_path_buf(),
                });
            }
            set_up(path, conn)
        });
    match writable {
        Ok(conn) => Ok(Store {
            path: path.to_path_buf(),
            conn,
            read_only: false,
        }),
        Err(err @ StoreError::Newer { .. }) => Err(err),
        Err(err) if could_be_read_only(&err) => connect_read_only(path).ok_or(err),
        Err(err) => Err(err),
    }
}

/// Whether `err` is what opening for writing gives where only reading is allowed.
fn could_be_read_only(err: &StoreError) -> bool {
    match err {
        StoreError::ReadOnly { .. } => true,
        StoreError::Sqlite { source, .. } => matches!(
            source.sqlite_error_code(),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
        ),
        _ => false,
    }
}

/// A store that only reads: the database must exist, already be at this schema, and
/// answer a read.
fn connect_read_only(path: &Path) -> Option<Store> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).ok()?;
    let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
    conn.busy_timeout(BUSY_TIMEOUT).ok()?;
    if user_version(&conn).ok()? != SCHEMA_VERSION {
        return None;
    }
    let store = Store {
        path: path.to_path_buf(),
        conn,
        read_only: true,
    };
    store.book("").ok()?;
    Some(store)
}

/// Makes a writable connection ready: WAL, `synchronous=NORMAL`, the schema migrated.
fn set_up(path: &Path, mut conn: Connection) -> Result<Connection, StoreError> {
    let sqlite = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    // Checked again before anything writes: the header check in `inspect` read the
    // file moments ago, and another shelf may have upgraded it since.
    let version = user_version(&conn).map_err(sqlite)?;
    if version > SCHEMA_VERSION {
        let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    // Persistent, so a no-op once the file is in WAL mode.
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
        .map_err(sqlite)?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(sqlite)?;
    migrate(&mut conn).map_err(sqlite)?;
    Ok(conn)
}

/// Runs the migrations the database has not had, each in its own transaction. The
/// version is read again inside each one: another instance may have just run it.
fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    for (from, sql) in MIGRATIONS.iter().enumerate() {
        let from = from as i64;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        if version == from {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", from + 1)?;
        }
        tx.commit()?;
    }
    Ok(())
}

/// Milliseconds since the epoch (0 if the clock is before it).
fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// A fingerprint as the database holds it: the `i64` with the same bits.
fn fingerprint_to_sql(fingerprint: u64) -> i64 {
    i64::from_ne_bytes(fingerprint.to_ne_bytes())
}

fn fingerprint_from_sql(stored: i64) -> u64 {
    u64::from_ne_bytes(stored.to_ne_bytes())
}

impl Store {
    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this store only reads (its writes fail with [`StoreError::ReadOnly`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn sqlite(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// A write transaction, taking the write lock now (waiting up to the busy timeout
    /// for another instance's), or [`StoreError::ReadOnly`].
    fn write(&mut self) -> Result<rusqlite::Transaction<'_>, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let path = self.path.clone();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| StoreError::Sqlite { path, source })
    }

    /// The marks saved for `archive`, those saved anywhere by fingerprint, and the
    /// archive's reader positions; read in one transaction so they agree.
    pub fn book(&self, archive: &str) -> Result<MarkBook, StoreError> {
        self.read_book(archive).map_err(|e| self.sqlite(e))
    }

    fn read_book(&self, archive: &str) -> rusqlite::Result<MarkBook> {
        let tx = self.conn.unchecked_transaction()?;
        let mark = |read: Option<bool>, bookmarked: Option<bool>| Mark {
            read: read.unwrap_or(false),
            bookmarked: bookmarked.unwrap_or(false),
        };
        let mut book = MarkBook::default();
        {
            let mut statement =
                tx.prepare("SELECT id, read, bookmarked FROM marks WHERE archive = ?1")?;
            let mut rows = statement.query([archive])?;
            while let Some(row) = rows.next()? {
                book.by_id
                    .insert(row.get(0)?, mark(row.get(1)?, row.get(2)?));
            }
        }
        {
            // Oldest first, so the newest change for each fingerprint is inserted last.
            let mut statement =
                tx.prepare("SELECT fingerprint, read, bookmarked FROM marks ORDER BY changed")?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                let fingerprint = fingerprint_from_sql(row.get(0)?);
                book.by_fingerprint
                    .insert(fingerprint, mark(row.get(1)?, row.get(2)?));
            }
        }
        {
            let mut statement = tx.prepare(
                "SELECT id, line FROM positions WHERE archive = ?1 ORDER BY seen DESC LIMIT ?2",
            )?;
            let mut rows = statement.query(rusqlite::params![archive, POSITIONS_KEPT])?;
            while let Some(row) = rows.next()? {
                let line: i64 = row.get(1)?;
                book.positions
                    .insert(row.get(0)?, usize::try_from(line).unwrap_or(0));
            }
        }
        tx.commit()?;
        Ok(book)
    }

    /// The last session on `archive`; `None` when there is none or it cannot be read.
    pub fn session(&self, archive: &str) -> Result<Option<Session>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT json FROM sessions WHERE archive = ?1",
                [archive],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))?;
        Ok(json.as_deref().and_then(Session::from_json))
    }

    /// Saves a change of marks, in one transaction: only the fields that are `Some`
    /// are written, so a mark changed meanwhile by another instance is kept.
    pub fn mark(&mut self, archive: &str, change: &MarkChange) -> Result<(), StoreError> {
        let tx = self.write()?;
        let result = (|| {
            // Strictly after every change saved so far, whatever the clock says.
            let changed: i64 = tx.query_row(
                "SELECT max(?1, coalesce(max(changed), 0) + 1) FROM marks",
                [now_millis()],
                |row| row.get(0),
            )?;
            tx.execute(
                "INSERT INTO marks (archive, id, fingerprint, read, bookmarked, changed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (archive, id) DO UPDATE SET
                     fingerprint = excluded.fingerprint,
                     read = coalesce(excluded.read, read),
                     bookmarked = coalesce(excluded.bookmarked, bookmarked),
                     changed = excluded.changed",
                rusqlite::params![
                    archive,
                    change.id,
                    fingerprint_to_sql(change.fingerprint),
                    change.read,
                    change.bookmarked,
                    changed
                ],
            )?;
            tx.commit()
        })();
        result.map_err(|e| self.sqlite(e))
    }

    /// Saves where the reader was in a post, and forgets the positions of all but the
    /// archive's [`POSITIONS_KEPT`] most recently read posts; one transaction.
    pub fn save_position(
        &mut self,
        archive: &str,
        change: &PositionChange,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let result = (|| {
            let seen: i64 = tx.query_row(
                "SELECT max(?1, coalesce(max(seen), 0) + 1) FROM positions WHERE archive = ?2",
                rusqlite::params![now_millis(), archive],
                |row| row.get(0),
            )?;
            tx.execute(
                "INSERT INTO positions (archive, id, fingerprint, line, seen)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (archive, id) DO UPDATE SET
                     fingerprint = excluded.fingerprint,
                     line = excluded.line,
                     seen = excluded.seen",
                rusqlite::params![
                    archive,
                    change.id,
                    fingerprint_to_sql(change.fingerprint),
                    i64::try_from(change.line).unwrap_or(i64::MAX),
                    seen
                ],
            )?;
            tx.execute(
                "DELETE FROM positions WHERE archive = ?1 AND id NOT IN (
                     SELECT id FROM positions WHERE archive = ?1
                     ORDER BY seen DESC LIMIT ?2)",
                rusqlite::params![archive, POSITIONS_KEPT],
            )?;
            tx.commit()
        })();
        result.map_err(|e| self.sqlite(e))
    }

    /// Saves the session on `archive`, replacing the last; one transaction.
    pub fn save_session(&mut self, archive: &str, session: &Session) -> Result<(), StoreError> {
        let tx = self.write()?;
        let result = (|| {
            tx.execute(
                "INSERT INTO sessions (archive, json, saved) VALUES (?1, ?2, ?3)
                 ON CONFLICT (archive) DO UPDATE SET json = excluded.json, saved = excluded.saved",
                rusqlite::params![archive, session.to_json(), now_millis()],
            )?;
            tx.commit()
        })();
        result.map_err(|e| self.sqlite(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> tempfile::TempDir {
        match tempfile::tempdir() {
            Ok(dir) => dir,
            Err(err) => panic!("no temporary directory: {err}"),
        }
    }

    fn store_at(path: &Path) -> Store {
        let opened = open(path);
        assert!(opened.notices.is_empty(), "{:?}", opened.notices);
        match opened.store {
            Some(store) => store,
            None => panic!("no store at {}", path.display()),
        }
    }

    fn change(
        id: &str,
        fingerprint: u64,
        read: Option<bool>,
        bookmarked: Option<bool>,
    ) -> MarkChange {
        MarkChange {
            id: id.into(),
            fingerprint,
            read,
            bookmarked,
        }
    }

    const READ: Mark = Mark {
        read: true,
        bookmarked: false,
    };
    const BOOKMARKED: Mark = Mark {
        read: false,
        bookmarked: true,
    };

    #[test]
    fn a_store_can_move_to_the_worker_thread() {
        fn send<T: Send>() {}
        send::<Store>();
    }

    #[test]
    fn only_the_fields_given_are_changed() -> Result<(), StoreError> {
        let dir = temp();
        let mut store = store_at(&dir.path().join("state.db"));
        store.mark("a", &change("p", 1, Some(true), None))?;
        store.mark("a", &change("p", 1, None, Some(true)))?;
        store.mark("a", &change("q", 2, None, Some(true)))?;
        store.mark("a", &change("q", 2, None, Some(false)))?;
        let book = store.book("a")?;
        assert_eq!(
            book.by_id.get("p"),
            Some(&Mark {
                read: true,
                bookmarked: true
            })
        );
        assert_eq!(book.by_id.get("q"), Some(&Mark::default()));
        assert_eq!(store.book("b")?.by_id.len(), 0);
        Ok(())
    }

    #[test]
    fn the_newest_change_wins_for_a_fingerprint_and_bits_survive() -> Result<(), StoreError> {
        let dir = temp();
        let mut store = store_at(&dir.path().join("state.db"));
        let high = u64::MAX - 3; // negative as an i64
        store.mark("a", &change("old", high, Some(true), None))?;
        store.mark("b", &change("new", high, None, Some(true)))?;
        let book = store.book("a")?;
        assert_eq!(book.by_fingerprint.get(&high), Some(&BOOKMARKED));
        assert_eq!(book.by_id.get("old"), Some(&READ));
        // Changing the older row again makes it the newest.
        store.mark("a", &change("old", high, Some(true), None))?;
        assert_eq!(store.book("b")?.by_fingerprint.get(&high), Some(&READ));
        Ok(())
    }

    #[test]
    fn positions_are_kept_for_the_most_recently_read_posts_only() -> Result<(), StoreError> {
        let dir = temp();
        let mut store = store_at(&dir.path().join("state.db"));
        let extra = 5;
        for n in 0..POSITIONS_KEPT + extra {
            let change = PositionChange {
                id: format!("p{n}"),
                fingerprint: n as u64,
                line: n as usize * 10,
            };
            store.save_position("a", &change)?;
        }
        store.save_position(
            "b",
            &PositionChange {
                id: "p0".into(),
                fingerprint: 0,
                line: 3,
            },
        )?;
        let book = store.book("a")?;
        assert_eq!(book.positions.len() as i64, POSITIONS_KEPT);
        assert_eq!(book.positions.get("p0"), None);
        assert_eq!(
            book.positions.get(&format!("p{extra}")),
            Some(&(extra as usize * 10))
        );
        let count: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM positions WHERE archive = 'a'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| store.sqlite(e))?;
        assert_eq!(count, POSITIONS_KEPT);
        assert_eq!(store.book("b")?.positions.get("p0"), Some(&3));
        Ok(())
    }

    #[test]
    fn an_unreadable_session_is_none() -> Result<(), StoreError> {
        let dir = temp();
        let mut store = store_at(&dir.path().join("state.db"));
        assert_eq!(store.session("a")?, None);
        store
            .conn
            .execute(
                "INSERT INTO sessions (archive, json, saved) VALUES ('a', 'not json', 0)",
                [],
            )
            .map_err(|e| store.sqlite(e))?;
        assert_eq!(store.session("a")?, None);
        let session = Session {
            query: "x".into(),
            ..Session::default()
        };
        store.save_session("a", &session)?;
        assert_eq!(store.session("a")?, Some(session));
        Ok(())
    }

    #[test]
    fn a_fresh_database_is_wal_at_this_schema() -> Result<(), StoreError> {
        let dir = temp();
        let store = store_at(&dir.path().join("deeper/still/state.db"));
        let err = |e| store.sqlite(e);
        assert_eq!(user_version(&store.conn).map_err(err)?, SCHEMA_VERSION);
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .map_err(err)?;
        assert_eq!(mode, "wal");
        // NORMAL is 1.
        let sync: i64 = store
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .map_err(err)?;
        assert_eq!(sync, 1);
        Ok(())
    }

    #[test]
    fn a_read_only_store_reads_and_refuses_writes() -> Result<(), StoreError> {
        let dir = temp();
        let path = dir.path().join("state.db");
        store_at(&path).mark("a", &change("p", 1, Some(true), None))?;
        let Some(mut store) = connect_read_only(&path) else {
            panic!("no read-only store");
        };
        assert!(store.is_read_only());
        assert_eq!(store.book("a")?.by_id.get("p"), Some(&READ));
        let refused = store.mark("a", &change("p", 1, None, Some(true)));
        assert!(
            matches!(refused, Err(StoreError::ReadOnly { .. })),
            "{refused:?}"
        );
        let refused = store.save_session("a", &Session::default());
        assert!(
            matches!(refused, Err(StoreError::ReadOnly { .. })),
            "{refused:?}"
        );
        Ok(())
    }

    #[test]
    fn garbage_is_moved_aside_and_a_directory_is_refused() -> Result<(), StoreError> {
        let dir = temp();
        let path = dir.path().join("state.db");
        let written = std::fs::write(&path, "hello, not a database\n");
        assert!(written.is_ok());
        let opened = open(&path);
        assert!(opened.store.is_some());
        assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
        assert!(opened.notices[0].contains("not an SQLite database"));
        assert!(opened.notices[0].contains(".corrupt-"));

        let dir_path = dir.path().join("dir.db");
        assert!(std::fs::create_dir(&dir_path).is_ok());
        let opened = open(&dir_path);
        assert!(opened.store.is_none());
        assert_eq!(opened.notices.len(), 1);
        assert!(
            opened.notices[0].contains("is not a file"),
            "{:?}",
            opened.notices
        );
        assert!(dir_path.is_dir());
        Ok(())
    }
}
