//! `shelf state`: where shelf keeps what it remembers (read marks, bookmarks, the last
//! session on each archive), so a user can back it up, look inside, or start afresh.

use std::io::Write;

use serde::Serialize;

use super::args::StateArgs;

#[derive(Serialize)]
struct StateJson {
    path: String,
    exists: bool,
}

/// Prints the database's path (`--path`: only that; otherwise saying when it is not
/// made yet; `--json`: with whether it exists). Fails when
/// there is no place for it (no home directory and no `SHELF_DATA_DIR`).
pub fn run(args: &StateArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let Some(path) = crate::store::db::database_path() else {
        anyhow::bail!(
            "no data directory (no home directory); set {} to keep state",
            crate::store::db::DATA_ENV
        );
    };
    if args.json {
        let json = StateJson {
            path: path.to_string_lossy().into_owned(),
            exists: path.exists(),
        };
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
    } else if args.path || path.exists() {
        writeln!(out, "{}", path.display())?;
    } else {
        writeln!(out, "{} (not made yet: nothing saved)", path.display())?;
    }
    Ok(())
}
