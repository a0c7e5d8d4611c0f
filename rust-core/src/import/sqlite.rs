//! Reading another app's SQLite database from bytes (Google Authenticator,
//! Microsoft Authenticator, Stratum's internal database), with nothing
//! written to disk: the bytes are deserialized into an in-memory,
//! read-only connection.
//!
//! The database is untrusted: only plain `SELECT`s on named tables run,
//! with `trusted_schema` off so that no function in the file's schema
//! (views, triggers, defaults) is called.

use rusqlite::{Connection, MAIN_DB, OpenFlags};

/// The first 16 bytes of every SQLite 3 database (sqlite.org/fileformat.html §1.3).
pub(crate) const MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// Offset of the write/read format versions (1 = rollback journal, 2 = WAL).
const FORMAT_VERSIONS_AT: usize = 18;

/// True when `bytes` start like an SQLite 3 database.
pub(crate) fn is_sqlite(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Opens the database held in `bytes`, read-only and in memory. A
/// database saved in WAL mode is read as a rollback-journal one (its
/// committed pages are all in the file Android hands over after a
/// checkpoint; a deserialized database cannot use WAL). `Err` says in
/// one phrase why it cannot be read.
pub(crate) fn open(bytes: &[u8]) -> Result<Connection, String> {
    if !is_sqlite(bytes) || bytes.len() < 100 {
        return Err("it is not an SQLite database".into());
    }
    let mut copy = bytes.to_vec();
    for version in &mut copy[FORMAT_VERSIONS_AT..FORMAT_VERSIONS_AT + 2] {
        if *version == 2 {
            *version = 1;
        }
    }
    let mut connection = Connection::open_in_memory_with_flags(
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| "SQLite could not start".to_string())?;
    let length = copy.len();
    connection
        .deserialize_read_exact(MAIN_DB, copy.as_slice(), length, true)
        .map_err(|_| "the SQLite database could not be read".to_string())?;
    connection
        .execute_batch("PRAGMA trusted_schema = OFF; PRAGMA query_only = ON;")
        .map_err(|_| "the SQLite database could not be read".to_string())?;
    // The schema is read here: a damaged file fails now, not mid-import.
    table_names(&connection)?;
    Ok(connection)
}

/// The names of the database's tables.
pub(crate) fn table_names(connection: &Connection) -> Result<Vec<String>, String> {
    let damaged = |_| "the SQLite database is damaged".to_string();
    let mut statement = connection
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .map_err(damaged)?;
    let names = statement
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(damaged)?
        .take(1000)
        .collect::<Result<Vec<_>, _>>()
        .map_err(damaged)?;
    Ok(names)
}

/// The column names of `table` (which must be one of [`table_names`]).
pub(crate) fn columns(connection: &Connection, table: &str) -> Vec<String> {
    let Ok(mut statement) = connection.prepare("SELECT name FROM pragma_table_info(?1)") else {
        return Vec::new();
    };
    statement
        .query_map([table], |row| row.get::<_, String>(0))
        .map(|rows| rows.take(1000).filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// True when the database has `table` with every one of `wanted` columns.
pub(crate) fn has_table_with(connection: &Connection, table: &str, wanted: &[&str]) -> bool {
    let columns = columns(connection, table);
    !columns.is_empty()
        && wanted
            .iter()
            .all(|want| columns.iter().any(|c| c.eq_ignore_ascii_case(want)))
}

/// A text cell: NULL and non-text values read as empty.
pub(crate) fn text(row: &rusqlite::Row<'_>, column: &str) -> String {
    match row.get_ref(column) {
        Ok(rusqlite::types::ValueRef::Text(bytes)) => String::from_utf8_lossy(bytes).into_owned(),
        Ok(rusqlite::types::ValueRef::Integer(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// An integer cell: NULL, text and out-of-range values read as `None`.
pub(crate) fn integer(row: &rusqlite::Row<'_>, column: &str) -> Option<i64> {
    match row.get_ref(column) {
        Ok(rusqlite::types::ValueRef::Integer(n)) => Some(n),
        Ok(rusqlite::types::ValueRef::Text(bytes)) => {
            std::str::from_utf8(bytes).ok()?.trim().parse().ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_after_the_magic_is_refused_cleanly() {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&[0xAB; 4000]);
        assert!(open(&bytes).is_err());
        assert!(open(b"SQLite").is_err());
    }
}
