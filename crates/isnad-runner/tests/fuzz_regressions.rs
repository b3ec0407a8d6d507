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
    ("stages", |data| {
        fuzzing::stages(data);
    }),
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

/// The span property on real-looking text: every fixture article through all four stages (in
/// both languages and with the language detected), every span of every record checked.
#[test]
fn every_span_of_the_fixture_articles_is_its_text() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let (mut checked, mut spans) = (0, 0);
    for lang in ["ar", "en"] {
        let mut files: Vec<_> = std::fs::read_dir(fixtures.join(lang))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read(&file).unwrap();
            // Byte 0: all four stages; byte 1: Arabic, English, or detected; a publication date.
            for lang_byte in [0u8, 1, 3] {
                let mut data = vec![3, lang_byte, 1, 0xe9, 0x07, 3, 12];
                data.extend_from_slice(&text);
                spans += fuzzing::stages(&data);
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked} documents");
    assert!(spans > 2 * checked, "{spans} spans in {checked} documents");
    eprintln!("{spans} spans checked in {checked} documents");
}
