//! Scoring quote attribution: our gold files and PolNeAR.
//!
//! Two gold formats are read:
//! - **gold JSON** (`*.gold.json` beside the article `*.txt`, as in `corpus/ar/`): `document` meta,
//!   `claims` (content span, speaker, speaker mention, optional), `not_claims` (traps) and the
//!   `speakers` table of aliases; `content_span` may also be a list of spans, for a quotation
//!   split by its reporting clause;
//! - **PolNeAR JSONL** (one article a line: `id`, `lang`, `text`, `attributions` with `cue`,
//!   `sources`, `contents`).
//!
//! Offsets in both are code points; they are turned into byte offsets once, on reading.
//!
//! # Matching
//! A predicted claim matches a gold claim when the predicted content covers more than a
//! threshold (30%, and separately 80%) of the gold content (all its spans together). Matching is
//! one-to-one and greedy: required gold claims first, then pairs whose cues overlap (the same
//! attribution when contents nest), then by coverage. A gold claim marked
//! `optional` is never a miss, and a prediction matched to it is no false positive either.
//!
//! Besides precision, recall and F1 the report gives: how many `not_claims` a prediction took for
//! a claim (a prediction matched to no gold claim that covers more than 30% of a trap, or lies
//! mostly inside it); speaker-mention accuracy on matched claims (the predicted mention overlaps
//! the gold mention; both absent counts as right); and, for matched claims whose prediction names
//! a speaker (`speaker.name`, set by speaker linking), speaker-entity accuracy against the gold
//! speaker and its aliases.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use isnad_core::{Act, Block, Claim, Document, Lang, Published};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::{EvalError, Processor, Report};

/// Classes a gold claim's cue text by the act it reports (given the document's language), or
/// `None` when it knows no cue in it.
pub type CueActs = dyn Fn(&Lang, &str) -> Option<Act> + Send + Sync;

/// What a gold view by act does with a gold claim whose cue is of no known act.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnknownAct {
    /// Neither a miss nor, when matched, a false positive: the figures are those of the claims
    /// whose act is known.
    #[default]
    Optional,
    /// Kept as a required gold claim: recall counts it (a lower bound when some are not of the
    /// acts kept).
    Required,
    /// Left out, like another act: a prediction matching it is a false positive.
    LeftOut,
}

/// A view of the gold restricted to some acts.
#[derive(Clone)]
pub struct GoldActs {
    /// The acts kept.
    pub acts: Vec<Act>,
    /// How a cue is classed.
    pub classify: Arc<CueActs>,
    /// What happens to a gold claim whose cue is of no known act.
    pub unknown: UnknownAct,
}

impl fmt::Debug for GoldActs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoldActs").field("acts", &self.acts).finish_non_exhaustive()
    }
}

/// Options of the quote scorer.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// List misses, false positives and extracted traps with their text.
    pub verbose: bool,
    /// Score only the first `limit` documents of each input (for quick runs).
    pub limit: Option<usize>,
    /// Score against the gold claims of some acts only: a gold claim whose cue reports another
    /// act is left out (a prediction matching it is then a false positive); one whose cue is of
    /// no known act (":", "statement") is treated as [`GoldActs::unknown`] says. A speech-only
    /// view of PolNeAR, which also annotates beliefs, intentions and perceptions.
    pub gold_acts: Option<GoldActs>,
}

/// One gold claim, in byte offsets.
#[derive(Debug, Clone)]
struct GoldClaim {
    content: Vec<(usize, usize)>,
    /// Spans of the speaker mention (several for PolNeAR sources); empty when unwritten.
    mention: Vec<(usize, usize)>,
    /// True when the gold says there is no written mention (implicit subject).
    mention_null: bool,
    /// The speaker's name, when the gold names one.
    speaker: Option<String>,
    optional: bool,
    block: Block,
    /// The gold cue text, for listings.
    cue: Option<String>,
    /// Where the cue is, when known: it tells apart gold claims whose contents nest.
    cue_span: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct Trap {
    span: (usize, usize),
    why: String,
}

#[derive(Debug, Clone)]
struct GoldDoc {
    doc: Document,
    claims: Vec<GoldClaim>,
    traps: Vec<Trap>,
    /// Speaker name -> folded aliases (the name included).
    aliases: BTreeMap<String, Vec<String>>,
}

/// How [`Options::gold_acts`] changed the gold.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GoldView {
    /// The acts kept.
    pub acts: Vec<Act>,
    /// Gold claims left out: their cue reports another act.
    pub left_out: usize,
    /// Gold claims whose cue is of no known act.
    pub unknown: usize,
    /// What was done with those.
    pub unknown_as: UnknownAct,
}

/// Precision, recall and F1 at one overlap threshold.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PrecisionRecall {
    /// Matched required gold claims.
    pub tp: usize,
    /// Predictions matched to no gold claim.
    pub fp: usize,
    /// Required gold claims matched by no prediction.
    pub fn_: usize,
    /// tp / (tp + fp).
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl PrecisionRecall {
    fn finish(&mut self) {
        let p = self.tp + self.fp;
        let r = self.tp + self.fn_;
        self.precision = if p == 0 { 0.0 } else { self.tp as f64 / p as f64 };
        self.recall = if r == 0 { 0.0 } else { self.tp as f64 / r as f64 };
        let s = self.precision + self.recall;
        self.f1 = if s == 0.0 { 0.0 } else { 2.0 * self.precision * self.recall / s };
    }

    fn add(&mut self, other: &PrecisionRecall) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// A claim listed in verbose output.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    /// Document id.
    pub doc: String,
    /// Cue text (predictions only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// Content text (shortened).
    pub text: String,
    /// Why it is listed (for traps: the gold's reason).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The result of scoring quotes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuotesReport {
    /// Documents scored.
    pub documents: usize,
    /// Required gold claims.
    pub gold: usize,
    /// Optional gold claims.
    pub optional: usize,
    /// With [`Options::gold_acts`]: the acts kept, gold claims left out for their act, and gold
    /// claims made optional because their cue is of no known act.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold_view: Option<GoldView>,
    /// Predicted claims.
    pub predicted: usize,
    /// Scores at more than 30% coverage.
    pub at30: PrecisionRecall,
    /// Scores at more than 80% coverage.
    pub at80: PrecisionRecall,
    /// Scores at 30% by block of the gold claim / prediction (`main`, `related`).
    pub by_block: BTreeMap<String, PrecisionRecall>,
    /// Traps in the gold (`not_claims`).
    pub not_claims: usize,
    /// Traps a prediction took for a claim.
    pub not_claims_extracted: usize,
    /// Matched claims (at 30%) whose speaker mention was right.
    pub mention_correct: usize,
    /// Matched claims (at 30%) scored for the speaker mention.
    pub mention_total: usize,
    /// Matched claims whose predicted speaker entity was right.
    pub entity_correct: usize,
    /// Matched claims whose prediction named a speaker entity.
    pub entity_total: usize,
    /// Extracted traps, listed always.
    pub extracted: Vec<Listed>,
    /// Required gold claims missed (verbose).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<Listed>,
    /// Predictions matched to nothing (verbose).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub false_positives: Vec<Listed>,
    /// Matched claims with a wrong speaker mention (verbose).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub wrong_mentions: Vec<Listed>,
    /// Matched claims whose predicted speaker entity is wrong (verbose).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub wrong_entities: Vec<Listed>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl Report for QuotesReport {
    fn metrics(&self) -> BTreeMap<String, f64> {
        let mut m = BTreeMap::new();
        for (name, prf) in [("30", &self.at30), ("80", &self.at80)] {
            m.insert(format!("precision@{name}"), prf.precision);
            m.insert(format!("recall@{name}"), prf.recall);
            m.insert(format!("f1@{name}"), prf.f1);
        }
        m.insert("not-claims-extracted".into(), self.not_claims_extracted as f64);
        m.insert(
            "speaker-mention-accuracy".into(),
            ratio(self.mention_correct, self.mention_total),
        );
        if self.entity_total > 0 {
            m.insert(
                "speaker-entity-accuracy".into(),
                ratio(self.entity_correct, self.entity_total),
            );
        }
        m
    }
}

impl fmt::Display for QuotesReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "quotes: {} documents, {} gold claims (+{} optional), {} predicted",
            self.documents, self.gold, self.optional, self.predicted
        )?;
        if let Some(v) = &self.gold_view {
            let acts: Vec<&str> = v.acts.iter().map(|a| a.as_str()).collect();
            writeln!(
                f,
                "gold view: {} only ({} gold claims of other acts left out; {} with a cue of no \
                 known act {})",
                acts.join(", "),
                v.left_out,
                v.unknown,
                match v.unknown_as {
                    UnknownAct::Optional => "made optional",
                    UnknownAct::Required => "kept as required",
                    UnknownAct::LeftOut => "left out",
                }
            )?;
        }
        writeln!(
            f,
            "{:<12} {:>6} {:>6} {:>6} {:>8} {:>8} {:>8}",
            "overlap", "tp", "fp", "fn", "P", "R", "F1"
        )?;
        let mut row = |name: &str, p: &PrecisionRecall| {
            writeln!(
                f,
                "{:<12} {:>6} {:>6} {:>6} {:>7.1}% {:>7.1}% {:>7.1}%",
                name,
                p.tp,
                p.fp,
                p.fn_,
                p.precision * 100.0,
                p.recall * 100.0,
                p.f1 * 100.0
            )
        };
        row(">30%", &self.at30)?;
        row(">80%", &self.at80)?;
        for (block, p) in &self.by_block {
            row(&format!(">30% {block}"), p)?;
        }
        writeln!(f, "not_claims extracted: {} of {}", self.not_claims_extracted, self.not_claims)?;
        writeln!(
            f,
            "speaker mention: {}/{} ({:.1}%)",
            self.mention_correct,
            self.mention_total,
            ratio(self.mention_correct, self.mention_total) * 100.0
        )?;
        if self.entity_total > 0 {
            writeln!(
                f,
                "speaker entity: {}/{} ({:.1}%)",
                self.entity_correct,
                self.entity_total,
                ratio(self.entity_correct, self.entity_total) * 100.0
            )?;
        }
        let mut list = |title: &str, items: &[Listed]| -> fmt::Result {
            if items.is_empty() {
                return Ok(());
            }
            writeln!(f, "{title}:")?;
            for l in items {
                write!(f, "  [{}]", l.doc)?;
                if let Some(c) = &l.cue {
                    write!(f, " <{c}>")?;
                }
                write!(f, " {}", l.text)?;
                if let Some(n) = &l.note {
                    write!(f, "  ({n})")?;
                }
                writeln!(f)?;
            }
            Ok(())
        };
        list("extracted not_claims", &self.extracted)?;
        list("misses", &self.misses)?;
        list("false positives", &self.false_positives)?;
        list("wrong speaker mentions", &self.wrong_mentions)?;
        list("wrong speaker entities", &self.wrong_entities)?;
        Ok(())
    }
}

/// Maps code-point offsets of a text to byte offsets.
struct ByteIndex(Vec<usize>);

impl ByteIndex {
    fn new(text: &str) -> ByteIndex {
        let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        v.push(text.len());
        ByteIndex(v)
    }

    fn byte(&self, cp: usize) -> usize {
        self.0[cp.min(self.0.len() - 1)]
    }
}

/// The words around a cue, for a listing: what precedes it in its line (up to ~120 bytes), the
/// cue in brackets, and a few words after it, so that a wrong speaker can be read in context.
fn cue_context(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(120);
    while !text.is_char_boundary(a) {
        a += 1;
    }
    if let Some(nl) = text[a..start].rfind('\n') {
        a += nl + 1;
    }
    let mut b = (end + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    if let Some(nl) = text[end..b].find('\n') {
        b = end + nl;
    }
    format!("{}[{}]{}", &text[a..start], &text[start..end], &text[end..b])
}

fn fmt_err(path: &Path, line: usize, message: impl Into<String>) -> EvalError {
    EvalError::Format { path: path.to_path_buf(), line, message: message.into() }
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path)
        .map_err(|source| EvalError::Io { path: path.to_path_buf(), source })
}

fn short(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 140 {
        let cut: String = s.chars().take(137).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// Finds every occurrence of `needle` in `text` and returns the one nearest to the span `near`,
/// preferring those before it. The gold names a cue or a mention by its text only; the one meant
/// is the occurrence next to its claim, and one inside `near` (a "said" inside the quotation)
/// only when there is no other.
fn locate(text: &str, needle: &str, near: (usize, usize)) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    // Whole-word occurrences first: a short mention ("he") is also inside longer words ("the").
    let whole = |&(s, e): &(usize, usize)| {
        !text[..s].chars().next_back().is_some_and(char::is_alphanumeric)
            && !text[e..].chars().next().is_some_and(char::is_alphanumeric)
    };
    let distance = |(s, e): (usize, usize)| {
        if e <= near.0 {
            (near.0 - e) * 2
        } else if s >= near.1 {
            (s - near.1) * 3
        } else {
            text.len() * 3 + s
        }
    };
    let nearest = |it: &mut dyn Iterator<Item = (usize, usize)>| it.min_by_key(|&m| distance(m));
    let all = || text.match_indices(needle).map(|(at, _)| (at, at + needle.len()));
    nearest(&mut all().filter(whole)).or_else(|| nearest(&mut all()))
}

fn block_of(v: Option<&Value>) -> Block {
    match v.and_then(Value::as_str) {
        Some("related") => Block::Related,
        _ => Block::Main,
    }
}

fn span_pair(v: &Value) -> Option<(usize, usize)> {
    let a = v.as_array()?;
    Some((a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize))
}

/// Reads one gold JSON file and its article.
fn read_gold(path: &Path) -> Result<GoldDoc, EvalError> {
    let json: Value =
        serde_json::from_str(&read(path)?).map_err(|e| fmt_err(path, e.line(), e.to_string()))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let stem = name.strip_suffix(".gold.json").unwrap_or(name);
    let txt = path.with_file_name(format!("{stem}.txt"));
    let text = read(&txt)?;
    let idx = ByteIndex::new(&text);
    let meta = json.get("document").cloned().unwrap_or(Value::Null);
    let id = meta.get("id").and_then(Value::as_str).unwrap_or(stem).to_string();
    let mut doc = Document::new(id, text.clone());
    doc.meta.lang = meta.get("lang").and_then(Value::as_str).map(Lang::from_code);
    doc.meta.published =
        meta.get("published").and_then(Value::as_str).and_then(|p| p.parse::<Published>().ok());
    doc.meta.source = meta.get("source").and_then(Value::as_str).map(str::to_string);
    doc.meta.url = meta.get("url").and_then(Value::as_str).map(str::to_string);
    let mut claims = Vec::new();
    for (n, c) in json.get("claims").and_then(Value::as_array).into_iter().flatten().enumerate() {
        // One span, or a list of spans for a quotation split by its reporting clause
        // ("“…,” she said, “…”" is one statement, as in PolNeAR's contents).
        let spans: Vec<(usize, usize)> = match c.get("content_span") {
            Some(Value::Array(a)) if a.first().is_some_and(Value::is_array) => {
                a.iter().filter_map(span_pair).collect()
            }
            other => other.and_then(span_pair).into_iter().collect(),
        };
        if spans.is_empty() {
            return Err(fmt_err(path, 0, format!("claim {n} has no content_span")));
        }
        let spans: Vec<(usize, usize)> =
            spans.into_iter().map(|(s, e)| (idx.byte(s), idx.byte(e))).collect();
        let content = spans[0];
        let mention_text = c.get("speaker_mention").and_then(Value::as_str);
        let cue = c.get("cue").and_then(Value::as_str).map(str::to_string);
        let cue_span = cue.as_deref().and_then(|q| locate(&text, q, content));
        // The speaker is written next to its cue ("X said", "“…,” said X"), which may stand
        // after the quotation; without a cue, next to the content.
        let mention = mention_text
            .and_then(|m| locate(&text, m, cue_span.unwrap_or(content)))
            .into_iter()
            .collect();
        claims.push(GoldClaim {
            content: spans,
            mention,
            mention_null: mention_text.is_none(),
            speaker: c.get("speaker").and_then(Value::as_str).map(str::to_string),
            optional: c.get("optional").and_then(Value::as_bool).unwrap_or(false),
            block: block_of(c.get("block")),
            cue,
            cue_span,
        });
    }
    let mut traps = Vec::new();
    for t in json.get("not_claims").and_then(Value::as_array).into_iter().flatten() {
        if let Some((s, e)) = t.get("span").and_then(span_pair) {
            let why = t.get("why").and_then(Value::as_str).unwrap_or_default().to_string();
            traps.push(Trap { span: (idx.byte(s), idx.byte(e)), why });
        }
    }
    let mut aliases = BTreeMap::new();
    if let Some(table) = json.get("speakers").and_then(Value::as_object) {
        for (name, entry) in table {
            let mut list = vec![isnad_text::fold(name)];
            for a in entry.get("aliases").and_then(Value::as_array).into_iter().flatten() {
                if let Some(a) = a.as_str() {
                    list.push(isnad_text::fold(a));
                }
            }
            aliases.insert(name.clone(), list);
        }
    }
    Ok(GoldDoc { doc, claims, traps, aliases })
}

/// Reads a PolNeAR JSONL file.
fn read_polnear(path: &Path, limit: Option<usize>) -> Result<Vec<GoldDoc>, EvalError> {
    let text = read(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if limit.is_some_and(|l| out.len() >= l) {
            break;
        }
        let json: Value =
            serde_json::from_str(line).map_err(|e| fmt_err(path, n + 1, e.to_string()))?;
        let body = json
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| fmt_err(path, n + 1, "no text"))?;
        let idx = ByteIndex::new(body);
        let id = json
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| format!("line{}", n + 1), str::to_string);
        let mut doc = Document::new(id, body.to_string());
        doc.meta.lang =
            Some(json.get("lang").and_then(Value::as_str).map_or(Lang::En, Lang::from_code));
        let spans = |v: Option<&Value>| -> Vec<(usize, usize)> {
            v.and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|s| {
                    let a = s.get("start")?.as_u64()? as usize;
                    let b = s.get("end")?.as_u64()? as usize;
                    Some((idx.byte(a), idx.byte(b)))
                })
                .collect()
        };
        let mut claims = Vec::new();
        for a in json.get("attributions").and_then(Value::as_array).into_iter().flatten() {
            let content = spans(a.get("contents"));
            if content.is_empty() {
                continue;
            }
            let mention = spans(a.get("sources"));
            let cue_span = a.get("cue").and_then(|c| {
                Some((
                    idx.byte(c.get("start")?.as_u64()? as usize),
                    idx.byte(c.get("end")?.as_u64()? as usize),
                ))
            });
            claims.push(GoldClaim {
                content,
                mention_null: mention.is_empty(),
                mention,
                speaker: None,
                optional: false,
                block: Block::Main,
                cue: a
                    .get("cue")
                    .and_then(|c| c.get("text"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                cue_span,
            });
        }
        out.push(GoldDoc { doc, claims, traps: Vec::new(), aliases: BTreeMap::new() });
    }
    Ok(out)
}

/// Collects the gold documents named by `paths`: directories (their `*.gold.json` and `*.jsonl`
/// files), gold files, article `*.txt` files with a gold file beside them, or PolNeAR JSONL.
fn collect(paths: &[PathBuf], opts: &Options) -> Result<Vec<GoldDoc>, EvalError> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|source| EvalError::Io { path: p.clone(), source })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    let n = f.to_string_lossy();
                    n.ends_with(".gold.json") || n.ends_with(".jsonl")
                })
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            let n = p.to_string_lossy();
            if let Some(stem) = n.strip_suffix(".txt") {
                files.push(PathBuf::from(format!("{stem}.gold.json")));
            } else {
                files.push(p.clone());
            }
        }
    }
    let mut docs = Vec::new();
    let mut gold_files = 0;
    for f in files {
        if f.to_string_lossy().ends_with(".jsonl") {
            docs.extend(read_polnear(&f, opts.limit)?);
        } else if opts.limit.is_none_or(|l| gold_files < l) {
            docs.push(read_gold(&f)?);
            gold_files += 1;
        }
    }
    if docs.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(EvalError::Empty(names.join(", ")));
    }
    Ok(docs)
}

/// Restricts each document's gold to the acts of `view` ([`Options::gold_acts`]); returns how
/// many gold claims were left out for their act and how many had a cue of no known act.
fn restrict_acts(docs: &mut [GoldDoc], view: &GoldActs) -> (usize, usize) {
    let (mut left_out, mut unknown) = (0, 0);
    for g in docs {
        let lang = g.doc.meta.lang.clone().unwrap_or(Lang::En);
        g.claims.retain_mut(|c| {
            let Some(cue) = &c.cue else { return true };
            match (view.classify)(&lang, cue) {
                Some(act) if view.acts.contains(&act) => true,
                Some(_) => {
                    left_out += usize::from(!c.optional);
                    false
                }
                None => {
                    unknown += usize::from(!c.optional);
                    match view.unknown {
                        UnknownAct::Optional => {
                            c.optional = true;
                            true
                        }
                        UnknownAct::Required => true,
                        UnknownAct::LeftOut => false,
                    }
                }
            }
        });
    }
    (left_out, unknown)
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Share of the gold content that the predicted content covers.
fn coverage(pred: (usize, usize), gold: &GoldClaim) -> f64 {
    let total: usize = gold.content.iter().map(|&(s, e)| e - s).sum();
    if total == 0 {
        return 0.0;
    }
    let covered: usize = gold.content.iter().map(|&g| overlap(pred, g)).sum();
    covered as f64 / total as f64
}

/// One-to-one greedy matching: pairs (prediction, gold) above `threshold`.
///
/// Among the candidates above the threshold, pairs whose cues overlap go first: when gold
/// contents nest or run on ("X said … He added, …" annotated as one content, or an indirect
/// claim inside another's quotation), coverage alone can pair a prediction with the neighbouring
/// attribution, and its speaker would then be judged against the wrong source.
fn match_claims(preds: &[Claim], gold: &[GoldClaim], threshold: f64) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (pi, p) in preds.iter().enumerate() {
        let pc = (p.content.start(), p.content.end());
        for (gi, g) in gold.iter().enumerate() {
            let c = coverage(pc, g);
            if c > threshold {
                let same_cue =
                    g.cue_span.is_some_and(|gc| overlap((p.cue.start(), p.cue.end()), gc) > 0);
                // Ties go to the prediction that lies most inside the gold content.
                let inside: usize = g.content.iter().map(|&gs| overlap(pc, gs)).sum();
                let precision = inside as f64 / (pc.1 - pc.0).max(1) as f64;
                cands.push((
                    g.optional,
                    !same_cue,
                    std::cmp::Reverse((c * 1e6) as u64),
                    std::cmp::Reverse((precision * 1e6) as u64),
                    pi,
                    gi,
                ));
            }
        }
    }
    cands.sort();
    let mut used_p = vec![false; preds.len()];
    let mut used_g = vec![false; gold.len()];
    let mut pairs = Vec::new();
    for (_, _, _, _, pi, gi) in cands {
        if !used_p[pi] && !used_g[gi] {
            used_p[pi] = true;
            used_g[gi] = true;
            pairs.push((pi, gi));
        }
    }
    pairs
}

fn block_name(b: Block) -> &'static str {
    match b {
        Block::Main => "main",
        Block::Related => "related",
    }
}

/// Scores one document; returns its report piece.
fn score(g: &GoldDoc, doc: &Document, opts: &Options) -> QuotesReport {
    let preds = &doc.layers.claims;
    let mut r = QuotesReport {
        documents: 1,
        gold: g.claims.iter().filter(|c| !c.optional).count(),
        optional: g.claims.iter().filter(|c| c.optional).count(),
        predicted: preds.len(),
        not_claims: g.traps.len(),
        ..QuotesReport::default()
    };
    let text = &doc.text;
    let listed = |p: &Claim| Listed {
        doc: doc.id.clone(),
        cue: Some(doc.slice(p.cue).to_string()),
        text: short(doc.slice(p.content)),
        note: None,
    };
    for (threshold, prf) in [(0.3, &mut r.at30), (0.8, &mut r.at80)] {
        let pairs = match_claims(preds, &g.claims, threshold);
        let mut matched_p = vec![false; preds.len()];
        let mut matched_g = vec![false; g.claims.len()];
        for &(pi, gi) in &pairs {
            matched_p[pi] = true;
            matched_g[gi] = true;
            if !g.claims[gi].optional {
                prf.tp += 1;
            }
        }
        prf.fp = matched_p.iter().filter(|m| !**m).count();
        prf.fn_ = g.claims.iter().zip(&matched_g).filter(|(c, m)| !c.optional && !**m).count();
        if threshold < 0.5 {
            // Blocks, traps, speakers and listings at the 30% threshold.
            let mut blocks: BTreeMap<String, PrecisionRecall> = BTreeMap::new();
            for (gi, c) in g.claims.iter().enumerate() {
                if c.optional {
                    continue;
                }
                let b = blocks.entry(block_name(c.block).into()).or_default();
                if matched_g[gi] { b.tp += 1 } else { b.fn_ += 1 }
            }
            for (pi, p) in preds.iter().enumerate() {
                if !matched_p[pi] {
                    blocks.entry(block_name(p.block).into()).or_default().fp += 1;
                }
            }
            r.by_block = blocks;
            for t in &g.traps {
                let tlen = (t.span.1 - t.span.0).max(1);
                let hit = preds.iter().enumerate().find(|(pi, p)| {
                    let pc = (p.content.start(), p.content.end());
                    let ov = overlap(pc, t.span);
                    !matched_p[*pi] && (ov * 10 > tlen * 3 || ov * 2 > (pc.1 - pc.0).max(1))
                });
                if let Some((_, p)) = hit {
                    r.not_claims_extracted += 1;
                    r.extracted.push(Listed {
                        doc: doc.id.clone(),
                        cue: Some(doc.slice(p.cue).to_string()),
                        text: short(&text[t.span.0..t.span.1]),
                        note: Some(t.why.clone()),
                    });
                }
            }
            for &(pi, gi) in &pairs {
                let (p, gc) = (&preds[pi], &g.claims[gi]);
                let pm = p.speaker.mention.map(|m| (m.start(), m.end()));
                let right = match pm {
                    Some(m) => gc.mention.iter().any(|&gm| overlap(m, gm) > 0),
                    None => gc.mention_null,
                };
                if gc.mention.is_empty() && !gc.mention_null {
                    // The gold mention could not be located in the text: not scored.
                } else {
                    r.mention_total += 1;
                    if right {
                        r.mention_correct += 1;
                    } else if opts.verbose {
                        let mut l = listed(p);
                        l.note = Some(format!(
                            "predicted {:?}, gold {:?}, at {:?}",
                            pm.map(|(s, e)| &text[s..e]),
                            gc.mention.first().map(|&(s, e)| &text[s..e]),
                            cue_context(text, p.cue.start(), p.cue.end())
                        ));
                        r.wrong_mentions.push(l);
                    }
                }
                let named = p.speaker.name.as_deref();
                if p.speaker.name.is_some() || p.speaker.entity.is_some() {
                    r.entity_total += 1;
                    let ok = match (&gc.speaker, named) {
                        (Some(gold), Some(name)) => {
                            let f = isnad_text::fold(name);
                            f == isnad_text::fold(gold)
                                || g.aliases.get(gold).is_some_and(|al| al.contains(&f))
                        }
                        (Some(_), None) => false,
                        // An unnamed source: right when the mention is the gold one.
                        (None, _) => match pm {
                            Some(m) => gc.mention.iter().any(|&gm| overlap(m, gm) > 0),
                            None => gc.mention_null,
                        },
                    };
                    if ok {
                        r.entity_correct += 1;
                    } else if opts.verbose {
                        let mut l = listed(p);
                        l.note = Some(format!("predicted {:?}, gold {:?}", named, gc.speaker));
                        r.wrong_entities.push(l);
                    }
                }
            }
            if opts.verbose {
                for (gi, c) in g.claims.iter().enumerate() {
                    if !c.optional && !matched_g[gi] {
                        let t: Vec<&str> = c.content.iter().map(|&(s, e)| &text[s..e]).collect();
                        r.misses.push(Listed {
                            doc: doc.id.clone(),
                            cue: c.cue.clone(),
                            text: short(&t.join(" … ")),
                            note: None,
                        });
                    }
                }
                for (pi, p) in preds.iter().enumerate() {
                    if !matched_p[pi] {
                        r.false_positives.push(listed(p));
                    }
                }
            }
        }
        prf.finish();
    }
    r
}

impl QuotesReport {
    fn merge(&mut self, o: QuotesReport) {
        self.documents += o.documents;
        self.gold += o.gold;
        self.optional += o.optional;
        self.predicted += o.predicted;
        self.at30.add(&o.at30);
        self.at80.add(&o.at80);
        for (k, v) in o.by_block {
            self.by_block.entry(k).or_default().add(&v);
        }
        self.not_claims += o.not_claims;
        self.not_claims_extracted += o.not_claims_extracted;
        self.mention_correct += o.mention_correct;
        self.mention_total += o.mention_total;
        self.entity_correct += o.entity_correct;
        self.entity_total += o.entity_total;
        self.extracted.extend(o.extracted);
        self.misses.extend(o.misses);
        self.false_positives.extend(o.false_positives);
        self.wrong_mentions.extend(o.wrong_mentions);
        self.wrong_entities.extend(o.wrong_entities);
    }
}

/// Scores quote attribution on the gold named by `paths` (directories, `*.gold.json`, article
/// `*.txt` files, or PolNeAR `*.jsonl`), running each document through `process`.
pub fn evaluate(
    paths: &[PathBuf],
    process: &Processor<'_>,
    opts: &Options,
) -> Result<QuotesReport, EvalError> {
    let mut gold = collect(paths, opts)?;
    let view = opts.gold_acts.as_ref().map(|v| {
        let (left_out, unknown) = restrict_acts(&mut gold, v);
        GoldView { acts: v.acts.clone(), left_out, unknown, unknown_as: v.unknown }
    });
    let parts: Vec<QuotesReport> = gold
        .par_iter()
        .map(|g| {
            let doc = process(g.doc.clone());
            score(g, &doc, opts)
        })
        .collect();
    let mut report = QuotesReport { gold_view: view, ..QuotesReport::default() };
    for p in parts {
        report.merge(p);
    }
    report.at30.finish();
    report.at80.finish();
    for p in report.by_block.values_mut() {
        p.finish();
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_core::{QuoteKind, Span, Speaker};

    fn claim(s: usize, e: usize, mention: Option<(usize, usize)>) -> Claim {
        Claim {
            id: "c1".into(),
            kind: QuoteKind::Indirect,
            act: isnad_core::Act::Speech,
            cue: Span::new(0, 1).unwrap(),
            content: Span::new(s, e).unwrap(),
            speaker: Speaker {
                mention: mention.map(|(a, b)| Span::new(a, b).unwrap()),
                implicit: mention.is_none(),
                entity: None,
                name: None,
            },
            medium: None,
            block: Block::Main,
            confidence: 1.0,
            date: None,
            ext: Default::default(),
        }
    }

    fn gold(s: usize, e: usize, optional: bool) -> GoldClaim {
        GoldClaim {
            content: vec![(s, e)],
            mention: vec![(0, 4)],
            mention_null: false,
            speaker: None,
            optional,
            block: Block::Main,
            cue: None,
            cue_span: None,
        }
    }

    #[test]
    fn coverage_threshold_and_one_to_one() {
        let golds = vec![gold(10, 20, false), gold(30, 40, false)];
        // Covers the first gold fully and 20% of the second: one match only.
        let preds = vec![claim(10, 32, None)];
        let pairs = match_claims(&preds, &golds, 0.3);
        assert_eq!(pairs, vec![(0, 0)]);
        // Two predictions on one gold: one of them is a false positive.
        let preds = vec![claim(10, 20, None), claim(12, 20, None)];
        assert_eq!(match_claims(&preds, &golds, 0.3).len(), 1);
        // 80%: a prediction covering 70% fails.
        let preds = vec![claim(10, 17, None)];
        assert!(match_claims(&preds, &golds, 0.8).is_empty());
        assert_eq!(match_claims(&preds, &golds, 0.3).len(), 1);
    }

    #[test]
    fn same_cue_pairs_go_first_when_contents_nest() {
        // Gold A (cue at 0..1) runs over 10..40; gold B (cue at 45..50) is 30..40 inside it. A
        // prediction with cue 0..1 covering 10..40 covers B fully and A fully: coverage alone ties
        // and the inner B would win on precision; the cue says it is A.
        let mut a = gold(10, 40, false);
        a.cue_span = Some((0, 1));
        let mut b = gold(30, 40, false);
        b.cue_span = Some((45, 50));
        let preds = vec![claim(10, 40, None)];
        assert_eq!(match_claims(&preds, &[b.clone(), a.clone()], 0.3), vec![(0, 1)]);
        // Without cue spans (gold formats without them) coverage decides as before.
        a.cue_span = None;
        b.cue_span = None;
        let preds = vec![claim(30, 40, None)];
        assert_eq!(match_claims(&preds, &[a, b], 0.3), vec![(0, 1)]);
    }

    #[test]
    fn optional_gold_is_neither_miss_nor_false_positive() {
        let text = "x".repeat(50);
        let g = GoldDoc {
            doc: Document::new("d", text.clone()),
            claims: vec![gold(10, 20, false), gold(30, 40, true)],
            traps: vec![Trap { span: (42, 48), why: "trap".into() }],
            aliases: BTreeMap::new(),
        };
        let mut doc = Document::new("d", text);
        doc.layers.claims =
            vec![claim(10, 20, Some((1, 3))), claim(30, 40, None), claim(43, 47, None)];
        let r = score(&g, &doc, &Options { verbose: true, ..Options::default() });
        assert_eq!((r.at30.tp, r.at30.fp, r.at30.fn_), (1, 1, 0));
        assert_eq!(r.not_claims_extracted, 1);
        // The optional claim is matched too: its missing mention is scored.
        assert_eq!((r.mention_correct, r.mention_total), (1, 2));
    }

    #[test]
    fn a_gold_view_by_act_leaves_out_other_acts() {
        let mut said = gold(0, 5, false);
        said.cue = Some("said".into());
        let mut plans = gold(10, 15, false);
        plans.cue = Some("plans".into());
        let mut colon = gold(20, 25, false);
        colon.cue = Some(":".into());
        let doc = |claims: Vec<GoldClaim>| GoldDoc {
            doc: Document::new("d", "x".repeat(30)),
            claims,
            traps: Vec::new(),
            aliases: BTreeMap::new(),
        };
        let classify: Arc<CueActs> = Arc::new(|_: &Lang, cue: &str| match cue {
            "said" => Some(Act::Speech),
            "plans" => Some(Act::Intention),
            _ => None,
        });
        for (unknown, kept, optional) in [
            (UnknownAct::Optional, 2, 1),
            (UnknownAct::Required, 2, 0),
            (UnknownAct::LeftOut, 1, 0),
        ] {
            let view = GoldActs { acts: vec![Act::Speech], classify: classify.clone(), unknown };
            let mut docs = vec![doc(vec![said.clone(), plans.clone(), colon.clone()])];
            assert_eq!(restrict_acts(&mut docs, &view), (1, 1));
            assert_eq!(docs[0].claims.len(), kept, "{unknown:?}");
            assert_eq!(docs[0].claims.iter().filter(|c| c.optional).count(), optional);
        }
    }

    #[test]
    fn split_quotation_gold_lists_its_spans() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        // Code points: the Arabic letters are one each, two bytes each in UTF-8.
        let text = "«لا نريد ذلك»، قال سامي، «لكن لا خيار».";
        std::fs::write(dir.join("a.txt"), text).unwrap();
        let gold = r#"{"document": {"lang": "ar"}, "claims": [
            {"speaker": "سامي", "speaker_mention": "سامي", "cue": "قال", "kind": "direct",
             "content_span": [[1, 12], [26, 37]]}]}"#;
        std::fs::write(dir.join("a.gold.json"), gold).unwrap();
        let g = read_gold(&dir.join("a.gold.json")).unwrap();
        let spans: Vec<&str> = g.claims[0].content.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(spans, vec!["لا نريد ذلك", "لكن لا خيار"]);
    }

    #[test]
    fn locate_prefers_the_nearest_occurrence() {
        let text = "A said. B. A said again.";
        assert_eq!(locate(text, "A", (20, 20)), Some((11, 12)));
    }

    #[test]
    fn locate_skips_occurrences_inside_the_span() {
        // The cue after a quotation, not the "said" inside it; the speaker next to that cue.
        let text = "Kaur spoke first. \"We said it twice,\" Kaur said.";
        let quote = (18, 37);
        assert_eq!(locate(text, "said", quote), Some((43, 47)));
        assert_eq!(locate(text, "Kaur", (43, 47)), Some((38, 42)));
    }

    #[test]
    fn locate_prefers_whole_words() {
        let text = "Then he said the rest.";
        assert_eq!(locate(text, "he", (14, 14)), Some((5, 7)), "not the 'he' inside 'the'");
        assert_eq!(
            locate("other", "he", (0, 0)),
            Some((2, 4)),
            "inside a word only when nothing else matches"
        );
    }
}
