//! Where output goes: the `-o` file (never an input, written whole or not at all) and a
//! standard output that a closed pipe does not stop.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The file of `isnad run -o PATH`.
///
/// A regular file (or a new one) is written under a temporary name beside it and renamed over
/// it once the run has written everything, so that an interrupted or failed run never leaves a
/// half-written file in its place. Anything else (`/dev/null`, a pipe) is written directly.
pub struct Target {
    file: File,
    /// The temporary file and the final path, when renaming at the end.
    rename: Option<(PathBuf, PathBuf)>,
}

impl Target {
    /// Opens the output, refusing a path that is one of the input files: that would destroy
    /// the input before it is read.
    pub fn create(path: &Path, inputs: &[PathBuf]) -> Result<Target> {
        let existing = std::fs::metadata(path).ok();
        if let Some(meta) = &existing {
            for input in inputs {
                if std::fs::metadata(input).is_ok_and(|m| same_file(meta, &m)) {
                    bail!(
                        "refusing to write the output onto the input {}: choose another -o path",
                        input.display()
                    );
                }
            }
            if !meta.is_file() {
                let file = File::create(path)
                    .with_context(|| format!("cannot open output {}", path.display()))?;
                return Ok(Target { file, rename: None });
            }
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.with_context(|| format!("output {} names no file", path.display()))?;
        let temp = path.with_file_name(format!(".{name}.isnad-{}.tmp", std::process::id()));
        let file = File::create(&temp)
            .with_context(|| format!("cannot create output file {}", path.display()))?;
        Ok(Target { file, rename: Some((temp, path.to_path_buf())) })
    }

    /// The file to write to.
    pub fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Puts the written file in place.
    pub fn finish(mut self) -> Result<()> {
        self.file.flush()?;
        if let Some((temp, path)) = self.rename.take() {
            std::fs::rename(&temp, &path).with_context(|| {
                let _ = std::fs::remove_file(&temp);
                format!("cannot move the output into place at {}", path.display())
            })?;
        }
        Ok(())
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        // Not finished: the run failed; the previous file (if any) stays as it was.
        if let Some((temp, _)) = self.rename.take() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok() && a.is_file() && b.is_file()
}

/// Standard output for commands whose exit status must not depend on whether anyone reads to
/// the end (`isnad test … | head -1`): once the reader has gone, further output is dropped and
/// the command goes on. Other write errors (a full disk) are still errors.
pub struct Lenient<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> Lenient<W> {
    pub fn new(inner: W) -> Self {
        Lenient { inner, closed: false }
    }

    fn absorb(&mut self, result: io::Result<()>) -> io::Result<()> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Lenient<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write_all(buf);
        self.absorb(result).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.absorb(result)
    }
}
