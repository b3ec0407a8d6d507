//! Cross-document linking: which actor of the corpus an article's entity is.
//!
//! Each entity is linked when it is written, against the keys of the entities written before it
//! (the `link_keys` table, looked up through its index, so memory does not grow with the corpus).
//! The rules, tried in order; the first that finds **exactly one** actor links, and the entity
//! row records which (`entities.link`) and by which key (`entities.link_key`):
//!
//! 1. `kb_id`: the same gazetteer id (the gazetteer ties «بيسكوف» and "Peskov").
//! 2. `full name`: the same proper name of two words or more (an organisation's may be one word),
//!    folded: hamza and alef forms, ى/ي, ة/ه, diacritics and case do not matter. Transliterations
//!    do («دميتري» / «ديمتري», "Dmitry" / "Dmitri"): they need the gazetteer, or an article that
//!    gives both names (rule 3).
//! 3. `alias`: the same, where one side's key is an alias ("Dmitry Peskov" named in one article,
//!    given as an alias of «دميتري بيسكوف» in another).
//! 4. `surname and role`: an entity named by one word only ("Peskov") links to the one actor
//!    whose full name ends in that word and who was given one of its roles or titles ("Kremlin
//!    spokesman", «الرئيس»).
//!
//! Anything else starts a new actor (`new`): two people who share only a first name or a title
//! stay apart, and so do two that share a surname when no role ties one of them. When a key
//! leads to two actors, it decides nothing. Linking is incremental: an entity is compared with
//! what came before it, so an actor named only "Trump" in an early article stays apart from the
//! "Donald Trump" of later ones.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::IndexError;
use crate::names::LinkKeys;
use crate::raw_insert::{Arg, RawInsert};
use crate::rows::EntityRow;

/// How an entity was linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// The actor's row id.
    pub actor: i64,
    /// Why: `new`, `kb_id`, `full name`, `alias`, `surname and role`.
    pub reason: &'static str,
    /// The key that tied it (none for a new actor).
    pub key: Option<String>,
}

/// Links `entity` to an existing actor or creates one.
pub(crate) fn link(tx: &Transaction<'_>, entity: &EntityRow) -> Result<Link, IndexError> {
    if let Some(found) = find(tx, entity)? {
        improve_actor(tx, found.actor, entity)?;
        return Ok(found);
    }
    tx.prepare_cached("INSERT INTO actors (kind, name, kb_id) VALUES (?1, ?2, ?3)")?
        .execute(params![entity.kind, entity.name, entity.kb_id])?;
    Ok(Link { actor: tx.last_insert_rowid(), reason: "new", key: None })
}

/// The rules of the module doc, in order.
fn find(tx: &Transaction<'_>, entity: &EntityRow) -> Result<Option<Link>, IndexError> {
    let keys = &entity.keys;
    if let Some(kb) = &keys.kb
        && let Some(actor) = only_actor(tx, kb)?
    {
        return Ok(Some(Link { actor, reason: "kb_id", key: Some(kb.clone()) }));
    }
    for (key, origin) in &keys.names {
        if let Some(actor) = only_actor(tx, key)? {
            let by_name = has_full_name(tx, key, actor)?;
            let both_names = by_name && *origin == crate::names::Origin::Name;
            let reason = if both_names { "full name" } else { "alias" };
            return Ok(Some(Link { actor, reason, key: Some(key.clone()) }));
        }
    }
    if keys.one_word
        && let Some(surname) = &keys.surname
        && !keys.roles.is_empty()
    {
        // Actors whose full name ends in this word (keys of one-word names are `word` keys).
        let mut tied: Vec<(i64, &String)> = Vec::new();
        for role in &keys.roles {
            for actor in actors_in_both(tx, surname, role, 2)? {
                if !tied.iter().any(|(a, _)| *a == actor) {
                    tied.push((actor, role));
                }
            }
        }
        if let [(actor, role)] = tied[..] {
            let key = format!("{surname} + {role}");
            return Ok(Some(Link { actor, reason: "surname and role", key: Some(key) }));
        }
    }
    Ok(None)
}

/// Up to `limit` actors (lowest ids first) that have a full name (an `origin = 'name'` row)
/// under `surname` and a row under `role`.
///
/// The two keys' rows are sorted by actor in the primary key, so the actors are found by seeking
/// in both lists in turn (each seek skips to the other list's next actor), not by reading every
/// row of a surname that thousands of articles name ("surname:trump") and probing the role for
/// each.
fn actors_in_both(
    tx: &Transaction<'_>,
    surname: &str,
    role: &str,
    limit: usize,
) -> Result<Vec<i64>, IndexError> {
    let mut next = tx.prepare_cached(
        "SELECT actor FROM link_keys WHERE key = ?1 AND actor >= ?2 ORDER BY actor LIMIT 1",
    )?;
    let mut found = Vec::new();
    let mut from = i64::MIN;
    while found.len() < limit {
        let Some(in_role) =
            next.query_row(params![role, from], |r| r.get::<_, i64>(0)).optional()?
        else {
            break;
        };
        let Some(in_surname) =
            next.query_row(params![surname, in_role], |r| r.get::<_, i64>(0)).optional()?
        else {
            break;
        };
        if in_surname == in_role {
            if has_full_name(tx, surname, in_role)? {
                found.push(in_role);
            }
            from = in_role + 1;
        } else {
            from = in_surname;
        }
    }
    Ok(found)
}

/// True when `actor` has `key` from a full name (an `origin = 'name'` row), not only from an
/// alias or a one-word name.
fn has_full_name(tx: &Transaction<'_>, key: &str, actor: i64) -> Result<bool, IndexError> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM link_keys WHERE key = ?1 AND actor = ?2 \
             AND origin = 'name')",
        )?
        .query_row(params![key, actor], |r| r.get(0))?)
}

/// The one actor a key leads to, or `None` when it leads to none or to several.
///
/// Two seeks in the primary key (the lowest and the highest actor of the key), not a scan of the
/// key's rows: a name said in every article (a thousand rows for one actor) costs what a rare one
/// does, so linking does not slow down as the corpus grows.
fn only_actor(tx: &Transaction<'_>, key: &str) -> Result<Option<i64>, IndexError> {
    let (low, high): (Option<i64>, Option<i64>) = tx
        .prepare_cached(
            "SELECT (SELECT actor FROM link_keys WHERE key = ?1 ORDER BY actor LIMIT 1), \
                    (SELECT actor FROM link_keys WHERE key = ?1 ORDER BY actor DESC LIMIT 1)",
        )?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(low.filter(|&l| Some(l) == high))
}

/// An actor takes the fullest name it is known by (more words), a known kind over `unknown`, and
/// a gazetteer id when it had none.
fn improve_actor(tx: &Transaction<'_>, actor: i64, entity: &EntityRow) -> Result<(), IndexError> {
    let current: Option<(String, String, Option<String>)> = tx
        .prepare_cached("SELECT kind, name, kb_id FROM actors WHERE id = ?1")?
        .query_row([actor], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((kind, name, kb_id)) = current else { return Ok(()) };
    let words = |s: &str| s.split_whitespace().count();
    let better_name = entity.keys.names.first().is_some_and(|(k, o)| {
        *o == crate::names::Origin::Name && k.len() > 5 && words(&entity.name) > words(&name)
    });
    let better_kind = kind == "unknown" && entity.kind != "unknown";
    if better_name || better_kind || (kb_id.is_none() && entity.kb_id.is_some()) {
        tx.prepare_cached(
            "UPDATE actors SET name = ?2, kind = ?3, kb_id = coalesce(kb_id, ?4) WHERE id = ?1",
        )?
        .execute(params![
            actor,
            if better_name { &entity.name } else { &name },
            if better_kind { entity.kind } else { kind.as_str() },
            entity.kb_id
        ])?;
    }
    Ok(())
}

/// Records the keys of a written entity for the entities after it, through `insert` (the
/// writer's prepared [`INSERT_LINK_KEY`]).
pub(crate) fn remember(
    insert: &mut RawInsert,
    keys: &LinkKeys,
    entity: i64,
    actor: i64,
) -> Result<(), IndexError> {
    for (key, origin) in stored_keys(keys) {
        insert.insert(&[Arg::Text(key), Arg::Int(actor), Arg::Int(entity), Arg::Text(origin)])?;
    }
    Ok(())
}

/// The statement [`remember`] runs for each key.
pub(crate) const INSERT_LINK_KEY: &str =
    "INSERT OR IGNORE INTO link_keys (key, actor, entity, origin) VALUES (?1, ?2, ?3, ?4)";

/// Removes the keys [`remember`] recorded for an entity (the same keys: they are computed again
/// from the entity's row, which is why `link_keys` needs no index by entity).
pub(crate) fn forget(
    tx: &Transaction<'_>,
    keys: &LinkKeys,
    entity: i64,
    actor: i64,
) -> Result<(), IndexError> {
    let mut delete =
        tx.prepare_cached("DELETE FROM link_keys WHERE key = ?1 AND actor = ?2 AND entity = ?3")?;
    for (key, _) in stored_keys(keys) {
        delete.execute(params![key, actor, entity])?;
    }
    Ok(())
}

/// The keys stored for an entity, with their origin. Roles are stored only for people with a
/// full name: they are what a one-word name is compared with (rule 4), never the other way.
fn stored_keys(keys: &LinkKeys) -> Vec<(&str, &'static str)> {
    let mut out = Vec::new();
    if let Some(kb) = &keys.kb {
        out.push((kb.as_str(), "kb"));
    }
    for (key, origin) in &keys.names {
        out.push((key.as_str(), origin.as_str()));
    }
    if let Some(surname) = &keys.surname {
        out.push((surname.as_str(), if keys.one_word { "word" } else { "name" }));
        if !keys.one_word {
            out.extend(keys.roles.iter().map(|r| (r.as_str(), "role")));
        }
    }
    out.extend(keys.words.iter().map(|w| (w.as_str(), "word")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// The database's tables (the seeks rely on `link_keys`' primary key order), with
    /// `(key, actor, entity, origin)` rows in `link_keys`.
    fn keys(rows: &[(&str, i64, i64, &str)]) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        // (Foreign keys off, as the writer runs: the rows name actors and entities not stored.)
        conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
        conn.execute_batch(crate::schema::TABLES).unwrap();
        for (key, actor, entity, origin) in rows {
            conn.execute(
                "INSERT INTO link_keys VALUES (?1, ?2, ?3, ?4)",
                params![key, actor, entity, origin],
            )
            .unwrap();
        }
        conn
    }

    #[test]
    fn a_key_leads_to_one_actor_or_decides_nothing() {
        let mut many: Vec<(&str, i64, i64, &str)> =
            (0..300).map(|e| ("name:nadia", 7, e, "name")).collect();
        many.extend([("name:omar", 3, 1, "name"), ("name:omar", 9, 2, "alias")]);
        let mut conn = keys(&many);
        let tx = conn.transaction().unwrap();
        for (key, expected) in [("name:nadia", Some(7)), ("name:omar", None), ("name:zaid", None)] {
            assert_eq!(only_actor(&tx, key).unwrap(), expected, "{key}");
        }
    }

    #[test]
    fn surname_and_role_need_a_full_name_and_the_role() {
        let mut conn = keys(&[
            // Actor 1: a full name ending in "haddad", a minister.
            ("surname:haddad", 1, 10, "name"),
            ("role:minister", 1, 10, "role"),
            // Actor 2: "haddad" only as a one-word name, a minister too: no full name.
            ("surname:haddad", 2, 11, "word"),
            ("role:minister", 2, 11, "role"),
            // Actor 4: a full name ending in "haddad", an ambassador.
            ("surname:haddad", 4, 12, "name"),
            ("role:ambassador", 4, 12, "role"),
            // Actors 5 and 6: ministers without that surname.
            ("role:minister", 5, 13, "role"),
            ("role:minister", 6, 14, "role"),
            ("surname:haddad", 8, 15, "name"),
            ("role:spokesman", 8, 15, "role"),
            ("surname:haddad", 9, 16, "name"),
            ("role:spokesman", 9, 16, "role"),
        ]);
        let tx = conn.transaction().unwrap();
        let cases: [(&str, usize, &[i64]); 5] = [
            ("role:minister", 2, &[1]),
            ("role:ambassador", 2, &[4]),
            ("role:spokesman", 2, &[8, 9]),
            ("role:spokesman", 1, &[8]),
            ("role:mayor", 2, &[]),
        ];
        for (role, limit, expected) in cases {
            let found = actors_in_both(&tx, "surname:haddad", role, limit).unwrap();
            assert_eq!(found, expected, "{role} (limit {limit})");
        }
    }
}
