//! The assertion corpus of the grammar: `tests/corpus/{ar,en}/<family>.txt`, one file per family
//! of expressions (named like its rule file, `src/grammar/<family>.rs`), and `not-dates.txt` in
//! each language. Unlike the snapshots (which record what is), every line here says what is
//! right, and the test fails on any line that does not hold, naming its file and line.
//!
//! # Format (STYLE.md §2.1)
//! Header lines `# lang: ar|en`, `# published: <ISO date or date-time>`, `# bare: <policy>`;
//! other lines starting with `#` are comments. A line `= <value> <grain>` opens a group; each
//! line after it is a phrasing that must give exactly one timex, covering the whole line, with
//! that value and grain; or, when the line marks a part of it in braces ("Sales fell {in
//! March}."), exactly one timex covering that part, the rest being its context (the
//! expressions before the braces are context too: "Profit rose in the third quarter from {a
//! year earlier}." checks only the last one). An interval is written `= [<from> .. <to>) <grain>` (`-` for an open
//! side; an amount of time or a recurrence, which has no place on the calendar, is written
//! `-`). In `not-dates.txt`, every line must give no timex at all.
//!
//! A group may also say what TIMEX3 its phrasings carry: `= <value> <grain> ~ <TYPE> <value>`
//! (`~ DATE 2025-02-20`, `~ DURATION P3D`), with ` mod=<MOD>` when there is one. A range
//! that TimeML tags as two TIMEX3s gives each end, its text in braces: `~ {2003} DATE 2003 +
//! {2006} DATE 2006`.
//!
//! `CORPUS_SHOW=1 cargo test -p isnad-dates --test corpus` prints what every line gives.

use std::path::{Path, PathBuf};

use isnad_core::{Lang, Published, Timex, TimexKind};
use isnad_dates::{Bare, DatesConfig, DatesStage, Found};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The value of a timex in the corpus notation: `2025-02-20 day`, `[2025-02-20 .. 2025-02-22) day`.
fn notation(t: &Timex) -> String {
    let grain = serde_json::to_value(t.grain).unwrap();
    let grain = grain.as_str().unwrap_or("?");
    let side = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    let value = match t.kind {
        TimexKind::Interval => format!("[{} .. {})", side(&t.from), side(&t.to)),
        _ => side(&t.value),
    };
    format!("{value} {grain}")
}

/// The TIMEX3 of a timex in the corpus notation: `DATE 2025-02-20`, `DURATION P3D mod=APPROX`;
/// for a range, the TIMEX3 of each end after its text in braces: `{1985} DATE 1985 + {1987}
/// DATE 1987`.
fn timex3_notation(t: &Timex, phrase: &str) -> String {
    if !t.ends.is_empty() {
        let end = |e: &isnad_core::TimexEnd| {
            let text = &phrase[e.span.start()..e.span.end()];
            format!("{{{text}}} {}", reading_notation(&e.timex3))
        };
        return t.ends.iter().map(end).collect::<Vec<_>>().join(" + ");
    }
    match &t.timex3 {
        Some(x) => reading_notation(x),
        None => "none".into(),
    }
}

fn reading_notation(x: &isnad_core::Timex3) -> String {
    let ty = serde_json::to_value(x.kind).unwrap();
    let mut s = format!("{} {}", ty.as_str().unwrap_or("?"), x.value);
    if let Some(m) = &x.modifier {
        s.push_str(&format!(" mod={m}"));
    }
    s
}

struct Header {
    lang: Lang,
    published: Option<Published>,
    bare: Bare,
}

/// Checks one corpus file; returns its failures, one line each.
fn check(path: &Path, show: bool) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.strip_prefix(corpus_dir()).unwrap_or(path).display().to_string();
    let negative = path.file_name().is_some_and(|n| n == "not-dates.txt");
    let mut h = Header { lang: Lang::Ar, published: None, bare: Bare::Future };
    let mut stage: Option<DatesStage> = None;
    let mut expected: Option<(String, Option<String>)> = None;
    let (mut checked, mut failures) = (0, Vec::new());
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.trim_end();
        if let Some(c) = line.strip_prefix('#') {
            match c.trim().split_once(':') {
                Some(("lang", v)) => h.lang = Lang::from_code(v.trim()),
                Some(("published", v)) => h.published = Some(v.trim().parse().unwrap()),
                Some(("bare", v)) => {
                    h.bare = serde_json::from_value(serde_json::Value::String(v.trim().into()))
                        .unwrap_or_else(|_| panic!("{name}:{line_no}: unknown policy {v}"));
                }
                _ => {}
            }
            stage = None;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if let Some(v) = line.strip_prefix("= ") {
            expected = Some(match v.split_once(" ~ ") {
                Some((value, t3)) => (value.trim().to_string(), Some(t3.trim().to_string())),
                None => (v.trim().to_string(), None),
            });
            continue;
        }
        let stage = stage.get_or_insert_with(|| {
            let config = DatesConfig { bare: h.bare, ..DatesConfig::default() };
            DatesStage::new(config, Path::new(".")).unwrap()
        });
        // "Sales fell {in March}.": the braces mark the expression, the rest is its context
        let (phrase, want) = match braced(line.trim()) {
            Some((text, s, e)) => (text, (s, e)),
            None => (line.trim().to_string(), (0, line.trim().len())),
        };
        let phrase = phrase.as_str();
        let found: Vec<Found> = stage.find(phrase, &h.lang, h.published.as_ref());
        checked += 1;
        let got = found
            .iter()
            .map(|f| {
                let t = &f.timex;
                let t3 = timex3_notation(t, phrase);
                format!("{:?} {} ~ {t3}", &phrase[f.start..f.end], notation(t))
            })
            .collect::<Vec<_>>()
            .join("; ");
        if show {
            println!("{name}:{line_no}: {phrase:?} -> {got}");
        }
        let fail = |why: String| format!("{name}:{line_no}: {phrase:?}: {why}; got {got:?}");
        if negative {
            if !found.is_empty() {
                failures.push(fail("a date where there is none".into()));
            }
            continue;
        }
        let Some((value, timex3)) = &expected else {
            failures.push(fail("no `= <value> <grain>` line before it".into()));
            continue;
        };
        // (expressions before the braces are their context)
        let checked_part: Vec<&Found> = found.iter().filter(|f| f.end > want.0).collect();
        let [f] = &checked_part[..] else {
            failures.push(fail(format!("expected one timex {value}")));
            continue;
        };
        if (f.start, f.end) != want {
            failures.push(fail("the timex does not cover the line (or its braces)".into()));
        } else if notation(&f.timex) != *value {
            failures.push(fail(format!("expected {value}")));
        } else if let Some(t3) = timex3
            && timex3_notation(&f.timex, phrase) != *t3
        {
            failures.push(fail(format!("expected TIMEX3 {t3}")));
        }
    }
    (checked, failures)
}

/// A line with its expression in braces ("Sales fell {in March}."): the text without them and
/// the expression's byte range in it.
fn braced(line: &str) -> Option<(String, usize, usize)> {
    let s = line.find('{')?;
    let e = line[s..].find('}')? + s;
    let text = format!("{}{}{}", &line[..s], &line[s + 1..e], &line[e + 1..]);
    Some((text, s, e - 1))
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for lang in ["ar", "en"] {
        let dir = corpus_dir().join(lang);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_corpus_line_holds() {
    let show = std::env::var("CORPUS_SHOW").is_ok();
    let (mut checked, mut failures) = (0, Vec::new());
    for path in corpus_files() {
        let (n, f) = check(&path, show);
        checked += n;
        failures.extend(f);
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} lines fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 300, "only {checked} lines");
}

/// The rule files of the grammar, each with its family name (a folder's `mod.rs` is the folder).
fn rule_files() -> Vec<(String, PathBuf)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/grammar");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let p = entry.unwrap().path();
        let (family, file) = if p.is_dir() {
            (p.file_name().unwrap().to_string_lossy().to_string(), p.join("mod.rs"))
        } else {
            (p.file_stem().unwrap().to_string_lossy().to_string(), p.clone())
        };
        out.push((family, file));
    }
    out.sort();
    out
}

/// What a grammar file that holds no family of expressions is for (no fixture of its own).
const NOT_RULES: [&str; 9] =
    ["mod", "tokens", "numbers", "quantity", "spec", "memo", "resolve", "fast_path", "tests"];

/// Every rule file opens with the four-part doc (Reads, Not, Data, Fixture), and the fixtures it
/// names exist: a newcomer finds a construction's rule, its data and its examples from one place.
#[test]
fn every_rule_file_has_its_doc_and_its_fixture() {
    let mut problems = Vec::new();
    let mut rules = 0;
    for (family, file) in rule_files() {
        if NOT_RULES.contains(&family.as_str()) {
            continue;
        }
        rules += 1;
        let text = std::fs::read_to_string(&file).unwrap();
        let doc: String = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| format!("{}\n", l.trim_start_matches("//!").trim()))
            .collect();
        for part in ["Reads", "Not", "Data", "Fixture"] {
            if !doc.lines().any(|l| l.starts_with(&format!("**{part}**"))) {
                problems.push(format!("{}: no **{part}** part in its doc", file.display()));
            }
        }
        let fixtures: Vec<&str> = doc
            .split('`')
            .filter(|s| s.starts_with("tests/corpus/") && s.ends_with(".txt"))
            .collect();
        if fixtures.is_empty() {
            problems.push(format!("{}: its doc names no tests/corpus file", file.display()));
        }
        for f in fixtures {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(f);
            if !path.is_file() || !f.ends_with(&format!("/{family}.txt")) {
                problems.push(format!(
                    "{}: fixture {f} is missing or not named after it",
                    file.display()
                ));
            }
        }
    }
    assert!(rules >= 12, "{rules} rule files");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every corpus file but `not-dates.txt` is named after a rule file.
#[test]
fn every_corpus_file_has_its_rule_file() {
    let families: Vec<String> = rule_files().into_iter().map(|(f, _)| f).collect();
    for path in corpus_files() {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        assert!(
            stem == "not-dates" || families.contains(&stem),
            "{}: no src/grammar/{stem}.rs",
            path.display()
        );
    }
}
