//! What can go wrong with a claims database.

use std::path::PathBuf;

use thiserror::Error;

/// An error of the claims database, with what to do about it where there is something to do.
#[derive(Debug, Error)]
pub enum IndexError {
    /// The path names no database (reading only: writing creates it).
    #[error("no claims database at {path}: create one with `isnad index CORPUS --db {path}`")]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// The database file cannot be opened or created.
    #[error("cannot open {path}: {source}")]
    Open {
        /// The path given.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file exists but is not a database isnad wrote.
    #[error(
        "{path} is not an isnad claims database ({why}); give the path of a database written by \
         `isnad index`, or a new path to create one"
    )]
    NotIndex {
        /// The path given.
        path: PathBuf,
        /// What gave it away.
        why: String,
    },
    /// The database was written by an isnad with another schema.
    #[error(
        "{path} has schema version {found}, this isnad reads version {expected}: index the corpus \
         again into a new database, or use the isnad that wrote it"
    )]
    Version {
        /// The path given.
        path: PathBuf,
        /// The version in the file.
        found: i64,
        /// The version this crate writes and reads.
        expected: i64,
    },
    /// A query or write failed in SQLite.
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A value in the database is not what isnad writes (a layer column that is not JSON).
    #[error("the database is damaged: {0}; index the corpus again")]
    Corrupt(String),
    /// A search text that cannot be searched for.
    #[error("cannot search for {text:?}: {why}")]
    Search {
        /// The text given.
        text: String,
        /// Why not.
        why: String,
    },
    /// A file could not be read or written (exports, gold files).
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A gold file of cross-document identities is not in the expected format.
    #[error("{path}:{line}: {message}")]
    Gold {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Writing Parquet failed.
    #[cfg(feature = "parquet")]
    #[error("cannot write Parquet: {0}")]
    Parquet(String),
}
