//! `isnad test`: compare a pipeline's output on a directory of documents with reference outputs.
//!
//! Each document `NAME.txt` (or each line of a `.jsonl` file, named by its id) has its reference
//! `NAME.expected.json` beside it. Without options every document is compared and each difference
//! printed claim by claim; `--update` (re)writes every reference, `--accept NAME` only the named
//! ones. The logic lives in `isnad_runner::testing`, so Rust users get the same comparison in
//! their own tests.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use isnad_core::Published;
use isnad_runner::Registry;
use isnad_runner::testing::{self, Outcome};

/// Arguments of `isnad test`.
#[derive(clap::Args)]
pub struct TestArgs {
    /// Pipeline file (default: the built-in pipeline).
    #[arg(short, long)]
    pipeline: Option<PathBuf>,
    /// Publication date for documents that do not give one (in their .meta.json or JSONL line).
    #[arg(long, value_parser = crate::parse_published)]
    published: Option<Published>,
    /// Write the reference of every document (NAME.expected.json) from the current output.
    #[arg(long, conflicts_with = "accept")]
    update: bool,
    /// Write the reference of this document only (its file stem, or its id in a JSONL file);
    /// may be repeated. The others are still compared.
    #[arg(long, value_name = "NAME")]
    accept: Vec<String>,
    /// Directory of documents (.txt with optional .meta.json, .jsonl), searched recursively.
    dir: PathBuf,
}

/// Runs the command: exit status 0 when every document matches its reference (or references were
/// written), 1 when any differs, lacks a reference or a reference has no document.
pub fn run(args: TestArgs, registry: &Registry) -> Result<ExitCode> {
    let pipeline = crate::load_pipeline(args.pipeline.as_ref(), registry)?;
    if !args.dir.is_dir() {
        bail!("{} is not a directory", args.dir.display());
    }
    let cases = testing::cases(&pipeline, &args.dir, args.published)?;
    if cases.is_empty() {
        bail!("{} holds no document (.txt, .jsonl or .ndjson)", args.dir.display());
    }
    let names: BTreeSet<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    for name in &args.accept {
        if !names.contains(name.as_str()) {
            let known: Vec<&str> = names.iter().copied().collect();
            bail!(
                "--accept {name}: no such document in {} (documents: {})",
                args.dir.display(),
                known.join(", ")
            );
        }
    }
    // Every document is compared whatever happens to standard output (`isnad test … | head`),
    // so that the exit status is the verdict on all of them.
    let mut out = crate::output::Lenient::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let (mut differ, mut missing, mut written) = (0usize, 0usize, 0usize);
    for case in &cases {
        let outcome = case.compare()?;
        if args.update || args.accept.contains(&case.name) {
            match outcome {
                Outcome::Same => writeln!(out, "same     {}", case.name)?,
                Outcome::Missing => {
                    case.write_reference()?;
                    written += 1;
                    writeln!(out, "wrote    {} -> {}", case.name, case.reference.display())?;
                }
                Outcome::Differs(diff) => {
                    case.write_reference()?;
                    written += 1;
                    writeln!(out, "updated  {} -> {}", case.name, case.reference.display())?;
                    for line in diff.to_string().lines() {
                        writeln!(out, "    {line}")?;
                    }
                }
            }
            continue;
        }
        match outcome {
            Outcome::Same => writeln!(out, "ok       {}", case.name)?,
            Outcome::Missing => {
                missing += 1;
                writeln!(
                    out,
                    "MISSING  {}: no reference {} (write it with --accept {} or --update)",
                    case.name,
                    case.reference.display(),
                    case.name
                )?;
            }
            Outcome::Differs(diff) => {
                differ += 1;
                writeln!(
                    out,
                    "FAIL     {} ({} vs {})",
                    case.name,
                    case.source.display(),
                    case.reference.display()
                )?;
                for line in diff.to_string().lines() {
                    writeln!(out, "    {line}")?;
                }
            }
        }
    }
    let orphans = testing::orphan_references(&args.dir, &cases)?;
    for path in &orphans {
        writeln!(
            out,
            "ORPHAN   {}: no document gives this reference (delete it if its document is gone)",
            path.display()
        )?;
    }
    writeln!(out)?;
    let total = cases.len();
    if args.update || !args.accept.is_empty() {
        writeln!(out, "{written} reference{} written", if written == 1 { "" } else { "s" })?;
    }
    let bad = differ + missing + orphans.len();
    if bad == 0 {
        if total == 1 {
            writeln!(out, "1 document matches its reference")?;
        } else {
            writeln!(out, "{total} documents match their references")?;
        }
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(
            out,
            "{differ} of {total} documents differ from their references, {missing} without a reference, {} orphan reference{}",
            orphans.len(),
            if orphans.len() == 1 { "" } else { "s" }
        )?;
        out.flush()?;
        Ok(ExitCode::from(1))
    }
}
