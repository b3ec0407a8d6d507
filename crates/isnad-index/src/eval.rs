//! Scoring cross-document linking against a gold of identities.
//!
//! A gold file is written by hand, one line per entity of a document:
//!
//! ```text
//! # identity <TAB> document <TAB> a name the entity goes by in that document
//! adly<TAB>ar-l01<TAB>سامح العدلي
//! adly<TAB>en-l02<TAB>Sameh El-Adly
//! ```
//!
//! Each line is matched to the entity of that document whose name or one of whose aliases folds
//! to the same text; lines whose entity the pipeline did not produce are counted as not found and
//! left out (they measure the speakers stage, not linking). Then every pair of found entities **in
//! different documents** is a merge when the database gave them one actor, and a gold merge when
//! the gold gave them one identity: precision is the share of merges that are gold merges, recall
//! the share of gold merges that were made. An identity with one line is someone nobody else is,
//! so merging it with anyone costs precision.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::{Database, IndexError};

/// One line of a gold file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldLine {
    /// The identity (any label; lines with the same label are the same person or body).
    pub identity: String,
    /// The document id.
    pub document: String,
    /// A name or alias of the entity in that document.
    pub name: String,
    /// Where the line is, for messages.
    pub at: String,
}

/// Reads a gold file (tab-separated; `#` starts a comment line).
pub fn read_gold(path: &Path) -> Result<Vec<GoldLine>, IndexError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| IndexError::Io { path: path.to_path_buf(), source })?;
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [identity, document, name] = fields[..] else {
            return Err(IndexError::Gold {
                path: path.to_path_buf(),
                line: i + 1,
                message: format!(
                    "expected identity, document and name separated by tabs, found {} field(s)",
                    fields.len()
                ),
            });
        };
        lines.push(GoldLine {
            identity: identity.to_string(),
            document: document.to_string(),
            name: name.to_string(),
            at: format!("{}:{}", path.display(), i + 1),
        });
    }
    Ok(lines)
}

/// Precision and recall of cross-document merges.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LinkingReport {
    /// Gold lines.
    pub gold_lines: usize,
    /// Of which the pipeline produced the entity.
    pub found: usize,
    /// Pairs of found entities in different documents given one actor.
    pub merges: usize,
    /// Pairs of found entities in different documents of one gold identity.
    pub gold_merges: usize,
    /// Merges that are gold merges.
    pub right_merges: usize,
    /// `right_merges / merges` (1 when nothing was merged).
    pub precision: f64,
    /// `right_merges / gold_merges` (1 when the gold has no merge).
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
    /// Gold lines whose entity was not found (`file:line document name`).
    pub not_found: Vec<String>,
    /// Wrong merges (`a = b (why)`).
    pub wrong: Vec<String>,
    /// Missed merges (`a ≠ b`).
    pub missed: Vec<String>,
}

/// A gold line matched to an entity of the database.
struct Found<'g> {
    line: &'g GoldLine,
    actor: i64,
    link: String,
}

/// Scores the actors of `db` against gold lines.
pub fn score(db: &Database, gold: &[GoldLine]) -> Result<LinkingReport, IndexError> {
    let mut report = LinkingReport { gold_lines: gold.len(), ..LinkingReport::default() };
    let mut found: Vec<Found<'_>> = Vec::new();
    let mut stmt = db.connection().prepare(
        "SELECT e.name, e.aliases, e.actor, e.link, coalesce(e.link_key, '') FROM entities e \
         JOIN documents d ON d.id = e.document WHERE d.doc_id = ?1 ORDER BY e.id",
    )?;
    for line in gold {
        let want = isnad_text::fold(&line.name);
        let mut rows = stmt.query([&line.document])?;
        let mut matched = None;
        while let Some(row) = rows.next()? {
            let name: String = row.get(0)?;
            let aliases: Vec<String> =
                serde_json::from_str(&row.get::<_, String>(1)?).unwrap_or_default();
            if std::iter::once(&name).chain(&aliases).any(|n| isnad_text::fold(n) == want) {
                let link = format!("{} {}", row.get::<_, String>(3)?, row.get::<_, String>(4)?);
                matched = Some(Found { line, actor: row.get(2)?, link: link.trim().to_string() });
                break;
            }
        }
        match matched {
            Some(f) => found.push(f),
            None => report.not_found.push(format!("{} {} {}", line.at, line.document, line.name)),
        }
    }
    report.found = found.len();
    for (i, a) in found.iter().enumerate() {
        for b in &found[i + 1..] {
            if a.line.document == b.line.document {
                continue;
            }
            let merged = a.actor == b.actor;
            let gold_merged = a.line.identity == b.line.identity;
            let pair = |sep: &str| {
                format!(
                    "{}:{} {sep} {}:{}",
                    a.line.document, a.line.name, b.line.document, b.line.name
                )
            };
            report.merges += usize::from(merged);
            report.gold_merges += usize::from(gold_merged);
            report.right_merges += usize::from(merged && gold_merged);
            if merged && !gold_merged {
                report.wrong.push(format!("{} (linked by {} / {})", pair("="), a.link, b.link));
            } else if gold_merged && !merged {
                report.missed.push(pair("≠"));
            }
        }
    }
    let ratio = |n: usize, d: usize| if d == 0 { 1.0 } else { n as f64 / d as f64 };
    report.precision = ratio(report.right_merges, report.merges);
    report.recall = ratio(report.right_merges, report.gold_merges);
    let sum = report.precision + report.recall;
    report.f1 = if sum == 0.0 { 0.0 } else { 2.0 * report.precision * report.recall / sum };
    Ok(report)
}

impl LinkingReport {
    /// The headline figures by name, for gates (`merge-precision`, `merge-recall`, `merge-f1`,
    /// `gold-found`).
    pub fn metrics(&self) -> BTreeMap<String, f64> {
        let found =
            if self.gold_lines == 0 { 1.0 } else { self.found as f64 / self.gold_lines as f64 };
        BTreeMap::from([
            ("merge-precision".to_string(), self.precision),
            ("merge-recall".to_string(), self.recall),
            ("merge-f1".to_string(), self.f1),
            ("gold-found".to_string(), found),
        ])
    }
}

impl fmt::Display for LinkingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "cross-document linking")?;
        writeln!(f, "  gold entities found   {:>5} of {}", self.found, self.gold_lines)?;
        writeln!(
            f,
            "  merges                {:>5} made, {} in the gold, {} right",
            self.merges, self.gold_merges, self.right_merges
        )?;
        writeln!(f, "  precision             {:>8.3}", self.precision)?;
        writeln!(f, "  recall                {:>8.3}", self.recall)?;
        writeln!(f, "  F1                    {:>8.3}", self.f1)?;
        for (title, items) in [
            ("wrong merges", &self.wrong),
            ("missed merges", &self.missed),
            ("not found", &self.not_found),
        ] {
            if !items.is_empty() {
                writeln!(f, "  {title}:")?;
                for item in items.iter().take(30) {
                    writeln!(f, "    {item}")?;
                }
                if items.len() > 30 {
                    writeln!(f, "    … and {} more", items.len() - 30)?;
                }
            }
        }
        Ok(())
    }
}
