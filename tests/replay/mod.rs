//! A scriptable replay server for the crawl's fault tests: one platform's deterministic items served in its
//! real wire format with its real pagination, plus a per-request fault script (429s, 500s, stalls, broken
//! bodies, repeating cursors) and server-wide paging quirks (overlapping pages, an empty last page).

mod formats;
mod keyed;
mod platform;
mod render;
mod youtube;

pub use platform::Platform;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use tokio::net::TcpListener;
use tokio::sync::watch;

use formats::Reply;

/// One served item; each platform renders it in its own format and id scheme.
#[derive(Debug, Clone)]
pub struct Item {
    /// Unique, positive.
    pub n: u64,
    /// Whole seconds (the coarsest timestamp any platform has).
    pub created_at: DateTime<Utc>,
}

/// What the server does to one request instead of answering it plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 429 with this `Retry-After`.
    TooManyRequests(&'static str),
    /// HTTP 500 with a short body.
    ServerError,
    /// The right answer, but only after this long (past the client's timeout).
    Stall(Duration),
    /// The right answer cut off halfway (at a `>` for XML, so it still ends like a document).
    Truncated,
    /// HTTP 200 with a body that does not parse (JSON with a broken token, XML with a mismatched tag).
    Malformed,
    /// The cursor stops moving: a cursor-paged API links back to the page just served, an offset-paged one
    /// serves the previous page again. Applies to follow-up pages only (first pages are answered plainly).
    RepeatCursor,
}

/// Server-wide paging behaviour.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    /// Items per page (the server's own cap; the client's page size can only lower it).
    pub size: usize,
    /// Items of the previous page repeated at the start of each follow-up page.
    pub overlap: usize,
    /// The last page claims more, and the page after it is empty.
    pub empty_tail: bool,
    /// Waited before every answer.
    pub delay: Duration,
}

impl Default for Paging {
    fn default() -> Self {
        Paging { size: 4, overlap: 0, empty_tail: false, delay: Duration::ZERO }
    }
}

/// Which fault, if any, request number `n` (0-based, retries included) gets.
pub type Script = Arc<dyn Fn(usize) -> Option<Fault> + Send + Sync>;

/// A script without faults.
pub fn healthy() -> Script {
    Arc::new(|_: usize| None)
}

/// A script with one fault on each of the given requests.
pub fn at(requests: &[usize], fault: Fault) -> Script {
    let requests = requests.to_vec();
    Arc::new(move |n| requests.contains(&n).then_some(fault))
}

struct Shared {
    platform: Platform,
    items: Vec<Item>,
    paging: Paging,
    script: Script,
    base: String,
    requests: AtomicUsize,
    last: Mutex<Option<Reply>>,
}

/// A running replay server; stops when dropped.
pub struct Replay {
    shared: Arc<Shared>,
    _stop: watch::Sender<bool>,
}

impl Replay {
    /// Serves `items` as `platform` on a free port of 127.0.0.1.
    pub async fn start(platform: Platform, items: Vec<Item>, paging: Paging, script: Script) -> Replay {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut items = items;
        items.sort_by_key(|i| std::cmp::Reverse((i.created_at, i.n)));
        let shared = Arc::new(Shared {
            platform,
            items,
            paging,
            script,
            base,
            requests: AtomicUsize::new(0),
            last: Mutex::new(None),
        });
        let (stop, mut stopped) = watch::channel(false);
        let router = axum::Router::new().fallback(handle).with_state(shared.clone());
        tokio::spawn(async move {
            let shutdown = async move {
                let _ = stopped.wait_for(|&s| s).await;
            };
            let _ = axum::serve(listener, router).with_graceful_shutdown(shutdown).await;
        });
        Replay { shared, _stop: stop }
    }

    /// The root URL, e.g. `http://127.0.0.1:40123`.
    pub fn base_url(&self) -> &str {
        &self.shared.base
    }

    /// Requests answered or being answered so far.
    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// `(source, source_id)` of every item as the platform serves them; the store keeps them through governance,
    /// which turns the DIDs in Bluesky's ids into pseudonyms ([`as_stored`]).
    pub fn served(&self) -> BTreeSet<(String, String)> {
        let p = self.shared.platform;
        let ids = self.shared.items.iter().flat_map(|i| p.source_ids(i));
        ids.map(|id| (p.source_name().to_string(), id)).collect()
    }
}

async fn handle(State(s): State<Arc<Shared>>, uri: Uri) -> Response {
    let n = s.requests.fetch_add(1, Ordering::SeqCst);
    if !s.paging.delay.is_zero() {
        tokio::time::sleep(s.paging.delay).await;
    }
    let fault = (s.script)(n);
    let reply = match fault {
        Some(Fault::TooManyRequests(after)) => {
            return (StatusCode::TOO_MANY_REQUESTS, [("retry-after", after)], "rate limited").into_response()
        }
        Some(Fault::ServerError) => return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
        Some(Fault::Stall(d)) => {
            tokio::time::sleep(d).await;
            formats::answer(s.platform, &s.items, &s.paging, &s.base, &uri, false)
        }
        Some(Fault::RepeatCursor) => match formats::is_follow_up(s.platform, &uri) {
            false => formats::answer(s.platform, &s.items, &s.paging, &s.base, &uri, false),
            true if s.platform.cursor_paged() => formats::answer(s.platform, &s.items, &s.paging, &s.base, &uri, true),
            true => s
                .last
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
                .unwrap_or_else(|| formats::answer(s.platform, &s.items, &s.paging, &s.base, &uri, false)),
        },
        _ => formats::answer(s.platform, &s.items, &s.paging, &s.base, &uri, false),
    };
    *s.last.lock().unwrap_or_else(PoisonError::into_inner) = Some(reply.clone());
    let body = match fault {
        Some(Fault::Truncated) => formats::truncate(&reply.body),
        Some(Fault::Malformed) => formats::malform(&reply.body),
        _ => reply.body.clone(),
    };
    let mut resp = (StatusCode::OK, body).into_response();
    for (k, v) in &reply.headers {
        resp.headers_mut().insert(*k, v.parse().expect("valid header"));
    }
    resp
}

/// A pipeline file crawling `sources` (platform, replay base URL) for the brand "Acme" into `store`, over
/// `history`, with an HTTP client tuned for quick tests (short timeout and backoff, three retries).
pub fn pipeline(store: &std::path::Path, sources: &[(Platform, &str)], history: &str) -> String {
    let mut text = format!(
        "name = \"replay\"\nstore = {store:?}\nhistory = {history:?}\n\n[[brand]]\nname = \"Acme\"\nquery = \"acme\"\n"
    );
    for (platform, base) in sources {
        text.push_str(&format!("\n[[source]]\ntype = \"{}\"\nbase_url = \"{base}\"\n", platform.source_name()));
        text.push_str(&platform.config(base));
    }
    text.push_str("\n[http]\ntimeout_secs = 1.0\nretries = 3\nbackoff_ms = 5\nmax_wait_secs = 5\n");
    text
}

/// Every `(source, source_id)` a store holds.
pub fn stored(store: &hark::store::Store) -> BTreeSet<(String, String)> {
    let mut stmt = store.conn().prepare("SELECT source, source_id FROM mentions").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

/// Served ids as the store at `store_path` keeps them: governance turns the author ids inside ids (Bluesky's DIDs)
/// into the store's pseudonyms, and ids that name their author (Mastodon's URIs) into keyed hashes.
pub fn as_stored(store_path: &std::path::Path, ids: BTreeSet<(String, String)>) -> BTreeSet<(String, String)> {
    let governance = hark::govern::Governance::with_key_of(store_path).expect("the store's pseudonym key");
    let governed = |(source, id): (String, String)| {
        let mut m = hark::mention::Mention::new(&source, id, Utc::now(), "");
        governance.apply(&mut m);
        (source, m.source_id)
    };
    ids.into_iter().map(governed).collect()
}

/// `now` floored to whole seconds, so items and windows line up with second-resolution APIs.
pub fn whole_seconds(now: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(now.timestamp(), 0).expect("in range")
}
