//! The claims database commands: `isnad index`, `isnad query`, `isnad speakers`, `isnad export`.
//!
//! The database itself (schema, linking, search) is the `isnad-index` crate; this module parses
//! the command line, runs the pipeline into the database and prints what the database answers.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use isnad_core::Published;
use isnad_index::{ClaimHit, ClaimQuery, Database, DocRows, Index, WriteSummary};
use isnad_runner::{Input, Processed, Reader, Registry, RunError, RunOptions};

use crate::table::{Bidi, fit, pad, visual};

/// Arguments of `isnad index`.
#[derive(clap::Args)]
pub struct IndexArgs {
    /// The database file (created when missing; documents already in it are replaced by id).
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// Pipeline file (default: the built-in pipeline, language detected per document).
    #[arg(short, long)]
    pipeline: Option<PathBuf>,
    /// Publication date for documents that do not give one.
    #[arg(long, value_parser = crate::parse_published)]
    published: Option<Published>,
    /// Worker threads (default: one per core).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Never show a progress bar.
    #[arg(long)]
    quiet: bool,
    /// Inputs, as for `isnad run`: .txt and .jsonl files, directories of them, or - for stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
}

/// Output formats of `isnad query` and `isnad speakers`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum QueryFormat {
    /// One line per row, for people.
    Table,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header line.
    Csv,
}

/// Arguments of `isnad query`.
#[derive(clap::Args)]
pub struct QueryArgs {
    /// The database file.
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// Claims of the speakers this name finds: a full name, an alias, a surname ("Peskov"), a
    /// gazetteer id, or an actor id as `#12` (see `isnad speakers`).
    #[arg(long)]
    speaker: Option<String>,
    /// Claims dated on or after this day or month (`2025-02-01`, `2025-02`).
    #[arg(long)]
    from: Option<String>,
    /// Claims dated on or before this day or month, inclusive (`--to 2025-02` takes all of February).
    #[arg(long)]
    to: Option<String>,
    /// Words to find in claim contents, folded as the stages fold text («الاتفاق» finds
    /// «الإتفاق»); "a phrase" in quotes, `word*` for prefixes, `OR` between alternatives.
    #[arg(long)]
    search: Option<String>,
    /// Documents in this language (`ar`, `en`).
    #[arg(long)]
    lang: Option<String>,
    /// Documents whose outlet contains this text.
    #[arg(long)]
    outlet: Option<String>,
    /// At most this many claims (0: all).
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    format: QueryFormat,
    /// Right-to-left text in `--format table` (as for `isnad run`).
    #[arg(long, value_enum, default_value_t = Bidi::Auto)]
    bidi: Bidi,
}

/// Arguments of `isnad speakers`.
#[derive(clap::Args)]
pub struct SpeakersArgs {
    /// The database file.
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// At most this many speakers (0: all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Output format (`table` or `jsonl`).
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    format: QueryFormat,
    /// Right-to-left text in `--format table` (as for `isnad run`).
    #[arg(long, value_enum, default_value_t = Bidi::Auto)]
    bidi: Bidi,
}

/// Arguments of `isnad export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// The database file.
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// Write each table as DIR/<table>.parquet (DIR is created when missing).
    #[arg(long, value_name = "DIR", required = true)]
    parquet: PathBuf,
}

/// `isnad index`: runs the pipeline and writes every record into the database.
pub fn index(args: IndexArgs, registry: &Registry) -> Result<ExitCode> {
    let pipeline = crate::load_pipeline(args.pipeline.as_ref(), registry)?;
    let mut db = Index::open(&args.db)?;
    let inputs: Vec<Input> = args.inputs.iter().map(|a| Input::parse(a)).collect();
    let reader = Reader::open(&inputs)?;
    let opts = RunOptions { jobs: args.jobs, published: args.published, ..RunOptions::default() };
    let show = !args.quiet && io::stderr().is_terminal();
    let mut bar = crate::progress::Bar::new(show, &inputs);
    let to_rows = |p: Processed| match p.doc {
        Some(doc) => DocRows::from_document(doc, p.errors),
        None => DocRows::unreadable(p.id, p.errors),
    };
    // The database is written on a thread of its own, a batch behind the pipeline: with a core
    // to spare, writing costs no wall time. The channel holds one batch, so memory stays bounded.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<DocRows>>(1);
    let (summary, written) = std::thread::scope(|scope| -> Result<_> {
        let writer = scope.spawn(move || -> Result<WriteSummary, isnad_index::IndexError> {
            let mut written = WriteSummary::default();
            for batch in rx {
                written += db.write(&batch)?;
            }
            db.finish()?;
            Ok(written)
        });
        let mut batch = Batch::default();
        let run = isnad_runner::run_each(
            &pipeline,
            reader,
            &opts,
            &to_rows,
            &mut |rows: Vec<DocRows>| {
                // A send fails only when the writer stopped on an error, which `join` reports.
                match batch.push(rows) {
                    Some(full) => tx
                        .send(full)
                        .map_err(|_| RunError::Sink("the database writer stopped".into())),
                    None => Ok(()),
                }
            },
            &mut |p| bar.update(p),
        );
        // What is left, whether the run went through or stopped on an error; a send fails only
        // when the writer already stopped.
        let _ = tx.send(batch.take());
        drop(tx);
        let written = writer.join().map_err(|_| anyhow::anyhow!("the database writer panicked"))?;
        let written = written.with_context(|| format!("writing {}", args.db.display()))?;
        Ok((run?, written))
    })?;
    bar.finish(&summary);
    eprintln!(
        "isnad: {} documents ({} replaced), {} claims, {} entities ({} linked to an actor of \
         another article) written to {}",
        written.documents,
        written.replaced,
        written.claims,
        written.entities,
        written.linked,
        args.db.display()
    );
    if summary.failed > 0 {
        eprintln!(
            "isnad: {} of {} documents had errors (in the `errors` column of `documents`)",
            summary.failed, summary.documents
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Documents gathered into one transaction: the runner hands them over a few at a time, and a
/// commit per hand-over (a write-ahead-log sync, the full-text index flushed) was half the
/// writer's time. A batch is full at 4 MB of text (or 4,096 documents): each commit flushes the
/// full-text index into a new segment, and batches of 512 short Arabic articles (1 MB) made many
/// small segments to merge (1.4 % of the instructions on 20 MB of Arabic); English articles were
/// 2.5 MB a batch already, and 8 MB batches gained nothing there (docs/performance.md).
#[derive(Default)]
struct Batch {
    docs: Vec<DocRows>,
    bytes: usize,
}

impl Batch {
    const DOCS: usize = 4096;
    const BYTES: usize = 4 << 20;

    /// Adds documents; returns the batch when it is full.
    fn push(&mut self, rows: Vec<DocRows>) -> Option<Vec<DocRows>> {
        self.bytes += rows.iter().map(DocRows::text_bytes).sum::<usize>();
        self.docs.extend(rows);
        (self.docs.len() >= Self::DOCS || self.bytes >= Self::BYTES).then(|| self.take())
    }

    /// What is gathered, full or not.
    fn take(&mut self) -> Vec<DocRows> {
        self.bytes = 0;
        std::mem::take(&mut self.docs)
    }
}

/// `isnad query`: claims newest first.
pub fn query(args: QueryArgs) -> Result<ExitCode> {
    let db = Database::open(&args.db)?;
    let query = ClaimQuery {
        speaker: args.speaker.clone(),
        from: args.from,
        to: args.to,
        search: args.search,
        lang: args.lang,
        outlet: args.outlet,
        limit: args.limit,
        ..ClaimQuery::default()
    };
    let hits = db.claims(&query)?;
    if hits.is_empty()
        && let Some(name) = &args.speaker
        && db.find_actors(name)?.is_empty()
    {
        eprintln!("isnad: no speaker in {} is known as {name:?}", args.db.display());
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        QueryFormat::Jsonl => {
            for hit in &hits {
                serde_json::to_writer(&mut out, hit)?;
                writeln!(out)?;
            }
        }
        QueryFormat::Csv => write_csv(&mut out, &hits)?,
        QueryFormat::Table => {
            let visual = is_visual(args.bidi);
            for hit in &hits {
                write_claim_line(&mut out, hit, visual)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `isnad speakers`: people and organisations by number of claims.
pub fn speakers(args: SpeakersArgs) -> Result<ExitCode> {
    let db = Database::open(&args.db)?;
    let actors = db.actors(args.limit)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.format != QueryFormat::Table {
        for actor in &actors {
            serde_json::to_writer(&mut out, actor)?;
            writeln!(out)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let visual = is_visual(args.bidi);
    let show = |s: &str| if visual { visual_text(s) } else { s.to_string() };
    writeln!(
        out,
        "{:>6}  {:>6}  {:>5}  {}  names (language: name ×uses) | roles",
        "#",
        "claims",
        "docs",
        pad("speaker", 28)
    )?;
    for a in &actors {
        let mut by_lang: Vec<(String, Vec<String>)> = Vec::new();
        for n in &a.names {
            let entry = match by_lang.iter_mut().find(|(l, _)| *l == n.lang) {
                Some(e) => e,
                None => {
                    by_lang.push((n.lang.clone(), Vec::new()));
                    by_lang.last_mut().expect("just pushed")
                }
            };
            entry.1.push(format!("{} ×{}", show(&n.name), n.count));
        }
        let names: Vec<String> =
            by_lang.iter().map(|(lang, names)| format!("{lang}: {}", names.join(", "))).collect();
        let roles: Vec<String> = a.roles.iter().take(4).map(|(r, _)| show(r)).collect();
        writeln!(
            out,
            "{:>6}  {:>6}  {:>5}  {}  {}{}",
            format!("#{}", a.id),
            a.claims,
            a.documents,
            pad(&show(&fit(&a.name, 28)), 28),
            names.join("; "),
            if roles.is_empty() { String::new() } else { format!(" | {}", roles.join(", ")) }
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `isnad export --parquet DIR`.
pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let db = Database::open(&args.db)?;
    let written = isnad_index::export_parquet(&db, &args.parquet)
        .with_context(|| format!("exporting {}", args.db.display()))?;
    for (path, rows) in written {
        eprintln!("{}: {rows} rows", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn is_visual(bidi: Bidi) -> bool {
    match bidi {
        Bidi::Visual => true,
        Bidi::Logical => false,
        Bidi::Auto => io::stdout().is_terminal(),
    }
}

fn visual_text(s: &str) -> String {
    visual(s)
}

/// One claim: date, speaker, the article with the content's offsets, the content's first words.
fn write_claim_line(out: &mut impl Write, hit: &ClaimHit, visual: bool) -> io::Result<()> {
    let show = |s: &str| if visual { visual_text(s) } else { s.to_string() };
    let speaker = hit
        .speaker
        .clone()
        .or_else(|| hit.speaker_mention.as_ref().map(|m| m.text.clone()))
        .unwrap_or_else(|| "(unnamed)".to_string());
    let mut words: Vec<&str> = hit.content.text.split_whitespace().take(17).collect();
    let more = words.len() > 16;
    words.truncate(16);
    let content = format!("{}{}", words.join(" "), if more { " …" } else { "" });
    let outlet =
        hit.outlet.as_deref().map(|o| format!(" ({})", show(&fit(o, 24)))).unwrap_or_default();
    writeln!(
        out,
        "{}  {}  {}:{}-{}{}\n    {} {}",
        pad(hit.date.as_deref().unwrap_or("-"), 10),
        pad(&show(&fit(&speaker, 26)), 26),
        hit.document,
        hit.content.start,
        hit.content.end,
        outlet,
        show(&fit(&hit.cue.text, 16)),
        show(&content)
    )
}

const CSV_HEADER: &str = "date,speaker,actor,kind,cue,content,document,content_start,content_end,\
cue_start,cue_end,outlet,lang,published,claim";

fn write_csv(out: &mut impl Write, hits: &[ClaimHit]) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    for h in hits {
        let fields = [
            h.date.clone().unwrap_or_default(),
            h.speaker.clone().unwrap_or_default(),
            h.actor.map(|a| a.to_string()).unwrap_or_default(),
            h.kind.clone(),
            h.cue.text.clone(),
            h.content.text.clone(),
            h.document.clone(),
            h.content.start.to_string(),
            h.content.end.to_string(),
            h.cue.start.to_string(),
            h.cue.end.to_string(),
            h.outlet.clone().unwrap_or_default(),
            h.lang.clone().unwrap_or_default(),
            h.published.clone().unwrap_or_default(),
            h.claim.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `isnad eval linking GOLD.tsv… CORPUS…`: indexes the corpus into a temporary database and
/// scores its cross-document links against the gold; returns the report as `isnad eval` packs it.
pub fn eval_linking(
    paths: &[PathBuf],
    pipeline: Option<&PathBuf>,
    verbose: bool,
    registry: &Registry,
) -> Result<(String, serde_json::Value, String, std::collections::BTreeMap<String, f64>)> {
    let (gold_files, inputs): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| p.extension().is_some_and(|e| e == "tsv"));
    anyhow::ensure!(!gold_files.is_empty(), "no gold identity file (*.tsv) among the paths");
    anyhow::ensure!(!inputs.is_empty(), "no corpus to index among the paths (only *.tsv files)");
    let mut gold = Vec::new();
    for path in gold_files {
        gold.extend(isnad_index::eval::read_gold(path)?);
    }
    let pipeline = crate::load_pipeline(pipeline, registry)?;
    // Removed when dropped, on an error or a panic as on success.
    let dir = tempfile::Builder::new()
        .prefix("isnad-eval-linking-")
        .tempdir()
        .context("cannot create a temporary directory for the scored database")?;
    let db_path = dir.path().join("claims.sqlite");
    let scored = (|| -> Result<isnad_index::eval::LinkingReport> {
        let mut db = Index::open(&db_path)?;
        let inputs: Vec<Input> =
            inputs.iter().map(|p| Input::parse(&p.to_string_lossy())).collect();
        let reader = Reader::open(&inputs)?;
        let to_rows = |p: Processed| match p.doc {
            Some(doc) => DocRows::from_document(doc, p.errors),
            None => DocRows::unreadable(p.id, p.errors),
        };
        let mut batch = Batch::default();
        isnad_runner::run_each(
            &pipeline,
            reader,
            &RunOptions::default(),
            &to_rows,
            &mut |rows: Vec<DocRows>| match batch.push(rows) {
                Some(full) => db.write(&full).map(|_| ()).map_err(|e| RunError::Sink(Box::new(e))),
                None => Ok(()),
            },
            &mut |_| {},
        )?;
        db.write(&batch.take())?;
        db.finish()?;
        Ok(isnad_index::eval::score(&Database::open(&db_path)?, &gold)?)
    })();
    drop(dir);
    let mut report = scored?;
    if !verbose {
        report.missed.truncate(10);
        report.wrong.truncate(10);
        report.not_found.truncate(10);
    }
    Ok((
        "linking".to_string(),
        serde_json::to_value(&report)?,
        report.to_string(),
        report.metrics(),
    ))
}
