//! `isnad`: who said what, when, and through which outlet, from news articles.
//!
//! Exit status: 0 when every document went through, 1 when any record carries an error (the
//! records say which), 2 for a bad command line, pipeline or unreadable input.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};
use isnad_core::Published;
use isnad_runner::{Input, Pipeline, Reader, Registry, RunOptions};

mod eval;
mod html;
mod index_cmd;
mod output;
mod progress;
mod serve_cmd;
mod table;
mod test_cmd;
mod timeml_files;
mod timeml_predictions;

#[derive(Parser)]
#[command(
    name = "isnad",
    version,
    about = "Extract claims (who said what, when, through which outlet) from news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a pipeline over articles and print one JSON record per article (or TimeML).
    Run(RunArgs),
    /// Validate pipeline files and report every problem with its line.
    Check {
        /// Pipeline files.
        #[arg(required = true)]
        pipelines: Vec<PathBuf>,
    },
    /// Score pipelines against gold data (precision/recall, accuracy), optionally as a gate.
    Eval(eval::EvalArgs),
    /// Compare a pipeline's output on a directory of documents with their reference outputs.
    Test(test_cmd::TestArgs),
    /// Write one self-contained HTML file showing each article with its claims highlighted.
    Html(html::HtmlArgs),
    /// Browse a claims database in a web browser: search, speakers over time, articles.
    Serve(serve_cmd::ServeArgs),
    /// Run a pipeline over a corpus into a claims database (SQLite), linking speakers across articles.
    Index(index_cmd::IndexArgs),
    /// Claims from a database, newest first: by speaker, period, words, language, outlet.
    Query(index_cmd::QueryArgs),
    /// The people and organisations of a database, by number of claims, with names and roles.
    Speakers(index_cmd::SpeakersArgs),
    /// Export a database's tables (as Parquet files).
    Export(index_cmd::ExportArgs),
    /// List the built-in stages: what each requires and provides, and its configuration fields.
    Stages {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Also describe these plugin libraries (paths, or names found in $ISNAD_PLUGIN_DIR).
        #[arg(long = "plugin", value_name = "PATH")]
        plugins: Vec<String>,
    },
}

#[derive(clap::Args)]
struct RunArgs {
    /// Pipeline file (default: the built-in pipeline, language detected per document).
    #[arg(short, long)]
    pipeline: Option<PathBuf>,
    /// Publication date for documents that do not give one (e.g. 2025-02-19 or 2025-02-19T10:00+03:00).
    #[arg(long, value_parser = parse_published)]
    published: Option<Published>,
    /// Worker threads (default: one per core).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Write records here instead of standard output. With `--format timeml`: a directory, one
    /// `ID.tml` per document (a path ending in `.tml`, or standard output, takes one document).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output: `jsonl` (one JSON record per document), `table` (one line per claim: speaker,
    /// cue, date, the first words of the content) or `timeml` (each document's text with its
    /// dates as inline TIMEX3 elements, one .tml file per document: see -o).
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Right-to-left text in `--format table`: reordered for terminals without bidi support
    /// (`visual`), as stored (`logical`), or visual only when writing to a terminal (`auto`).
    #[arg(long, value_enum, default_value_t = table::Bidi::Auto)]
    bidi: table::Bidi,
    /// Never show a progress bar.
    #[arg(long)]
    quiet: bool,
    /// Refuse documents larger than this (bytes; K, M and G suffixes): each gives a record with
    /// an error instead, without being read into memory. Default 64M.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64M")]
    max_document_bytes: usize,
    /// Replace a record longer than this many times its document's input (plus 64 KiB) by a
    /// record with an error: the bound on the output of one document.
    #[arg(long, value_name = "N", default_value_t = isnad_runner::DEFAULT_MAX_OUTPUT_RATIO)]
    max_output_ratio: usize,
    /// Inputs: .txt files (one article each), .jsonl files (one article a line: id, text, lang,
    /// published, …), directories of them, or - for standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
}

/// Output formats of `isnad run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One JSON record per document (the documented output format).
    Jsonl,
    /// A readable table, one line per claim.
    Table,
    /// TimeML: the text with inline TIMEX3 elements, one document per file.
    Timeml,
}

fn parse_published(s: &str) -> Result<Published, String> {
    s.parse().map_err(|e: isnad_core::PublishedError| e.to_string())
}

/// `1000`, `64K`, `64M`, `2G` (powers of 1024).
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err(format!("'{s}' is not a size: write bytes, or a number with K, M or G")),
    };
    let n: usize = digits.parse().map_err(|_| format!("'{s}' is not a size"))?;
    n.checked_shl(shift).filter(|v| v >> shift == n).ok_or_else(|| format!("'{s}' is too large"))
}

/// Every stage builds per-document vectors and strings (tokens, tags, mentions, the output
/// record) and drops them a moment later: with the system allocator that was about a tenth of
/// the pipeline's time; mimalloc's thread-local free lists make it a small fraction of that.
/// (Plugins allocate and free their own buffers, so the host's allocator is free to differ.)
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match dispatch(cli) {
        Ok(code) => code,
        // A reader that stopped early (`isnad run … | head`) is not an error worth a message,
        // but the run did not finish: the status of a process ended by SIGPIPE, as `head`'s
        // other writers give, so that `set -o pipefail` scripts see it.
        Err(e) if is_broken_pipe(&e) => ExitCode::from(141),
        Err(e) => {
            eprintln!("error: {}", error_chain(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, each said once: libraries that put their cause in their own
/// message ("cannot read input x: No such file or directory (os error 2)") would otherwise show
/// it twice.
fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<isnad_runner::RunError>().is_some_and(
                |r| matches!(r, isnad_runner::RunError::Write(io) if io.kind() == io::ErrorKind::BrokenPipe),
            )
    })
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    let registry = Registry::builtin();
    match cli.command {
        Command::Run(args) => run(args, &registry),
        Command::Check { pipelines } => check(&pipelines, &registry),
        Command::Stages { json, plugins } => stages(json, &plugins, &registry),
        Command::Test(args) => test_cmd::run(args, &registry),
        Command::Html(args) => html::run(args, &registry),
        Command::Serve(args) => serve_cmd::run(args),
        Command::Index(args) => index_cmd::index(args, &registry),
        Command::Query(args) => index_cmd::query(args),
        Command::Speakers(args) => index_cmd::speakers(args),
        Command::Export(args) => index_cmd::export(args),
        Command::Eval(args) => {
            Ok(if eval::run(args, &registry)? { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
    }
}

fn load_pipeline(path: Option<&PathBuf>, registry: &Registry) -> Result<Pipeline> {
    match path {
        Some(p) => isnad_runner::load_file(p, registry)
            .map_err(|e| anyhow::anyhow!("invalid pipeline:\n{e}")),
        None => isnad_runner::default_pipeline(registry)
            .map_err(|e| anyhow::anyhow!("invalid built-in pipeline (a bug):\n{e}")),
    }
}

fn run(args: RunArgs, registry: &Registry) -> Result<ExitCode> {
    let pipeline = load_pipeline(args.pipeline.as_ref(), registry)?;
    let inputs: Vec<Input> = args.inputs.iter().map(|a| Input::parse(a)).collect();
    let reader = Reader::open(&inputs)?.max_document_bytes(args.max_document_bytes);
    let opts = RunOptions {
        jobs: args.jobs,
        published: args.published,
        max_output_ratio: args.max_output_ratio,
        ..RunOptions::default()
    };
    let show = !args.quiet && io::stderr().is_terminal();
    let mut bar = progress::Bar::new(show, &inputs);
    if args.format == Format::Timeml {
        let output = args.output.as_deref();
        let summary = timeml_files::run(&pipeline, reader, output, &opts, &mut |p| bar.update(p))?;
        bar.finish(&summary);
        return Ok(exit_status(&summary, "the comment at the top of their TimeML"));
    }
    let mut target = match &args.output {
        Some(path) => Some(output::Target::create(path, &reader.files())?),
        None => None,
    };
    let mut out: Box<dyn Write + '_> = match target.as_mut() {
        Some(t) => Box::new(BufWriter::new(t.file())),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    if args.format == Format::Table {
        let visual = match args.bidi {
            table::Bidi::Visual => true,
            table::Bidi::Logical => false,
            table::Bidi::Auto => args.output.is_none() && io::stdout().is_terminal(),
        };
        out = Box::new(table::TableWriter::new(out, visual));
    }
    let summary = isnad_runner::run(&pipeline, reader, &mut out, &opts, &mut |p| bar.update(p))?;
    drop(out);
    bar.finish(&summary);
    if let Some(target) = target {
        target.finish()?;
    }
    Ok(exit_status(&summary, "their \"errors\" field"))
}

/// 1 when any document had errors (said on standard error, with where to read them), else 0.
fn exit_status(summary: &isnad_runner::Summary, where_said: &str) -> ExitCode {
    if summary.failed == 0 {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "isnad: {} of {} documents had errors (see {where_said})",
        summary.failed, summary.documents
    );
    ExitCode::from(1)
}

fn check(paths: &[PathBuf], registry: &Registry) -> Result<ExitCode> {
    // Every file is checked whatever happens to standard output, so that the status is true.
    let mut out = output::Lenient::new(io::stdout().lock());
    let mut ok = true;
    for path in paths {
        match isnad_runner::load_file(path, registry) {
            Ok(p) => {
                let names: Vec<&str> = p.stages().map(|s| s.name()).collect();
                writeln!(out, "{}: ok ({}: {})", path.display(), p.name(), names.join(" -> "))?;
            }
            Err(e) => {
                ok = false;
                eprintln!("{e}");
            }
        }
    }
    out.flush()?;
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

fn stages(json: bool, plugins: &[String], registry: &Registry) -> Result<ExitCode> {
    let mut docs = registry.docs();
    for spec in plugins {
        docs.push(isnad_runner::plugin_doc(spec).map_err(|e| anyhow::anyhow!("{e}"))?);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &docs)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    for d in docs {
        writeln!(out, "{}\n  {}", d.name, d.summary)?;
        writeln!(
            out,
            "  requires: {}",
            if d.requires.is_empty() { "-".into() } else { d.requires.join(", ") }
        )?;
        writeln!(out, "  provides: {}", d.provides.join(", "))?;
        if !d.fields.is_empty() {
            writeln!(out, "  config:")?;
            for f in d.fields {
                let default = f.default.map(|d| format!(" = {d}")).unwrap_or_default();
                writeln!(out, "    {} ({}){}", f.name, f.ty, default)?;
                for line in f.doc.lines() {
                    writeln!(out, "        {line}")?;
                }
            }
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
