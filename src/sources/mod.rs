//! Sources: the `Source` trait every platform implements and the ordered `SOURCES` registry.
//!
//! One platform is one file: a `Registration` constant, a `Config` (its `[[source]]` table) and a `Source`
//! whose network part is thin and whose parsing is a pure function tested on recorded responses.

pub mod api;
pub mod bluesky;
pub mod discourse;
pub mod gdelt;
pub mod hackernews;
pub mod html;
pub mod mastodon;
pub mod reddit;
pub mod rss;
pub mod stackexchange;
pub mod x;
pub mod youtube;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::de::DeserializeOwned;

use crate::http::{Http, HttpStats};
use crate::mention::Mention;
use crate::pipeline::{Brand, SourceEntry};

/// A checked `[[source]]` table (the `type` key removed); each source re-reads its own `Config` from it.
pub type SourceConfig = toml::Table;

/// A boxed future, so `Source` stays object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// How one platform is registered: its name, what it is, how far back it reaches and how it is built.
pub struct Registration {
    /// `type` in the pipeline file; snake_case, unique.
    pub name: &'static str,
    /// One line for `hark sources`.
    pub about: &'static str,
    /// `None` when 13 months of history are reachable; otherwise what limits it.
    pub history_limit: Option<&'static str>,
    /// The config keys, documented, for `hark sources`.
    pub keys: &'static [(&'static str, &'static str)],
    /// Checks a table.
    pub check: fn(&SourceConfig) -> Result<(), ConfigError>,
    /// Builds the source from a checked table.
    pub build: fn(&SourceConfig) -> anyhow::Result<Box<dyn Source>>,
}

/// Every source hark knows, in the order `hark sources` lists them.
pub const SOURCES: &[&Registration] = &[
    &hackernews::SOURCE,
    &stackexchange::SOURCE,
    &discourse::SOURCE,
    &rss::SOURCE,
    &mastodon::SOURCE,
    &bluesky::SOURCE,
    &reddit::SOURCE,
    &gdelt::SOURCE,
    &youtube::SOURCE,
    &x::SOURCE,
];

/// Looks a registration up by name.
pub fn registration(name: &str) -> Option<&'static Registration> {
    SOURCES.iter().copied().find(|r| r.name == name)
}

/// A bad `[[source]]` table: which key, what was expected, what was found.
#[derive(Debug, Clone, thiserror::Error)]
#[error("key `{key}`: expected {expected}, found {found}")]
pub struct ConfigError {
    /// Key inside the table.
    pub key: String,
    /// What is acceptable.
    pub expected: String,
    /// What the table has.
    pub found: String,
}

/// Checks a raw `[[source]]` table: a known `type` and a config that parses.
pub fn configure(mut table: toml::Table) -> Result<SourceEntry, ConfigError> {
    let names: Vec<&str> = SOURCES.iter().map(|r| r.name).collect();
    let kind = match table.remove("type") {
        Some(toml::Value::String(s)) => s,
        Some(other) => {
            return Err(ConfigError { key: "type".into(), expected: "a string".into(), found: other.to_string() })
        }
        None => {
            return Err(ConfigError {
                key: "type".into(),
                expected: format!("one of {}", names.join(", ")),
                found: "nothing".into(),
            })
        }
    };
    let reg = registration(&kind).ok_or_else(|| ConfigError {
        key: "type".into(),
        expected: format!("one of {}", names.join(", ")),
        found: format!("{kind:?}"),
    })?;
    (reg.check)(&table)?;
    Ok(SourceEntry { kind: reg.name, config: table })
}

/// Deserialises a source's `Config` from its table, turning serde's message into a `ConfigError` that
/// names the key: from the message for missing and unknown fields, else from the span of the bad value.
pub fn parse_config<T: DeserializeOwned>(table: &SourceConfig) -> Result<T, ConfigError> {
    let text = toml::to_string(table).unwrap_or_default();
    toml::from_str::<T>(&text).map_err(|e| {
        let msg = e.message().to_string();
        let quoted = msg.split('`').nth(1).map(str::to_string);
        let spanned = e.span().and_then(|span| {
            let start = text[..span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
            let key = text[start..].split('=').next()?.trim();
            (!key.is_empty() && !key.contains('\n')).then(|| key.to_string())
        });
        let by_name = msg.starts_with("missing field") || msg.starts_with("unknown field");
        let key = if by_name { quoted.or(spanned) } else { spanned.or(quoted) }.unwrap_or_else(|| "?".into());
        let (expected, said) = crate::pipeline::keys::expected_found(&msg, &key);
        let found = said.unwrap_or_else(|| table.get(&key).map_or_else(|| "nothing".to_string(), |v| v.to_string()));
        ConfigError { key, expected, found }
    })
}

/// Default for a `base_url` key.
pub fn url(s: &str) -> url::Url {
    url::Url::parse(s).expect("built-in base URLs are valid")
}

/// A half-open time window `[since, until)` of a crawl.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First instant inside.
    pub since: DateTime<Utc>,
    /// First instant after.
    pub until: DateTime<Utc>,
}

impl Window {
    /// Whether `t` falls inside.
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.since <= t && t < self.until
    }
}

/// What a source hands back for one key and window.
#[derive(Debug, Default)]
pub struct Page {
    /// Items inside the window.
    pub mentions: Vec<Mention>,
    /// Pages read.
    pub pages: u64,
    /// The API capped the result (too many hits for one query): the crawl splits the window and asks again.
    pub capped: bool,
}

/// What every fetch gets: the shared client and this source run's counters.
pub struct FetchCtx {
    /// The shared HTTP client.
    pub http: Http,
    /// Counters of this source's run.
    pub stats: Arc<HttpStats>,
}

/// A configured platform the crawler can ask for mentions.
pub trait Source: Send + Sync {
    /// Registry name.
    fn name(&self) -> &'static str;
    /// Identity of this configured instance for cursors, e.g. `discourse:forum.acme.example`.
    fn instance(&self) -> String;
    /// The search keys (terms, hashtags) this source crawls for the pipeline's brands; by default one key per
    /// positive term of any brand query.
    fn keys(&self, brands: &[Brand]) -> Vec<String> {
        brand_terms(brands)
    }
    /// Whether a fetch gets all the platform holds whatever the window asks (a fixed feed lists what it lists):
    /// such a source is read once a run, in one window over the whole history, never from a cursor, so that an
    /// item it lists late, dated before the last run, is still taken.
    fn snapshot(&self) -> bool {
        false
    }
    /// The finest time window the API can express; windows are never split below it. Most APIs take seconds.
    fn granularity(&self) -> Duration {
        Duration::seconds(1)
    }
    /// Fetches every item for `key` created inside `window`, following the API's pagination.
    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>>;
}

/// Search terms of all brands, deduplicated; what most search APIs are asked for.
pub fn brand_terms(brands: &[Brand]) -> Vec<String> {
    let mut out: Vec<String> = brands.iter().flat_map(|b| b.query.search_terms()).collect();
    out.sort();
    out.dedup();
    out
}

/// What the sources' tests share: recorded fixtures, hand-made responses, and local servers to fetch from.
#[cfg(test)]
pub(crate) mod testing {
    use super::FetchCtx;
    use crate::http::{Fetched, Http, HttpSettings};

    /// Serves `app` on a free port of 127.0.0.1 for the rest of the test; its root URL, `http://127.0.0.1:PORT`.
    pub async fn serve(app: axum::Router) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free local port");
        let addr = listener.local_addr().expect("a bound address");
        tokio::spawn(async move { axum::serve(listener, app).await.expect("the test server runs") });
        format!("http://{addr}")
    }

    /// What a source fetches with: a client with `settings` and fresh counters.
    pub fn ctx(settings: HttpSettings) -> FetchCtx {
        FetchCtx { http: Http::new(settings).expect("an HTTP client"), stats: Default::default() }
    }

    /// [`ctx`] with the default settings.
    pub fn default_ctx() -> FetchCtx {
        ctx(HttpSettings::new(None))
    }

    /// Asserts that a 200 whose JSON is not an answer of type `T` (a gateway's error object) fails to decode, instead of
    /// reading as an empty window whose cursor would move past its posts.
    pub fn assert_no_answer<T: serde::de::DeserializeOwned>() {
        let gateway = r#"{"error":"upstream gateway timeout","quota_remaining":250}"#;
        assert!(serde_json::from_str::<T>(gateway).is_err(), "{} read a gateway's error", std::any::type_name::<T>());
    }

    /// A recorded response from `tests/fixtures/<source>/<name>`.
    pub fn fixture(source: &str, name: &str) -> String {
        let path = format!("{}/tests/fixtures/{source}/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// A response with the given status, headers and body.
    pub fn fetched(status: u16, headers: &[(&'static str, &'static str)], body: &str) -> Fetched {
        let mut h = reqwest::header::HeaderMap::new();
        for (k, v) in headers {
            h.insert(*k, reqwest::header::HeaderValue::from_static(v));
        }
        Fetched {
            status: reqwest::StatusCode::from_u16(status).expect("a valid status"),
            headers: h,
            body: body.into(),
            raw: None,
        }
    }

    /// A response with the given status and body and no headers.
    pub fn response(status: u16, body: &str) -> Fetched {
        fetched(status, &[], body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_are_unique_snake_case_with_fixtures() {
        let mut seen = std::collections::HashSet::new();
        for r in SOURCES {
            assert!(seen.insert(r.name), "duplicate source {}", r.name);
            assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{} is not snake_case", r.name);
            assert!(!r.about.is_empty() && !r.keys.is_empty());
            let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(r.name);
            assert!(fixtures.is_dir(), "no fixture folder {}", fixtures.display());
        }
    }

    /// Every source that reads a secret from the environment names the variable and the key when it is unset.
    /// Each `*_env` key is tried alone: the others point at `PATH`, which is set wherever tests run.
    #[test]
    fn unset_secrets_name_the_variable_and_the_key() {
        let mut tried = Vec::new();
        for r in SOURCES {
            let env_keys: Vec<&str> = r.keys.iter().map(|(k, _)| *k).filter(|k| k.ends_with("_env")).collect();
            for key in &env_keys {
                let var = format!("HARK_TEST_UNSET_{}_{}", r.name, key).to_uppercase();
                let mut table = toml::Table::new();
                for other in &env_keys {
                    table.insert(other.to_string(), (if other == key { var.as_str() } else { "PATH" }).into());
                }
                (r.check)(&table).unwrap_or_else(|e| panic!("{}: {e}", r.name));
                let e = (r.build)(&table).err().unwrap_or_else(|| panic!("{} built without {var}", r.name));
                assert!(e.to_string().contains(&var) && e.to_string().contains(key), "{}: {e}", r.name);
                tried.push(format!("{}.{key}", r.name));
            }
        }
        tried.sort();
        let want = [
            "bluesky.handle_env",
            "bluesky.password_env",
            "reddit.client_id_env",
            "reddit.client_secret_env",
            "stackexchange.key_env",
            "x.token_env",
            "youtube.key_env",
        ];
        assert_eq!(tried, want, "the secrets tried: a source lost or gained an `*_env` key");
    }

    #[test]
    fn unknown_type_and_keys_are_named() {
        let t: toml::Table = toml::from_str("type = \"myspace\"").unwrap();
        let e = configure(t).unwrap_err();
        assert_eq!(e.key, "type");
        assert!(e.expected.contains("hackernews"));
        let t: toml::Table = toml::from_str("type = \"hackernews\"\nbase_urll = \"http://x\"").unwrap();
        let e = configure(t).unwrap_err();
        assert_eq!(e.key, "base_urll");
    }
}
