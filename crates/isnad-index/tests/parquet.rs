//! The Parquet export, read back.
#![cfg(feature = "parquet")]

mod common;

use std::fs::File;

use arrow_array::{Array, Int64Array, StringArray};
use common::{corpus, fresh_db, index};
use isnad_index::Database;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

#[test]
fn every_table_reads_back() {
    let path = fresh_db("parquet");
    index(&path, &[corpus()]);
    let db = Database::open(&path).unwrap();
    let dir = path.with_extension("parquet.d");
    let _ = std::fs::remove_dir_all(&dir);
    let written = isnad_index::export_parquet(&db, &dir).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "documents.parquet",
            "actors.parquet",
            "entities.parquet",
            "claims.parquet",
            "mentions.parquet",
            "timexes.parquet",
            "link_keys.parquet"
        ]
    );
    for (file, rows) in &written {
        let table = file.file_stem().unwrap().to_string_lossy().into_owned();
        let in_db: i64 = db
            .connection()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(*rows as i64, in_db, "{table}");
        let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(file).unwrap())
            .unwrap()
            .build()
            .unwrap();
        let read: usize = reader.map(|b| b.unwrap().num_rows()).sum();
        assert_eq!(read, *rows, "{table}");
    }
    // The views over the JSON layers export their rows with integer offsets.
    let file = File::open(dir.join("timexes.parquet")).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    assert_eq!(
        builder.schema().field_with_name("start").unwrap().data_type(),
        &arrow_schema::DataType::Int64
    );
    // The claims' columns and values, in row order.
    let file = File::open(dir.join("claims.parquet")).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let schema = builder.schema().clone();
    assert_eq!(
        schema.field_with_name("content").unwrap().data_type(),
        &arrow_schema::DataType::Utf8
    );
    assert!(!schema.field_with_name("content").unwrap().is_nullable());
    assert!(schema.field_with_name("actor").unwrap().is_nullable());
    let mut contents = Vec::new();
    let mut starts = Vec::new();
    for batch in builder.build().unwrap() {
        let batch = batch.unwrap();
        let content = batch.column_by_name("content").unwrap();
        let content = content.as_any().downcast_ref::<StringArray>().unwrap();
        let start = batch.column_by_name("content_start").unwrap();
        let start = start.as_any().downcast_ref::<Int64Array>().unwrap();
        for i in 0..batch.num_rows() {
            contents.push(content.value(i).to_string());
            starts.push(start.value(i));
        }
    }
    let expected: Vec<(String, i64)> = db
        .connection()
        .prepare("SELECT content, content_start FROM claims ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let got: Vec<(String, i64)> = contents.into_iter().zip(starts).collect();
    assert_eq!(got, expected);
    assert!(got.iter().any(|(c, _)| c.contains("الإتفاق")));
}
