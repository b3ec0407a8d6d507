//! `isnad serve`: started on a free local port over a database of the examples, queried over
//! HTTP, stopped. Also: a taken port and a missing database are clear errors.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

mod common;
use common::isnad;

/// A database of the two example articles, in `dir`.
fn database(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    let out = isnad()
        .args(["index", "--quiet", "--db"])
        .arg(&db)
        .args(["examples/ar-water-talks.txt", "examples/en-port-strike.txt"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}

/// A running `isnad serve`, stopped when dropped.
struct Served {
    child: Child,
    addr: String,
}

impl Served {
    fn start(db: &Path) -> Served {
        let mut child = isnad()
            .args(["serve", "--port", "0", "--db"])
            .arg(db)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut first).unwrap();
        let addr = first
            .trim()
            .strip_prefix("http://")
            .and_then(|a| a.strip_suffix('/'))
            .unwrap_or_else(|| panic!("the address comes first: {first:?}"))
            .to_string();
        Served { child, addr }
    }

    /// Status, headers (lower-case names) and body of a request.
    fn request(&self, method: &str, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.request("GET", path);
        (status, body)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(
            |b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            },
        )
        .collect()
}

#[test]
fn serves_search_speakers_and_articles_then_stops() {
    let scratch_dir = common::scratch();
    let db = database(scratch_dir.path(), "claims.sqlite");
    let mut served = Served::start(&db);
    assert!(served.addr.starts_with("127.0.0.1:"), "loopback by default: {}", served.addr);

    let (status, home) = served.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Claims database") && home.contains("14 claims"), "{home}");
    assert!(home.contains("سامح العدلي") && home.contains("Maria Okafor"), "{home}");

    // Search, in Arabic (folded: أ/ا) and in English.
    let (status, found) = served.get(&format!("/claims?q={}", encode("اتفاق")));
    assert_eq!(status, 200);
    assert!(found.contains("بلادها ملتزمة بالتوصل إلى اتفاق عادل"), "{found}");
    assert!(!found.contains("Dock workers"), "only matching claims: {found}");
    let (_, found) = served.get("/claims?q=mediation&lang=en");
    assert!(found.contains("that the federation remained open to mediation"), "{found}");
    let (_, found) = served.get("/claims?q=mediation&lang=ar");
    assert!(found.contains("No claim matches"), "{found}");

    // A speaker's page: their claims over time, each linked to its place in the article.
    let link =
        home.split("<a href=\"/speakers/").find(|part| part.contains("Maria Okafor")).unwrap();
    let id: String = link.chars().take_while(char::is_ascii_digit).collect();
    let (status, page) = served.get(&format!("/speakers/{id}"));
    assert_eq!(status, 200);
    assert!(page.contains("What they said, over time") && page.contains("2025-02"), "{page}");
    assert!(page.contains("We have waited two years for a fair offer"), "{page}");
    assert!(page.contains("that talks had collapsed last Friday"), "{page}");
    assert!(page.contains("/article?id=en-port-strike#a0-c2"), "{page}");
    assert!(!page.contains("This is a negotiating tactic"), "someone else's claim: {page}");

    // An article: the same view as `isnad html`, under a policy that runs only the page's script.
    let (status, headers, page) = served.request("GET", "/article?id=ar-water-talks");
    assert_eq!(status, 200);
    assert!(
        page.contains("<article id=\"a0\" class=\"article\" lang=\"ar\" dir=\"rtl\""),
        "{page}"
    );
    assert_eq!(page.matches("<mark id=\"a0-c").count(), 7, "{page}");
    let policy = headers.lines().find(|l| l.starts_with("content-security-policy:")).unwrap();
    let nonce = policy.split("script-src 'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(page.contains(&format!("<script nonce=\"{nonce}\">")), "{policy}");
    assert_eq!(page.matches("<script").count(), 1);

    // Unknown things are 404 pages; the server only reads.
    assert_eq!(served.get("/article?id=no-such-article").0, 404);
    assert_eq!(served.get("/speakers/999999").0, 404);
    assert_eq!(served.get("/nothing-here").0, 404);
    assert_eq!(served.request("POST", "/claims").0, 405);

    // Stopping: SIGTERM ends it cleanly.
    let pid = served.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = served.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_taken_port_or_a_missing_database_is_a_clear_error() {
    let scratch_dir = common::scratch();
    let db = database(scratch_dir.path(), "taken.sqlite");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = isnad().args(["serve", "--port", &port, "--db"]).arg(&db).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{port} is taken")), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");

    let out = isnad().args(["serve", "--port", "0", "--db", "no/such.sqlite"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no claims database at no/such.sqlite"), "{stderr}");
}
