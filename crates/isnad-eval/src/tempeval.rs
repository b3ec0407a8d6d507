//! Scoring date expressions the TempEval-3 way, on TimeML gold (`tempeval3-train.jsonl`).
//!
//! # The measures (UzZaman et al., SemEval 2013 task 1)
//! - **Relaxed extraction**: a predicted timex is right when it overlaps a gold TIMEX3, a gold
//!   TIMEX3 is found when a prediction overlaps it. Precision, recall and F1 over the timexes.
//! - **Strict extraction**: the same with exact spans (TimeML leaves "on" out of "on
//!   Tuesday"; isnad keeps the words that decide the reading, so its strict figures are low).
//! - **Value accuracy**: of the gold TIMEX3s found, the share whose overlapping prediction (the
//!   one that overlaps it most) has exactly its TIMEX3 value (`1998-02-13`, `1989-Q3`,
//!   `PRESENT_REF`, `P3Y`, `XXXX-SU`…). Likewise for the type (DATE, TIME, DURATION, SET).
//! - **Value F1** = value accuracy × relaxed F1, the task's headline figure (HeidelTime 77.61
//!   on the task's test set, SUTime 67.38).
//!
//! A prediction's TIMEX3 is the record's `timex3`. Output written before isnad had one is read
//! through [`derived`]: the calendar value at its grain (an interval by its start), DATE, or
//! TIME below a day.
//!
//! # Development and held-out parts
//! The articles are split by their place in the file, before anyone read them: even lines
//! (0, 2, 4…) are the development part, odd lines the held-out part. Rules are written looking
//! at the development part only; the report gives both parts and the whole.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use isnad_core::{Document, Grain, Lang, Published, Span, Timex, Timex3, Timex3Type};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{EvalError, Processor, Report};

/// Options of the TempEval scorer.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// List every miss and every wrong value in the report.
    pub verbose: bool,
    /// Score only the first N articles.
    pub limit: Option<usize>,
}

#[derive(Deserialize)]
struct Article {
    id: String,
    #[serde(default)]
    lang: Option<String>,
    published: String,
    text: String,
    timexes: Vec<GoldTimex>,
}

#[derive(Deserialize)]
struct GoldTimex {
    start: usize,
    end: usize,
    text: String,
    #[serde(rename = "type")]
    kind: String,
    value: String,
    #[serde(default, rename = "mod")]
    modifier: Option<String>,
}

/// Counts behind the measures of one part (or one type of one part).
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Counts {
    /// Gold TIMEX3s.
    pub gold: usize,
    /// Gold TIMEX3s that a prediction overlaps.
    pub found: usize,
    /// Predicted timexes.
    pub predicted: usize,
    /// Predicted timexes that overlap a gold TIMEX3.
    pub predicted_right: usize,
    /// Found gold TIMEX3s whose prediction has their value.
    pub value_right: usize,
    /// Found gold TIMEX3s whose prediction has their type.
    pub type_right: usize,
    /// Gold TIMEX3s that a prediction covers exactly (the strict match).
    pub strict_found: usize,
    /// Predicted timexes whose span is exactly a gold TIMEX3's.
    pub strict_predicted_right: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.found += o.found;
        self.predicted += o.predicted;
        self.predicted_right += o.predicted_right;
        self.value_right += o.value_right;
        self.type_right += o.type_right;
        self.strict_found += o.strict_found;
        self.strict_predicted_right += o.strict_predicted_right;
    }

    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 { 0.0 } else { a as f64 / b as f64 }
    }

    /// Relaxed extraction precision.
    pub fn precision(&self) -> f64 {
        Counts::ratio(self.predicted_right, self.predicted)
    }

    /// Relaxed extraction recall.
    pub fn recall(&self) -> f64 {
        Counts::ratio(self.found, self.gold)
    }

    /// Relaxed extraction F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// Strict extraction F1 (exact spans).
    pub fn strict_f1(&self) -> f64 {
        let p = Counts::ratio(self.strict_predicted_right, self.predicted);
        let r = Counts::ratio(self.strict_found, self.gold);
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// Strict extraction precision.
    pub fn strict_precision(&self) -> f64 {
        Counts::ratio(self.strict_predicted_right, self.predicted)
    }

    /// Strict extraction recall.
    pub fn strict_recall(&self) -> f64 {
        Counts::ratio(self.strict_found, self.gold)
    }

    /// Value accuracy over the found gold TIMEX3s.
    pub fn value_accuracy(&self) -> f64 {
        Counts::ratio(self.value_right, self.found)
    }

    /// Type accuracy over the found gold TIMEX3s.
    pub fn type_accuracy(&self) -> f64 {
        Counts::ratio(self.type_right, self.found)
    }

    /// Value F1: value accuracy × relaxed F1.
    pub fn value_f1(&self) -> f64 {
        self.value_accuracy() * self.f1()
    }
}

/// The measures of one part of the corpus, overall and by gold type.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Part {
    /// Articles scored.
    pub articles: usize,
    /// All types.
    pub all: Counts,
    /// By gold type (found, value and type) and by predicted type (predicted).
    pub by_type: BTreeMap<String, Counts>,
}

impl Part {
    fn add(&mut self, o: &Part) {
        self.articles += o.articles;
        self.all.add(&o.all);
        for (k, c) in &o.by_type {
            self.by_type.entry(k.clone()).or_default().add(c);
        }
    }
}

/// A gold TIMEX3 that was missed or got a wrong value, listed when verbose.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    /// Article id.
    pub id: String,
    /// Publication date of the article.
    pub published: String,
    /// The gold text.
    pub text: String,
    /// Gold type, value and modifier.
    pub expected: String,
    /// The overlapping prediction (text, type, value), or "none".
    pub got: String,
}

/// Results of scoring TimeML gold.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TempEvalReport {
    /// The development part (even articles).
    pub dev: Part,
    /// The held-out part (odd articles).
    pub held_out: Part,
    /// Both.
    pub all: Part,
    /// Misses and wrong values (verbose only).
    pub misses: Vec<Miss>,
    /// Predictions that overlap no gold TIMEX3 (verbose only).
    pub spurious: Vec<Miss>,
}

impl Report for TempEvalReport {
    fn metrics(&self) -> BTreeMap<String, f64> {
        let mut m = BTreeMap::new();
        for (name, part) in [("", &self.all), ("dev-", &self.dev), ("held-out-", &self.held_out)] {
            let c = &part.all;
            m.insert(format!("{name}value-f1"), c.value_f1());
            m.insert(format!("{name}relaxed-f1"), c.f1());
            m.insert(format!("{name}relaxed-precision"), c.precision());
            m.insert(format!("{name}relaxed-recall"), c.recall());
            m.insert(format!("{name}value-accuracy"), c.value_accuracy());
            m.insert(format!("{name}type-accuracy"), c.type_accuracy());
            m.insert(format!("{name}strict-f1"), c.strict_f1());
            m.insert(format!("{name}strict-precision"), c.strict_precision());
            m.insert(format!("{name}strict-recall"), c.strict_recall());
        }
        m
    }
}

impl fmt::Display for TempEvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "TempEval-3                   articles  gold  found  pred  P      R      F1     strict-P strict-R strict-F1 value-acc type-acc value-F1"
        )?;
        for (name, part) in
            [("dev (even)", &self.dev), ("held-out (odd)", &self.held_out), ("all", &self.all)]
        {
            row(f, name, part.articles, &part.all)?;
            for (ty, c) in &part.by_type {
                row(f, &format!("  {ty}"), 0, c)?;
            }
        }
        for x in &self.misses {
            writeln!(
                f,
                "MISS {} ({}) {:?}: expected {} got {}",
                x.id, x.published, x.text, x.expected, x.got
            )?;
        }
        for x in &self.spurious {
            writeln!(f, "EXTRA {} ({}) {:?}: {}", x.id, x.published, x.text, x.got)?;
        }
        Ok(())
    }
}

fn row(f: &mut fmt::Formatter<'_>, name: &str, articles: usize, c: &Counts) -> fmt::Result {
    let pct = |x: f64| 100.0 * x;
    writeln!(
        f,
        "{name:<28} {:>8} {:>5} {:>6} {:>5}  {:>5.1}  {:>5.1}  {:>5.1}  {:>7.1}  {:>7.1}  {:>8.1}  {:>8.1}  {:>7.1}  {:>7.1}",
        if articles > 0 { articles.to_string() } else { String::new() },
        c.gold,
        c.found,
        c.predicted,
        pct(c.precision()),
        pct(c.recall()),
        pct(c.f1()),
        pct(c.strict_precision()),
        pct(c.strict_recall()),
        pct(c.strict_f1()),
        pct(c.value_accuracy()),
        pct(c.type_accuracy()),
        pct(c.value_f1()),
    )
}

/// Whether `path` holds TimeML gold articles (a first line with `timexes` and `text`) rather
/// than Duckling cases.
pub fn is_tempeval(path: &Path) -> bool {
    let Ok(data) = std::fs::read_to_string(path) else { return false };
    let Some(first) = data.lines().find(|l| !l.trim().is_empty()) else { return false };
    serde_json::from_str::<serde_json::Value>(first).is_ok_and(|v| {
        v.get("timexes").is_some() && v.get("text").is_some() && v.get("ref").is_none()
    })
}

/// The TIMEX3 of a timex: its own, or one derived from its calendar value (output of versions
/// without `timex3`).
pub fn derived(t: &Timex) -> Option<Timex3> {
    if let Some(x) = &t.timex3 {
        return Some(x.clone());
    }
    let value = t.value.clone().or_else(|| t.from.clone())?;
    let kind = if matches!(t.grain, Grain::Hour | Grain::Minute | Grain::Second) {
        Timex3Type::Time
    } else {
        Timex3Type::Date
    };
    let value = if t.grain == Grain::Hour { format!("{value}:00") } else { value };
    Some(Timex3 { kind, value, modifier: None })
}

fn type_name(t: Timex3Type) -> &'static str {
    match t {
        Timex3Type::Date => "DATE",
        Timex3Type::Time => "TIME",
        Timex3Type::Duration => "DURATION",
        Timex3Type::Set => "SET",
    }
}

/// One article scored: whether it is held out, its counts, its misses and extra predictions.
type Scored = (bool, Part, Vec<Miss>, Vec<Miss>);

/// One article scored: its part's counts, its misses and extra predictions.
fn score(a: &Article, doc: &Document, verbose: bool) -> (Part, Vec<Miss>, Vec<Miss>) {
    let bytes: Vec<usize> =
        doc.text.char_indices().map(|(b, _)| b).chain([doc.text.len()]).collect();
    let to_byte = |cp: usize| bytes.get(cp).copied().unwrap_or(doc.text.len());
    let gold: Vec<(usize, usize, &GoldTimex)> =
        a.timexes.iter().map(|g| (to_byte(g.start), to_byte(g.end), g)).collect();
    // (a range is scored as TimeML tags it: each end its own TIMEX3)
    let pred: Vec<(Span, Option<Timex3>)> = doc
        .layers
        .timexes
        .iter()
        .flat_map(|t| {
            if t.ends.is_empty() {
                vec![(t.span, derived(t))]
            } else {
                t.ends.iter().map(|e| (e.span, Some(e.timex3.clone()))).collect()
            }
        })
        .collect();
    let overlap = |s: usize, e: usize, t: &Span| {
        let (ts, te) = (t.start(), t.end());
        if ts < e && te > s { te.min(e) - ts.max(s) } else { 0 }
    };
    let exact = |s: usize, e: usize, t: &Span| t.start() == s && t.end() == e;
    let mut part = Part { articles: 1, ..Part::default() };
    let (mut misses, mut spurious) = (Vec::new(), Vec::new());
    let show = |t: &Span, x: &Option<Timex3>| match x {
        Some(x) => format!(
            "{:?} {} {}{}",
            doc.slice(*t),
            type_name(x.kind),
            x.value,
            x.modifier.as_deref().map(|m| format!(" mod={m}")).unwrap_or_default()
        ),
        None => format!("{:?} (no value)", doc.slice(*t)),
    };
    for &(s, e, g) in &gold {
        let mut c = Counts { gold: 1, ..Counts::default() };
        let best =
            pred.iter().filter(|(t, _)| overlap(s, e, t) > 0).max_by_key(|(t, _)| overlap(s, e, t));
        c.strict_found = usize::from(pred.iter().any(|(t, _)| exact(s, e, t)));
        if let Some((t, x)) = best {
            c.found = 1;
            let x3 = x.as_ref();
            if x3.is_some_and(|x| x.value == g.value) {
                c.value_right = 1;
            }
            if x3.is_some_and(|x| type_name(x.kind) == g.kind) {
                c.type_right = 1;
            }
            if verbose && c.value_right == 0 {
                misses.push(miss(a, g, show(t, x)));
            }
        } else if verbose {
            misses.push(miss(a, g, "none".into()));
        }
        part.all.add(&c);
        part.by_type.entry(g.kind.clone()).or_default().add(&c);
    }
    for (t, x) in &pred {
        let right = gold.iter().any(|&(s, e, _)| overlap(s, e, t) > 0);
        let strict = gold.iter().any(|&(s, e, _)| exact(s, e, t));
        let c = Counts {
            predicted: 1,
            predicted_right: usize::from(right),
            strict_predicted_right: usize::from(strict),
            ..Counts::default()
        };
        part.all.add(&c);
        let ty = x.as_ref().map_or("DATE", |x| type_name(x.kind));
        part.by_type.entry(ty.to_string()).or_default().add(&c);
        if verbose && !right {
            spurious.push(Miss {
                id: a.id.clone(),
                published: a.published.clone(),
                text: doc.slice(*t).to_string(),
                expected: "none".into(),
                got: show(t, x),
            });
        }
    }
    (part, misses, spurious)
}

fn miss(a: &Article, g: &GoldTimex, got: String) -> Miss {
    Miss {
        id: a.id.clone(),
        published: a.published.clone(),
        text: g.text.clone(),
        expected: format!(
            "{} {}{}",
            g.kind,
            g.value,
            g.modifier.as_deref().map(|m| format!(" mod={m}")).unwrap_or_default()
        ),
        got,
    }
}

/// Scores TimeML gold files (`tempeval3-train.jsonl` and files like it).
pub fn evaluate(
    paths: &[PathBuf],
    process: &Processor<'_>,
    opts: &Options,
) -> Result<TempEvalReport, EvalError> {
    let mut articles = Vec::new();
    for p in paths {
        let data = std::fs::read_to_string(p)
            .map_err(|source| EvalError::Io { path: p.clone(), source })?;
        for (i, line) in data.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let a: Article = serde_json::from_str(line).map_err(|e| EvalError::Format {
                path: p.clone(),
                line: i + 1,
                message: e.to_string(),
            })?;
            // (the place in the file decides the part: even lines develop, odd lines are held out)
            articles.push((i % 2 == 1, a));
        }
    }
    if let Some(n) = opts.limit {
        articles.truncate(n);
    }
    if articles.is_empty() {
        return Err(EvalError::Empty(
            paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
        ));
    }
    let scored: Vec<Result<Scored, EvalError>> = articles
        .par_iter()
        .map(|(held_out, a)| {
            let published: Published =
                a.published.parse().map_err(|e: isnad_core::PublishedError| EvalError::Format {
                    path: PathBuf::new(),
                    line: 0,
                    message: format!("{}: {e}", a.id),
                })?;
            let mut doc = Document::new(&a.id, &a.text);
            doc.meta.lang = Some(Lang::from_code(a.lang.as_deref().unwrap_or("en")));
            doc.meta.published = Some(published);
            let doc = process(doc);
            let (part, misses, spurious) = score(a, &doc, opts.verbose);
            Ok((*held_out, part, misses, spurious))
        })
        .collect();
    let mut r = TempEvalReport::default();
    for s in scored {
        let (held_out, part, misses, spurious) = s?;
        r.all.add(&part);
        if held_out {
            r.held_out.add(&part)
        } else {
            r.dev.add(&part)
        }
        r.misses.extend(misses);
        r.spurious.extend(spurious);
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_core::{Calendar, Span, TimexKind};

    /// A timex over `start..end` with a TIMEX3 of type DATE and value `value`.
    fn timex(start: usize, end: usize, value: &str) -> Timex {
        Timex {
            span: Span::new(start, end).unwrap(),
            kind: TimexKind::Value,
            grain: Grain::Day,
            value: Some(value.into()),
            from: None,
            to: None,
            calendar: Calendar::Gregorian,
            timex3: Some(Timex3 { kind: Timex3Type::Date, value: value.into(), modifier: None }),
            ends: Vec::new(),
        }
    }

    #[test]
    fn relaxed_strict_and_value_measures() {
        // gold: "on Tuesday" (TimeML span "Tuesday", 1998-02-10) and "now" (PRESENT_REF)
        let text = "He left on Tuesday and is home now, in 1999.";
        let gold = r#"{"id":"a","published":"1998-02-13","text":"He left on Tuesday and is home now, in 1999.","timexes":[{"start":11,"end":18,"text":"Tuesday","type":"DATE","value":"1998-02-10"},{"start":31,"end":34,"text":"now","type":"DATE","value":"PRESENT_REF"}]}"#;
        // (removed when the test ends, whether it passes or panics)
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.jsonl");
        std::fs::write(&path, format!("{gold}\n")).unwrap();
        assert!(is_tempeval(&path));
        // predicted: "on Tuesday" right value (relaxed, not strict); "now" a wrong value;
        // "1999" overlaps no gold
        let process = |mut d: Document| {
            assert_eq!(d.text, text);
            d.layers.timexes = vec![
                timex(8, 18, "1998-02-10"),
                timex(31, 34, "1998-02-13"),
                timex(39, 43, "1999"),
            ];
            d
        };
        let r = evaluate(&[path], &process, &Options::default()).unwrap();
        let c = r.all.all;
        assert_eq!((c.gold, c.found, c.predicted, c.predicted_right), (2, 2, 3, 2));
        assert_eq!((c.strict_found, c.strict_predicted_right), (1, 1));
        assert_eq!((c.value_right, c.type_right), (1, 2));
        assert!((c.f1() - 0.8).abs() < 1e-9);
        assert!((c.value_f1() - 0.4).abs() < 1e-9);
        // the only article is on line 0: the development part
        assert_eq!((r.dev.articles, r.held_out.articles), (1, 0));
    }

    #[test]
    fn a_range_is_scored_by_its_ends() {
        // gold: "between 2003 and 2006" as TimeML tags it, two TIMEX3s
        let text = "Shut between 2003 and 2006.";
        let gold = r#"{"id":"r","published":"2010-05-01","text":"Shut between 2003 and 2006.","timexes":[{"start":13,"end":17,"text":"2003","type":"DATE","value":"2003"},{"start":22,"end":26,"text":"2006","type":"DATE","value":"2006"}]}"#;
        // (removed when the test ends, whether it passes or panics)
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.jsonl");
        std::fs::write(&path, format!("{gold}\n")).unwrap();
        // predicted: one timex, the interval (read as its start), with its two ends
        let process = |mut d: Document| {
            assert_eq!(d.text, text);
            let end = |s, e, v: &str| isnad_core::TimexEnd {
                span: Span::new(s, e).unwrap(),
                timex3: timex(s, e, v).timex3.unwrap(),
            };
            let range = Timex {
                ends: vec![end(13, 17, "2003"), end(22, 26, "2006")],
                ..timex(5, 26, "2003")
            };
            d.layers.timexes = vec![range];
            d
        };
        let r = evaluate(&[path], &process, &Options::default()).unwrap();
        let c = r.all.all;
        assert_eq!((c.gold, c.found, c.predicted, c.predicted_right), (2, 2, 2, 2));
        assert_eq!((c.value_right, c.strict_found), (2, 2));
    }
}
