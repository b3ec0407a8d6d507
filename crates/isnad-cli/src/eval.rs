//! `isnad eval`: scoring pipelines against gold data, with an optional gate for CI.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use isnad_core::{Act, Document, Lang};
use isnad_eval::Report;
use isnad_runner::{Pipeline, Registry};

/// What to score.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Family {
    /// Date resolution: Duckling-format case files (`*.jsonl`), TimeML gold articles in JSONL
    /// (TempEval-3 measures: relaxed extraction, value accuracy, value F1, by type, for the
    /// development part (even lines), the held-out part (odd lines) and both) and/or gold
    /// article files (`*.gold.json` or directories of them, scoring their `timexes`).
    Dates,
    /// Quote attribution (and the speaker linking of matched claims): gold article files
    /// (`*.gold.json`, article `*.txt` beside them, directories) and PolNeAR `*.jsonl`.
    Quotes,
    /// The same scoring as `quotes`; its speaker-entity and speaker-mention figures are the ones
    /// that judge speaker linking.
    Speakers,
    /// Cross-document linking of a claims database: gold identity files (`*.tsv`) and the corpus
    /// they are about (any input of `isnad index`), indexed into a temporary database.
    Linking,
}

/// `--unknown-acts`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum UnknownActs {
    Optional,
    Required,
    LeftOut,
}

/// Arguments of `isnad eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// What to score.
    #[arg(value_enum)]
    family: Family,
    /// Gold data: files or directories.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Pipeline to score (default: the shipped one for each document's language, news-ar.toml or
    /// news-en.toml, which output speech only; for PolNeAR files (`*.jsonl` quotes) the
    /// attribution pipeline attribution-en.toml, since PolNeAR also annotates beliefs,
    /// intentions and perceptions; for Duckling cases the dates-only pipelines with the `future`
    /// policy their corpus assumes).
    #[arg(short, long)]
    pipeline: Option<PathBuf>,
    /// Quotes: score against the gold claims of these acts only (comma-separated: speech,
    /// belief, intention, perception, topic), each gold cue classed by the quotes stage's cue lexicon.
    /// Gold claims of other acts are left out (a prediction matching one is a false positive);
    /// those whose cue is of no known act (":", "statement") become optional. `--gold-acts
    /// speech` is a speech-only view of PolNeAR, scored with the news pipelines unless
    /// `--pipeline` says otherwise.
    #[arg(long, value_delimiter = ',', value_parser = parse_act)]
    gold_acts: Option<Vec<Act>>,
    /// With `--gold-acts`: what to do with a gold claim whose cue is of no known act: `optional`
    /// (the figures are those of the known acts), `required` (recall counts them: a lower bound),
    /// `left-out` (a prediction matching one is a false positive).
    #[arg(long, value_enum, default_value = "optional")]
    unknown_acts: UnknownActs,
    /// Score another version's or another system's output instead of running a pipeline. Quotes:
    /// the claims of these records (JSONL as `isnad run` writes them, matched to the gold
    /// documents by id). Dates: a directory of TimeML files (`isnad run --format timeml -o DIR`,
    /// or another TimeML tool's), matched by `<DOCID>` or file name, for TimeML gold and gold
    /// articles. A gold document without a prediction has no claims or timexes.
    #[arg(long, conflicts_with = "pipeline")]
    predictions: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// List every miss.
    #[arg(short, long)]
    verbose: bool,
    /// Score only the first N documents of each input (quick runs).
    #[arg(long)]
    limit: Option<usize>,
    /// Fail (exit 1) when a metric is below a value: `--min accuracy=0.95` (repeatable).
    #[arg(long, value_parser = parse_bound)]
    min: Vec<(String, f64)>,
    /// Fail (exit 1) when a metric is above a value: `--max negative-with-timex=1` (repeatable).
    #[arg(long, value_parser = parse_bound)]
    max: Vec<(String, f64)>,
}

fn parse_act(s: &str) -> Result<Act, String> {
    Act::ALL
        .into_iter()
        .find(|a| a.as_str() == s.trim())
        .ok_or_else(|| format!("unknown act '{s}' (speech, belief, intention, perception, topic)"))
}

fn parse_bound(s: &str) -> Result<(String, f64), String> {
    let (name, value) =
        s.split_once('=').ok_or_else(|| format!("expected NAME=VALUE, got '{s}'"))?;
    let value: f64 = value.trim().parse().map_err(|_| format!("'{value}' is not a number"))?;
    Ok((name.trim().to_string(), value))
}

const DATES_AR: &str = include_str!("../../../pipelines/dates-ar.toml");
const DATES_EN: &str = include_str!("../../../pipelines/dates-en.toml");
const NEWS_AR: &str = include_str!("../../../pipelines/news-ar.toml");
const NEWS_EN: &str = include_str!("../../../pipelines/news-en.toml");
const ATTRIBUTION_EN: &str = include_str!("../../../pipelines/attribution-en.toml");

/// One pipeline per language, or the user's for all.
struct ByLang {
    ar: Pipeline,
    en: Pipeline,
}

impl ByLang {
    fn load(
        user: Option<&Path>,
        ar: (&str, &str),
        en: (&str, &str),
        registry: &Registry,
    ) -> Result<ByLang> {
        let builtin = |(name, src): (&str, &str)| {
            isnad_runner::load_str(src, name, Path::new("pipelines"), registry)
                .map_err(|e| anyhow::anyhow!("invalid shipped pipeline (a bug):\n{e}"))
        };
        match user {
            Some(path) => {
                let load = || {
                    isnad_runner::load_file(path, registry)
                        .map_err(|e| anyhow::anyhow!("invalid pipeline:\n{e}"))
                };
                Ok(ByLang { ar: load()?, en: load()? })
            }
            None => Ok(ByLang { ar: builtin(ar)?, en: builtin(en)? }),
        }
    }

    fn process(&self, mut doc: Document) -> Document {
        let pipeline = match doc.meta.lang {
            Some(Lang::En) => &self.en,
            _ => &self.ar,
        };
        // Errors of single documents show up as misses in the report.
        let _ = pipeline.process(&mut doc);
        doc
    }
}

/// Claims recorded by an earlier run, by document id (`--predictions`).
struct Recorded(std::collections::HashMap<String, Vec<isnad_runner::OutClaim>>);

impl Recorded {
    fn load(path: &Path) -> Result<Recorded> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut map = std::collections::HashMap::new();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let record: isnad_runner::Record = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not an isnad record", path.display(), n + 1))?;
            map.insert(record.id, record.claims);
        }
        Ok(Recorded(map))
    }

    /// The document with the recorded claims, their code-point offsets turned into bytes.
    fn process(&self, mut doc: Document) -> Document {
        let Some(claims) = self.0.get(&doc.id) else { return doc };
        let mut bytes: Vec<usize> = doc.text.char_indices().map(|(b, _)| b).collect();
        bytes.push(doc.text.len());
        let at = |cp: usize| bytes[cp.min(bytes.len() - 1)];
        let span = |s: &isnad_runner::OutSpan| doc.span(at(s.start), at(s.end)).ok();
        doc.layers.claims = claims
            .iter()
            .filter_map(|c| {
                Some(isnad_core::Claim {
                    act: c.act,
                    speaker: isnad_core::Speaker {
                        mention: c.speaker.mention.as_ref().and_then(span),
                        implicit: c.speaker.implicit,
                        entity: c.speaker.entity.clone(),
                        name: c.speaker.name.clone(),
                    },
                    block: c.block,
                    ..isnad_core::Claim::new(c.id.clone(), c.kind, span(&c.cue)?, span(&c.content)?)
                })
            })
            .collect();
        doc
    }
}

/// Runs `isnad eval`; returns whether every gate held.
pub fn run(args: EvalArgs, registry: &Registry) -> Result<bool> {
    let mut reports: Vec<Packed> = Vec::new();
    match args.family {
        Family::Dates => eval_dates(&args, registry, &mut reports)?,
        Family::Quotes | Family::Speakers => eval_quotes(&args, registry, &mut reports)?,
        Family::Linking => {
            let (name, json, text, metrics) = crate::index_cmd::eval_linking(
                &args.paths,
                args.pipeline.as_ref(),
                args.verbose,
                registry,
            )?;
            reports.push(Packed { name, pipeline: None, json, text, metrics });
        }
    }
    let mut all: BTreeMap<String, f64> = BTreeMap::new();
    let prefix = reports.len() > 1;
    // The gates are checked whatever happens to standard output (`isnad eval … | head`).
    let mut out = crate::output::Lenient::new(std::io::stdout().lock());
    for Packed { name, pipeline, json, text, metrics } in &reports {
        if args.json {
            writeln!(
                out,
                "{}",
                serde_json::json!({
                    "report": name, "pipeline": pipeline, "result": json, "metrics": metrics
                })
            )?;
        } else {
            if let Some(p) = pipeline {
                writeln!(out, "pipeline: {p}")?;
            }
            writeln!(out, "{text}")?;
        }
        for (k, v) in metrics {
            all.insert(if prefix { format!("{name}.{k}") } else { k.clone() }, *v);
        }
    }
    gate(&all, &args.min, &args.max)
}

/// `isnad eval dates`: date cases (`*.jsonl` of phrases), TimeML gold articles (told apart by
/// their first line) and gold timexes of annotated articles, each scored with its pipelines.
fn eval_dates(args: &EvalArgs, registry: &Registry, reports: &mut Vec<Packed>) -> Result<()> {
    let (cases, gold): (Vec<PathBuf>, Vec<PathBuf>) = expand_dirs(&args.paths)?
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e == "jsonl"));
    // (TimeML gold articles are JSONL too: told apart by their first line)
    let (timeml, cases): (Vec<PathBuf>, Vec<PathBuf>) =
        cases.into_iter().partition(|p| isnad_eval::tempeval::is_tempeval(p));
    let opts = isnad_eval::dates::Options { verbose: args.verbose };
    if let Some(dir) = &args.predictions {
        return eval_dates_predicted(dir, &timeml, &cases, &gold, args, reports);
    }
    // TimeML articles and gold timexes are read as news: with the news pipelines.
    let news = || {
        ByLang::load(
            args.pipeline.as_deref(),
            ("news-ar.toml", NEWS_AR),
            ("news-en.toml", NEWS_EN),
            registry,
        )
    };
    if !cases.is_empty() {
        let pipes = ByLang::load(
            args.pipeline.as_deref(),
            ("dates-ar.toml", DATES_AR),
            ("dates-en.toml", DATES_EN),
            registry,
        )?;
        let report = isnad_eval::dates::evaluate(&cases, &|d| pipes.process(d), &opts)
            .context("scoring date cases")?;
        reports.push(pack("dates", None, &report)?);
    }
    if !timeml.is_empty() {
        let pipes = news()?;
        let opts = isnad_eval::tempeval::Options { verbose: args.verbose, limit: args.limit };
        let report = isnad_eval::tempeval::evaluate(&timeml, &|d| pipes.process(d), &opts)
            .context("scoring TimeML gold")?;
        reports.push(pack("tempeval", None, &report)?);
    }
    if !gold.is_empty() {
        let pipes = news()?;
        let report = isnad_eval::dates::evaluate_gold(&gold, &|d| pipes.process(d), &opts)
            .context("scoring gold timexes")?;
        reports.push(pack("dates-gold", None, &report)?);
    }
    Ok(())
}

/// `isnad eval dates --predictions DIR`: the TimeML files of `DIR` scored against TimeML gold
/// and gold timexes.
fn eval_dates_predicted(
    dir: &Path,
    timeml: &[PathBuf],
    cases: &[PathBuf],
    gold: &[PathBuf],
    args: &EvalArgs,
    reports: &mut Vec<Packed>,
) -> Result<()> {
    if !cases.is_empty() {
        bail!(
            "--predictions scores TimeML gold and gold articles, not date cases ({}): leave it out \
             to score the cases",
            cases[0].display()
        );
    }
    let predicted = crate::timeml_predictions::TimemlPredictions::load(dir)?;
    if !timeml.is_empty() {
        let opts = isnad_eval::tempeval::Options { verbose: args.verbose, limit: args.limit };
        let report = isnad_eval::tempeval::evaluate(timeml, &|d| predicted.process(d), &opts)
            .context("scoring TimeML gold")?;
        reports.push(pack("tempeval", None, &report)?);
    }
    if !gold.is_empty() {
        let opts = isnad_eval::dates::Options { verbose: args.verbose };
        let report = isnad_eval::dates::evaluate_gold(gold, &|d| predicted.process(d), &opts)
            .context("scoring gold timexes")?;
        reports.push(pack("dates-gold", None, &report)?);
    }
    Ok(())
}

/// `isnad eval quotes`: gold articles with the news pipelines and PolNeAR files with the
/// attribution pipeline (unless a pipeline, recorded predictions or speech-only acts are given).
fn eval_quotes(args: &EvalArgs, registry: &Registry, reports: &mut Vec<Packed>) -> Result<()> {
    let gold_acts = match &args.gold_acts {
        Some(acts) => {
            let stage = isnad_quotes::QuotesStage::new(
                isnad_quotes::QuotesConfig::default(),
                Path::new("."),
            )
            .context("building the cue lexicon")?;
            let classify: std::sync::Arc<isnad_eval::quotes::CueActs> =
                std::sync::Arc::new(move |lang: &Lang, cue: &str| stage.cue_act(lang, cue));
            let unknown = match args.unknown_acts {
                UnknownActs::Optional => isnad_eval::quotes::UnknownAct::Optional,
                UnknownActs::Required => isnad_eval::quotes::UnknownAct::Required,
                UnknownActs::LeftOut => isnad_eval::quotes::UnknownAct::LeftOut,
            };
            Some(isnad_eval::quotes::GoldActs { acts: acts.clone(), classify, unknown })
        }
        None => None,
    };
    // Speech alone is what the news pipelines output.
    let speech_only = args.gold_acts.as_ref().is_some_and(|a| a.iter().all(|&a| a == Act::Speech));
    let opts = isnad_eval::quotes::Options { verbose: args.verbose, limit: args.limit, gold_acts };
    let news = (("news-ar.toml", NEWS_AR), ("news-en.toml", NEWS_EN));
    // PolNeAR annotates beliefs, intentions and perceptions besides speech: unless told
    // otherwise, its files are scored with the pipeline that outputs every act.
    let predictions = args.predictions.as_deref().map(Recorded::load).transpose()?;
    let (polnear, gold): (Vec<PathBuf>, Vec<PathBuf>) =
        if args.pipeline.is_some() || predictions.is_some() || speech_only {
            (Vec::new(), args.paths.clone())
        } else {
            expand_dirs(&args.paths)?
                .into_iter()
                .partition(|p| p.extension().is_some_and(|e| e == "jsonl"))
        };
    let two = !polnear.is_empty() && !gold.is_empty();
    for (paths, (ar, en), name) in [
        (&gold, news, "quotes"),
        (&polnear, (news.0, ("attribution-en.toml", ATTRIBUTION_EN)), "polnear"),
    ] {
        if paths.is_empty() {
            continue;
        }
        let report = match &predictions {
            Some(recorded) => isnad_eval::quotes::evaluate(paths, &|d| recorded.process(d), &opts),
            None => {
                let pipes = ByLang::load(args.pipeline.as_deref(), ar, en, registry)?;
                isnad_eval::quotes::evaluate(paths, &|d| pipes.process(d), &opts)
            }
        }
        .context("scoring quotes")?;
        let label = match (&args.pipeline, &args.predictions) {
            (_, Some(p)) => format!("predictions from {}", p.display()),
            (Some(p), None) => p.display().to_string(),
            (None, None) if name == "polnear" => format!(
                "{} (PolNeAR counts beliefs, intentions, perceptions and topics too; \
                 --pipeline pipelines/news-en.toml scores speech only)",
                en.0
            ),
            (None, None) if speech_only => {
                format!("{} / {} (speech only)", ar.0, en.0)
            }
            (None, None) => format!("{} / {}", ar.0, en.0),
        };
        reports.push(pack(if two { name } else { "quotes" }, Some(label), &report)?);
    }
    Ok(())
}

/// Replaces each directory by the gold files (`*.gold.json`) and case files (`*.jsonl`) in it.
fn expand_dirs(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    name.ends_with(".gold.json") || name.ends_with(".jsonl")
                })
                .collect();
            if found.is_empty() {
                bail!("{} holds no *.gold.json or *.jsonl file", path.display());
            }
            found.sort();
            out.extend(found);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            bail!("{} does not exist", path.display());
        }
    }
    Ok(out)
}

/// One report, ready to print and gate.
struct Packed {
    name: String,
    /// The pipeline that was scored, when the report says it.
    pipeline: Option<String>,
    json: serde_json::Value,
    text: String,
    metrics: BTreeMap<String, f64>,
}

fn pack<R: Report>(name: &str, pipeline: Option<String>, report: &R) -> Result<Packed> {
    Ok(Packed {
        name: name.to_string(),
        pipeline,
        json: serde_json::to_value(report)?,
        text: report.to_string(),
        metrics: report.metrics(),
    })
}

/// Checks `--min`/`--max` bounds; an unknown metric name is an error listing the known ones.
fn gate(
    metrics: &BTreeMap<String, f64>,
    min: &[(String, f64)],
    max: &[(String, f64)],
) -> Result<bool> {
    let mut ok = true;
    let bounds =
        min.iter().map(|(n, v)| (n, *v, true)).chain(max.iter().map(|(n, v)| (n, *v, false)));
    for (name, bound, is_min) in bounds {
        let Some(&value) = metrics.get(name.as_str()) else {
            bail!(
                "unknown metric '{name}'; this report has: {}",
                metrics.keys().cloned().collect::<Vec<_>>().join(", ")
            );
        };
        let held = if is_min { value >= bound } else { value <= bound };
        let op = if is_min { ">=" } else { "<=" };
        eprintln!("gate {name} = {value:.4} {op} {bound}: {}", if held { "ok" } else { "FAILED" });
        ok &= held;
    }
    Ok(ok)
}
