//! Reading a claims database: claims by speaker, period, text, language and outlet; actors with
//! their names and roles; a document with everything found in it.
//!
//! This is the API a viewer builds on (`isnad query`, `isnad speakers`, a local browser over the
//! database). Every result type serialises to JSON with the field names of the output record.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::search_text::fts_query;
use crate::{IndexError, schema};

/// A claims database open for reading. Opening never creates or changes a file; any number of
/// readers may read while one `isnad index` writes.
pub struct Database {
    conn: Connection,
}

/// Which claims [`Database::claims`] returns. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct ClaimQuery {
    /// Claims of the actors this name finds ([`Database::find_actors`]).
    pub speaker: Option<String>,
    /// Claims of this actor (an `actors.id`).
    pub actor: Option<i64>,
    /// Claims dated on or after this ISO date (`2025-02`, `2025-02-01`): claim dates compare as
    /// ISO strings, so a month value sorts at the month's start.
    pub from: Option<String>,
    /// Claims dated on or before this ISO date, all of it (`--to 2025-02` takes February whole).
    pub to: Option<String>,
    /// Full-text search over claim contents (see [`crate::fts_query`] for the syntax).
    pub search: Option<String>,
    /// Documents of this language (`ar`, `en`).
    pub lang: Option<String>,
    /// Documents whose outlet contains this text.
    pub outlet: Option<String>,
    /// At most this many claims (0: no limit).
    pub limit: usize,
    /// Skip this many first (for pages).
    pub offset: usize,
}

/// A span of a claim: code-point offsets into its document's text, and the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpanText {
    /// First code point.
    pub start: i64,
    /// One past the last.
    pub end: i64,
    /// The covered text.
    pub text: String,
}

/// A claim with its article: one row of `isnad query`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimHit {
    /// The claim's row id (`claims.id`).
    pub row: i64,
    /// The document id.
    pub document: String,
    /// Its outlet, when the input gave one.
    pub outlet: Option<String>,
    /// Its language.
    pub lang: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Its title, when the input gave one.
    pub title: Option<String>,
    /// The claim's id in its record (`c1`, …).
    pub claim: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// Speech act, when the pipeline gives one.
    pub act: Option<String>,
    /// The actor who said it (an `actors.id`), when linked.
    pub actor: Option<i64>,
    /// The speaker's name in the article, when linked.
    pub speaker: Option<String>,
    /// The speaker's mention in the claim's clause.
    pub speaker_mention: Option<SpanText>,
    /// The cue.
    pub cue: SpanText,
    /// What was said.
    pub content: SpanText,
    /// The outlet or channel of the statement.
    pub medium: Option<SpanText>,
    /// `main` or `related`.
    pub block: String,
    /// From 0 to 1.
    pub confidence: f64,
    /// When it was said.
    pub date: Option<String>,
    /// `timex` or `published`.
    pub date_source: Option<String>,
    /// True when `date` is an upper bound ("in earlier remarks").
    pub date_before: bool,
}

/// One name of an actor, with the language of the articles that used it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameUse {
    /// The name as written.
    pub name: String,
    /// The language of the articles (`ar`, `en`, …; `und` when unknown).
    pub lang: String,
    /// In how many entities (one per article) it was used.
    pub count: usize,
}

/// An actor: a person or organisation across the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// `actors.id`.
    pub id: i64,
    /// `person`, `organization`, `group` or `unknown`.
    pub kind: String,
    /// The fullest name it is known by.
    pub name: String,
    /// A gazetteer id, when one was given.
    pub kb_id: Option<String>,
    /// Claims attributed to it.
    pub claims: usize,
    /// Documents that name it.
    pub documents: usize,
    /// Every name and alias, most used first.
    pub names: Vec<NameUse>,
    /// Every role given to it, most used first, with its count.
    pub roles: Vec<(String, usize)>,
    /// The earliest and latest claim dates.
    pub first_date: Option<String>,
    /// See `first_date`.
    pub last_date: Option<String>,
}

/// An entity of one document, with how it was linked across the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityView {
    /// The entity's id in its record (`e1`, …).
    pub id: String,
    /// Its fullest name in the article.
    pub name: String,
    /// `person`, `organization`, `group` or `unknown`.
    pub kind: String,
    /// Other names used.
    pub aliases: Vec<String>,
    /// Titles and roles.
    pub roles: Vec<String>,
    /// Gazetteer id.
    pub kb_id: Option<String>,
    /// The actor it belongs to.
    pub actor: i64,
    /// Why: `new`, `kb_id`, `full name`, `alias`, `surname and role`.
    pub link: String,
    /// The key that tied it.
    pub link_key: Option<String>,
}

/// A mention of an entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionView {
    /// The entity's record id (`e1`), when linked.
    pub entity: Option<String>,
    /// `person`, `organization`, `role`, `pronoun`, `implicit`, …
    pub kind: String,
    /// Where.
    pub span: SpanText,
}

/// A date expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimexView {
    /// Where.
    pub span: SpanText,
    /// `value` or `interval`.
    pub kind: String,
    /// `day`, `month`, …
    pub grain: String,
    /// Its value.
    pub value: Option<String>,
    /// Interval start.
    pub from: Option<String>,
    /// Interval end (exclusive).
    pub to: Option<String>,
    /// `gregorian` or `hijri`.
    pub calendar: String,
}

/// A document with everything the pipeline found in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    /// The document id.
    pub id: String,
    /// Language.
    pub lang: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Other metadata given with the document.
    pub meta: Option<serde_json::Value>,
    /// Errors of its record.
    pub errors: Vec<String>,
    /// The text (spans are code-point offsets into it).
    pub text: String,
    /// Its claims, in text order.
    pub claims: Vec<ClaimHit>,
    /// Its entities.
    pub entities: Vec<EntityView>,
    /// Its mentions, in text order.
    pub mentions: Vec<MentionView>,
    /// Its date expressions, in text order.
    pub timexes: Vec<TimexView>,
}

/// Counts of a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Documents.
    pub documents: usize,
    /// Claims.
    pub claims: usize,
    /// Entities (one per document and participant).
    pub entities: usize,
    /// Actors (people and organisations across the corpus).
    pub actors: usize,
}

const CLAIM_COLUMNS: &str = "c.id, d.doc_id, d.outlet, d.lang, d.published, d.title, c.local_id, \
    c.kind, c.act, c.actor, c.speaker_name, c.speaker_start, c.speaker_end, c.speaker_mention, \
    c.cue_start, c.cue_end, c.cue, c.content_start, c.content_end, c.content, c.medium_start, \
    c.medium_end, c.medium, c.block, c.confidence, c.date, c.date_source, c.date_before";

impl Database {
    /// Opens an existing database for reading.
    pub fn open(path: &Path) -> Result<Database, IndexError> {
        Ok(Database { conn: schema::open_read(path)? })
    }

    /// The underlying connection, for queries of your own (read-only).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Counts of documents, claims, entities and actors.
    pub fn stats(&self) -> Result<Stats, IndexError> {
        let count = |table: &str| -> Result<usize, IndexError> {
            let n: i64 =
                self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(n as usize)
        };
        Ok(Stats {
            documents: count("documents")?,
            claims: count("claims")?,
            entities: count("entities")?,
            actors: count("actors")?,
        })
    }

    /// Claims matching `query`, newest first: by claim date, then the latest written document first,
    /// its claims in text order.
    ///
    /// The page is read off an index in that order where it can be (see the `page` module for the
    /// plans); only the rows of the page are read whole.
    pub fn claims(&self, query: &ClaimQuery) -> Result<Vec<ClaimHit>, IndexError> {
        let mut actors: Vec<i64> = query.actor.into_iter().collect();
        if let Some(name) = &query.speaker {
            let found = self.find_actors(name)?;
            if found.is_empty() {
                return Ok(Vec::new());
            }
            actors.extend(found);
        }
        let fts = match &query.search {
            Some(text) => Some(fts_query(text)?),
            None => None,
        };
        let ids = crate::page::page_ids(&self.conn, query, &actors, fts.as_deref())?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.id = c.document WHERE c.id = ?1"
        ))?;
        let mut hits = Vec::with_capacity(ids.len());
        for id in ids {
            hits.push(stmt.query_row([id], claim_hit)?);
        }
        Ok(hits)
    }

    /// The actors a name finds: an actor id written `#12`, a gazetteer id (`Q7747`), or a name
    /// folded as the stages fold it, which finds actors known by that full name or alias, and by a
    /// one-word name or surname ("Peskov", «بيسكوف»).
    pub fn find_actors(&self, name: &str) -> Result<Vec<i64>, IndexError> {
        let name = name.trim();
        if let Some(id) = name.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
            return Ok(vec![id]);
        }
        let folded = crate::names::folded_words(name).join(" ");
        let keys = [
            format!("kb:{name}"),
            format!("name:{folded}"),
            format!("word:{folded}"),
            format!("surname:{folded}"),
        ];
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT actor FROM link_keys WHERE key IN (?1, ?2, ?3, ?4) ORDER BY actor",
        )?;
        let found =
            stmt.query_map(params_from_iter(keys), |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(found)
    }

    /// Actors by number of claims (most first), with their names and roles; `limit` 0: all that
    /// made a claim.
    pub fn actors(&self, limit: usize) -> Result<Vec<Actor>, IndexError> {
        let limit = if limit == 0 { -1 } else { limit as i64 };
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT actor FROM claims WHERE actor IS NOT NULL GROUP BY actor \
                 ORDER BY count(*) DESC, actor LIMIT ?1",
            )?
            .query_map([limit], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter().filter_map(|id| self.actor(id).transpose()).collect()
    }

    /// One actor, with its names in every language, its roles and its counts.
    pub fn actor(&self, id: i64) -> Result<Option<Actor>, IndexError> {
        let Some((kind, name, kb_id)) = self
            .conn
            .prepare_cached("SELECT kind, name, kb_id FROM actors WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
        else {
            return Ok(None);
        };
        let (claims, first_date, last_date): (i64, Option<String>, Option<String>) = self
            .conn
            .prepare_cached("SELECT count(*), min(date), max(date) FROM claims WHERE actor = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let mut names: BTreeMap<(String, String), usize> = BTreeMap::new();
        let mut roles: BTreeMap<String, usize> = BTreeMap::new();
        let mut documents = std::collections::BTreeSet::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.name, e.aliases, e.roles, e.document, coalesce(d.lang, 'und') FROM entities e \
             JOIN documents d ON d.id = e.document WHERE e.actor = ?1",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            let entity_name: String = row.get(0)?;
            let aliases: Vec<String> = json_strings(&row.get::<_, String>(1)?);
            let lang: String = row.get(4)?;
            for n in std::iter::once(entity_name).chain(aliases) {
                *names.entry((n, lang.clone())).or_default() += 1;
            }
            for r in json_strings(&row.get::<_, String>(2)?) {
                *roles.entry(r).or_default() += 1;
            }
            documents.insert(row.get::<_, i64>(3)?);
        }
        let mut names: Vec<NameUse> =
            names.into_iter().map(|((name, lang), count)| NameUse { name, lang, count }).collect();
        names.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        let mut roles: Vec<(String, usize)> = roles.into_iter().collect();
        roles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(Some(Actor {
            id,
            kind,
            name,
            kb_id,
            claims: claims as usize,
            documents: documents.len(),
            names,
            roles,
            first_date,
            last_date,
        }))
    }

    /// A document by its id, with its claims, entities, mentions and timexes.
    pub fn document(&self, doc_id: &str) -> Result<Option<DocumentView>, IndexError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT id, lang, published, outlet, url, title, meta, errors, mentions, timexes, \
                 text FROM documents WHERE doc_id = ?1",
            )?
            .query_row([doc_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                    [r.get(8)?, r.get(9)?],
                    r.get::<_, String>(10)?,
                ))
            })
            .optional()?;
        let Some((row, [lang, published, outlet, url, title, meta, errors], layers, text)) = found
        else {
            return Ok(None);
        };
        let claims = self
            .conn
            .prepare_cached(&format!(
                "SELECT {CLAIM_COLUMNS} FROM claims c JOIN documents d ON d.id = c.document \
                 WHERE c.document = ?1 ORDER BY c.id"
            ))?
            .query_map([row], claim_hit)?
            .collect::<Result<_, _>>()?;
        let entities = self
            .conn
            .prepare_cached(
                "SELECT local_id, name, kind, aliases, roles, kb_id, actor, link, link_key \
                 FROM entities WHERE document = ?1 ORDER BY id",
            )?
            .query_map([row], |r| {
                Ok(EntityView {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    aliases: json_strings(&r.get::<_, String>(3)?),
                    roles: json_strings(&r.get::<_, String>(4)?),
                    kb_id: r.get(5)?,
                    actor: r.get(6)?,
                    link: r.get(7)?,
                    link_key: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let [mentions, timexes]: [Option<String>; 2] = layers;
        // In text order; mentions at the same offset in the order written (a stable sort).
        let mut mentions: Vec<MentionView> = stored_layer::<StoredMention>(mentions.as_deref())?
            .into_iter()
            .map(|StoredMention(entity, kind, start, end, text)| MentionView {
                entity,
                kind,
                span: SpanText { start, end, text },
            })
            .collect();
        let mut timexes: Vec<TimexView> = stored_layer::<StoredTimex>(timexes.as_deref())?
            .into_iter()
            .map(|StoredTimex(start, end, text, kind, grain, value, from, to, calendar)| {
                TimexView {
                    span: SpanText { start, end, text },
                    kind,
                    grain,
                    value,
                    from,
                    to,
                    calendar,
                }
            })
            .collect();
        mentions.sort_by_key(|m| m.span.start);
        timexes.sort_by_key(|t| t.span.start);
        Ok(Some(DocumentView {
            id: doc_id.to_string(),
            lang,
            published,
            outlet,
            url,
            title,
            meta: meta.and_then(|m: String| serde_json::from_str(&m).ok()),
            errors: errors.map(|e: String| json_strings(&e)).unwrap_or_default(),
            text,
            claims,
            entities,
            mentions,
            timexes,
        }))
    }
}

/// A row of [`CLAIM_COLUMNS`].
fn claim_hit(r: &Row<'_>) -> rusqlite::Result<ClaimHit> {
    let span = |at: usize| -> rusqlite::Result<Option<SpanText>> {
        let start: Option<i64> = r.get(at)?;
        let end: Option<i64> = r.get(at + 1)?;
        let text: Option<String> = r.get(at + 2)?;
        Ok(match (start, end, text) {
            (Some(start), Some(end), Some(text)) => Some(SpanText { start, end, text }),
            _ => None,
        })
    };
    let required = |at: usize| -> rusqlite::Result<SpanText> {
        Ok(SpanText { start: r.get(at)?, end: r.get(at + 1)?, text: r.get(at + 2)? })
    };
    Ok(ClaimHit {
        row: r.get(0)?,
        document: r.get(1)?,
        outlet: r.get(2)?,
        lang: r.get(3)?,
        published: r.get(4)?,
        title: r.get(5)?,
        claim: r.get(6)?,
        kind: r.get(7)?,
        act: r.get(8)?,
        actor: r.get(9)?,
        speaker: r.get(10)?,
        speaker_mention: span(11)?,
        cue: required(14)?,
        content: required(17)?,
        medium: span(20)?,
        block: r.get(23)?,
        confidence: r.get(24)?,
        date: r.get(25)?,
        date_source: r.get(26)?,
        date_before: r.get(27)?,
    })
}

/// A mention as `documents.mentions` holds it: `[entity, kind, start, end, text]`.
#[derive(Deserialize)]
struct StoredMention(Option<String>, String, i64, i64, String);

/// A timex as `documents.timexes` holds it: `[start, end, text, kind, grain, value, from, to,
/// calendar]`.
#[derive(Deserialize)]
struct StoredTimex(
    i64,
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// The items of a layer column (NULL: none), as written (in the order of the record's layer).
fn stored_layer<T: serde::de::DeserializeOwned>(json: Option<&str>) -> Result<Vec<T>, IndexError> {
    match json {
        Some(json) => serde_json::from_str(json).map_err(|e| IndexError::Corrupt(e.to_string())),
        None => Ok(Vec::new()),
    }
}

fn json_strings(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}
