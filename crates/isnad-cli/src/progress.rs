//! A progress bar on stderr for long runs.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use isnad_runner::{Input, Progress, Summary};

/// Inputs smaller than this finish before a bar would be worth drawing.
const LARGE_INPUT: u64 = 4 << 20;

/// Shows documents/s and MB/s while a large run goes on; silent otherwise.
pub struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    /// A bar when `show` (stderr is a terminal and not `--quiet`) and the input is large or of
    /// unknown size (stdin).
    pub fn new(show: bool, inputs: &[Input]) -> Bar {
        if !show {
            return Bar { bar: None };
        }
        let mut total = 0u64;
        let mut unknown = false;
        for input in inputs {
            match input {
                Input::Stdin => unknown = true,
                Input::Path(p) => total += size_of(p),
            }
        }
        if !unknown && total < LARGE_INPUT {
            return Bar { bar: None };
        }
        let bar = if unknown { ProgressBar::new_spinner() } else { ProgressBar::new(total) };
        let template = if unknown {
            "{spinner} {elapsed_precise} {bytes} {msg}"
        } else {
            "{bar:30} {bytes}/{total_bytes} {elapsed_precise} (eta {eta}) {msg}"
        };
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Bar { bar: Some(bar) }
    }

    /// Called after each chunk.
    pub fn update(&mut self, p: Progress) {
        if let Some(bar) = &self.bar {
            bar.set_position(p.bytes);
            let secs = p.elapsed.as_secs_f64().max(1e-6);
            bar.set_message(format!(
                "{} docs, {:.0} docs/s, {:.1} MB/s",
                p.documents,
                p.documents as f64 / secs,
                p.bytes as f64 / 1e6 / secs
            ));
        }
    }

    /// Clears the bar.
    pub fn finish(&mut self, _summary: &Summary) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// The bytes under `path`, for the bar's total. Symbolic links inside a directory are not
/// followed (a link back up the tree would never end); the total is only an estimate.
fn size_of(path: &std::path::Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => dir_size(path),
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}

fn dir_size(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(|e| e.ok())
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}
