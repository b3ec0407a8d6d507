//! An INSERT statement bound without copies, for the rows written once per claim.
//!
//! rusqlite binds every text as `SQLITE_TRANSIENT`: SQLite allocates memory and copies the text
//! before the statement runs, then copies it again into the row's record. A claim's row binds 26
//! values, four of them texts, and the full-text row its search form: binding through rusqlite
//! was about a tenth of the writer's instructions on Arabic. Here texts are bound `SQLITE_STATIC`
//! (SQLite reads them where they are, during the one step that follows).
//!
//! [`RawInsert::insert`] takes a value for every parameter, every time: each step reads only
//! values bound for it, never a pointer left from an earlier call. The bindings are not cleared
//! after the step (clearing 26 of them a claim was 0.3 % of `isnad index`): SQLite reads a bound
//! text only when the statement runs, and rebinding or finalizing a `SQLITE_STATIC` value never
//! reads it.

use std::ffi::{CStr, c_int};
use std::ptr::{self, NonNull};

use rusqlite::{Connection, ffi};

/// One value to bind.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arg<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
}

impl<'a> From<Option<&'a str>> for Arg<'a> {
    fn from(text: Option<&'a str>) -> Arg<'a> {
        text.map_or(Arg::Null, Arg::Text)
    }
}

impl From<Option<i64>> for Arg<'_> {
    fn from(n: Option<i64>) -> Self {
        n.map_or(Arg::Null, Arg::Int)
    }
}

/// A prepared statement of the writer's connection. It must be dropped before the connection
/// (declare it before the connection in the struct that holds both): [`Drop`] finalizes it.
pub(crate) struct RawInsert {
    stmt: NonNull<ffi::sqlite3_stmt>,
    db: NonNull<ffi::sqlite3>,
    /// The statement's number of parameters: what every call binds.
    params: usize,
}

// SAFETY: the statement belongs to one connection and is used only through `&mut self`, by the
// thread that holds the connection; SQLite (built thread-safe) allows a connection and its
// statements to move between threads when no two use them at once, as rusqlite's `Connection`
// (which is `Send`) does.
unsafe impl Send for RawInsert {}

impl RawInsert {
    /// Prepares `sql` (an INSERT with `?1`, `?2`, … parameters) on `conn`.
    pub fn prepare(conn: &Connection, sql: &str) -> Result<RawInsert, rusqlite::Error> {
        // SAFETY: the handle of a live connection; the statement is finalized before the
        // connection closes (see the type's doc).
        let db = unsafe { conn.handle() };
        let db = NonNull::new(db).ok_or(rusqlite::Error::InvalidQuery)?;
        let mut stmt = ptr::null_mut();
        let len = c_int::try_from(sql.len()).map_err(|_| rusqlite::Error::InvalidQuery)?;
        // SAFETY: `sql` is valid for `len` bytes; `stmt` receives the new statement.
        let rc = unsafe {
            ffi::sqlite3_prepare_v3(
                db.as_ptr(),
                sql.as_ptr().cast(),
                len,
                ffi::SQLITE_PREPARE_PERSISTENT,
                &mut stmt,
                ptr::null_mut(),
            )
        };
        check(db, rc)?;
        let stmt = NonNull::new(stmt).ok_or(rusqlite::Error::InvalidQuery)?;
        // SAFETY: the statement just prepared.
        let params = unsafe { ffi::sqlite3_bind_parameter_count(stmt.as_ptr()) };
        let params = usize::try_from(params).unwrap_or(0);
        Ok(RawInsert { stmt, db, params })
    }

    /// Binds `args` to `?1`, `?2`, … (one value for each parameter of the statement) and runs the
    /// statement once; returns the new row's id.
    pub fn insert(&mut self, args: &[Arg<'_>]) -> Result<i64, rusqlite::Error> {
        if args.len() != self.params {
            return Err(rusqlite::Error::InvalidParameterCount(args.len(), self.params));
        }
        let stmt = self.stmt.as_ptr();
        let bound = self.bind(args);
        // SAFETY: a prepared statement of a live connection, every parameter bound in this call
        // to a value borrowed for it (a failed bind: no step).
        let step = if bound.is_ok() { unsafe { ffi::sqlite3_step(stmt) } } else { ffi::SQLITE_OK };
        // SAFETY: as above; reset always, whatever happened. The bindings stay: the next step
        // runs only after all of them are bound again (see the module doc).
        unsafe {
            ffi::sqlite3_reset(stmt);
        }
        bound?;
        if step != ffi::SQLITE_DONE {
            return Err(error(self.db, step));
        }
        // SAFETY: the live connection.
        Ok(unsafe { ffi::sqlite3_last_insert_rowid(self.db.as_ptr()) })
    }

    fn bind(&mut self, args: &[Arg<'_>]) -> Result<(), rusqlite::Error> {
        let stmt = self.stmt.as_ptr();
        for (i, arg) in args.iter().enumerate() {
            let n = c_int::try_from(i + 1).map_err(|_| rusqlite::Error::InvalidQuery)?;
            // SAFETY: `n` is a parameter index (SQLite checks the range); a text is read in
            // place by the step of this call only.
            let rc = unsafe {
                match *arg {
                    Arg::Null => ffi::sqlite3_bind_null(stmt, n),
                    Arg::Int(v) => ffi::sqlite3_bind_int64(stmt, n, v),
                    Arg::Real(v) => ffi::sqlite3_bind_double(stmt, n, v),
                    Arg::Text(s) => ffi::sqlite3_bind_text64(
                        stmt,
                        n,
                        if s.is_empty() { c"".as_ptr() } else { s.as_ptr().cast() },
                        s.len() as ffi::sqlite3_uint64,
                        ffi::SQLITE_STATIC(),
                        ffi::SQLITE_UTF8 as u8,
                    ),
                }
            };
            check(self.db, rc)?;
        }
        Ok(())
    }
}

impl Drop for RawInsert {
    fn drop(&mut self) {
        // SAFETY: the statement is ours and finalized once; its connection is still open.
        unsafe {
            ffi::sqlite3_finalize(self.stmt.as_ptr());
        }
    }
}

fn check(db: NonNull<ffi::sqlite3>, rc: c_int) -> Result<(), rusqlite::Error> {
    if rc == ffi::SQLITE_OK { Ok(()) } else { Err(error(db, rc)) }
}

/// SQLite's error for `rc`, with the connection's message, as rusqlite reports errors.
fn error(db: NonNull<ffi::sqlite3>, rc: c_int) -> rusqlite::Error {
    // SAFETY: the live connection; the message is copied before any other call.
    let (code, message) = unsafe {
        let code = ffi::sqlite3_extended_errcode(db.as_ptr());
        let msg = ffi::sqlite3_errmsg(db.as_ptr());
        let message = (!msg.is_null()).then(|| CStr::from_ptr(msg).to_string_lossy().into_owned());
        (if code == 0 { rc } else { code }, message)
    };
    rusqlite::Error::SqliteFailure(ffi::Error::new(code), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binds_every_kind_and_reports_errors() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a INTEGER, b REAL, c TEXT, d TEXT NOT NULL)").unwrap();
        let mut insert =
            RawInsert::prepare(&conn, "INSERT INTO t VALUES (?1, ?2, ?3, ?4)").unwrap();
        let texts = [String::from("قال «لن نقبل»"), String::new()];
        for (i, text) in texts.iter().enumerate() {
            let id = insert
                .insert(&[Arg::Int(7), Arg::Real(0.5), Arg::from(None::<&str>), Arg::Text(text)])
                .unwrap();
            assert_eq!(id, i as i64 + 1);
        }
        let rows: Vec<(i64, f64, Option<String>, String)> = conn
            .prepare("SELECT a, b, c, d FROM t ORDER BY rowid")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows[0], (7, 0.5, None, texts[0].clone()));
        assert_eq!(rows[1].3, "");
        // A constraint failure is an error, and the statement still works after it.
        let err = insert.insert(&[Arg::Int(1), Arg::Null, Arg::Null, Arg::Null]).unwrap_err();
        assert_eq!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::ConstraintViolation));
        assert!(err.to_string().contains("NOT NULL"), "{err}");
        insert.insert(&[Arg::Int(2), Arg::Null, Arg::Null, Arg::Text("x")]).unwrap();
        // Too many values or too few: an error, nothing written.
        assert!(insert.insert(&[Arg::Null; 5]).is_err());
        assert!(insert.insert(&[Arg::Int(3), Arg::Null, Arg::Text("y")]).is_err());
        let count: i64 = conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(count, 3);
    }
}
