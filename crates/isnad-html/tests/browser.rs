//! The report in a real browser: headless Chromium driven through WebDriver (chromedriver).
//!
//! What a reader sees is checked where it happens: the rendered DOM holds every claim of the
//! example articles with its speaker, Arabic paragraphs compute to right to left, hovering a claim
//! shows its speaker, the speaker filter and the keys work, markup inside an article does not run,
//! and a report of 500 articles opens in under 2 s. Screenshots of the examples are written for
//! people to look at (their paths are printed), not compared.
//!
//! Needs Debian's `chromium` and `chromium-driver` (or `ISNAD_CHROMIUM` / `ISNAD_CHROMEDRIVER`).
//! Without them each test says it is skipped; with `ISNAD_REQUIRE_BROWSER=1` (as `.ci/run` sets)
//! a missing browser fails instead.

mod common;

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, MutexGuard};

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::{Client, ClientBuilder, Locator};
use isnad_core::TimexKind;
use isnad_html::{Article, Report};
use isnad_runner::{Input, Registry};
use serde_json::{Value, json};

/// Prints to standard error past the test harness's capture (which only takes `eprintln!`), so
/// that skips, timings and screenshot paths show in a plain `cargo test`.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// A headless Chromium session, and the chromedriver that runs it (ended when dropped).
struct Browser {
    client: Client,
    driver: Child,
    profile: PathBuf,
    /// One browser at a time: on two cores, browsers started side by side slow each other down
    /// (and the timing below would measure that).
    _turn: MutexGuard<'static, ()>,
}

static TURN: Mutex<()> = Mutex::const_new(());

impl Browser {
    /// Starts chromedriver and a browser session, or says why the test is skipped.
    async fn start(test: &str) -> Option<Browser> {
        let Some((chromium, chromedriver)) = binaries() else {
            assert!(
                std::env::var_os("ISNAD_REQUIRE_BROWSER").is_none(),
                "{test}: ISNAD_REQUIRE_BROWSER is set but chromium or chromedriver was not found"
            );
            say!(
                "skipped: {test}: chromium and chromedriver not found (apt-get install chromium chromium-driver)"
            );
            return None;
        };
        let turn = TURN.lock().await;
        static SESSIONS: AtomicUsize = AtomicUsize::new(0);
        let profile = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "chromium-profile-{}-{}",
            std::process::id(),
            SESSIONS.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&profile);
        let port = free_port();
        // In a process group of its own, with the browser it starts: a test that fails before
        // closing its session still ends them all (see `Drop`).
        let driver = Command::new(chromedriver)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not listen");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,1000",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ];
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), json!({ "binary": chromium, "args": args }));
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a browser session starts");
        Some(Browser { client, driver, profile, _turn: turn })
    }

    async fn open(&self, file: &Path) {
        self.client.goto(&format!("file://{}", file.display())).await.unwrap();
    }

    async fn eval(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    async fn hover(&self, css: &str) {
        let element = self.client.find(Locator::Css(css)).await.unwrap();
        self.eval(&format!("document.querySelector({css:?}).scrollIntoView({{block: 'center'}})"))
            .await;
        self.frames().await;
        let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: 0.0,
        });
        self.client.perform_actions(mouse).await.unwrap();
    }

    /// Types `key` into the focused element; returns the id of the element focused after.
    async fn press(&self, key: &str) -> Value {
        self.client.active_element().await.unwrap().send_keys(key).await.unwrap();
        self.eval("return document.activeElement.id").await
    }

    /// The tooltip's text, or `None` while it is hidden.
    async fn tooltip(&self) -> Option<String> {
        let tip = self.eval(
            "const t = document.getElementById('tip'); return t.hidden ? null : t.innerText;",
        );
        tip.await.as_str().map(str::to_string)
    }

    /// The tooltip's text once it shows (events are dispatched asynchronously; on a loaded
    /// machine that takes a moment), or `None` if it does not within 5 s.
    async fn tooltip_shown(&self) -> Option<String> {
        let started = Instant::now();
        loop {
            if let Some(text) = self.tooltip().await {
                return Some(text);
            }
            if started.elapsed() > Duration::from_secs(5) {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Resolves after the browser painted two more frames (so that layout, scrolling and the
    /// events they cause are done); returns the page's clock then, in ms since navigation began.
    async fn frames(&self) -> f64 {
        let script = "const done = arguments[arguments.length - 1]; \
                      requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));";
        self.client.execute_async(script, vec![]).await.unwrap().as_f64().unwrap()
    }

    async fn close(self) {
        self.client.clone().close().await.unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The whole group: chromedriver and the browser it started, which outlives a bare kill
        // of chromedriver when the test failed before closing its session.
        let _ =
            Command::new("kill").args(["-KILL", "--", &format!("-{}", self.driver.id())]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn binaries() -> Option<(PathBuf, PathBuf)> {
    let find = |var: &str, names: &[&str]| {
        if let Some(path) = std::env::var_os(var) {
            return Some(PathBuf::from(path)).filter(|p| p.is_file());
        }
        let dirs = std::env::var_os("PATH")?;
        std::env::split_paths(&dirs)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file())
    };
    Some((
        find("ISNAD_CHROMIUM", &["chromium", "chromium-browser", "google-chrome"])?,
        find("ISNAD_CHROMEDRIVER", &["chromedriver"])?,
    ))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The example articles of the README, through the default pipeline.
fn examples() -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let registry = Registry::builtin();
    let pipeline = isnad_runner::default_pipeline(&registry).unwrap();
    let inputs = ["ar-water-talks.txt", "en-port-strike.txt"].map(|f| Input::Path(root.join(f)));
    isnad_runner::Reader::open(&inputs)
        .unwrap()
        .map(|item| {
            let doc = item.doc.expect("the examples read");
            let text = doc.text.clone();
            Article { record: isnad_runner::run_document(&pipeline, doc), text: Some(text) }
        })
        .collect()
}

fn write_report(path: &Path, title: &str, articles: &[Article]) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut report = Report::begin(file, title).unwrap();
    for article in articles {
        report.article(article).unwrap();
    }
    report.finish().unwrap();
}

#[tokio::test]
async fn examples_show_every_claim_with_its_speaker_and_arabic_right_to_left() {
    let Some(browser) = Browser::start("examples_show_every_claim_with_its_speaker").await else {
        return;
    };
    let articles = examples();
    let path = out_dir("html").join("examples.html");
    write_report(&path, "isnad examples", &articles);
    browser.open(&path).await;
    for (n, article) in articles.iter().enumerate() {
        assert!(!article.record.claims.is_empty(), "the example {} has claims", article.record.id);
        // Each claim's content, as the DOM has it (all its pieces), with its speaker.
        let script = format!(
            "return [...document.querySelectorAll('#a{n} mark.claim[id]')].map(m => ({{
                id: m.dataset.claim,
                speaker: m.dataset.speaker,
                text: [...document.querySelectorAll('#a{n} mark.claim')]
                    .filter(p => p.dataset.claim === m.dataset.claim).map(p => p.textContent).join('')
            }}));"
        );
        let shown = browser.eval(&script).await;
        let shown = shown.as_array().unwrap();
        assert_eq!(
            shown.len(),
            article.record.claims.len(),
            "{}: one element per claim",
            article.record.id
        );
        for claim in &article.record.claims {
            let element = shown
                .iter()
                .find(|s| s["id"] == claim.id.as_str())
                .unwrap_or_else(|| panic!("{} {} is not in the page", article.record.id, claim.id));
            assert_eq!(element["text"], claim.content.text.replace('\n', ""), "{}", claim.id);
            let speaker = claim.speaker.name.as_deref().expect("example claims have a speaker");
            assert_eq!(element["speaker"], speaker, "{} {}", article.record.id, claim.id);
        }
        // Paragraph direction as the browser computes it.
        let directions = browser
            .eval(&format!(
                "return [...document.querySelectorAll('#a{n} .text p')].map(p => [p.lang, getComputedStyle(p).direction]);"
            ))
            .await;
        for pair in directions.as_array().unwrap() {
            let expected = if pair[0] == "ar" { "rtl" } else { "ltr" };
            assert_eq!(pair[1], expected, "{}: a paragraph in {}", article.record.id, pair[0]);
        }
        let lang = article.record.lang.as_deref().unwrap();
        let arabic = directions.as_array().unwrap().iter().filter(|p| p[0] == "ar").count();
        assert_eq!(
            arabic > 0,
            lang == "ar",
            "{}: Arabic paragraphs where the article is Arabic",
            article.record.id
        );
    }
    // A screenshot of each example article for people to look at.
    let shots = out_dir("screenshots");
    for (n, article) in articles.iter().enumerate() {
        let element = browser.client.find(Locator::Id(&format!("a{n}"))).await.unwrap();
        let png = element.screenshot().await.unwrap();
        let file = shots.join(format!("{}.png", article.record.id));
        std::fs::write(&file, png).unwrap();
        say!("screenshot: {}", file.display());
    }
    browser.close().await;
}

#[tokio::test]
async fn hover_keys_and_speaker_filter() {
    let Some(browser) = Browser::start("hover_keys_and_speaker_filter").await else {
        return;
    };
    let articles = examples();
    let path = out_dir("html").join("examples-interaction.html");
    write_report(&path, "isnad examples", &articles);
    browser.open(&path).await;
    assert_eq!(browser.tooltip().await, None, "no tooltip before a hover");
    // Hovering a claim shows who said it, in Arabic and in English. The pointer goes to the
    // middle of the claim, so the claim chosen is one with a named speaker and no date inside
    // (a date's own tooltip would answer there).
    for article in [0, 1] {
        let record = &articles[article].record;
        let c = record
            .claims
            .iter()
            .find(|c| {
                c.speaker.name.is_some()
                    && !record
                        .timexes
                        .iter()
                        .any(|t| t.start < c.content.end && c.content.start < t.end)
            })
            .expect("an example claim with a named speaker and no date inside");
        browser.hover(&format!("#a{article}-{}", c.id)).await;
        let tip = browser.tooltip_shown().await.expect("hovering a claim shows the tooltip");
        let speaker = c.speaker.name.as_deref().unwrap();
        assert!(tip.contains(&format!("Speaker: {speaker}")), "{tip}");
        assert!(
            tip.contains(&format!(
                "Kind: {}",
                serde_json::to_value(c.kind).unwrap().as_str().unwrap()
            )),
            "{tip}"
        );
        if article == 0 {
            // The screenshot for the README: the Arabic example with a tooltip open.
            let file = out_dir("screenshots").join("examples-hover.png");
            std::fs::write(&file, browser.client.screenshot().await.unwrap()).unwrap();
            say!("screenshot: {}", file.display());
        }
    }
    // Hovering a date shows its value.
    let timex = &articles[1].record.timexes[0];
    browser.hover("#a1 .timex").await;
    let tip = browser.tooltip_shown().await.expect("hovering a date shows the tooltip");
    assert!(tip.contains(&format!("Date: {}", timex.value.as_deref().unwrap())), "{tip}");
    // A duration ("two years") shows how long, not a calendar date.
    let duration = articles[1]
        .record
        .timexes
        .iter()
        .find(|t| t.kind == TimexKind::Duration)
        .expect("the English example has a duration");
    browser.hover("#a1 .timex[data-timex=duration]").await;
    let tip = browser.tooltip_shown().await.expect("hovering a duration shows the tooltip");
    let value = &duration.timex3.as_ref().unwrap().value;
    assert!(tip.contains(&format!("Duration: {value}")), "{tip}");

    // Keys: j focuses the next claim (and shows its tooltip), k the one before.
    browser.eval("window.scrollTo(0, 0); document.activeElement.blur();").await;
    assert_eq!(browser.press("j").await, "a0-c1");
    assert_eq!(browser.press("j").await, "a0-c2");
    assert_eq!(browser.press("k").await, "a0-c1");
    let tip = browser.tooltip_shown().await.expect("a focused claim shows the tooltip");
    assert!(tip.contains(articles[0].record.claims[0].speaker.name.as_deref().unwrap()), "{tip}");

    // Choosing a speaker keeps their claims' colour and clears the others'.
    let second = &articles[1].record.claims[1];
    let entity = second.speaker.entity.as_deref().unwrap();
    browser
        .eval(&format!(
            "document.querySelector('#a1 button.who[data-filter=\"{entity}\"]').scrollIntoView()"
        ))
        .await;
    browser
        .client
        .find(Locator::Css(&format!("#a1 button.who[data-filter=\"{entity}\"]")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let backgrounds = browser
        .eval("return [...document.querySelectorAll('#a1 mark.claim[id]')].map(m => [m.dataset.entity, getComputedStyle(m).backgroundColor, m.tabIndex]);")
        .await;
    for row in backgrounds.as_array().unwrap() {
        let clear = row[1] == "rgba(0, 0, 0, 0)";
        assert_eq!(clear, row[0] != entity, "{row}");
        assert_eq!(
            row[2] == 0,
            row[0] == entity,
            "only the chosen speaker's claims are keyboard stops: {row}"
        );
    }
    browser.press("\u{e00c}").await; // Escape: all speakers again.
    let filtering =
        browser.eval("return document.querySelectorAll('article.filtering').length").await;
    assert_eq!(filtering, 0);
    browser.close().await;
}

#[tokio::test]
async fn markup_inside_an_article_does_not_run() {
    let Some(browser) = Browser::start("markup_inside_an_article_does_not_run").await else {
        return;
    };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut articles = vec![common::fixture(&fixtures.join("script-injection.toml"))];
    // The same through the pipeline: an article whose text holds a script and a handler.
    let registry = Registry::builtin();
    let pipeline = isnad_runner::default_pipeline(&registry).unwrap();
    let text = "The minister said that <script>window.__isnadPwned = 6</script> was a test.\n\
                <img src=x onerror=\"window.__isnadPwned = 7\"> <svg onload=\"window.__isnadPwned = 8\">";
    let mut doc = isnad_core::Document::new("pipeline-injection", text);
    doc.meta.lang = Some(isnad_core::Lang::En);
    articles.push(Article {
        record: isnad_runner::run_document(&pipeline, doc),
        text: Some(text.into()),
    });
    let path = out_dir("html").join("injection.html");
    write_report(&path, "<script>window.__isnadPwned = 9</script>", &articles);
    browser.open(&path).await;
    browser.hover("#a0 button.who[data-filter=\"e1\"]").await;
    browser.hover("#a0 .mention").await;
    browser.hover("#a0-c1").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let pwned =
        browser.eval("return window.__isnadPwned === undefined ? null : window.__isnadPwned").await;
    assert_eq!(pwned, Value::Null, "a script from the article ran");
    let text = browser.eval("return document.querySelector('#a0 .text').innerText").await;
    assert!(text.as_str().unwrap().contains("<script>window.__isnadPwned = 1</script>"), "{text}");
    let text = browser.eval("return document.querySelector('#a1 .text').innerText").await;
    assert!(text.as_str().unwrap().contains("<img src=x onerror="), "{text}");
    // The page's own script did run (the tooltip works), so the check above means something.
    assert!(browser.tooltip_shown().await.is_some(), "the report's own script runs");
    browser.close().await;
}

/// 500 articles of realistic length: each example three times over (about 21 claims and 2 to 4 KB
/// of text each), under its own id.
fn five_hundred(examples: &[Article]) -> Vec<Article> {
    (0..500)
        .map(|i| {
            let example = &examples[i % examples.len()];
            let text = example.text.as_deref().unwrap();
            let mut record = example.record.clone();
            record.id = format!("{}-{i}", record.id);
            let mut full = String::new();
            let (mut claims, mut timexes) = (Vec::new(), Vec::new());
            for copy in 0..3 {
                let shift = full.chars().count();
                for c in &example.record.claims {
                    let mut c = c.clone();
                    c.id = format!("c{}", claims.len() + 1);
                    for span in [
                        Some(&mut c.cue),
                        Some(&mut c.content),
                        c.speaker.mention.as_mut(),
                        c.medium.as_mut(),
                    ]
                    .into_iter()
                    .flatten()
                    {
                        span.start += shift;
                        span.end += shift;
                    }
                    claims.push(c);
                }
                for t in &example.record.timexes {
                    let mut t = t.clone();
                    t.start += shift;
                    t.end += shift;
                    timexes.push(t);
                }
                full.push_str(text);
                if copy < 2 {
                    full.push_str("\n\n");
                }
            }
            record.claims = claims;
            record.timexes = timexes;
            Article { record, text: Some(full) }
        })
        .collect()
}

#[tokio::test]
async fn a_report_of_500_articles_opens_in_under_two_seconds() {
    let Some(browser) = Browser::start("a_report_of_500_articles_opens_in_under_two_seconds").await
    else {
        return;
    };
    let articles = five_hundred(&examples());
    let path = out_dir("html").join("five-hundred.html");
    write_report(&path, "500 articles", &articles);
    let bytes = std::fs::metadata(&path).unwrap().len();
    let claims: usize = articles.iter().map(|a| a.record.claims.len()).sum();
    // Measured in the page: from the start of navigation (the page's time origin) to the second
    // frame painted after the load event, i.e. parsed, laid out and on screen. A small report is
    // opened first, so that starting the browser's process for local files is not counted; then
    // five loads, of which the fastest counts: the machine is shared, other programs can only
    // add time, and the fastest load is the nearest to the report's own cost (all five are
    // printed, the spread with them).
    let small = out_dir("html").join("warm-up.html");
    write_report(&small, "warm-up", &articles[..2]);
    browser.open(&small).await;
    browser.frames().await;
    let mut loads = Vec::new();
    for _ in 0..5 {
        browser.client.goto("about:blank").await.unwrap();
        browser.open(&path).await;
        let painted = browser.frames().await;
        let timing = browser
            .eval("const n = performance.getEntriesByType('navigation')[0]; return [n.domContentLoadedEventEnd, n.loadEventEnd];")
            .await;
        loads.push([timing[0].as_f64().unwrap(), timing[1].as_f64().unwrap(), painted]);
    }
    let count = browser.eval("return document.querySelectorAll('mark.claim[id]').length").await;
    assert_eq!(count, claims, "every claim is in the page");
    let fastest = loads.iter().map(|l| l[2]).fold(f64::INFINITY, f64::min);
    let shown: Vec<String> = loads
        .iter()
        .map(|[dom, load, painted]| {
            format!("DOMContentLoaded {dom:.0} ms, load {load:.0} ms, painted {painted:.0} ms")
        })
        .collect();
    say!(
        "500-article report ({:.1} MB, {claims} claims) opened in {fastest:.0} ms (fastest of 5 loads: {})",
        bytes as f64 / 1e6,
        shown.join("; ")
    );
    assert!(fastest < 2000.0, "the report took {fastest:.0} ms to open");
    // The last article is there and laid out when scrolled to.
    browser.eval("document.getElementById('a499').scrollIntoView()").await;
    let last =
        browser.eval("return document.getElementById('a499').getBoundingClientRect().height").await;
    assert!(last.as_f64().unwrap() > 100.0, "{last}");
    browser.close().await;
}
