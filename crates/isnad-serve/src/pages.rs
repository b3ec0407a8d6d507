//! The pages: home, claim search, a speaker's timeline, an article. Each handler reads the
//! database on a blocking thread and renders one template of `templates/`.

use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, Query, State as Shared};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use isnad_index::{ClaimHit, ClaimQuery, Database, IndexError};
use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use serde::{Deserialize, Serialize};

use crate::record;

/// Claims per page of a search.
const PAGE: usize = 50;
/// Claims on a speaker's timeline, at most (the newest).
const TIMELINE: usize = 2000;
/// Speakers on the home page.
const TOP_SPEAKERS: usize = 40;

/// What every request shares: the database and the templates.
pub(crate) struct State {
    db: Mutex<Database>,
    env: Environment<'static>,
}

impl State {
    pub(crate) fn new(db: Database) -> State {
        State { db: Mutex::new(db), env: environment() }
    }
}

pub(crate) fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    let syntax =
        minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build();
    env.set_syntax(syntax.expect("the default delimiters are valid"));
    for (name, source) in [
        ("layout.html", include_str!("../templates/layout.html")),
        ("macros.html", include_str!("../templates/macros.html")),
        ("home.html", include_str!("../templates/home.html")),
        ("claims.html", include_str!("../templates/claims.html")),
        ("speaker.html", include_str!("../templates/speaker.html")),
        ("article.html", include_str!("../templates/article.html")),
        ("message.html", include_str!("../templates/message.html")),
    ] {
        env.add_template(name, source).expect("the crate's templates parse (tested)");
    }
    env.add_filter("urlencode", |text: String| percent_encode(&text));
    env
}

type App = Arc<State>;

pub(crate) fn router(state: App) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/claims", get(claims))
        .route("/speakers/{id}", get(speaker))
        .route("/article", get(article))
        .fallback(not_found)
        .with_state(state)
}

/// A page, or the page that says what went wrong.
type Page = Result<Response, Response>;

async fn home(Shared(app): Shared<App>) -> Page {
    let (stats, speakers) = read(&app, |db| Ok((db.stats()?, db.actors(TOP_SPEAKERS)?))).await?;
    let ctx = context! { stats => Serde(&stats), speakers => Serde(&speakers) };
    render(&app, "home.html", "isnad: claims database", ctx)
}

/// The search form's fields (empty fields do not filter).
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
struct Search {
    q: String,
    speaker: String,
    from: String,
    to: String,
    lang: String,
    outlet: String,
    page: usize,
}

impl Search {
    fn query(&self) -> ClaimQuery {
        let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        ClaimQuery {
            search: given(&self.q),
            speaker: given(&self.speaker),
            from: given(&self.from),
            to: given(&self.to),
            lang: given(&self.lang),
            outlet: given(&self.outlet),
            // One more than a page, to know whether there is a next one.
            limit: PAGE + 1,
            offset: self.page * PAGE,
            ..ClaimQuery::default()
        }
    }

    /// The address of page `page` of the same search.
    fn page_link(&self, page: usize) -> String {
        let fields = [
            ("q", &self.q),
            ("speaker", &self.speaker),
            ("from", &self.from),
            ("to", &self.to),
            ("lang", &self.lang),
            ("outlet", &self.outlet),
        ];
        let mut link = String::from("/claims?");
        for (key, value) in fields.iter().filter(|(_, v)| !v.trim().is_empty()) {
            link.push_str(&format!("{key}={}&", percent_encode(value.trim())));
        }
        link.push_str(&format!("page={page}"));
        link
    }
}

async fn claims(Shared(app): Shared<App>, Query(search): Query<Search>) -> Page {
    let query = search.query();
    let mut hits = read(&app, move |db| db.claims(&query)).await?;
    let more = hits.len() > PAGE;
    hits.truncate(PAGE);
    let first = search.page * PAGE + 1;
    let ctx = context! {
        search => Serde(&search),
        claims => Serde(&hits),
        first,
        last => first + hits.len().saturating_sub(1),
        previous => (search.page > 0).then(|| search.page_link(search.page - 1)),
        next => more.then(|| search.page_link(search.page + 1)),
    };
    render(&app, "claims.html", "isnad: claims", ctx)
}

/// A month of a timeline and its claims, oldest first.
#[derive(Debug, Serialize)]
struct Month {
    month: String,
    claims: Vec<ClaimHit>,
}

async fn speaker(Shared(app): Shared<App>, Path(id): Path<String>) -> Page {
    let Ok(id) = id.parse::<i64>() else {
        return Err(missing(&app));
    };
    let found = read(&app, move |db| {
        let Some(actor) = db.actor(id)? else { return Ok(None) };
        let query = ClaimQuery { actor: Some(id), limit: TIMELINE, ..ClaimQuery::default() };
        Ok(Some((actor, db.claims(&query)?)))
    })
    .await?;
    let Some((actor, claims)) = found else {
        return Err(missing(&app));
    };
    let shown = claims.len();
    let ctx = context! {
        actor => Serde(&actor),
        months => Serde(&timeline(claims)),
        shown,
        cut => shown < actor.claims,
    };
    render(&app, "speaker.html", &format!("isnad: {}", actor.name), ctx)
}

/// Claims (newest first, as the database gives them) grouped by month, oldest month first; claims
/// without a date last.
fn timeline(mut claims: Vec<ClaimHit>) -> Vec<Month> {
    claims.reverse();
    let mut months: Vec<Month> = Vec::new();
    let mut undated = Vec::new();
    for claim in claims {
        let Some(month) = claim.date.as_deref().map(|d| d.chars().take(7).collect::<String>())
        else {
            undated.push(claim);
            continue;
        };
        match months.last_mut() {
            Some(last) if last.month == month => last.claims.push(claim),
            _ => months.push(Month { month, claims: vec![claim] }),
        }
    }
    if !undated.is_empty() {
        months.push(Month { month: "undated".into(), claims: undated });
    }
    months
}

#[derive(Debug, Deserialize)]
struct ArticleId {
    id: String,
}

async fn article(Shared(app): Shared<App>, Query(ArticleId { id }): Query<ArticleId>) -> Page {
    let wanted = id.clone();
    let Some(doc) = read(&app, move |db| db.document(&wanted)).await? else {
        return Err(missing(&app));
    };
    let article = record::article(&doc);
    let markup = isnad_html::render_article(&article, 0).map_err(|e| {
        message(
            &app.env,
            StatusCode::INTERNAL_SERVER_ERROR,
            "The article cannot be shown",
            &e.to_string(),
        )
    })?;
    // The article's speakers as corpus actors, for the links to their timelines.
    let speakers: Vec<(i64, String)> = {
        let mut seen = Vec::new();
        for claim in &doc.claims {
            if let (Some(actor), Some(name)) = (claim.actor, &claim.speaker)
                && !seen.iter().any(|(a, _)| *a == actor)
            {
                seen.push((actor, name.clone()));
            }
        }
        seen
    };
    let title = doc.title.clone().unwrap_or_else(|| doc.id.clone());
    let ctx = context! {
        doc_id => doc.id,
        article => Value::from_safe_string(markup),
        speakers => speakers,
    };
    render(&app, "article.html", &format!("isnad: {title}"), ctx)
}

async fn not_found(Shared(app): Shared<App>) -> Response {
    missing(&app)
}

fn missing(app: &App) -> Response {
    let text = "No page, speaker or article at this address.";
    message(&app.env, StatusCode::NOT_FOUND, "Not found", text)
}

/// Runs `read` with the database on a blocking thread; a failure becomes its error page.
async fn read<T: Send + 'static>(
    app: &App,
    read: impl FnOnce(&Database) -> Result<T, IndexError> + Send + 'static,
) -> Result<T, Response> {
    let shared = app.clone();
    let result = tokio::task::spawn_blocking(move || {
        let db = shared.db.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        read(&db)
    })
    .await;
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e @ IndexError::Search { .. })) => Err(message(
            &app.env,
            StatusCode::BAD_REQUEST,
            "This search cannot be run",
            &e.to_string(),
        )),
        Ok(Err(e)) => Err(message(
            &app.env,
            StatusCode::INTERNAL_SERVER_ERROR,
            "The database could not be read",
            &e.to_string(),
        )),
        Err(e) => Err(message(
            &app.env,
            StatusCode::INTERNAL_SERVER_ERROR,
            "The request failed",
            &e.to_string(),
        )),
    }
}

/// Renders `name` inside the layout, titled `title`.
fn render(app: &App, name: &str, title: &str, ctx: Value) -> Page {
    page(&app.env, StatusCode::OK, name, title, ctx).map_err(|e| {
        message(&app.env, StatusCode::INTERNAL_SERVER_ERROR, "The page cannot be shown", &e)
    })
}

fn message(env: &Environment<'static>, status: StatusCode, title: &str, text: &str) -> Response {
    let ctx = context! { heading => title, text };
    page(env, status, "message.html", title, ctx).unwrap_or_else(|e| {
        (StatusCode::INTERNAL_SERVER_ERROR, format!("{title}: {text} ({e})")).into_response()
    })
}

fn page(
    env: &Environment<'static>,
    status: StatusCode,
    name: &str,
    title: &str,
    ctx: Value,
) -> Result<Response, String> {
    let nonce = nonce();
    let ctx = context! {
        title,
        nonce => nonce.clone(),
        style => Value::from_safe_string(isnad_html::STYLE.into()),
        script => Value::from_safe_string(isnad_html::SCRIPT.into()),
        ..ctx
    };
    let html = env.get_template(name).and_then(|t| t.render(ctx)).map_err(|e| e.to_string())?;
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    let policy = format!(
        "default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_str(&policy).expect("ASCII"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    Ok(response)
}

/// A fresh nonce for one page's Content-Security-Policy (`RandomState` is seeded from the system's
/// randomness).
fn nonce() -> String {
    let draw = || std::collections::hash_map::RandomState::new().build_hasher().finish();
    format!("{:016x}{:016x}", draw(), draw())
}

/// `text` for a URL's query string.
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse_and_render_a_message() {
        let response = message(&environment(), StatusCode::NOT_FOUND, "Not <found>", "a & b");
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let policy = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.starts_with("default-src 'none'; style-src 'nonce-"), "{policy}");
    }

    #[test]
    fn search_links_keep_the_filters_and_encode_them() {
        let search = Search {
            q: "اتفاق \"عادل\"".into(),
            lang: "ar".into(),
            from: " ".into(),
            page: 2,
            ..Search::default()
        };
        assert_eq!(
            search.page_link(3),
            "/claims?q=%D8%A7%D8%AA%D9%81%D8%A7%D9%82%20%22%D8%B9%D8%A7%D8%AF%D9%84%22&lang=ar&page=3"
        );
        let query = search.query();
        assert_eq!((query.from, query.offset, query.limit), (None, 100, PAGE + 1));
    }

    #[test]
    fn a_timeline_runs_from_the_oldest_month_with_undated_claims_last() {
        let hit = |date: Option<&str>, claim: &str| ClaimHit {
            row: 0,
            document: "d".into(),
            outlet: None,
            lang: None,
            published: None,
            title: None,
            claim: claim.into(),
            kind: "direct".into(),
            act: None,
            actor: Some(1),
            speaker: None,
            speaker_mention: None,
            cue: isnad_index::SpanText { start: 0, end: 1, text: "x".into() },
            content: isnad_index::SpanText { start: 0, end: 1, text: "x".into() },
            medium: None,
            block: "main".into(),
            confidence: 1.0,
            date: date.map(str::to_string),
            date_source: None,
            date_before: false,
        };
        // As the database gives them: newest first, undated last.
        let claims = vec![
            hit(Some("2025-03-02"), "c4"),
            hit(Some("2025-02-20T10:00"), "c3"),
            hit(Some("2025-02-01"), "c2"),
            hit(None, "c1"),
        ];
        let months = timeline(claims);
        let shape: Vec<(&str, Vec<&str>)> = months
            .iter()
            .map(|m| (m.month.as_str(), m.claims.iter().map(|c| c.claim.as_str()).collect()))
            .collect();
        assert_eq!(
            shape,
            [("2025-02", vec!["c2", "c3"]), ("2025-03", vec!["c4"]), ("undated", vec!["c1"])]
        );
    }
}
