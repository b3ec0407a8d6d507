//! The project's snapshot suite: the shipped pipelines on our own fixtures.
//!
//! Every `tests/fixtures/ar/*.txt` runs through `pipelines/news-ar.toml` and every
//! `tests/fixtures/en/*.txt` through `pipelines/news-en.toml`; each fixture is short and aimed at
//! one phenomenon (a quote mark style, a complementiser, a date family, a trap…). Two snapshots per
//! fixture: `claims@…` is the readable view (claims one per line: kind, speaker, cue, medium, date,
//! content; then entities and timexes), `record@…` the full output record.
//!
//! A fixture's metadata comes from `NAME.meta.json` beside it; without a `published` there, the
//! document is dated 2025-03-12 (a Wednesday), as `isnad run --published 2025-03-12` would.
//!
//! The snapshots record today's behaviour, right or wrong: a change in any stage that moves a
//! claim, a speaker or a date makes this suite fail with a readable diff. Review every changed
//! snapshot before accepting it (`cargo insta review`, or read the `.snap.new` files).

use std::path::Path;

use isnad_core::Published;
use isnad_runner::testing::{record_view, run_pipeline};
use isnad_runner::{Input, Registry, load_file};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn shipped_pipelines_on_fixtures() {
    let registry = Registry::builtin();
    let ar =
        load_file(&root().join("pipelines/news-ar.toml"), &registry).expect("news-ar.toml loads");
    let en =
        load_file(&root().join("pipelines/news-en.toml"), &registry).expect("news-en.toml loads");
    let published: Published = "2025-03-12".parse().unwrap();
    insta::glob!("../../../tests/fixtures", "{ar,en}/*.txt", |path| {
        let lang = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap();
        let pipeline = if lang == "ar" { &ar } else { &en };
        let records =
            run_pipeline(pipeline, &[Input::Path(path.to_path_buf())], Some(published.clone()))
                .unwrap();
        assert_eq!(records.len(), 1);
        let record = &records[0];
        assert!(record.errors.is_empty(), "{}: {:?}", path.display(), record.errors);
        insta::assert_snapshot!("claims", record_view(record));
        insta::assert_json_snapshot!("record", record);
    });
}
