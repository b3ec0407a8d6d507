//! Which claims make a page of query results, and how they are found fast.
//!
//! Results come newest first: by claim date, then the latest written document, then text order.
//! That is the order of two indexes: `claims_rank` (date, document, id, actor) over all claims and
//! `claims_actor` (actor, date, document, then the id SQLite appends to every index) over each
//! actor's, so a page can be read off an index without touching the claim rows. Two plans:
//!
//! - **walk**: read the index from the newest claim on and keep the claims that match (held in
//!   memory: the claims a full-text search matches, a set of actors) until the page is full. It
//!   costs the index entries read before the page fills: little for a common word ("said": a
//!   fifth of all claims, a few hundred entries for a page of 100), the whole index for a word no
//!   claim has.
//! - **sort**: look up every matching claim, sort them, keep the page. It costs a row lookup per
//!   match: little for a rare word, a large part of the table for a common one.
//!
//! A search walks when the walk is expected to read fewer than [`WALK_PER_LOOKUP`] index entries
//! per lookup the sort would make (its expected length is the page size × claims ÷ matches), and
//! gives up for the sort when it reads past that budget (a language, outlet or period filter can
//! make matches rarer than the whole corpus says). A speaker's claims are each actor's walk through
//! `claims_actor`, merged; a name that finds many actors (a surname shared by thousands of
//! one-word entities) walks `claims_rank` instead, keeping those actors' claims.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use crate::IndexError;
use crate::read::ClaimQuery;

/// Index entries a walk may read per row lookup the sort plan would make (an index entry is read
/// in order, from pages read once; a lookup seeks a row in another page each time).
const WALK_PER_LOOKUP: usize = 4;

/// Index entries any walk may read: below this, trying costs a few milliseconds at most.
const WALK_FLOOR: usize = 20_000;

/// Up to this many actors, a speaker query walks each actor's index; beyond, `claims_rank`.
const FEW_ACTORS: usize = 16;

/// A claim's place in the result order: (date, document row, claim row).
type Ranked = (Option<String>, i64, i64);

/// The claim row ids of the page `query` asks for, newest first. `actors` is the speaker filter
/// (empty: none), `fts` the FTS5 query of the search (none: no search).
pub(crate) fn page_ids(
    conn: &Connection,
    query: &ClaimQuery,
    actors: &[i64],
    fts: Option<&str>,
) -> Result<Vec<i64>, IndexError> {
    let matches = match fts {
        Some(fts) => {
            let found = fts_matches(conn, fts)?;
            if found.is_empty() {
                return Ok(Vec::new());
            }
            Some(found)
        }
        None => None,
    };
    let wanted = (query.limit > 0).then_some(query.offset + query.limit);
    let matched = |id: i64| matches.as_ref().is_none_or(|m| m.binary_search(&id).is_ok());
    let mut actor_set: Vec<i64> = actors.to_vec();
    actor_set.sort_unstable();
    actor_set.dedup();
    let of_actors = |actor: Option<i64>| {
        actor_set.is_empty() || actor.is_some_and(|a| actor_set.binary_search(&a).is_ok())
    };
    let accept = |r: &Ranked, actor: Option<i64>| matched(r.2) && of_actors(actor);
    let (conditions, values) = filters(query);
    let ranked: Vec<Ranked> = if actor_set.is_empty() && matches.is_none() {
        // Filters on period, language or outlet only: the walk is the plan.
        walk(conn, &conditions, values, wanted, usize::MAX, &accept)?.0
    } else if !actor_set.is_empty() && actor_set.len() <= FEW_ACTORS {
        per_actor(conn, query, &actor_set, wanted, &accept)?
    } else {
        // A search, or a speaker name that finds many actors: walk `claims_rank` if that is
        // expected to be short, else (or when it turns out long) sort the matches.
        let budget = match &matches {
            Some(m) => WALK_FLOOR + WALK_PER_LOOKUP * m.len(),
            None => WALK_FLOOR + WALK_PER_LOOKUP * actor_set.len() * wanted.unwrap_or(0),
        };
        let expected = match (&matches, wanted) {
            (Some(m), Some(wanted)) => wanted.saturating_mul(claim_count(conn)?) / m.len(),
            (None, Some(_)) => 0,
            (_, None) => usize::MAX,
        };
        let walked = if expected <= budget {
            Some(walk(conn, &conditions, values.clone(), wanted, budget, &accept)?)
        } else {
            None
        };
        match (walked, fts) {
            (Some((page, true)), _) => page,
            (_, Some(fts)) => sort_matches(conn, &conditions, values, fts, &accept)?,
            (_, None) => per_actor(conn, query, &actor_set, wanted, &accept)?,
        }
    };
    let page = ranked.into_iter().skip(query.offset).map(|r| r.2);
    Ok(match query.limit {
        0 => page.collect(),
        limit => page.take(limit).collect(),
    })
}

/// Newest first, as the indexes order claims.
fn order(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
}

/// A test of a claim, given its place and its actor.
type Accept<'a> = dyn Fn(&Ranked, Option<i64>) -> bool + 'a;

/// Reads claims meeting `conditions` in result order and keeps those `accept` takes, until
/// `wanted` are kept or `budget` entries were read. Returns what was kept and whether the walk
/// finished (the page is full or there was nothing more to read).
fn walk(
    conn: &Connection,
    conditions: &[String],
    values: Vec<Value>,
    wanted: Option<usize>,
    budget: usize,
    accept: &Accept<'_>,
) -> Result<(Vec<Ranked>, bool), IndexError> {
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let sql = format!(
        "SELECT c.date, c.document, c.id, c.actor FROM claims c {filter} \
         ORDER BY c.date DESC, c.document DESC, c.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    let mut kept = Vec::new();
    let mut read = 0usize;
    while let Some(row) = rows.next()? {
        read += 1;
        if read > budget {
            return Ok((kept, false));
        }
        let ranked: Ranked = (row.get(0)?, row.get(1)?, row.get(2)?);
        if accept(&ranked, row.get(3)?) {
            kept.push(ranked);
            if wanted.is_some_and(|w| kept.len() >= w) {
                break;
            }
        }
    }
    Ok((kept, true))
}

/// The sort plan of a search: every match meeting the filters (and `accept`), sorted.
fn sort_matches(
    conn: &Connection,
    conditions: &[String],
    values: Vec<Value>,
    fts: &str,
    accept: &Accept<'_>,
) -> Result<Vec<Ranked>, IndexError> {
    let filter: String = conditions.iter().map(|c| format!(" AND {c}")).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.date, c.document, c.id, c.actor FROM claims c \
         WHERE c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?){filter}"
    ))?;
    let mut args = vec![Value::Text(fts.to_string())];
    args.extend(values);
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut all = Vec::new();
    while let Some(row) = rows.next()? {
        let ranked: Ranked = (row.get(0)?, row.get(1)?, row.get(2)?);
        if accept(&ranked, row.get(3)?) {
            all.push(ranked);
        }
    }
    all.sort_by(order);
    Ok(all)
}

/// Each actor's claims through `claims_actor`, the first `wanted` that `accept` takes, merged.
fn per_actor(
    conn: &Connection,
    query: &ClaimQuery,
    actors: &[i64],
    wanted: Option<usize>,
    accept: &Accept<'_>,
) -> Result<Vec<Ranked>, IndexError> {
    let mut all = Vec::new();
    for &actor in actors {
        let (mut conditions, mut values) = filters(query);
        conditions.push("c.actor = ?".to_string());
        values.push(Value::Integer(actor));
        all.extend(walk(conn, &conditions, values, wanted, usize::MAX, accept)?.0);
    }
    all.sort_by(order);
    Ok(all)
}

/// The claims a full-text query matches, as sorted row ids.
fn fts_matches(conn: &Connection, fts: &str) -> Result<Vec<i64>, IndexError> {
    let mut stmt = conn.prepare_cached("SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1")?;
    let mut ids: Vec<i64> = stmt.query_map([fts], |r| r.get(0))?.collect::<Result<_, _>>()?;
    ids.sort_unstable();
    Ok(ids)
}

/// About how many claims there are (the largest row id: no count of the table).
fn claim_count(conn: &Connection) -> Result<usize, IndexError> {
    let max: Option<i64> = conn.query_row("SELECT max(id) FROM claims", [], |r| r.get(0))?;
    Ok(max.unwrap_or(0).max(1) as usize)
}

/// The WHERE conditions of a query but its speaker and search, with their values.
///
/// The document filters are a set of document ids, read from `documents_lang_outlet` (not the
/// documents' rows, which hold their texts) and probed per claim: the `+` keeps SQLite from
/// reading claims document by document instead of in result order.
fn filters(query: &ClaimQuery) -> (Vec<String>, Vec<Value>) {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(from) = &query.from {
        conditions.push("c.date >= ?".to_string());
        values.push(Value::Text(from.clone()));
    }
    if let Some(to) = &query.to {
        // "2025-02-28" takes "2025-02-28T10:00" too: everything that begins with it.
        conditions.push("c.date < ?".to_string());
        values.push(Value::Text(format!("{to}\u{10FFFF}")));
    }
    let mut documents: Vec<&str> = Vec::new();
    if let Some(lang) = &query.lang {
        documents.push("d.lang = ?");
        values.push(Value::Text(lang.clone()));
    }
    if let Some(outlet) = &query.outlet {
        documents.push("instr(lower(d.outlet), lower(?)) > 0");
        values.push(Value::Text(outlet.clone()));
    }
    if !documents.is_empty() {
        conditions.push(format!(
            "+c.document IN (SELECT d.id FROM documents d WHERE {})",
            documents.join(" AND ")
        ));
    }
    (conditions, values)
}

#[cfg(test)]
mod tests {
    //! Every plan must give the order a plain SQL sort gives, whatever the page size.

    use super::*;
    use crate::{Database, DocRows, Index};
    use isnad_runner::{Input, Processed, Reader, Registry, RunError, RunOptions};
    use std::path::Path;

    /// The linking fixtures indexed into a fresh file, in a directory removed when the first
    /// value is dropped.
    fn database() -> (tempfile::TempDir, Database) {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/linking");
        let dir = tempfile::Builder::new().prefix("isnad-page-test-").tempdir().unwrap();
        let path = dir.path().join("plans.sqlite");
        let registry = Registry::builtin();
        let pipeline = isnad_runner::load_file(&fixtures.join("pipeline.toml"), &registry).unwrap();
        let input = Input::parse(&fixtures.join("corpus.jsonl").to_string_lossy());
        let mut index = Index::open(&path).unwrap();
        let to_rows = |p: Processed| match p.doc {
            Some(doc) => DocRows::from_document(doc, p.errors),
            None => DocRows::unreadable(p.id, p.errors),
        };
        isnad_runner::run_each(
            &pipeline,
            Reader::open(&[input]).unwrap(),
            &RunOptions { jobs: Some(1), ..RunOptions::default() },
            &to_rows,
            &mut |rows: Vec<DocRows>| {
                index.write(&rows).map(|_| ()).map_err(|e| RunError::Sink(Box::new(e)))
            },
            &mut |_| {},
        )
        .unwrap();
        index.finish().unwrap();
        let db = Database::open(&path).unwrap();
        (dir, db)
    }

    /// The ids a plain sort gives.
    fn sorted(
        conn: &Connection,
        fts: Option<&str>,
        actors: &[i64],
        lang: Option<&str>,
    ) -> Vec<i64> {
        let sql = "SELECT c.id, c.actor FROM claims c JOIN documents d ON d.id = c.document \
                       WHERE (?1 IS NULL OR c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1)) \
                       AND (?2 IS NULL OR d.lang = ?2) ORDER BY c.date DESC, c.document DESC, c.id";
        let mut stmt = conn.prepare(sql).unwrap();
        let rows: Vec<(i64, Option<i64>)> = stmt
            .query_map(rusqlite::params![fts, lang], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.into_iter()
            .filter(|(_, a)| actors.is_empty() || a.is_some_and(|a| actors.contains(&a)))
            .map(|(id, _)| id)
            .collect()
    }

    #[test]
    fn every_plan_gives_the_sorted_order() {
        let (_dir, db) = database();
        let conn = db.connection();
        let contents: Vec<String> = conn
            .prepare("SELECT content FROM claims ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut words: Vec<String> = contents
            .iter()
            .flat_map(|c| {
                crate::search_text::search_form(c)
                    .split(' ')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|w| w.chars().count() > 2)
            .collect();
        words.sort();
        words.dedup();
        let actors: Vec<i64> = conn
            .prepare("SELECT DISTINCT actor FROM claims WHERE actor IS NOT NULL ORDER BY actor")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            words.len() > 20 && actors.len() > 3,
            "{} words, {} actors",
            words.len(),
            actors.len()
        );
        let mut checked = 0;
        for (i, word) in words.iter().enumerate().step_by(7) {
            let fts = crate::fts_query(word).unwrap();
            let some_actors: Vec<i64> = actors.iter().copied().skip(i % 3).step_by(2).collect();
            for (lang, who) in [(None, &[][..]), (Some("en"), &[][..]), (None, &some_actors[..])] {
                let expected = sorted(conn, Some(&fts), who, lang);
                let query = ClaimQuery { lang: lang.map(str::to_string), ..ClaimQuery::default() };
                let (conditions, values) = filters(&query);
                let matches = fts_matches(conn, &fts).unwrap();
                let accept = |r: &Ranked, a: Option<i64>| {
                    matches.binary_search(&r.2).is_ok()
                        && (who.is_empty() || a.is_some_and(|a| who.contains(&a)))
                };
                for wanted in [1, 2, 5, 1000] {
                    let want: Vec<i64> = expected.iter().copied().take(wanted).collect();
                    let ids = |v: Vec<Ranked>| -> Vec<i64> {
                        v.into_iter().take(wanted).map(|r| r.2).collect()
                    };
                    let (walked, done) =
                        walk(conn, &conditions, values.clone(), Some(wanted), usize::MAX, &accept)
                            .unwrap();
                    assert!(done);
                    assert_eq!(ids(walked), want, "walk, {word:?} {lang:?} {who:?} {wanted}");
                    let all =
                        sort_matches(conn, &conditions, values.clone(), &fts, &accept).unwrap();
                    assert_eq!(ids(all), want, "sort, {word:?} {lang:?} {who:?} {wanted}");
                    if !who.is_empty() {
                        let merged = per_actor(conn, &query, who, Some(wanted), &accept).unwrap();
                        assert_eq!(ids(merged), want, "per actor, {word:?} {who:?} {wanted}");
                    }
                    checked += 1;
                }
                // The public entry point, whatever plan it picks.
                let query = ClaimQuery { limit: 3, ..query };
                let page = page_ids(conn, &query, who, Some(&fts)).unwrap();
                assert_eq!(page, expected.iter().copied().take(3).collect::<Vec<_>>());
            }
        }
        assert!(checked > 50);
    }
}
