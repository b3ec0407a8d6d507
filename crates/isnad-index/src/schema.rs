//! The tables, and opening a file as a claims database (or refusing to).
//!
//! The schema is documented for people in `docs/database.md`; keep the two together.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::IndexError;

/// The schema version this crate writes and reads (`PRAGMA user_version`). Bump it with any change
/// to the tables below, and say in `docs/database.md` what changed.
pub const SCHEMA_VERSION: i64 = 5;

/// `PRAGMA application_id` of an isnad claims database: "isnd" in ASCII. It tells our files from
/// other SQLite databases before any table is read.
pub const APPLICATION_ID: i64 = 0x6973_6E64;

/// The tables. Offsets are code points, as in the output record.
///
/// `claims_fts` holds [`crate::search_form`]s, already folded and cut into words at every
/// character that is not a word character, so its tokenizer only has to split at spaces: `ascii`
/// (which also splits at ASCII punctuation, never found in a search form) instead of `unicode61`,
/// whose per-character Unicode tables were a third of the extra instructions of indexing Arabic.
/// Its `automerge` is 16 instead of FTS5's 4: segments are merged when sixteen of a size have
/// gathered, not four, so each entry is rewritten about half as often while a corpus is indexed
/// (the merges were a tenth of the writer's instructions on 20 MB of Arabic); a search reads a
/// few more segments, still well within its time (docs/performance.md). It keeps no row sizes
/// (`columnsize = 0`; they serve only `bm25()` ranking, and results are ordered by date): FTS5
/// then writes no `claims_fts_docsize` row per claim (1.4 % of `isnad index` on Arabic), but can
/// delete a row only when given the words it was indexed with, which the writer computes again
/// from the stored content (`writer::forget_search_forms`).
pub(crate) const TABLES: &str = r#"
CREATE TABLE documents (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL UNIQUE,
    lang      TEXT,
    published TEXT,
    outlet    TEXT,
    url       TEXT,
    title     TEXT,
    meta      TEXT,
    errors    TEXT,
    mentions  TEXT,
    timexes   TEXT,
    text      TEXT NOT NULL
);

CREATE TABLE actors (
    id    INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL,
    name  TEXT NOT NULL,
    kb_id TEXT
);

CREATE TABLE entities (
    id        INTEGER PRIMARY KEY,
    document  INTEGER NOT NULL REFERENCES documents(id),
    local_id  TEXT NOT NULL,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    aliases   TEXT NOT NULL,
    roles     TEXT NOT NULL,
    kb_id     TEXT,
    actor     INTEGER NOT NULL REFERENCES actors(id),
    link      TEXT NOT NULL,
    link_key  TEXT
);

CREATE TABLE claims (
    id               INTEGER PRIMARY KEY,
    document         INTEGER NOT NULL REFERENCES documents(id),
    local_id         TEXT NOT NULL,
    kind             TEXT NOT NULL,
    act              TEXT,
    cue_start        INTEGER NOT NULL,
    cue_end          INTEGER NOT NULL,
    cue              TEXT NOT NULL,
    content_start    INTEGER NOT NULL,
    content_end      INTEGER NOT NULL,
    content          TEXT NOT NULL,
    speaker_start    INTEGER,
    speaker_end      INTEGER,
    speaker_mention  TEXT,
    speaker_implicit INTEGER NOT NULL,
    speaker_name     TEXT,
    entity           INTEGER REFERENCES entities(id),
    actor            INTEGER REFERENCES actors(id),
    medium_start     INTEGER,
    medium_end       INTEGER,
    medium           TEXT,
    block            TEXT NOT NULL,
    confidence       REAL NOT NULL,
    date             TEXT,
    date_source      TEXT,
    date_before      INTEGER NOT NULL,
    ext              TEXT
);

CREATE TABLE link_keys (
    key      TEXT NOT NULL,
    actor    INTEGER NOT NULL REFERENCES actors(id),
    entity   INTEGER NOT NULL REFERENCES entities(id),
    origin   TEXT NOT NULL,
    PRIMARY KEY (key, actor, entity)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE claims_fts USING fts5(
    content, content = '', columnsize = 0,
    tokenize = 'ascii'
);
INSERT INTO claims_fts (claims_fts, rank) VALUES ('automerge', 16);

CREATE VIEW mentions AS
SELECT d.id AS document, e.id AS entity,
       json_extract(m.value, '$[1]') AS kind,
       CAST(json_extract(m.value, '$[2]') AS INTEGER) AS start,
       CAST(json_extract(m.value, '$[3]') AS INTEGER) AS "end",
       json_extract(m.value, '$[4]') AS text
FROM documents d, json_each(d.mentions) m
LEFT JOIN entities e ON e.document = d.id AND e.local_id = json_extract(m.value, '$[0]');

CREATE VIEW timexes AS
SELECT d.id AS document,
       CAST(json_extract(t.value, '$[0]') AS INTEGER) AS start,
       CAST(json_extract(t.value, '$[1]') AS INTEGER) AS "end",
       json_extract(t.value, '$[2]') AS text,
       json_extract(t.value, '$[3]') AS kind,
       json_extract(t.value, '$[4]') AS grain,
       json_extract(t.value, '$[5]') AS value,
       json_extract(t.value, '$[6]') AS "from",
       json_extract(t.value, '$[7]') AS "to",
       json_extract(t.value, '$[8]') AS calendar
FROM documents d, json_each(d.timexes) t;
"#;

/// The secondary indexes. No write needs them but the replacement of a document already there
/// (`*_document`, `entities_actor`), so a new database gets them once its first run is written
/// ([`create_indexes`]): building an index from sorted rows at the end is several times cheaper
/// than keeping it up to date row by row. `claims_rank` is the order of query results (newest
/// first) with what a page is filtered on, so that a query reads the index, not the rows;
/// `documents_lang_outlet` finds the documents of a language or outlet without reading their text.
/// `claims_actor` ends in the claim's id as every index does (SQLite appends the row id), so it
/// is not listed: the same order, a column fewer to write and compare.
const INDEXES: &str = "
CREATE INDEX IF NOT EXISTS documents_lang_outlet ON documents(lang, outlet);
CREATE INDEX IF NOT EXISTS entities_document ON entities(document);
CREATE INDEX IF NOT EXISTS entities_actor ON entities(actor);
CREATE INDEX IF NOT EXISTS claims_document ON claims(document);
CREATE INDEX IF NOT EXISTS claims_actor ON claims(actor, date DESC, document DESC);
CREATE INDEX IF NOT EXISTS claims_rank ON claims(date DESC, document DESC, id, actor);
";

/// Settings of every connection: write-ahead log (readers never wait for a writer, and a writer
/// killed mid-transaction leaves the last committed state), `synchronous = NORMAL` (a committed
/// transaction survives the process being killed; only a power cut may lose the last ones), and
/// a page cache of a fixed size whatever the corpus.
///
/// Foreign keys are declared (they document the schema) but not enforced: the writer keeps them
/// by construction, and checking a parent row for each inserted row was a tenth of the time.
const PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                       PRAGMA cache_size = -32768; PRAGMA busy_timeout = 10000; \
                       PRAGMA foreign_keys = OFF;";

/// Pages of 16 KiB: documents of a few KB fit a page, and B-trees are shallower (8 % less time
/// than 4 KiB). Set before the first table is created.
const PAGE_SIZE: &str = "PRAGMA page_size = 16384;";

/// Opens an existing database for reading, after checking it is one of ours, of our version.
pub(crate) fn open_read(path: &Path) -> Result<Connection, IndexError> {
    if !path.exists() {
        return Err(IndexError::Missing { path: path.to_path_buf() });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|source| IndexError::Open { path: path.to_path_buf(), source })?;
    conn.execute_batch("PRAGMA cache_size = -32768; PRAGMA busy_timeout = 10000;")
        .map_err(|e| not_a_database(path, e))?;
    check(&conn, path)?;
    Ok(conn)
}

/// Opens a database for writing, creating it (with its tables) when the file does not exist or
/// is empty. Returns whether it was created: a new database gets its secondary indexes from
/// [`create_indexes`] when its first run is written. An older one gets any index it lacks now (a
/// first run killed before its end left none).
pub(crate) fn open_write(path: &Path) -> Result<(Connection, bool), IndexError> {
    let conn = Connection::open(path)
        .map_err(|source| IndexError::Open { path: path.to_path_buf(), source })?;
    // The writer uses about thirty statements; re-preparing them was a few percent of its time.
    conn.set_prepared_statement_cache_capacity(64);
    // The query planner's stability guarantee: without it, SQLite (built with STAT4) prepares a
    // statement again whenever a new value is bound to a parameter the plan looked at, which the
    // linking lookups did for every key (4 % of the time of `isnad index`).
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
        .map_err(|e| not_a_database(path, e))?;
    conn.execute_batch(PAGE_SIZE).map_err(|e| not_a_database(path, e))?;
    conn.execute_batch(PRAGMAS).map_err(|e| not_a_database(path, e))?;
    let fresh = application_id(&conn, path)? == 0 && table_count(&conn, path)? == 0;
    if fresh {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(TABLES)?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
        ))?;
        tx.commit()?;
    }
    check(&conn, path)?;
    if !fresh {
        create_indexes(&conn)?;
    }
    Ok((conn, fresh))
}

/// Creates the secondary indexes that are missing (all of them after a new database's first run).
pub(crate) fn create_indexes(conn: &Connection) -> Result<(), IndexError> {
    conn.execute_batch(INDEXES)?;
    Ok(())
}

/// Refuses files that are not isnad databases or are of another schema version.
fn check(conn: &Connection, path: &Path) -> Result<(), IndexError> {
    let app = application_id(conn, path)?;
    if app != APPLICATION_ID {
        let why = if app == 0 {
            "an SQLite database without isnad's tables".to_string()
        } else {
            format!("an SQLite database of another application, id {app:#x}")
        };
        return Err(IndexError::NotIndex { path: path.to_path_buf(), why });
    }
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| not_a_database(path, e))?;
    if found != SCHEMA_VERSION {
        return Err(IndexError::Version {
            path: path.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn application_id(conn: &Connection, path: &Path) -> Result<i64, IndexError> {
    conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| not_a_database(path, e))
}

fn table_count(conn: &Connection, path: &Path) -> Result<i64, IndexError> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| not_a_database(path, e))
}

/// SQLite's "file is not a database" (a text file, a truncated header) as our clearer error.
fn not_a_database(path: &Path, e: rusqlite::Error) -> IndexError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            IndexError::NotIndex { path: path.to_path_buf(), why: "not an SQLite file".to_string() }
        }
        _ => IndexError::Open { path: path.to_path_buf(), source: e },
    }
}
