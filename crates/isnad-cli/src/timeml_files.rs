//! `isnad run --format timeml`: where the TimeML documents go.
//!
//! TimeML tools read one document per file, named after the document (TempEval's scorer pairs
//! `gold/ID.tml` with `system/ID.tml`), and a stream of several XML documents is not one XML
//! document. So:
//! - `-o DIR` (an existing directory, or a new path not ending in `.tml`): one `DIR/ID.tml` per
//!   input document, written as each is done, created or replaced. An id is made safe as a file
//!   name (below); two ids giving the same name (also when they differ only in case) get `-2`,
//!   `-3`, … in input order. The original id is in each document's `<DOCID>`.
//! - `-o FILE.tml`, or no `-o` (standard output): the input must hold exactly one document; a
//!   second one stops the run with an error naming `-o DIR`, and nothing is written.
//!
//! A document with errors is written all the same (it says so in a comment at its top), so that
//! every input document has its file.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use isnad_runner::{Pipeline, Processed, Progress, Reader, RunError, RunOptions, Summary};

use crate::output::Target;

/// Runs the pipeline over `reader` and writes each document as TimeML to `output` (see the
/// module doc), returning what the run did.
pub fn run(
    pipeline: &Pipeline,
    reader: Reader,
    output: Option<&Path>,
    opts: &RunOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary> {
    let inputs = reader.files();
    let run = |sink: &mut dyn FnMut(Vec<(String, String)>) -> Result<(), RunError>| {
        let map = |processed: Processed| {
            (processed.id.clone(), isnad_runner::timeml_document(&processed))
        };
        isnad_runner::run_each(pipeline, reader, opts, &map, sink, progress)
    };
    match output {
        Some(path) if is_directory_target(path)? => {
            let mut directory = Directory::create(path, &inputs)?;
            let summary = run(&mut |documents| {
                for (id, xml) in documents {
                    directory.write(&id, &xml).map_err(|e| RunError::Sink(e.into()))?;
                }
                Ok(())
            })?;
            if directory.renamed > 0 {
                eprintln!(
                    "isnad: the ids of {} documents were changed to make file names in {} (each \
                     file's <DOCID> keeps its id)",
                    directory.renamed,
                    path.display()
                );
            }
            Ok(summary)
        }
        _ => {
            // Held until the end: a second document means nothing may be written.
            let mut only: Option<String> = None;
            let summary = run(&mut |documents| {
                for (_, xml) in documents {
                    if only.is_some() {
                        return Err(RunError::Sink(more_than_one(output).into()));
                    }
                    only = Some(xml);
                }
                Ok(())
            })?;
            let Some(xml) = only else {
                bail!("the input holds no document: no TimeML written");
            };
            write_single(output, &inputs, &xml)?;
            Ok(summary)
        }
    }
}

/// True when `-o PATH` names a directory of `.tml` files: an existing directory, or a new path
/// not ending in `.tml`. An existing file not ending in `.tml` is refused: overwriting it with
/// one document, or with a directory, is not what was meant.
fn is_directory_target(path: &Path) -> Result<bool> {
    let is_tml = is_tml(path);
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(true),
        Ok(meta) if meta.is_file() && !is_tml => bail!(
            "{} is a file: --format timeml writes a directory of .tml files (give a directory), \
             or one document to a path ending in .tml",
            path.display()
        ),
        Ok(_) => Ok(false),
        Err(_) => Ok(!is_tml),
    }
}

fn is_tml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tml"))
}

/// The error for a second document when only one can be written.
fn more_than_one(output: Option<&Path>) -> String {
    let place = match output {
        Some(path) => format!("the file {}", path.display()),
        None => "standard output".to_string(),
    };
    format!(
        "--format timeml writes one document to {place}, and the input holds more than one: \
         give -o DIRECTORY for one DIRECTORY/ID.tml per document; nothing was written"
    )
}

/// Writes the one document to the `.tml` file (whole or not at all) or to standard output.
fn write_single(output: Option<&Path>, inputs: &[PathBuf], xml: &str) -> Result<()> {
    match output {
        Some(path) => {
            let mut target = Target::create(path, inputs)?;
            target.file().write_all(xml.as_bytes())?;
            target.finish()
        }
        None => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(xml.as_bytes())?;
            Ok(stdout.flush()?)
        }
    }
}

/// The directory of `-o DIR` and the file names given so far.
struct Directory {
    path: PathBuf,
    /// Names given, lower-cased: `A.tml` and `a.tml` are one file on some file systems.
    used: HashSet<String>,
    /// Documents whose file name is not their id.
    renamed: usize,
    inputs: Vec<PathBuf>,
}

impl Directory {
    fn create(path: &Path, inputs: &[PathBuf]) -> Result<Directory> {
        fs::create_dir_all(path)
            .with_context(|| format!("cannot create the output directory {}", path.display()))?;
        // Only a `.tml` input can be a file this writes: checking the others against every
        // file written would cost one look-up per input per document.
        let inputs = inputs.iter().filter(|p| is_tml(p)).cloned().collect();
        Ok(Directory { path: path.to_path_buf(), used: HashSet::new(), renamed: 0, inputs })
    }

    /// Writes one document to `DIR/NAME.tml`, under a temporary name first so that no
    /// half-written file is ever seen under the final one.
    fn write(&mut self, id: &str, xml: &str) -> Result<()> {
        let stem = self.unique_stem(id);
        let path = self.path.join(format!("{stem}.tml"));
        let mut target = Target::create(&path, &self.inputs)?;
        target
            .file()
            .write_all(xml.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        target.finish()
    }

    /// The id as a file name not given before in this run.
    fn unique_stem(&mut self, id: &str) -> String {
        let safe = safe_stem(id);
        let mut stem = safe.clone();
        let mut n = 1;
        while !self.used.insert(stem.to_lowercase()) {
            n += 1;
            stem = format!("{safe}-{n}");
        }
        self.renamed += usize::from(stem != id);
        stem
    }
}

/// Longest file stem kept, in bytes (file names are limited to 255 bytes, and a `-N` suffix,
/// `.tml` and the temporary name's parts are added to it).
const MAX_STEM_BYTES: usize = 200;

/// A document id as a file name stem: path separators, characters that some file systems refuse
/// (`: * ? " < > |`) and control characters become `_`, as does a leading `.` (no hidden files,
/// no `..`); an empty id is `_`; a long one is cut to [`MAX_STEM_BYTES`]. Letters of any script
/// stay as they are.
fn safe_stem(id: &str) -> String {
    let mut stem = String::with_capacity(id.len().min(MAX_STEM_BYTES));
    for c in id.chars() {
        if stem.len() + c.len_utf8() > MAX_STEM_BYTES {
            break;
        }
        let refused = matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            || c.is_control()
            || (stem.is_empty() && c == '.');
        stem.push(if refused { '_' } else { c });
    }
    if stem.is_empty() {
        stem.push('_');
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_safe_file_names() {
        let cases = [
            ("APW19980227.0489", "APW19980227.0489"),
            ("sada-elbalad-2025-02", "sada-elbalad-2025-02"),
            ("مقال-١", "مقال-١"),
            ("news:12", "news_12"),
            ("../etc/passwd", "_._etc_passwd"),
            (".hidden", "_hidden"),
            ("a\\b*c?d\"e<f>g|h\ni", "a_b_c_d_e_f_g_h_i"),
            ("", "_"),
        ];
        for (id, want) in cases {
            assert_eq!(safe_stem(id), want, "{id:?}");
        }
        let long = "ق".repeat(300);
        let stem = safe_stem(&long);
        assert!(stem.len() <= MAX_STEM_BYTES && stem.chars().all(|c| c == 'ق'), "{stem}");
    }

    #[test]
    fn colliding_ids_get_numbered_in_input_order() {
        let mut directory = Directory {
            path: PathBuf::new(),
            used: HashSet::new(),
            renamed: 0,
            inputs: Vec::new(),
        };
        let stems: Vec<String> = ["a/b", "a:b", "A_B", "a_b-2", "x"]
            .iter()
            .map(|id| directory.unique_stem(id))
            .collect();
        assert_eq!(stems, ["a_b", "a_b-2", "A_B-3", "a_b-2-2", "x"]);
        assert_eq!(directory.renamed, 4);
    }
}
