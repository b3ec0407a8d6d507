//! The database's tables as Parquet files, for DuckDB, pandas and Spark.
//!
//! Each table becomes `DIR/<table>.parquet` with the same columns: `INTEGER` columns as 64-bit
//! integers, `REAL` as doubles, `TEXT` as UTF-8 strings, nullable where the table allows NULL.
//! Columns are read from the schema itself (`PRAGMA table_info`), so the export follows the
//! tables without a second list to keep in step; `mentions` and `timexes` are views over the
//! JSON columns of `documents`, exported as the rows they show. Rows are written in batches of a fixed size:
//! memory does not grow with the corpus. Snappy compression.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use rusqlite::types::ValueRef;

use crate::{Database, IndexError};

/// The tables exported, in this order.
pub const TABLES: [&str; 7] =
    ["documents", "actors", "entities", "claims", "mentions", "timexes", "link_keys"];

/// Rows per Parquet row group and per batch held in memory.
const BATCH_ROWS: usize = 16_384;

/// Writes every table of `db` into `dir` (created when missing) as `<table>.parquet`; returns
/// the files written with their row counts.
pub fn export_parquet(db: &Database, dir: &Path) -> Result<Vec<(PathBuf, usize)>, IndexError> {
    std::fs::create_dir_all(dir)
        .map_err(|source| IndexError::Io { path: dir.to_path_buf(), source })?;
    let mut written = Vec::new();
    for table in TABLES {
        let path = dir.join(format!("{table}.parquet"));
        let rows = export_table(db, table, &path)?;
        written.push((path, rows));
    }
    Ok(written)
}

/// A column of the table: its name and Arrow type.
struct Column {
    name: String,
    ty: DataType,
    nullable: bool,
}

fn columns(db: &Database, table: &str) -> Result<Vec<Column>, IndexError> {
    let mut stmt = db.connection().prepare(&format!("PRAGMA table_info({table})"))?;
    let cols = stmt
        .query_map([], |r| {
            let name: String = r.get(1)?;
            let declared: String = r.get(2)?;
            let not_null: bool = r.get(3)?;
            let primary: i64 = r.get(5)?;
            // The views' computed columns are declared by their expression's type (`INT` for a
            // `CAST(… AS INTEGER)` in recent SQLite), or not at all (text).
            let ty = match declared.to_ascii_uppercase().as_str() {
                "INTEGER" | "INT" => DataType::Int64,
                "REAL" => DataType::Float64,
                _ => DataType::Utf8,
            };
            Ok(Column { name, ty, nullable: !not_null && primary == 0 })
        })?
        .collect::<Result<_, _>>()?;
    Ok(cols)
}

fn export_table(db: &Database, table: &str, path: &Path) -> Result<usize, IndexError> {
    let cols = columns(db, table)?;
    let schema = Arc::new(Schema::new(
        cols.iter().map(|c| Field::new(&c.name, c.ty.clone(), c.nullable)).collect::<Vec<_>>(),
    ));
    let file =
        File::create(path).map_err(|source| IndexError::Io { path: path.to_path_buf(), source })?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(BATCH_ROWS))
        .build();
    let parquet = |e: parquet::errors::ParquetError| IndexError::Parquet(e.to_string());
    let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(props)).map_err(parquet)?;
    let names: Vec<String> = cols.iter().map(|c| format!("\"{}\"", c.name)).collect();
    let mut stmt = db.connection().prepare(&format!("SELECT {} FROM {table}", names.join(", ")))?;
    let mut rows = stmt.query([])?;
    let mut batch = Batch::new(&cols);
    let mut total = 0;
    while let Some(row) = rows.next()? {
        for (i, col) in batch.columns.iter_mut().enumerate() {
            col.push(row.get_ref(i)?);
        }
        batch.rows += 1;
        total += 1;
        if batch.rows == BATCH_ROWS {
            writer.write(&batch.finish(&schema)?).map_err(parquet)?;
        }
    }
    if batch.rows > 0 {
        writer.write(&batch.finish(&schema)?).map_err(parquet)?;
    }
    writer.close().map_err(parquet)?;
    Ok(total)
}

/// Column builders for one batch of rows.
struct Batch {
    columns: Vec<Builder>,
    rows: usize,
}

enum Builder {
    Int(Int64Builder),
    Real(Float64Builder),
    Text(StringBuilder),
}

impl Builder {
    fn push(&mut self, value: ValueRef<'_>) {
        match (self, value) {
            (Builder::Int(b), ValueRef::Integer(i)) => b.append_value(i),
            (Builder::Int(b), _) => b.append_null(),
            (Builder::Real(b), ValueRef::Real(f)) => b.append_value(f),
            (Builder::Real(b), ValueRef::Integer(i)) => b.append_value(i as f64),
            (Builder::Real(b), _) => b.append_null(),
            (Builder::Text(b), ValueRef::Text(t)) => b.append_value(String::from_utf8_lossy(t)),
            (Builder::Text(b), ValueRef::Integer(i)) => b.append_value(i.to_string()),
            (Builder::Text(b), ValueRef::Real(f)) => b.append_value(f.to_string()),
            (Builder::Text(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Real(b) => Arc::new(b.finish()),
            Builder::Text(b) => Arc::new(b.finish()),
        }
    }
}

impl Batch {
    fn new(cols: &[Column]) -> Batch {
        let columns = cols
            .iter()
            .map(|c| match c.ty {
                DataType::Int64 => Builder::Int(Int64Builder::new()),
                DataType::Float64 => Builder::Real(Float64Builder::new()),
                _ => Builder::Text(StringBuilder::new()),
            })
            .collect();
        Batch { columns, rows: 0 }
    }

    /// The rows so far as a record batch; the builders start over.
    fn finish(&mut self, schema: &Arc<Schema>) -> Result<RecordBatch, IndexError> {
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Builder::finish).collect();
        self.rows = 0;
        RecordBatch::try_new(schema.clone(), arrays).map_err(|e| IndexError::Parquet(e.to_string()))
    }
}
