//! Size limits of the codebase, checked by a test rather than by memory.
//!
//! No `.rs` file under `crates/` or `plugins/` is over [`MAX_FILE_LINES`] lines and no function
//! over [`MAX_FN_LINES`], except the units listed in `tests/tidy-allowlist.tsv` beside this file,
//! each with the reason it is allowed. The test fails on a new offender (split it, or list it with
//! a reason) and on a stale entry (a listed unit that is now within the limits or gone: delete the
//! line), so the list always says exactly what is left to split.
//!
//! Functions are found on rustfmt's layout, which `.ci/run` enforces: a `fn` item opens on a line
//! of its own and its body closes with a `}` at the same indentation.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// Longest file allowed, in lines.
const MAX_FILE_LINES: usize = 1_500;
/// Longest function allowed, in lines from its `fn` line to its closing brace.
const MAX_FN_LINES: usize = 150;
/// The folders checked, relative to the workspace root.
const ROOTS: &[&str] = &["crates", "plugins"];
/// The allowlist, relative to this crate.
const ALLOWLIST: &str = "tests/tidy-allowlist.tsv";

/// A unit over its limit: a whole file, or one function in it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Unit {
    /// The file, relative to the workspace root, with `/` separators.
    path: String,
    /// The function's name, or `None` for the file itself.
    function: Option<String>,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.function {
            Some(name) => write!(f, "{} (fn {name})", self.path),
            None => write!(f, "{} (the file)", self.path),
        }
    }
}

/// A function item found in a source file.
#[derive(Debug, PartialEq, Eq)]
struct FnItem {
    name: String,
    /// 1-based line of the `fn` keyword.
    line: usize,
    /// Lines from the `fn` line to the closing brace, both included.
    lines: usize,
}

/// The name of the function declared on `line`, if the line opens a `fn` item.
fn fn_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if rest.starts_with("//") {
        return None;
    }
    // Qualifiers that may come before `fn`, in rustfmt's order.
    loop {
        let before = rest;
        for qualifier in ["pub(crate) ", "pub(super) ", "pub ", "const ", "async ", "unsafe "] {
            rest = rest.strip_prefix(qualifier).unwrap_or(rest);
        }
        if let Some(after_extern) = rest.strip_prefix("extern ") {
            // `extern "C" fn`: skip the ABI string.
            rest = after_extern.split_once("\" ").map_or(after_extern, |(_, tail)| tail);
        }
        if rest.starts_with("pub(in ") {
            rest = rest.split_once(") ").map_or(rest, |(_, tail)| tail);
        }
        if rest == before {
            break;
        }
    }
    let rest = rest.strip_prefix("fn ")?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Every function with a body in `source`, with its length.
fn functions(source: &str) -> Vec<FnItem> {
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let indent = &line[..line.len() - line.trim_start().len()];
        // The signature runs until the line that opens the body; a declaration without a body
        // (ends with `;`) or a body on one line has nothing to measure.
        let Some(open) = (start..lines.len()).find(|&i| {
            let text = lines[i].trim_end();
            text.ends_with('{') || text.ends_with(';') || text.ends_with('}')
        }) else {
            continue;
        };
        if !lines[open].trim_end().ends_with('{') {
            continue;
        }
        let closing = format!("{indent}}}");
        let Some(end) = (open + 1..lines.len()).find(|&i| lines[i].trim_end() == closing) else {
            continue;
        };
        found.push(FnItem { name: name.to_string(), line: start + 1, lines: end - start + 1 });
    }
    found
}

/// Every `.rs` file under `dir`, skipping build output and hidden folders.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

/// The units of the workspace over their limits, with their length.
fn offenders(workspace: &Path) -> Vec<(Unit, usize)> {
    let mut files = Vec::new();
    for root in ROOTS {
        rust_files(&workspace.join(root), &mut files);
    }
    files.sort();
    let mut over = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        let path = file.strip_prefix(workspace).unwrap().to_string_lossy().replace('\\', "/");
        let file_lines = source.lines().count();
        if file_lines > MAX_FILE_LINES {
            over.push((Unit { path: path.clone(), function: None }, file_lines));
        }
        for item in functions(&source) {
            if item.lines > MAX_FN_LINES {
                over.push((Unit { path: path.clone(), function: Some(item.name) }, item.lines));
            }
        }
    }
    over
}

/// The allowlist's entries: `path<TAB>function-or-"file"<TAB>reason`, `#` comments.
fn allowlist(text: &str) -> Result<Vec<Unit>, String> {
    let mut units = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [path, unit, reason] = fields[..] else {
            return Err(format!("line {}: want path<TAB>function-or-file<TAB>reason", number + 1));
        };
        if reason.trim().is_empty() {
            return Err(format!("line {}: the entry gives no reason", number + 1));
        }
        let function = (unit != "file").then(|| unit.to_string());
        units.push(Unit { path: path.to_string(), function });
    }
    Ok(units)
}

#[test]
fn no_unit_over_its_limit_unless_allowed() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest.parent().and_then(Path::parent).unwrap();
    let list_path = manifest.join(ALLOWLIST);
    let text = std::fs::read_to_string(&list_path).unwrap_or_else(|e| panic!("{list_path:?}: {e}"));
    let allowed: BTreeSet<Unit> =
        allowlist(&text).unwrap_or_else(|e| panic!("{list_path:?}: {e}")).into_iter().collect();
    let over = offenders(workspace);
    let mut problems = Vec::new();
    for (unit, lines) in &over {
        if !allowed.contains(unit) {
            let limit = if unit.function.is_some() { MAX_FN_LINES } else { MAX_FILE_LINES };
            problems.push(format!(
                "new offender: {unit} is {lines} lines (limit {limit}): split it, or list it with \
                 a reason"
            ));
        }
    }
    let offending: BTreeSet<&Unit> = over.iter().map(|(unit, _)| unit).collect();
    for unit in &allowed {
        if !offending.contains(unit) {
            problems.push(format!("stale entry: {unit} is within the limits now: delete its line"));
        }
    }
    assert!(problems.is_empty(), "{}:\n{}", list_path.display(), problems.join("\n"));
}

#[test]
fn finds_functions_on_rustfmts_layout() {
    let source = "\
//! fn not_an_item() {}
pub(crate) fn short(a: u8) -> u8 {
    a
}

impl Thing {
    pub const unsafe extern \"C\" fn long_one(
        a: u8,
    ) -> u8
    where
        u8: Copy,
    {
        let inner = |x| x;
        fn nested() {
            body();
        }
        a
    }

    fn declared(&self);
    fn one_line() {}
}
";
    let found = functions(source);
    let summary: Vec<(&str, usize, usize)> =
        found.iter().map(|f| (f.name.as_str(), f.line, f.lines)).collect();
    assert_eq!(summary, [("short", 2, 3), ("long_one", 7, 12), ("nested", 14, 3)]);
}

#[test]
fn allowlist_wants_a_reason() {
    let units = allowlist("# comment\n\na.rs\tfile\tsplit pending\nb.rs\tf\twhy\n").unwrap();
    assert_eq!(
        units,
        [
            Unit { path: "a.rs".into(), function: None },
            Unit { path: "b.rs".into(), function: Some("f".into()) },
        ]
    );
    assert!(allowlist("a.rs\tfile\t \n").unwrap_err().contains("no reason"));
    assert!(allowlist("a.rs file\n").unwrap_err().contains("line 1"));
}
