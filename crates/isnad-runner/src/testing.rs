//! Snapshot testing of pipelines: readable views of records, per-claim diffs, reference files.
//!
//! This is what `isnad test` is made of, as a library, so that a plugin author can test a pipeline
//! from their own crate's tests (with [insta](https://insta.rs) or plain `assert_eq!`):
//!
//! - [`run_pipeline_file`] runs a pipeline file on documents (files or directories) and returns
//!   their [`Record`]s, in input order.
//! - [`record_view`] / [`claims_view`] render a record as short lines (one per claim: kind,
//!   speaker, cue, date, content) that review well in a snapshot diff; the full record is plain
//!   JSON (`serde_json::to_string_pretty`).
//! - [`diff_records`] compares two records claim by claim and says what was added, removed or
//!   changed (speaker, cue, date, span…), plus timexes, entities and errors.
//! - [`cases`] finds every document of a directory with the path of its reference output
//!   (`NAME.expected.json` beside it), and [`Case::compare`] / [`Case::write_reference`] check or
//!   write it.
//!
//! Claims are matched by position in the text, not by id: one claim more at the start of an article
//! renumbers every claim after it, and a diff that reported all of them as changed would hide the
//! one that moved.

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use isnad_core::{Published, QuoteKind};
use rayon::prelude::*;
use thiserror::Error;

use crate::input::{Input, InputError, Reader};
use crate::output::{OutClaim, OutEntity, OutSpan, OutTimex, Record};
use crate::pipeline::Pipeline;
use crate::registry::Registry;
use crate::spec::{PipelineError, load_file};

/// The file name suffix of a reference output: `NAME.expected.json` beside `NAME.txt`.
pub const REFERENCE_SUFFIX: &str = ".expected.json";

/// Why a pipeline could not be tested.
#[derive(Debug, Error)]
pub enum TestingError {
    /// The pipeline file is unusable.
    #[error("invalid pipeline:\n{0}")]
    Pipeline(#[from] PipelineError),
    /// An input cannot be opened.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A directory cannot be listed.
    #[error("cannot read directory {path}: {source}")]
    Dir {
        /// The directory.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Two documents would share one reference file (the same id, or ids that differ only in
    /// characters a file name cannot hold).
    #[error(
        "documents in {first} and {second} would share the reference {reference} (id '{id}'): \
         give each document of a directory its own id"
    )]
    SharedReference {
        /// The reference file.
        reference: PathBuf,
        /// The input of the first document.
        first: PathBuf,
        /// The input of the second.
        second: PathBuf,
        /// The second document's id.
        id: String,
    },
    /// A reference file cannot be read or written, or does not hold a record.
    #[error("reference {path}: {message}")]
    Reference {
        /// The reference file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
}

/// Runs the pipeline file `pipeline` (built with the built-in stages, and plugins it names) on
/// `inputs` and returns one record per document, in input order. Documents without a publication
/// date get `published`.
pub fn run_pipeline_file(
    pipeline: &Path,
    inputs: &[Input],
    published: Option<Published>,
) -> Result<Vec<Record>, TestingError> {
    let pipeline = load_file(pipeline, &Registry::builtin())?;
    run_pipeline(&pipeline, inputs, published)
}

/// Runs a built pipeline on `inputs` (see [`run_pipeline_file`]).
pub fn run_pipeline(
    pipeline: &Pipeline,
    inputs: &[Input],
    published: Option<Published>,
) -> Result<Vec<Record>, TestingError> {
    let items: Vec<_> = Reader::open(inputs)?.collect();
    Ok(items
        .into_par_iter()
        .map(|item| match item.doc {
            None => Record::failed(item.id, item.errors),
            Some(mut doc) => {
                if doc.meta.published.is_none() {
                    doc.meta.published = published.clone();
                }
                let mut errors = item.errors;
                errors.extend(pipeline.process(&mut doc));
                Record::from_document(&doc, errors)
            }
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Views

fn kind_str(k: QuoteKind) -> String {
    name(&k)
}

/// Text on one line: line breaks shown as `⏎`, so a view stays one line per item.
fn one_line(s: &str) -> String {
    s.replace("\r\n", "⏎").replace(['\n', '\r'], "⏎")
}

/// Who the claim's speaker is, as a reader would say it: the linked name, else the mention text,
/// else `?`; with `(implicit)` when the subject was not written.
fn speaker_str(c: &OutClaim) -> String {
    let mut s = match (&c.speaker.name, &c.speaker.mention) {
        (Some(name), _) => name.clone(),
        (None, Some(m)) => format!("«{}»", one_line(&m.text)),
        (None, None) => "?".to_string(),
    };
    if c.speaker.implicit {
        s.push_str(" (implicit)");
    }
    s
}

fn date_str(c: &OutClaim) -> String {
    match (&c.date, c.date_source) {
        (Some(d), source) => {
            let src = match source {
                Some(isnad_core::DateSource::Timex) => "timex",
                Some(isnad_core::DateSource::Published) => "published",
                None => "?",
            };
            format!("{d} ({src}{})", if c.date_before { ", before" } else { "" })
        }
        (None, _) => "-".to_string(),
    }
}

/// One claim on one line: `c1 direct | speaker | cue «…» | medium «…» | date | «content»`.
/// The mention is shown beside the linked name when they differ, `[related]` marks claims in
/// page furniture, and an act other than speech follows the kind (`c2 indirect belief | …`).
pub fn claim_line(c: &OutClaim) -> String {
    let mut line = format!("{} {}", c.id, kind_str(c.kind));
    if c.act != isnad_core::Act::Speech {
        let _ = write!(line, " {}", c.act.as_str());
    }
    let _ = write!(line, " | {}", speaker_str(c));
    if let (Some(_), Some(m)) = (&c.speaker.name, &c.speaker.mention)
        && c.speaker.name.as_deref() != Some(m.text.as_str())
    {
        let _ = write!(line, " «{}»", one_line(&m.text));
    }
    let _ = write!(line, " | cue «{}»", one_line(&c.cue.text));
    if let Some(m) = &c.medium {
        let _ = write!(line, " | medium «{}»", one_line(&m.text));
    }
    let _ = write!(line, " | {}", date_str(c));
    if c.block == isnad_core::Block::Related {
        line.push_str(" | [related]");
    }
    let _ = write!(line, " | «{}»", one_line(&c.content.text));
    line
}

/// The claims of a record, one line each (see [`claim_line`]); `(no claims)` when there are none.
pub fn claims_view(record: &Record) -> String {
    if record.claims.is_empty() {
        return "(no claims)\n".to_string();
    }
    let mut out = String::new();
    for c in &record.claims {
        out.push_str(&claim_line(c));
        out.push('\n');
    }
    out
}

fn timex_line(t: &OutTimex) -> String {
    let value = match (&t.from, &t.to) {
        (Some(f), Some(to)) => format!("{f}..{to}"),
        (Some(f), None) => format!("{f}.."),
        (None, Some(to)) => format!("..{to}"),
        // (an amount of time or a recurrence has only its TIMEX3: "P2W")
        (None, None) => t
            .value
            .clone()
            .or_else(|| t.timex3.as_ref().map(|x| x.value.clone()))
            .unwrap_or_else(|| "-".into()),
    };
    let cal = if t.calendar == isnad_core::Calendar::Hijri { " hijri" } else { "" };
    format!("«{}» {} {}{}", one_line(&t.text), value, name(&t.grain), cal)
}

/// The serialised name of an enum value (`day`, `person`, `main`): what the JSON record says.
fn name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "?".into(),
    }
}

fn entity_line(e: &OutEntity) -> String {
    let mut line = format!("{} {} {}", e.id, name(&e.kind), e.name);
    if !e.aliases.is_empty() {
        let _ = write!(line, " | aliases: {}", e.aliases.join(", "));
    }
    if !e.roles.is_empty() {
        let _ = write!(line, " | roles: {}", e.roles.join(", "));
    }
    let _ = write!(
        line,
        " | {} mention{}",
        e.mentions.len(),
        if e.mentions.len() == 1 { "" } else { "s" }
    );
    line
}

/// A whole record in short lines: language and date, the claims ([`claims_view`]), the entities,
/// the timexes and the errors. Made for snapshot files a person reviews.
pub fn record_view(record: &Record) -> String {
    let mut out = format!(
        "lang: {} | published: {}\n\nclaims:\n",
        record.lang.as_deref().unwrap_or("-"),
        record.published.as_deref().unwrap_or("-")
    );
    for line in claims_view(record).lines() {
        let _ = writeln!(out, "  {line}");
    }
    out.push_str("\nentities:\n");
    if record.entities.is_empty() {
        out.push_str("  (none)\n");
    }
    for e in &record.entities {
        let _ = writeln!(out, "  {}", entity_line(e));
    }
    out.push_str("\ntimexes:\n");
    if record.timexes.is_empty() {
        out.push_str("  (none)\n");
    }
    for t in &record.timexes {
        let _ = writeln!(out, "  {}", timex_line(t));
    }
    if !record.errors.is_empty() {
        out.push_str("\nerrors:\n");
        for e in &record.errors {
            let _ = writeln!(out, "  {}", one_line(e));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Diffs

/// One field of a claim that changed, with its old and new value as shown to a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// `kind`, `act`, `speaker`, `cue`, `content`, `medium`, `date`, `block`, `confidence`, or a plugin
    /// field's name.
    pub field: String,
    /// The reference value.
    pub expected: String,
    /// The value now.
    pub actual: String,
}

/// How one claim differs between a reference record and a new one.
// A diff is built once per failing document and printed: the size of its variants is no concern.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimChange {
    /// A claim the reference does not have.
    Added(OutClaim),
    /// A claim of the reference that is gone.
    Removed(OutClaim),
    /// The same claim (overlapping cue or content), with some fields changed.
    Changed {
        /// The reference claim.
        expected: OutClaim,
        /// The claim now.
        actual: OutClaim,
        /// What changed.
        fields: Vec<FieldChange>,
    },
}

/// Everything that differs between a reference record and a new one. Empty when they are equal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordDiff {
    /// Claims added, removed or changed, in text order.
    pub claims: Vec<ClaimChange>,
    /// Other differences, one line each: metadata, timexes, entities, errors, extensions.
    pub other: Vec<String>,
}

impl RecordDiff {
    /// True when the records are the same.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty() && self.other.is_empty()
    }
}

fn span_str(s: &OutSpan) -> String {
    format!("{}..{} «{}»", s.start, s.end, one_line(&s.text))
}

fn opt_span_str(s: &Option<OutSpan>) -> String {
    s.as_ref().map(span_str).unwrap_or_else(|| "-".into())
}

fn overlap(a: &OutSpan, b: &OutSpan) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Claims equal in everything but their id.
fn same_claim(a: &OutClaim, b: &OutClaim) -> bool {
    let mut b = b.clone();
    b.id.clone_from(&a.id);
    *a == b
}

/// How well two claims correspond: same cue span first, then how much their contents overlap.
/// `None` when they have nothing in common.
fn affinity(a: &OutClaim, b: &OutClaim) -> Option<(bool, usize)> {
    let same_cue = a.cue.start == b.cue.start && a.cue.end == b.cue.end;
    let content = overlap(&a.content, &b.content);
    let cue = overlap(&a.cue, &b.cue);
    (same_cue || content > 0 || cue > 0).then_some((same_cue, content))
}

fn claim_fields(e: &OutClaim, a: &OutClaim) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut push = |field: &str, expected: String, actual: String| {
        if expected != actual {
            out.push(FieldChange { field: field.to_string(), expected, actual });
        }
    };
    push("kind", kind_str(e.kind), kind_str(a.kind));
    push("act", e.act.as_str().to_string(), a.act.as_str().to_string());
    push("speaker", speaker_str(e), speaker_str(a));
    push("speaker mention", opt_span_str(&e.speaker.mention), opt_span_str(&a.speaker.mention));
    push(
        "speaker entity",
        e.speaker.entity.clone().unwrap_or_else(|| "-".into()),
        a.speaker.entity.clone().unwrap_or_else(|| "-".into()),
    );
    push("cue", span_str(&e.cue), span_str(&a.cue));
    push("content", span_str(&e.content), span_str(&a.content));
    push("medium", opt_span_str(&e.medium), opt_span_str(&a.medium));
    push("date", date_str(e), date_str(a));
    push("block", name(&e.block), name(&a.block));
    push("confidence", e.confidence.to_string(), a.confidence.to_string());
    let keys: BTreeSet<&String> = e.ext.keys().chain(a.ext.keys()).collect();
    for k in keys {
        let show =
            |v: Option<&serde_json::Value>| v.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
        push(k, show(e.ext.get(k)), show(a.ext.get(k)));
    }
    out
}

/// Compares a reference record with a new one.
///
/// Claims equal in everything but their id are paired first; the rest are paired greedily by
/// correspondence (same cue, then the largest content overlap), and what is left is added or
/// removed. Timexes are compared by span, entities by id, and the record's other fields as they
/// are. If the records differ in a way none of this names, `other` says so: a diff never comes out
/// empty for records that are not equal.
pub fn diff_records(expected: &Record, actual: &Record) -> RecordDiff {
    let mut diff = RecordDiff::default();
    // Claims.
    let mut exp_left: Vec<Option<&OutClaim>> = expected.claims.iter().map(Some).collect();
    let mut act_left: Vec<Option<&OutClaim>> = actual.claims.iter().map(Some).collect();
    for a in act_left.iter_mut() {
        if let Some(slot) =
            exp_left.iter_mut().find(|e| e.is_some_and(|e| same_claim(e, a.unwrap())))
        {
            *slot = None;
            *a = None;
        }
    }
    let mut changes: Vec<(usize, ClaimChange)> = Vec::new();
    loop {
        let mut best: Option<((bool, usize), usize, usize)> = None;
        for (ei, e) in exp_left.iter().enumerate() {
            let Some(e) = e else { continue };
            for (ai, a) in act_left.iter().enumerate() {
                let Some(a) = a else { continue };
                if let Some(score) = affinity(e, a)
                    && best.is_none_or(|(b, _, _)| score > b)
                {
                    best = Some((score, ei, ai));
                }
            }
        }
        let Some((_, ei, ai)) = best else { break };
        let (e, a) = (exp_left[ei].take().unwrap(), act_left[ai].take().unwrap());
        let mut fields = claim_fields(e, a);
        if fields.is_empty() {
            // Equal but for what claim_fields does not show (the id): still report it.
            fields.push(FieldChange {
                field: "id".into(),
                expected: e.id.clone(),
                actual: a.id.clone(),
            });
        }
        changes.push((
            a.content.start,
            ClaimChange::Changed { expected: e.clone(), actual: a.clone(), fields },
        ));
    }
    changes.extend(
        exp_left.into_iter().flatten().map(|e| (e.content.start, ClaimChange::Removed(e.clone()))),
    );
    changes.extend(
        act_left.into_iter().flatten().map(|a| (a.content.start, ClaimChange::Added(a.clone()))),
    );
    changes.sort_by_key(|(pos, _)| *pos);
    diff.claims = changes.into_iter().map(|(_, c)| c).collect();

    // Record fields.
    let o = &mut diff.other;
    if expected.id != actual.id {
        o.push(format!("id: {} -> {}", expected.id, actual.id));
    }
    if expected.lang != actual.lang {
        o.push(format!(
            "lang: {} -> {}",
            expected.lang.as_deref().unwrap_or("-"),
            actual.lang.as_deref().unwrap_or("-")
        ));
    }
    if expected.published != actual.published {
        o.push(format!(
            "published: {} -> {}",
            expected.published.as_deref().unwrap_or("-"),
            actual.published.as_deref().unwrap_or("-")
        ));
    }
    if expected.meta != actual.meta {
        o.push(format!(
            "meta: {} -> {}",
            serde_json::Value::Object(expected.meta.clone()),
            serde_json::Value::Object(actual.meta.clone())
        ));
    }
    // Timexes: equal ones first, then pairs with the same text (a value or a position that
    // changed), then pairs at the same place (a text that changed).
    let mut exp_t: Vec<Option<&OutTimex>> = expected.timexes.iter().map(Some).collect();
    let mut act_t: Vec<Option<&OutTimex>> = actual.timexes.iter().map(Some).collect();
    let same_text = |a: &OutTimex, b: &OutTimex| a.text == b.text;
    let same_place = |a: &OutTimex, b: &OutTimex| a.start == b.start && a.end == b.end;
    type Rule<'r> = &'r dyn Fn(&OutTimex, &OutTimex) -> bool;
    let rules: [Rule<'_>; 3] = [&|a, b| a == b, &same_text, &same_place];
    for (round, rule) in rules.iter().enumerate() {
        for a in act_t.iter_mut() {
            let Some(av) = *a else { continue };
            if let Some(slot) = exp_t.iter_mut().find(|e| e.is_some_and(|e| rule(e, av))) {
                let e = slot.take().unwrap();
                *a = None;
                if round > 0 {
                    let (el, al) = (timex_line(e), timex_line(av));
                    if el == al {
                        o.push(format!(
                            "timex moved: {el} at {}..{} -> {}..{}",
                            e.start, e.end, av.start, av.end
                        ));
                    } else {
                        o.push(format!("timex changed: {el} -> {al}"));
                    }
                }
            }
        }
    }
    o.extend(exp_t.into_iter().flatten().map(|t| format!("timex removed: {}", timex_line(t))));
    o.extend(act_t.into_iter().flatten().map(|t| format!("timex added: {}", timex_line(t))));
    // Entities, by id.
    for e in &expected.entities {
        match actual.entities.iter().find(|a| a.id == e.id) {
            None => o.push(format!("entity removed: {}", entity_line(e))),
            Some(a) if a != e => {
                let (el, al) = (entity_line(e), entity_line(a));
                if el == al {
                    o.push(format!("entity changed: {el} (mention spans differ)"));
                } else {
                    o.push(format!("entity changed: {el} -> {al}"));
                }
            }
            Some(_) => {}
        }
    }
    for a in &actual.entities {
        if !expected.entities.iter().any(|e| e.id == a.id) {
            o.push(format!("entity added: {}", entity_line(a)));
        }
    }
    if expected.extensions != actual.extensions {
        o.push("extensions differ".to_string());
    }
    for e in &expected.errors {
        if !actual.errors.contains(e) {
            o.push(format!("error gone: {}", one_line(e)));
        }
    }
    for a in &actual.errors {
        if !expected.errors.contains(a) {
            o.push(format!("error new: {}", one_line(a)));
        }
    }
    if diff.is_empty() && expected != actual {
        diff.other
            .push("the records differ in a field the diff does not show; compare the JSON".into());
    }
    diff
}

impl fmt::Display for RecordDiff {
    /// One line per change: `+` added, `-` removed, `~` changed with an indented line per field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.claims {
            match c {
                ClaimChange::Added(a) => writeln!(f, "+ {}", claim_line(a))?,
                ClaimChange::Removed(e) => writeln!(f, "- {}", claim_line(e))?,
                ClaimChange::Changed { expected, actual, fields } => {
                    let id = if expected.id == actual.id {
                        expected.id.clone()
                    } else {
                        format!("{} -> {}", expected.id, actual.id)
                    };
                    writeln!(f, "~ {id} (cue «{}»):", one_line(&actual.cue.text))?;
                    for fc in fields {
                        writeln!(f, "    {}: {} -> {}", fc.field, fc.expected, fc.actual)?;
                    }
                }
            }
        }
        for line in &self.other {
            writeln!(f, "* {line}")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Reference files

/// One document of a test directory with the place of its reference output.
#[derive(Debug, Clone)]
pub struct Case {
    /// The name `--accept` takes: the file stem for a `.txt` file, the document id for a JSONL line.
    pub name: String,
    /// The input file.
    pub source: PathBuf,
    /// `NAME.expected.json` in the input file's directory.
    pub reference: PathBuf,
    /// The record the pipeline gives now.
    pub record: Record,
}

/// How a document compares with its reference.
#[derive(Debug)]
pub enum Outcome {
    /// Same record.
    Same,
    /// No reference file yet.
    Missing,
    /// Different: what changed.
    Differs(RecordDiff),
}

/// A file-name-safe form of a document id (`/`, `\`, `:` and control characters become `_`).
/// The longest case name used whole in a file name (file systems allow 255 bytes, and the
/// reference adds its suffix).
const MAX_NAME_BYTES: usize = 200;

/// The file name of a document's reference (without the suffix): its id with `/`, `\`, `:` and
/// control characters made `_`; an id too long for a file name keeps its first bytes and gets
/// a hash of the whole id, so that it stays unique.
fn file_name(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':') || c.is_control() { '_' } else { c })
        .collect();
    if name.len() <= MAX_NAME_BYTES {
        return name;
    }
    let mut cut = MAX_NAME_BYTES - 17;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    // FNV-1a: fixed across runs and platforms, unlike the standard library's hasher.
    let hash = id
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{}-{hash:016x}", &name[..cut])
}

/// The document files under `dir`, walked as `isnad run` walks it (each real directory once).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), TestingError> {
    let reader = Reader::open(&[Input::Path(dir.to_path_buf())])?;
    out.extend(reader.files().into_iter().filter(|p| !p.to_string_lossy().ends_with(".meta.json")));
    Ok(())
}

/// Every document under `dir` (`.txt` files with their `.meta.json`, and each line of `.jsonl`
/// files, in sorted path order, subdirectories included) run through `pipeline`, with the path of
/// its reference beside its input file. Documents without a publication date get `published`.
pub fn cases(
    pipeline: &Pipeline,
    dir: &Path,
    published: Option<Published>,
) -> Result<Vec<Case>, TestingError> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    let mut out: Vec<Case> = Vec::new();
    let mut seen: std::collections::HashMap<PathBuf, usize> = Default::default();
    for file in files {
        let records = run_pipeline(pipeline, &[Input::Path(file.clone())], published.clone())?;
        let parent = file.parent().unwrap_or(Path::new("."));
        for record in records {
            let name = file_name(&record.id);
            let reference = parent.join(format!("{name}{REFERENCE_SUFFIX}"));
            // Two documents with one reference would pass against each other's output.
            if let Some(&first) = seen.get(&reference) {
                return Err(TestingError::SharedReference {
                    reference,
                    first: out[first].source.clone(),
                    second: file.clone(),
                    id: record.id,
                });
            }
            seen.insert(reference.clone(), out.len());
            out.push(Case { name, source: file.clone(), reference, record });
        }
    }
    Ok(out)
}

/// Reference files under `dir` that no document of `cases` owns (their document was removed or
/// renamed), in sorted order.
pub fn orphan_references(dir: &Path, cases: &[Case]) -> Result<Vec<PathBuf>, TestingError> {
    /// Each real directory once, as the document walk does (a link back up the tree is no loop).
    fn refs(
        dir: &Path,
        out: &mut Vec<PathBuf>,
        seen: &mut BTreeSet<PathBuf>,
    ) -> Result<(), TestingError> {
        if !seen.insert(dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())) {
            return Ok(());
        }
        let err = |source| TestingError::Dir { path: dir.to_path_buf(), source };
        for entry in std::fs::read_dir(dir).map_err(err)? {
            let path = entry.map_err(err)?.path();
            if path.is_dir() {
                refs(&path, out, seen)?;
            } else if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(REFERENCE_SUFFIX))
            {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut all = Vec::new();
    refs(dir, &mut all, &mut BTreeSet::new())?;
    let owned: BTreeSet<&Path> = cases.iter().map(|c| c.reference.as_path()).collect();
    let mut orphans: Vec<PathBuf> =
        all.into_iter().filter(|p| !owned.contains(p.as_path())).collect();
    orphans.sort();
    Ok(orphans)
}

/// Reads a reference file.
pub fn read_reference(path: &Path) -> Result<Record, TestingError> {
    let err = |message: String| TestingError::Reference { path: path.to_path_buf(), message };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| err(format!("not an isnad record: {e}")))
}

/// A record as a reference file holds it: pretty JSON with a final newline, so that version
/// control shows a change to one claim as a few changed lines.
pub fn reference_json(record: &Record) -> String {
    let mut s = serde_json::to_string_pretty(record).expect("a record always serialises");
    s.push('\n');
    s
}

impl Case {
    /// Compares the record with the reference file.
    pub fn compare(&self) -> Result<Outcome, TestingError> {
        if !self.reference.exists() {
            return Ok(Outcome::Missing);
        }
        let expected = read_reference(&self.reference)?;
        // Compare as JSON values, as the file holds them, so that nothing the record type leaves
        // out of its own equality can slip through.
        let as_value = |r: &Record| serde_json::to_value(r).expect("a record always serialises");
        if as_value(&expected) == as_value(&self.record) {
            return Ok(Outcome::Same);
        }
        Ok(Outcome::Differs(diff_records(&expected, &self.record)))
    }

    /// Writes the record as the reference file.
    pub fn write_reference(&self) -> Result<(), TestingError> {
        std::fs::write(&self.reference, reference_json(&self.record)).map_err(|e| {
            TestingError::Reference { path: self.reference.clone(), message: e.to_string() }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_core::Block;

    fn span(start: usize, text: &str) -> OutSpan {
        OutSpan { start, end: start + text.chars().count(), text: text.into() }
    }

    fn claim(id: &str, cue: (usize, &str), content: (usize, &str), speaker: &str) -> OutClaim {
        OutClaim {
            id: id.into(),
            kind: QuoteKind::Indirect,
            act: isnad_core::Act::Speech,
            cue: span(cue.0, cue.1),
            content: span(content.0, content.1),
            speaker: crate::output::OutSpeaker {
                mention: Some(span(0, speaker)),
                implicit: false,
                entity: Some("e1".into()),
                name: Some(speaker.into()),
            },
            medium: None,
            block: Block::Main,
            confidence: 0.9,
            date: Some("2025-02-19".into()),
            date_source: Some(isnad_core::DateSource::Published),
            date_before: false,
            ext: Default::default(),
        }
    }

    fn record(claims: Vec<OutClaim>) -> Record {
        let mut r = Record::failed("doc".into(), Vec::new());
        r.claims = claims;
        r
    }

    #[test]
    fn equal_records_have_an_empty_diff() {
        let r = record(vec![claim("c1", (10, "said"), (20, "talks resume"), "Ana Reyes")]);
        assert!(diff_records(&r, &r.clone()).is_empty());
    }

    #[test]
    fn an_inserted_claim_is_one_addition_not_a_cascade_of_changes() {
        let old = record(vec![claim("c1", (50, "said"), (60, "talks resume"), "Ana Reyes")]);
        let new = record(vec![
            claim("c1", (10, "added"), (20, "prices rose"), "Ana Reyes"),
            claim("c2", (50, "said"), (60, "talks resume"), "Ana Reyes"),
        ]);
        let d = diff_records(&old, &new);
        assert_eq!(d.claims.len(), 1, "{d}");
        assert!(matches!(&d.claims[0], ClaimChange::Added(c) if c.cue.text == "added"));
        assert!(d.other.is_empty());
    }

    #[test]
    fn changed_speaker_and_span_are_named() {
        let old = record(vec![claim("c1", (10, "said"), (20, "talks resume"), "Ana Reyes")]);
        let new = record(vec![claim("c1", (10, "said"), (20, "talks resume soon"), "Tom Reyes")]);
        let d = diff_records(&old, &new);
        let shown = d.to_string();
        assert!(shown.contains("~ c1 (cue «said»):"), "{shown}");
        assert!(shown.contains("speaker: Ana Reyes -> Tom Reyes"), "{shown}");
        assert!(
            shown.contains("content: 20..32 «talks resume» -> 20..37 «talks resume soon»"),
            "{shown}"
        );
    }

    #[test]
    fn a_changed_act_is_named_and_shown() {
        let old = record(vec![claim("c1", (10, "plans"), (20, "to invite them"), "Ana Reyes")]);
        let mut new = old.clone();
        new.claims[0].act = isnad_core::Act::Intention;
        let shown = diff_records(&old, &new).to_string();
        assert!(shown.contains("act: speech -> intention"), "{shown}");
        assert!(claim_line(&new.claims[0]).starts_with("c1 indirect intention | Ana Reyes"));
        assert!(claim_line(&old.claims[0]).starts_with("c1 indirect | Ana Reyes"));
    }

    #[test]
    fn removed_claim_and_timex_are_reported() {
        let mut old = record(vec![claim("c1", (10, "said"), (20, "talks resume"), "Ana Reyes")]);
        old.timexes.push(OutTimex {
            start: 3,
            end: 9,
            text: "Monday".into(),
            kind: isnad_core::TimexKind::Value,
            grain: isnad_core::Grain::Day,
            value: Some("2025-02-17".into()),
            from: None,
            to: None,
            calendar: isnad_core::Calendar::Gregorian,
            timex3: None,
        });
        let new = record(vec![]);
        let shown = diff_records(&old, &new).to_string();
        assert!(shown.starts_with("- c1 indirect | Ana Reyes | cue «said»"), "{shown}");
        assert!(shown.contains("* timex removed: «Monday» 2025-02-17 day"), "{shown}");
    }
}
