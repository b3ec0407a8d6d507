//! Writing a report: the page head, one article at a time, then the index and the script.

use std::hash::{BuildHasher, Hasher};
use std::io::Write;

use isnad_runner::Record;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use serde::Serialize;

use crate::HtmlError;
use crate::view::ArticleView;

/// The report's style sheet, for pages that embed articles (put it in a `<style>` element).
pub const STYLE: &str = include_str!("../templates/report.css");
/// The report's script (tooltip, speaker filter, keys), for pages that embed articles (put it in
/// a `<script>` element after them, with an element `<div id="tip" role="tooltip" hidden>`).
pub const SCRIPT: &str = include_str!("../templates/report.js");

/// A record with the text its offsets point into (`None` when only the record is at hand: its
/// claims are then listed without their context).
#[derive(Debug, Clone)]
pub struct Article {
    /// The record, as `isnad run` writes it.
    pub record: Record,
    /// The document text the record was made from.
    pub text: Option<String>,
}

/// An HTML report being written: [`Report::begin`], [`Report::article`] for each article, then
/// [`Report::finish`]. Only the article being written is held in memory.
pub struct Report<W: Write> {
    out: W,
    env: Environment<'static>,
    nonce: String,
    index: Vec<IndexEntry>,
}

/// What one article of a report showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    /// Claims in its record.
    pub claims: usize,
    /// Errors its record carries (a document that failed in a stage or could not be read).
    pub errors: usize,
    /// Spans of its record that did not fit its text and were left out.
    pub unplaced: usize,
    /// Whether its text was given.
    pub has_text: bool,
}

/// One line of the report's list of articles.
#[derive(Debug, Serialize)]
struct IndexEntry {
    anchor: String,
    title: String,
    claims: usize,
    problems: usize,
}

impl<W: Write> Report<W> {
    /// Starts a report titled `title` on `out` (writes the page head and the styles).
    pub fn begin(mut out: W, title: &str) -> Result<Report<W>, HtmlError> {
        let env = environment();
        let nonce = nonce();
        let style = Value::from_safe_string(STYLE.into());
        render(
            &env,
            "report_head.html",
            context! { title, nonce => nonce.clone(), style },
            &mut out,
        )?;
        Ok(Report { out, env, nonce, index: Vec::new() })
    }

    /// Writes one article, and says what could be shown of it.
    pub fn article(&mut self, article: &Article) -> Result<Shown, HtmlError> {
        let view = ArticleView::build(self.index.len(), &article.record, article.text.as_deref());
        render(&self.env, "article.html", context! { article => Serde(&view) }, &mut self.out)?;
        let shown = Shown {
            claims: view.claims,
            errors: view.errors.len(),
            unplaced: view.problems.len(),
            has_text: view.has_text,
        };
        self.index.push(IndexEntry {
            title: view.title.unwrap_or(view.id),
            anchor: view.anchor,
            claims: view.claims,
            problems: view.errors.len() + view.problems.len(),
        });
        Ok(shown)
    }

    /// Writes the list of articles and the script, and returns the output.
    pub fn finish(mut self) -> Result<W, HtmlError> {
        let script = Value::from_safe_string(SCRIPT.into());
        let ctx = context! { index => Serde(&self.index), nonce => self.nonce, script };
        render(&self.env, "report_tail.html", ctx, &mut self.out)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// One article's markup alone (the `<article>` element), as the report shows it; `index` makes its
/// element ids (`a{index}`) unique on a page. For pages that embed articles (`isnad serve`).
pub fn render_article(article: &Article, index: usize) -> Result<String, HtmlError> {
    let env = environment();
    let view = ArticleView::build(index, &article.record, article.text.as_deref());
    let mut out = Vec::new();
    render(&env, "article.html", context! { article => Serde(&view) }, &mut out)?;
    Ok(String::from_utf8(out).expect("templates write UTF-8"))
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    let syntax = SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build();
    env.set_syntax(syntax.expect("the default delimiters are valid"));
    for (name, source) in [
        ("report_head.html", include_str!("../templates/report_head.html")),
        ("article.html", include_str!("../templates/article.html")),
        ("report_tail.html", include_str!("../templates/report_tail.html")),
    ] {
        env.add_template(name, source).expect("the crate's templates parse (tested)");
    }
    env
}

fn render(
    env: &Environment<'static>,
    name: &'static str,
    ctx: Value,
    out: &mut dyn Write,
) -> Result<(), HtmlError> {
    let template = env.get_template(name).map_err(|source| HtmlError::Template { name, source })?;
    let mut out = KeepError { out, error: None };
    match template.render_captured_to(ctx, &mut out) {
        Ok(_) => Ok(()),
        // A failed write is an I/O error, not a template's fault: give it back as such.
        Err(_) if out.error.is_some() => Err(HtmlError::Write(out.error.take().expect("is some"))),
        Err(source) => Err(HtmlError::Template { name, source }),
    }
}

/// A writer that keeps the first error its output gave.
struct KeepError<'a> {
    out: &'a mut dyn Write,
    error: Option<std::io::Error>,
}

impl Write for KeepError<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf).inspect_err(|e| {
            self.error.get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A fresh value for the page's Content-Security-Policy: only elements carrying it may run script
/// or style, so markup that escaped escaping still could not run. `RandomState` is seeded from
/// the operating system's randomness, which is all a nonce needs.
fn nonce() -> String {
    let draw = || {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.finish()
    };
    format!("{:016x}{:016x}", draw(), draw())
}
