//! Snapshot suite: every line of `fixtures/*.txt` (our own sentences) goes through the stage's
//! string entry point with the file's reference date and policy; the snapshot lists each timex
//! with its text, its value and its TIMEX3 (after `~`). The values in the snapshots were checked
//! by hand.
//!
//! Fixture header lines: `# lang: ar|en`, `# published: <ISO date or date-time>`,
//! `# bare: future|past|nearest|tense`; other `#` lines are comments.

use std::fmt::Write as _;
use std::path::Path;

use isnad_core::{Lang, Published, TimexKind};
use isnad_dates::{Bare, DatesConfig, DatesStage};

fn render(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let (mut lang, mut published, mut bare) = (Lang::Ar, None::<Published>, Bare::Future);
    let mut lines = Vec::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("# ") {
            match h.split_once(": ") {
                Some(("lang", v)) => lang = Lang::from_code(v),
                Some(("published", v)) => published = Some(v.parse().unwrap()),
                Some(("bare", v)) => {
                    bare = serde_json::from_value(serde_json::Value::String(v.into())).unwrap()
                }
                _ => {}
            }
        } else if !line.trim().is_empty() {
            lines.push(line);
        }
    }
    let stage =
        DatesStage::new(DatesConfig { bare, ..DatesConfig::default() }, Path::new(".")).unwrap();
    let mut out = String::new();
    for line in lines {
        writeln!(out, "{line}").unwrap();
        for f in stage.find(line, &lang, published.as_ref()) {
            let t = &f.timex;
            let v = match t.kind {
                TimexKind::Value => t.value.clone().unwrap_or_default(),
                TimexKind::Interval => {
                    format!(
                        "[{} .. {})",
                        t.from.as_deref().unwrap_or("-"),
                        t.to.as_deref().unwrap_or("-")
                    )
                }
                TimexKind::Duration | TimexKind::Set => "-".into(),
            };
            let x3 = t.timex3.as_ref().map(|x| {
                let modifier =
                    x.modifier.as_deref().map(|m| format!(" mod={m}")).unwrap_or_default();
                format!("{:?} {}{modifier}", x.kind, x.value)
            });
            writeln!(
                out,
                "  {:?} -> {:?} {:?} {} ({:?}) ~ {}",
                &line[f.start..f.end],
                t.kind,
                t.grain,
                v,
                t.calendar,
                x3.unwrap_or_default()
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*.txt", |path| {
        insta::assert_snapshot!(render(path));
    });
}
