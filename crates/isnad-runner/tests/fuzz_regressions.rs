//! The fuzzing harnesses of `isnad_runner::fuzzing` under `cargo test`: every saved input in
//! `fuzz/regressions/<target>/` (seeds and every crash the fuzzers found, kept as regression
//! tests), then a bounded number of generated inputs per target (a fixed-seed generator mixing
//! random bytes with pieces of news text, quotation marks, dates and JSON).

use std::path::Path;

use isnad_runner::fuzzing;

type Harness = fn(&[u8]);

const TARGETS: [(&str, Harness); 4] = [
    ("reader", fuzzing::reader),
    ("pipeline_toml", fuzzing::pipeline_toml),
    ("stages", fuzzing::stages),
    ("plugin_payload", fuzzing::plugin_payload),
];

const PIECES: &[&str] = &[
    "قال",
    " إن ",
    "وأضاف",
    ": ",
    "«",
    "»",
    "“",
    "”",
    "\"",
    "'",
    ".",
    "،",
    "\n",
    "\n\n",
    " ",
    "He said that",
    " told ",
    "according to",
    "on Tuesday",
    "الخميس الماضي",
    "12 فبراير",
    "15 رمضان 1446هـ",
    "{",
    "}",
    "[",
    "]",
    "\"id\":",
    "\"text\":",
    "\"lang\":\"ar\"",
    "\"published\":\"2025-02-19\"",
    "[[stage]]\nuse = \"",
    "segment",
    "quotes",
    "\"\n",
    "=",
    "\u{200f}",
    "\u{feff}",
    "é",
    "💬",
    "\\u0000",
    "\\ud800",
    "9999-12-31",
    "0",
];

/// A small fixed-seed generator (xorshift), so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn input(&mut self) -> Vec<u8> {
        let mut out: Vec<u8> = (0..7).map(|_| self.next() as u8).collect();
        for _ in 0..self.next() % 64 {
            if self.next().is_multiple_of(4) {
                out.push(self.next() as u8);
            } else {
                out.extend_from_slice(PIECES[self.next() as usize % PIECES.len()].as_bytes());
            }
        }
        out
    }
}

#[test]
fn saved_inputs_pass_every_harness() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    let mut ran = 0;
    for (name, harness) in TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            eprintln!("{name}: {}", file.display());
            harness(&data);
            ran += 1;
        }
    }
    assert!(ran >= TARGETS.len(), "a seed per target at least");
}

#[test]
fn generated_inputs_pass_every_harness() {
    for (n, (name, harness)) in TARGETS.into_iter().enumerate() {
        let mut rng = Rng(0x5eed_0000 + n as u64);
        for case in 0..300 {
            let data = rng.input();
            let result = std::panic::catch_unwind(|| harness(&data));
            assert!(result.is_ok(), "{name} case {case}: {:?}", String::from_utf8_lossy(&data));
        }
    }
}
