//! Writing documents into the database: one transaction per batch, each document whole.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::link::{INSERT_LINK_KEY, forget, link, remember};
use crate::raw_insert::{Arg, RawInsert};
use crate::rows::{DocRows, EntityRow, SpanRow};
use crate::search_text::search_form;
use crate::{IndexError, schema};

/// A claims database open for writing.
///
/// Writes go in batches ([`Index::write`]), one transaction each: a process killed at any moment
/// leaves every document of the batches before whole, and none of the batch it was in. Writing a
/// document whose id is already there replaces it (its claims, entities, mentions, timexes and
/// link keys), so indexing the same corpus twice gives the same database.
pub struct Index {
    /// The inserts of every document, entity, claim and link key, bound without copies. Declared
    /// before `conn`: dropped (finalized) before the connection closes.
    inserts: RowInserts,
    conn: Connection,
    path: PathBuf,
    /// A new database whose secondary indexes are built at [`Index::finish`] (or as soon as a
    /// document is replaced, which needs them).
    indexes_pending: bool,
}

/// What one [`Index::write`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Documents written.
    pub documents: usize,
    /// Of which replaced a document of the same id.
    pub replaced: usize,
    /// Claims written.
    pub claims: usize,
    /// Entities written.
    pub entities: usize,
    /// Entities linked to an actor of an earlier document (or an earlier entity of the batch).
    pub linked: usize,
}

impl std::ops::AddAssign for WriteSummary {
    fn add_assign(&mut self, other: WriteSummary) {
        self.documents += other.documents;
        self.replaced += other.replaced;
        self.claims += other.claims;
        self.entities += other.entities;
        self.linked += other.linked;
    }
}

impl Index {
    /// Opens the database at `path` for writing, creating it when there is no file (or an empty
    /// one). Refuses a file that is not an isnad claims database or has another schema version.
    pub fn open(path: &Path) -> Result<Index, IndexError> {
        let (conn, fresh) = schema::open_write(path)?;
        let inserts = RowInserts {
            document: RawInsert::prepare(&conn, INSERT_DOCUMENT)?,
            entity: RawInsert::prepare(&conn, INSERT_ENTITY)?,
            claim: RawInsert::prepare(&conn, INSERT_CLAIM)?,
            fts: RawInsert::prepare(
                &conn,
                "INSERT INTO claims_fts (rowid, content) VALUES (?1, ?2)",
            )?,
            link_key: RawInsert::prepare(&conn, INSERT_LINK_KEY)?,
        };
        Ok(Index { inserts, conn, path: path.to_path_buf(), indexes_pending: fresh })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes a batch of documents in one transaction.
    pub fn write(&mut self, docs: &[DocRows]) -> Result<WriteSummary, IndexError> {
        let tx = self.conn.transaction()?;
        let mut summary = WriteSummary::default();
        for doc in docs {
            summary += write_document(&tx, doc, &mut self.inserts, &mut self.indexes_pending)?;
        }
        tx.commit()?;
        Ok(summary)
    }

    /// Ends a run of writes: builds the secondary indexes of a new database, refreshes the query
    /// planner's statistics (`PRAGMA optimize`, with a bounded analysis) and folds the write-ahead log back into the database file, so that the
    /// file alone holds everything (for copying it, or opening it where the `-wal` file is not
    /// writable).
    pub fn finish(self) -> Result<(), IndexError> {
        schema::create_indexes(&self.conn)?;
        self.conn.execute_batch(
            "PRAGMA analysis_limit = 1000; PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);",
        )?;
        Ok(())
    }
}

/// One document: what was there under its id goes, then its rows come in.
fn write_document(
    tx: &Transaction<'_>,
    doc: &DocRows,
    inserts: &mut RowInserts,
    indexes_pending: &mut bool,
) -> Result<WriteSummary, IndexError> {
    let mut summary = WriteSummary { documents: 1, ..WriteSummary::default() };
    let errors =
        (!doc.errors.is_empty()).then(|| serde_json::to_string(&doc.errors).unwrap_or_default());
    let row = [
        Arg::Text(&doc.doc_id),
        doc.lang.as_deref().into(),
        doc.published.as_deref().into(),
        doc.outlet.as_deref().into(),
        doc.url.as_deref().into(),
        doc.title.as_deref().into(),
        doc.meta.as_deref().into(),
        errors.as_deref().into(),
        doc.mentions.as_deref().into(),
        doc.timexes.as_deref().into(),
        Arg::Text(&doc.text),
    ];
    // Inserted first, looked up only when its id is taken: a new document (nearly every one)
    // costs one search of `doc_id`'s index instead of two.
    let (document, old) = match inserts.document.insert(&row) {
        Ok(document) => (document, Vec::new()),
        Err(e) if is_unique_violation(&e) => {
            let old = remove_document(tx, &doc.doc_id, indexes_pending)?.unwrap_or_default();
            summary.replaced = 1;
            (inserts.document.insert(&row)?, old)
        }
        Err(e) => return Err(e.into()),
    };
    // (entity row id, actor id) per entity of the document.
    let mut ids: Vec<(i64, i64)> = Vec::with_capacity(doc.entities.len());
    for entity in &doc.entities {
        // The same entity in the old version of the document (only a replaced document has one).
        let same = if old.is_empty() {
            None
        } else {
            let key = EntityKey::of(entity);
            old.iter().find(|o| o.row == key)
        };
        let (actor, reason, link_key) = match same {
            Some(o) => (o.actor, o.link.as_str(), o.link_key.clone()),
            None => {
                let linked = link(tx, entity)?;
                (linked.actor, linked.reason, linked.key)
            }
        };
        summary.linked += usize::from(reason != "new");
        let entity_id = inserts.entity.insert(&[
            Arg::Int(document),
            Arg::Text(&entity.local_id),
            Arg::Text(&entity.name),
            Arg::Text(entity.kind),
            Arg::Text(&json_list(&entity.aliases)),
            Arg::Text(&json_list(&entity.roles)),
            entity.kb_id.as_deref().into(),
            Arg::Int(actor),
            Arg::Text(reason),
            link_key.as_deref().into(),
        ])?;
        remember(&mut inserts.link_key, &entity.keys, entity_id, actor)?;
        ids.push((entity_id, actor));
    }
    summary.entities = doc.entities.len();
    write_claims(inserts, doc, document, &ids)?;
    summary.claims = doc.claims.len();
    // Actors that only the old version of the document named.
    let mut orphans: Vec<i64> = old.iter().map(|o| o.actor).collect();
    orphans.dedup();
    for actor in orphans {
        tx.prepare_cached(
            "DELETE FROM actors WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM entities WHERE actor = ?1)",
        )?
        .execute([actor])?;
    }
    Ok(summary)
}

/// The statements run for every document, entity, claim ([`write_claims`]) and link key.
struct RowInserts {
    document: RawInsert,
    entity: RawInsert,
    claim: RawInsert,
    fts: RawInsert,
    link_key: RawInsert,
}

const INSERT_DOCUMENT: &str = "INSERT INTO documents (doc_id, lang, published, outlet, url, \
     title, meta, errors, mentions, timexes, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
     ?10, ?11)";

const INSERT_ENTITY: &str = "INSERT INTO entities (document, local_id, name, kind, aliases, \
     roles, kb_id, actor, link, link_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

const INSERT_CLAIM: &str = "INSERT INTO claims (document, local_id, kind, act, cue_start, cue_end, \
     cue, content_start, content_end, content, speaker_start, speaker_end, speaker_mention, \
     speaker_implicit, speaker_name, entity, actor, medium_start, medium_end, medium, block, \
     confidence, date, date_source, date_before, ext) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
     ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)";

fn write_claims(
    inserts: &mut RowInserts,
    doc: &DocRows,
    document: i64,
    ids: &[(i64, i64)],
) -> Result<(), IndexError> {
    for c in &doc.claims {
        let (entity, actor) = c.entity.and_then(|i| ids.get(i)).copied().unzip();
        let (speaker_start, speaker_end, speaker_text) = span_parts(c.speaker.as_ref(), &doc.text);
        let (medium_start, medium_end, medium_text) = span_parts(c.medium.as_ref(), &doc.text);
        let row = inserts.claim.insert(&[
            Arg::Int(document),
            Arg::Text(&c.local_id),
            Arg::Text(c.kind),
            c.act.into(),
            Arg::Int(c.cue.start),
            Arg::Int(c.cue.end),
            Arg::Text(c.cue.text(&doc.text)),
            Arg::Int(c.content.start),
            Arg::Int(c.content.end),
            Arg::Text(c.content.text(&doc.text)),
            speaker_start.into(),
            speaker_end.into(),
            speaker_text.into(),
            Arg::Int(i64::from(c.implicit)),
            c.speaker_name.as_deref().into(),
            entity.into(),
            actor.into(),
            medium_start.into(),
            medium_end.into(),
            medium_text.into(),
            Arg::Text(c.block),
            Arg::Real(c.confidence),
            c.date.as_deref().into(),
            c.date_source.into(),
            Arg::Int(i64::from(c.date_before)),
            c.ext.as_deref().into(),
        ])?;
        inserts.fts.insert(&[Arg::Int(row), Arg::Text(&c.search)])?;
    }
    Ok(())
}

/// An entity of a document being replaced, kept to give its actor and link back to the same
/// entity of the new version: indexing a document again changes nothing.
struct OldEntity {
    row: EntityKey,
    actor: i64,
    link: String,
    link_key: Option<String>,
}

/// What makes two entity rows the same entity.
#[derive(PartialEq, Eq)]
struct EntityKey {
    local_id: String,
    name: String,
    kind: String,
    aliases: String,
    roles: String,
    kb_id: Option<String>,
}

impl EntityKey {
    fn of(e: &EntityRow) -> EntityKey {
        EntityKey {
            local_id: e.local_id.clone(),
            name: e.name.clone(),
            kind: e.kind.to_string(),
            aliases: json_list(&e.aliases),
            roles: json_list(&e.roles),
            kb_id: e.kb_id.clone(),
        }
    }
}

/// Removes the document with this id and everything that hangs on it; returns its entities
/// (`None` when there was no such document). Builds the secondary indexes first when they are
/// still pending: finding what hangs on a document needs them.
fn remove_document(
    tx: &Transaction<'_>,
    doc_id: &str,
    indexes_pending: &mut bool,
) -> Result<Option<Vec<OldEntity>>, IndexError> {
    let Some(document): Option<i64> = tx
        .prepare_cached("SELECT id FROM documents WHERE doc_id = ?1")?
        .query_row([doc_id], |r| r.get(0))
        .optional()?
    else {
        return Ok(None);
    };
    if std::mem::take(indexes_pending) {
        schema::create_indexes(tx)?;
    }
    let mut old = Vec::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT id, actor, name, kind, aliases, roles, kb_id, local_id, link, link_key \
             FROM entities WHERE document = ?1",
        )?;
        let mut rows = stmt.query([document])?;
        while let Some(row) = rows.next()? {
            let (entity, actor): (i64, i64) = (row.get(0)?, row.get(1)?);
            let key = EntityKey {
                name: row.get(2)?,
                kind: row.get(3)?,
                aliases: row.get(4)?,
                roles: row.get(5)?,
                kb_id: row.get(6)?,
                local_id: row.get(7)?,
            };
            let keys = crate::names::link_keys(
                &key.name,
                entity_kind(&key.kind),
                &json_strings(&key.aliases),
                &json_strings(&key.roles),
                key.kb_id.as_deref(),
            );
            forget(tx, &keys, entity, actor)?;
            old.push(OldEntity { row: key, actor, link: row.get(8)?, link_key: row.get(9)? });
        }
    }
    forget_search_forms(tx, document)?;
    for sql in [
        "DELETE FROM claims WHERE document = ?1",
        "DELETE FROM entities WHERE document = ?1",
        "DELETE FROM documents WHERE id = ?1",
    ] {
        tx.prepare_cached(sql)?.execute([document])?;
    }
    Ok(Some(old))
}

/// Takes a document's claims out of the full-text index. `claims_fts` keeps no row sizes
/// (`columnsize = 0`: a row fewer to write per claim), so FTS5 cannot delete a row by its id
/// alone: the `delete` command is given the words the row was indexed with, the search form of
/// the claim's content. [`crate::rows::DocRows::from_document`] made that form from the folded
/// text of the segment stage; [`search_form`] of the stored content is the same form (held by
/// `search_text`'s tests and checked on every claim in debug builds). A change to the search
/// form changes what a database holds, and bumps [`schema::SCHEMA_VERSION`].
fn forget_search_forms(tx: &Transaction<'_>, document: i64) -> Result<(), IndexError> {
    let mut claims = tx.prepare_cached("SELECT id, content FROM claims WHERE document = ?1")?;
    let mut delete = tx.prepare_cached(
        "INSERT INTO claims_fts (claims_fts, rowid, content) VALUES ('delete', ?1, ?2)",
    )?;
    let mut rows = claims.query([document])?;
    while let Some(row) = rows.next()? {
        let (id, content): (i64, String) = (row.get(0)?, row.get(1)?);
        delete.execute(rusqlite::params![id, search_form(&content)])?;
    }
    Ok(())
}

/// The error of an INSERT whose `UNIQUE` column already holds the value (`documents.doc_id`).
fn is_unique_violation(e: &rusqlite::Error) -> bool {
    e.sqlite_error().is_some_and(|e| e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

fn span_parts<'a>(
    span: Option<&SpanRow>,
    doc_text: &'a str,
) -> (Option<i64>, Option<i64>, Option<&'a str>) {
    match span {
        Some(s) => (Some(s.start), Some(s.end), Some(s.text(doc_text))),
        None => (None, None, None),
    }
}

fn json_strings(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The kind of an entity row (its serde name).
fn entity_kind(name: &str) -> isnad_core::EntityKind {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .unwrap_or(isnad_core::EntityKind::Unknown)
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_string())
}
