//! Rendering the fixtures: a reviewed snapshot of each article's markup, and checks that hold for
//! any article (well-nested markup, escaping, one script that only the page's nonce lets run).

mod common;

use std::path::Path;

use common::{assert_well_nested, fixture, tags};
use isnad_html::{Report, render_article};

#[test]
fn articles_render_as_reviewed() {
    insta::glob!("fixtures/*.toml", |path| {
        let html = render_article(&fixture(path), 0).unwrap();
        assert_well_nested(&html);
        insta::assert_snapshot!(html);
    });
}

fn report_of_all_fixtures() -> String {
    let mut paths: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
    paths.sort();
    let mut report = Report::begin(Vec::new(), "fixtures <&>").unwrap();
    for path in &paths {
        report.article(&fixture(path)).unwrap();
    }
    String::from_utf8(report.finish().unwrap()).unwrap()
}

#[test]
fn a_whole_report_is_well_nested_and_runs_only_its_own_script() {
    let html = report_of_all_fixtures();
    assert_well_nested(&html);
    assert!(html.contains("<title>fixtures &lt;&amp;&gt;</title>"));
    // Exactly one script element, and it carries the nonce the policy names.
    assert_eq!(html.matches("<script").count(), 1, "only the report's own script");
    let nonce = html.split("script-src 'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(nonce.len() >= 32, "a nonce of 128 bits: {nonce}");
    assert!(html.contains(&format!("<script nonce=\"{nonce}\">")));
    assert!(html.contains(&format!("<style nonce=\"{nonce}\">")));
    // Nothing is fetched: no element with a source, no stylesheet link, no import.
    for tag in tags(&html) {
        assert!(!tag.contains("src=") && !tag.starts_with("link"), "<{tag}> in the report");
    }
    assert!(!html.contains("@import") && !html.contains("url("));
    // A second report gets another nonce.
    assert!(!report_of_all_fixtures().contains(nonce));
}

#[test]
fn markup_in_the_input_is_shown_as_text() {
    let html = render_article(
        &fixture(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/script-injection.toml"),
        ),
        0,
    )
    .unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<i "), "{html}");
    assert!(!html.contains("javascript:"), "a javascript: address is not linked: {html}");
    assert!(html.contains("&lt;script&gt;window.__isnadPwned = 1&lt;&#x2f;script&gt;"), "{html}");
}
