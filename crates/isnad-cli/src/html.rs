//! `isnad html`: articles with their claims highlighted, as one self-contained HTML file.
//!
//! Either the pipeline runs over the inputs (as in `isnad run`), or `--records` gives the records
//! of an earlier run and the inputs only supply the texts, matched by document id.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use isnad_core::Published;
use isnad_html::{Article, Report, Shown};
use isnad_runner::{Input, Item, Pipeline, Reader, Record, Registry};
use rayon::prelude::*;

/// Documents processed together (in parallel) before their articles are written.
const CHUNK: usize = 64;

#[derive(clap::Args)]
pub struct HtmlArgs {
    /// Pipeline file (default: the built-in pipeline, language detected per document).
    #[arg(short, long)]
    pipeline: Option<PathBuf>,
    /// Publication date for documents that do not give one (e.g. 2025-02-19 or 2025-02-19T10:00+03:00).
    #[arg(long, value_parser = crate::parse_published)]
    published: Option<Published>,
    /// Worker threads (default: one per core).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Write the report here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Show the records of an earlier `isnad run` (a JSONL file) instead of running the pipeline.
    /// The inputs then only give the articles' texts, matched by id; without inputs the claims are
    /// listed without their context.
    #[arg(long, value_name = "FILE")]
    records: Option<PathBuf>,
    /// The report's title (default: names the inputs).
    #[arg(long)]
    title: Option<String>,
    /// Inputs: .txt files, .jsonl files (one article a line), directories of them, or - for
    /// standard input.
    #[arg(required_unless_present = "records")]
    inputs: Vec<String>,
}

/// What the articles of a report showed, for the exit status and the closing message.
#[derive(Default)]
struct Tally {
    articles: usize,
    with_errors: usize,
    with_unplaced: usize,
    without_text: usize,
}

impl Tally {
    fn add(&mut self, shown: Shown) {
        self.articles += 1;
        self.with_errors += usize::from(shown.errors > 0);
        self.with_unplaced += usize::from(shown.unplaced > 0);
        self.without_text += usize::from(!shown.has_text);
    }
}

pub fn run(args: HtmlArgs, registry: &Registry) -> Result<ExitCode> {
    let inputs: Vec<Input> = args.inputs.iter().map(|a| Input::parse(a)).collect();
    // Everything that can fail for a bad command line fails before the output file is created.
    let source = match &args.records {
        Some(path) => Source::Records(Records::open(path, &inputs)?),
        None => Source::Pipeline(
            crate::load_pipeline(args.pipeline.as_ref(), registry)?,
            Reader::open(&inputs)?,
        ),
    };
    let title = args.title.clone().unwrap_or_else(|| default_title(&args));
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path)
                .with_context(|| format!("cannot create output file {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut report = Report::begin(out, &title)?;
    let mut tally = Tally::default();
    match source {
        Source::Records(records) => records.show(&mut report, &mut tally)?,
        Source::Pipeline(pipeline, reader) => {
            from_pipeline(&pipeline, reader, &args, &mut report, &mut tally)?
        }
    }
    report.finish()?;
    Ok(summarise(&tally, args.records.is_some() && !inputs.is_empty()))
}

/// Where the articles come from.
enum Source {
    /// Records of an earlier run.
    Records(Records),
    /// The pipeline, over these inputs.
    Pipeline(Pipeline, Reader),
}

fn default_title(args: &HtmlArgs) -> String {
    let mut names: Vec<&str> = args.inputs.iter().map(String::as_str).collect();
    if let Some(records) = &args.records {
        names.insert(0, records.to_str().unwrap_or("records"));
    }
    let more = names.len() > 3;
    names.truncate(3);
    format!("isnad: {}{}", names.join(", "), if more { ", …" } else { "" })
}

/// Runs the pipeline over the inputs, a chunk of documents at a time on the worker threads, and
/// writes their articles in input order.
fn from_pipeline(
    pipeline: &Pipeline,
    reader: Reader,
    args: &HtmlArgs,
    report: &mut Report<Box<dyn Write>>,
    tally: &mut Tally,
) -> Result<()> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = args.jobs {
        pool = pool.num_threads(jobs.max(1));
    }
    let pool = pool.build().context("cannot start worker threads")?;
    let mut chunk: Vec<Item> = Vec::with_capacity(CHUNK);
    let mut reader = reader.peekable();
    while reader.peek().is_some() {
        chunk.extend(reader.by_ref().take(CHUNK));
        let articles: Vec<Article> = pool.install(|| {
            chunk
                .par_drain(..)
                .map(|item| process(pipeline, item, args.published.as_ref()))
                .collect()
        });
        for article in &articles {
            tally.add(report.article(article)?);
        }
    }
    Ok(())
}

/// One input item to its article, whether it could be read or not (as `isnad run` does).
fn process(pipeline: &Pipeline, item: Item, published: Option<&Published>) -> Article {
    let Item { doc, id, mut errors, .. } = item;
    let Some(mut doc) = doc else {
        return Article { record: Record::failed(id, errors), text: None };
    };
    if doc.meta.published.is_none() {
        doc.meta.published = published.cloned();
    }
    errors.extend(pipeline.process(&mut doc));
    let record = Record::from_document(&doc, errors);
    Article { record, text: Some(doc.text) }
}

/// Records of an earlier run, and the texts of the inputs by document id.
struct Records {
    path: PathBuf,
    lines: io::Lines<BufReader<File>>,
    texts: HashMap<String, String>,
}

impl Records {
    /// Opens the records file and reads the inputs' texts (all of them: records may come in any
    /// order).
    fn open(path: &Path, inputs: &[Input]) -> Result<Records> {
        let file = File::open(path)
            .with_context(|| format!("cannot read records file {}", path.display()))?;
        let mut texts = HashMap::new();
        if !inputs.is_empty() {
            for item in Reader::open(inputs)? {
                if let Some(doc) = item.doc {
                    texts.insert(doc.id, doc.text);
                }
            }
        }
        Ok(Records { path: path.to_path_buf(), lines: BufReader::new(file).lines(), texts })
    }

    /// Writes an article per record; a line that is not a record becomes an article with its
    /// error, named `FILE-STEM:LINE` as `isnad run` names unreadable lines.
    fn show(self, report: &mut Report<Box<dyn Write>>, tally: &mut Tally) -> Result<()> {
        let path = self.path.display();
        let stem = self.path.file_stem().and_then(|s| s.to_str()).unwrap_or("records");
        for (n, line) in self.lines.enumerate() {
            let line = line.with_context(|| format!("cannot read records file {path}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let article = match serde_json::from_str::<Record>(&line) {
                Ok(record) => {
                    let text = self.texts.get(&record.id).cloned();
                    Article { record, text }
                }
                Err(e) => Article {
                    record: Record::failed(
                        format!("{stem}:{}", n + 1),
                        vec![format!("{path}:{}: not an isnad record: {e}", n + 1)],
                    ),
                    text: None,
                },
            };
            tally.add(report.article(&article)?);
        }
        Ok(())
    }
}

fn summarise(tally: &Tally, texts_expected: bool) -> ExitCode {
    let mut failed = false;
    if tally.with_errors > 0 {
        eprintln!(
            "isnad: {} of {} articles had errors (shown on each article)",
            tally.with_errors, tally.articles
        );
        failed = true;
    }
    if tally.with_unplaced > 0 {
        eprintln!(
            "isnad: in {} of {} articles some spans do not fit the text and are not highlighted (are the records from another version of the text?)",
            tally.with_unplaced, tally.articles
        );
        failed = true;
    }
    if texts_expected && tally.without_text > 0 {
        eprintln!(
            "isnad: {} of {} records have no text among the inputs (their claims are listed without context)",
            tally.without_text, tally.articles
        );
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
