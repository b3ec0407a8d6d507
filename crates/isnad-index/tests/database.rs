//! The claims database on a real SQLite file: schema, idempotence, search, errors, linking.

mod common;

use std::path::Path;

use common::{corpus, fixtures, fresh_db, index};
use isnad_index::{ClaimQuery, Database, IndexError};

fn count(db: &Database, sql: &str) -> i64 {
    db.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn schema_on_a_real_file() {
    let path = fresh_db("schema");
    let written = index(&path, &[corpus()]);
    assert_eq!(written.documents, 14);
    let db = Database::open(&path).unwrap();
    let conn = db.connection();
    let pragma = |name: &str| -> i64 {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).unwrap()
    };
    assert_eq!(pragma("application_id"), isnad_index::APPLICATION_ID);
    assert_eq!(pragma("user_version"), isnad_index::SCHEMA_VERSION);
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    // Foreign keys are not enforced while writing, but the writer keeps them.
    let broken: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(broken.is_empty(), "{broken:?}");
    // The tables and columns docs/database.md documents.
    let expected: &[(&str, &str)] = &[
        (
            "documents",
            "id doc_id lang published outlet url title meta errors mentions timexes text",
        ),
        ("actors", "id kind name kb_id"),
        ("entities", "id document local_id name kind aliases roles kb_id actor link link_key"),
        (
            "claims",
            "id document local_id kind act cue_start cue_end cue content_start content_end content \
             speaker_start speaker_end speaker_mention speaker_implicit speaker_name entity actor \
             medium_start medium_end medium block confidence date date_source date_before ext",
        ),
        ("mentions", "document entity kind start end text"),
        ("timexes", "document start end text kind grain value from to calendar"),
        ("link_keys", "key actor entity origin"),
        ("claims_fts", "content"),
    ];
    for (table, columns) in expected {
        let found: Vec<String> = conn
            .prepare(&format!("PRAGMA table_info({table})"))
            .unwrap()
            .query_map([], |r| r.get(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(found.join(" "), columns.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    // Spans are code points into the text, as in the output record: SQLite's substr counts
    // characters too.
    for (start, end, text) in [
        ("content_start", "content_end", "content"),
        ("cue_start", "cue_end", "cue"),
        ("speaker_start", "speaker_end", "speaker_mention"),
    ] {
        let wrong = count(
            &db,
            &format!(
                "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document \
                 WHERE c.{text} IS NOT NULL AND substr(d.text, c.{start} + 1, c.{end} - c.{start}) != c.{text}"
            ),
        );
        assert_eq!(wrong, 0, "{text}");
    }
    let wrong = count(
        &db,
        "SELECT count(*) FROM timexes t JOIN documents d ON d.id = t.document \
         WHERE substr(d.text, t.start + 1, t.\"end\" - t.start) != t.text",
    );
    assert_eq!(wrong, 0);
    // Every claim with a speaker entity has its actor.
    assert_eq!(
        count(&db, "SELECT count(*) FROM claims WHERE entity IS NOT NULL AND actor IS NULL"),
        0
    );
    assert!(count(&db, "SELECT count(*) FROM mentions") > 0);
    assert!(count(&db, "SELECT count(*) FROM timexes") > 0);
}

/// Everything of a database that does not depend on row ids, in a stable order.
fn dump(db: &Database) -> Vec<String> {
    let mut out = Vec::new();
    let queries = [
        "SELECT d.doc_id || ' ' || c.local_id || ' ' || c.kind || ' ' || c.content || ' ' || \
         coalesce(a.name, '-') || ' ' || coalesce(c.date, '-') FROM claims c \
         JOIN documents d ON d.id = c.document LEFT JOIN actors a ON a.id = c.actor",
        "SELECT d.doc_id || ' ' || e.local_id || ' ' || e.name || ' ' || e.link || ' ' || a.name \
         FROM entities e JOIN documents d ON d.id = e.document JOIN actors a ON a.id = e.actor",
        "SELECT d.doc_id || ' ' || m.kind || ' ' || m.start || ' ' || m.text FROM mentions m \
         JOIN documents d ON d.id = m.document",
        "SELECT d.doc_id || ' ' || t.text || ' ' || coalesce(t.value, '-') FROM timexes t \
         JOIN documents d ON d.id = t.document",
        "SELECT a.kind || ' ' || a.name || ' ' || coalesce(a.kb_id, '-') FROM actors a",
    ];
    for sql in queries {
        let mut rows: Vec<String> = db
            .connection()
            .prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.extend(rows);
    }
    out
}

/// For each word of the claims' contents, the claims (document and local id) whose full-text rows
/// hold it. Every row the full-text index gives must be a claim of the database: an entry left
/// behind by a replaced document would point at a deleted claim (or at a new one that took its
/// row id).
fn searches(db: &Database) -> Vec<(String, Vec<String>)> {
    let conn = db.connection();
    let claims: std::collections::HashMap<i64, (String, String)> = conn
        .prepare(
            "SELECT c.id, d.doc_id || ' ' || c.local_id, c.content FROM claims c \
             JOIN documents d ON d.id = c.document",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut words: Vec<String> = claims
        .values()
        .flat_map(|(_, content)| {
            isnad_index::search_form(content).split(' ').map(str::to_string).collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    assert!(words.len() > 100, "{}", words.len());
    let mut stmt = conn.prepare("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1").unwrap();
    words
        .into_iter()
        .map(|word| {
            let rows: Vec<i64> = stmt
                .query_map([format!("\"{word}\"")], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let mut hits: Vec<String> = rows
                .iter()
                .map(|id| match claims.get(id) {
                    Some((name, _)) => name.clone(),
                    None => panic!("{word:?} finds row {id}, which is no claim"),
                })
                .collect();
            hits.sort();
            (word, hits)
        })
        .collect()
}

#[test]
fn indexing_twice_is_indexing_once_and_a_second_corpus_adds() {
    let once = fresh_db("once");
    index(&once, &[corpus()]);
    let twice = fresh_db("twice");
    index(&twice, &[corpus()]);
    let again = index(&twice, &[corpus()]);
    assert_eq!((again.documents, again.replaced), (14, 14));
    for path in [&once, &twice] {
        rusqlite::Connection::open(path)
            .unwrap()
            .execute("INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')", [])
            .unwrap();
    }
    let (once, twice) = (Database::open(&once).unwrap(), Database::open(&twice).unwrap());
    assert_eq!(dump(&once), dump(&twice));
    assert_eq!(once.stats().unwrap(), twice.stats().unwrap());
    // The full-text index forgot every replaced claim (its rows are deleted by their words, not
    // by id: `columnsize = 0`): each word of every claim finds the same claims in both.
    assert_eq!(searches(&once), searches(&twice));

    // A second corpus adds; a document indexed again with new text replaces the old one whole.
    let path = fresh_db("adds");
    index(&path, &[corpus()]);
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles.jsonl");
    let added = index(&path, &[examples]);
    assert_eq!(added.replaced, 0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("isnad-index-tests");
    let changed = dir.join("changed.jsonl");
    std::fs::write(
        &changed,
        r#"{"id": "en-l06", "lang": "en", "published": "2025-04-01", "text": "Dmitry Peskov said the summit was postponed."}"#,
    )
    .unwrap();
    let replaced = index(&path, &[changed]);
    assert_eq!((replaced.documents, replaced.replaced), (1, 1));
    let db = Database::open(&path).unwrap();
    let doc = db.document("en-l06").unwrap().unwrap();
    assert_eq!(doc.published.as_deref(), Some("2025-04-01"));
    assert_eq!(doc.claims.len(), 1);
    assert_eq!(doc.claims[0].content.text, "the summit was postponed");
    // James Okafor was named only in the old version of en-l06 and in en-l03: his actor stays;
    // the old claims are gone from the search too.
    let hits =
        db.claims(&ClaimQuery { search: Some("traffic".into()), ..ClaimQuery::default() }).unwrap();
    assert!(hits.is_empty(), "{hits:?}");
    let stats = db.stats().unwrap();
    assert_eq!(stats.documents, 14 + 2);
}

#[test]
fn search_folds_as_the_stages_do() {
    let path = fresh_db("search");
    index(&path, &[corpus()]);
    let db = Database::open(&path).unwrap();
    let docs = |query: ClaimQuery| -> Vec<String> {
        let mut d: Vec<String> =
            db.claims(&query).unwrap().into_iter().map(|h| h.document).collect();
        d.dedup();
        d
    };
    let search =
        |text: &str| docs(ClaimQuery { search: Some(text.into()), ..ClaimQuery::default() });
    // «الإتفاق» (hamza), «الاتّفاقَ» (diacritics) and «اتفاق» (no article) are one word.
    assert_eq!(search("الاتفاق"), ["ar-l06", "ar-l02", "ar-l01"]);
    // "Peskov" finds "Peskov's".
    assert_eq!(search("Peskov"), ["en-l05"]);
    assert_eq!(search("\"talks had stalled\""), ["en-l05"]);
    assert_eq!(search("stall*"), ["en-l05"]);
    assert!(search("stalled talks broken").is_empty());
    assert_eq!(search("stalled OR broken"), ["en-l05", "en-l02"]);
    // A speaker by surname finds every actor with that surname; by full name, one.
    let speaker =
        |name: &str| docs(ClaimQuery { speaker: Some(name.into()), ..ClaimQuery::default() });
    assert_eq!(speaker("Maria Okafor"), ["en-l05", "en-l02", "en-l01"]);
    assert_eq!(speaker("Okafor"), ["en-l06", "en-l05", "en-l03", "en-l02", "en-l01"]);
    assert_eq!(speaker("سامح العدلي"), ["ar-l08", "en-l02", "ar-l02", "ar-l01"]);
    assert_eq!(speaker("fx:adly"), ["ar-l08", "en-l02", "ar-l02", "ar-l01"]);
    assert_eq!(speaker("Sameh El-Adly"), ["ar-l08", "en-l02", "ar-l02", "ar-l01"]);
    assert!(speaker("Nobody Known").is_empty());
    // Periods, languages and outlets.
    let between = docs(ClaimQuery {
        from: Some("2025-03-05".into()),
        to: Some("2025-03-09".into()),
        lang: Some("ar".into()),
        ..ClaimQuery::default()
    });
    assert_eq!(between, ["ar-l03", "ar-l02"]);
    let outlet = docs(ClaimQuery { outlet: Some("ledger".into()), ..ClaimQuery::default() });
    assert_eq!(outlet, ["en-l06", "en-l05"]);
    // A page of claims.
    let page = db.claims(&ClaimQuery { limit: 2, offset: 1, ..ClaimQuery::default() }).unwrap();
    assert_eq!(page.len(), 2);
}

#[test]
fn actors_carry_every_name_and_role() {
    let path = fresh_db("actors");
    index(&path, &[corpus()]);
    let db = Database::open(&path).unwrap();
    let adly = db.find_actors("Sameh El-Adly").unwrap();
    assert_eq!(adly.len(), 1);
    let actor = db.actor(adly[0]).unwrap().unwrap();
    assert_eq!(actor.kb_id.as_deref(), Some("fx:adly"));
    let langs: Vec<&str> = actor.names.iter().map(|n| n.lang.as_str()).collect();
    assert!(langs.contains(&"ar") && langs.contains(&"en"), "{:?}", actor.names);
    assert_eq!(actor.claims, 5);
    assert_eq!(actor.documents, 4);
    let top = db.actors(3).unwrap();
    assert_eq!(top.len(), 3);
    assert!(top.windows(2).all(|w| w[0].claims >= w[1].claims));
    // Every link says why.
    let doc = db.document("ar-l02").unwrap().unwrap();
    let links: Vec<(&str, &str)> =
        doc.entities.iter().map(|e| (e.name.as_str(), e.link.as_str())).collect();
    assert_eq!(links, [("سامح العدلى", "kb_id"), ("كريم حداد", "new")]);
    let doc = db.document("ar-l03").unwrap().unwrap();
    let haddad = doc.entities.iter().find(|e| e.name == "حداد").unwrap();
    assert_eq!(haddad.link, "surname and role");
}

#[test]
fn linking_the_fixtures_against_their_gold() {
    let path = fresh_db("gold");
    index(&path, &[corpus()]);
    let db = Database::open(&path).unwrap();
    let gold = isnad_index::eval::read_gold(&fixtures().join("gold.tsv")).unwrap();
    let report = isnad_index::eval::score(&db, &gold).unwrap();
    eprintln!("{report}");
    assert_eq!(report.found, report.gold_lines);
    // The figures of docs/database.md; a drop is a regression.
    assert_eq!(report.wrong, Vec::<String>::new());
    assert!(report.recall >= 0.6, "{report}");
}

#[test]
fn errors_say_what_is_wrong() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("isnad-index-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let missing = dir.join("no-such.sqlite");
    assert!(matches!(Database::open(&missing), Err(IndexError::Missing { .. })));
    let text = dir.join("not-a-db.sqlite");
    std::fs::write(&text, "this is a text file, not a database\n".repeat(200)).unwrap();
    let err = Database::open(&text).err().unwrap();
    assert!(matches!(err, IndexError::NotIndex { .. }), "{err}");
    assert!(matches!(isnad_index::Index::open(&text), Err(IndexError::NotIndex { .. })));
    let other = fresh_db("other-app");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    let err = isnad_index::Index::open(&other).err().unwrap();
    assert!(err.to_string().contains("not an isnad claims database"), "{err}");
    let old = fresh_db("old-version");
    index(&old, &[corpus()]);
    rusqlite::Connection::open(&old).unwrap().execute_batch("PRAGMA user_version = 99").unwrap();
    let err = Database::open(&old).err().unwrap();
    assert!(
        matches!(err, IndexError::Version { found: 99, .. })
            && err.to_string().contains("version 99"),
        "{err}"
    );
    let err = isnad_index::Index::open(&old).err().unwrap();
    assert!(matches!(err, IndexError::Version { .. }), "{err}");
}
