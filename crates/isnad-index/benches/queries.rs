//! Query times on a large claims database (`bench/index.sh` builds one of about a million claims
//! from ../shared text and the fixtures, then runs this with `ISNAD_BENCH_DB` set).
//!
//! The figures the issue asks for: a speaker's claims (newest first, a page of 100) under 50 ms,
//! a full-text search (newest first, a page of 100) under 200 ms. Without `ISNAD_BENCH_DB` the
//! benchmark says it is skipped and measures nothing.

use std::path::PathBuf;

use isnad_index::{ClaimQuery, Database};

fn main() {
    let described = DB.with(|db| {
        let Some(db) = db else { return false };
        let stats = db.stats().unwrap();
        let top = db.actors(1).unwrap();
        eprintln!(
            "database: {} documents, {} claims, {} actors; top speaker: {} ({} claims)",
            stats.documents,
            stats.claims,
            stats.actors,
            top.first().map(|a| a.name.as_str()).unwrap_or("-"),
            top.first().map(|a| a.claims).unwrap_or(0)
        );
        for (name, query) in queries(db) {
            let n = db.claims(&query).unwrap().len();
            eprintln!("{name}: {n} claims");
        }
        true
    });
    if !described {
        eprintln!("skipped: set ISNAD_BENCH_DB to a database (bench/index.sh builds one)");
        return;
    }
    divan::main();
}

thread_local! {
    /// A connection per thread (a connection is not shared between threads).
    static DB: Option<Database> = std::env::var_os("ISNAD_BENCH_DB").map(|path| {
        Database::open(&PathBuf::from(path)).expect("ISNAD_BENCH_DB is not a claims database")
    });
}

/// The queries timed, by name.
fn queries(db: &Database) -> Vec<(&'static str, ClaimQuery)> {
    let page = |q: ClaimQuery| ClaimQuery { limit: 100, ..q };
    let top = db.actors(1).ok().and_then(|a| a.into_iter().next());
    let top_name = top.map(|a| a.name).unwrap_or_default();
    vec![
        ("speaker_top", page(ClaimQuery { speaker: Some(top_name.clone()), ..Default::default() })),
        (
            "speaker_surname",
            page(ClaimQuery { speaker: Some("Clinton".into()), ..Default::default() }),
        ),
        (
            "speaker_period",
            page(ClaimQuery {
                speaker: Some(top_name),
                from: Some("2024-06".into()),
                to: Some("2024-09".into()),
                ..Default::default()
            }),
        ),
        (
            "search_common_en",
            page(ClaimQuery { search: Some("said".into()), ..Default::default() }),
        ),
        (
            "search_word_en",
            page(ClaimQuery { search: Some("election".into()), ..Default::default() }),
        ),
        (
            "search_phrase_en",
            page(ClaimQuery { search: Some("\"the campaign\"".into()), ..Default::default() }),
        ),
        (
            "search_word_ar",
            page(ClaimQuery { search: Some("الاتفاق".into()), ..Default::default() }),
        ),
        ("search_rare", page(ClaimQuery { search: Some("Kestrel".into()), ..Default::default() })),
        (
            "search_lang_period",
            page(ClaimQuery {
                search: Some("الحكومة".into()),
                lang: Some("ar".into()),
                from: Some("2024-03".into()),
                ..Default::default()
            }),
        ),
    ]
}

#[divan::bench(args = ["speaker_top", "speaker_surname", "speaker_period", "search_common_en", "search_word_en", "search_phrase_en", "search_word_ar", "search_rare", "search_lang_period"], sample_count = 20)]
fn query(bencher: divan::Bencher<'_, '_>, name: &str) {
    DB.with(|db| {
        let Some(db) = db else { return };
        let (_, query) = queries(db).into_iter().find(|(n, _)| *n == name).unwrap();
        bencher.bench_local(|| db.claims(&query).unwrap().len());
    });
}
