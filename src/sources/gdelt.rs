//! News articles from the GDELT DOC 2.0 API (`mode=ArtList`): keyless, titles only, at most 250 articles per
//! call, so a full slice is reported as capped and the crawl splits it. GDELT throttles with prose, sometimes
//! on HTTP 200; that prose is a rate limit to wait out, never an empty result.

use anyhow::Context;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::Deserialize;
use url::Url;

use super::{api, brand_terms, html, parse_config, BoxFuture, FetchCtx, Page, Registration, Source, Window};
use crate::http::{self, Fetched, Verdict};
use crate::mention::Mention;
use crate::pipeline::Brand;

/// Registry entry.
pub const SOURCE: Registration = Registration {
    name: "gdelt",
    about: "News articles worldwide from the GDELT DOC 2.0 API (ArtList, 250 per time slice); keyless; titles only.",
    history_limit: Some(
        "the DOC API officially searches a rolling 3 months; older slices may answer but are not guaranteed",
    ),
    keys: &[
        ("base_url", "API root (default https://api.gdeltproject.org)"),
        ("filter", "GDELT operators added to every query, e.g. \"sourcelang:english sourcecountry:US\" (default none)"),
        ("interval_ms", "least time between two requests; GDELT asks for one every 5 seconds (default 5000)"),
    ],
    check: |t| parse_config::<Config>(t).map(|_| ()),
    build: |t| Ok(Box::new(Gdelt { config: parse_config::<Config>(t)? })),
};

/// Articles per call; the API's maximum. A slice returning this many is capped.
const MAX_RECORDS: usize = 250;
/// Longest query built from brand terms (GDELT documents none; long OR lists are refused in practice).
const MAX_QUERY: usize = 250;
/// What GDELT's throttle message asks for.
const THROTTLE_WAIT: std::time::Duration = std::time::Duration::from_secs(6);

/// The `[[source]] type = "gdelt"` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default = "default_base_url")]
    base_url: Url,
    filter: Option<String>,
    #[serde(default = "default_interval")]
    interval_ms: u64,
}

fn default_base_url() -> Url {
    super::url("https://api.gdeltproject.org")
}
fn default_interval() -> u64 {
    5000
}

struct Gdelt {
    config: Config,
}

#[derive(Debug, Deserialize)]
struct Response {
    #[serde(default)]
    articles: Vec<Article>,
}

#[derive(Debug, Deserialize)]
struct Article {
    url: String,
    title: Option<String>,
    seendate: String,
    domain: Option<String>,
    language: Option<String>,
}

/// How the error of a query GDELT refused begins.
const REJECTED: &str = "GDELT rejected the query";

/// Whether `window` ends before the rolling 3 months (90 days) the DOC API officially searches.
fn beyond_reach(window: Window, now: DateTime<Utc>) -> bool {
    window.until < now - Duration::days(90)
}

/// GDELT's throttle prose ("Please limit requests to one every 5 seconds ...").
fn is_throttle(body: &str) -> bool {
    let head: String = body.chars().take(300).collect::<String>().to_ascii_lowercase();
    head.contains("limit requests to one every")
}

/// Raw control characters GDELT sometimes leaves in strings make the JSON invalid; as spaces they are harmless.
fn sanitize(body: &str) -> String {
    body.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Throttle prose (on 200 or 429) waits; JSON is accepted (repaired); a truncated body is retried; any other
/// text is GDELT rejecting the query (an HTML message on HTTP 200), which fails instead of reading as empty.
fn verdict(f: &Fetched) -> Verdict {
    if is_throttle(&f.body) {
        return Verdict::Throttled(Some(THROTTLE_WAIT));
    }
    match http::standard(f) {
        Verdict::Accept => {
            let body = sanitize(&f.body);
            let t = body.trim_start();
            if serde_json::from_str::<serde::de::IgnoredAny>(&body).is_ok() {
                Verdict::Accept
            } else if t.is_empty() || t.starts_with('{') {
                Verdict::Retry(None)
            } else {
                Verdict::Fail(format!("{REJECTED}: {}", http::snippet(&html::to_text(t))))
            }
        }
        v => v,
    }
}

/// ISO 639-1 code of the English language names GDELT reports.
fn lang_code(name: &str) -> Option<&'static str> {
    #[rustfmt::skip]
    const CODES: &[(&str, &str)] = &[
        ("english", "en"), ("spanish", "es"), ("french", "fr"), ("german", "de"), ("italian", "it"),
        ("portuguese", "pt"), ("russian", "ru"), ("chinese", "zh"), ("japanese", "ja"), ("korean", "ko"),
        ("arabic", "ar"), ("hindi", "hi"), ("turkish", "tr"), ("dutch", "nl"), ("polish", "pl"),
        ("swedish", "sv"), ("norwegian", "no"), ("danish", "da"), ("finnish", "fi"), ("greek", "el"),
        ("hebrew", "he"), ("indonesian", "id"), ("malay", "ms"), ("thai", "th"), ("vietnamese", "vi"),
        ("ukrainian", "uk"), ("czech", "cs"), ("romanian", "ro"), ("hungarian", "hu"), ("bulgarian", "bg"),
        ("croatian", "hr"), ("serbian", "sr"), ("slovak", "sk"), ("slovenian", "sl"), ("persian", "fa"),
        ("urdu", "ur"), ("bengali", "bn"), ("tamil", "ta"), ("catalan", "ca"),
    ];
    let name = name.trim().to_ascii_lowercase();
    CODES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Maps an article; its id is a hash of the URL, its time when GDELT saw it, its author the publisher's domain.
fn to_mention(a: Article) -> Option<Mention> {
    let seen = NaiveDateTime::parse_from_str(&a.seendate, "%Y%m%dT%H%M%SZ").ok()?.and_utc();
    let mut m = Mention::new("gdelt", api::hashed_id(&a.url), seen, String::new());
    m.title = a.title.as_deref().map(html::to_text).filter(|t| !t.is_empty());
    m.url = Some(a.url);
    m.author_id = a.domain.clone().filter(|d| !d.is_empty());
    m.author = m.author_id.clone();
    m.lang = a.language.as_deref().and_then(lang_code).map(str::to_string);
    Some(m)
}

/// Parses an accepted body: the articles and whether the slice hit the 250 cap.
fn parse(body: &str) -> anyhow::Result<(Vec<Mention>, bool)> {
    let r: Response = serde_json::from_str(&sanitize(body)).context("not a GDELT ArtList response")?;
    let capped = r.articles.len() >= MAX_RECORDS;
    Ok((r.articles.into_iter().filter_map(to_mention).collect(), capped))
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%d%H%M%S").to_string()
}

impl Gdelt {
    fn url(&self, key: &str, window: Window) -> anyhow::Result<Url> {
        let query = match &self.config.filter {
            Some(f) if !f.trim().is_empty() => format!("{key} {}", f.trim()),
            _ => key.to_string(),
        };
        let mut url = api::endpoint(&self.config.base_url, "api/v2/doc/doc")?;
        url.query_pairs_mut()
            .append_pair("query", &query)
            .append_pair("mode", "ArtList")
            .append_pair("format", "json")
            .append_pair("maxrecords", &MAX_RECORDS.to_string())
            .append_pair("sort", "DateDesc")
            .append_pair("startdatetime", &stamp(window.since))
            .append_pair("enddatetime", &stamp(window.until - Duration::seconds(1)));
        Ok(url)
    }
}

impl Source for Gdelt {
    fn name(&self) -> &'static str {
        SOURCE.name
    }

    fn instance(&self) -> String {
        "gdelt".into()
    }

    fn keys(&self, brands: &[Brand]) -> Vec<String> {
        api::or_queries(&brand_terms(brands), MAX_QUERY, " OR ", true)
    }

    /// GDELT indexes in 15-minute batches (`seendate` is always on a quarter hour): finer slices are no smaller.
    fn granularity(&self) -> Duration {
        Duration::minutes(15)
    }

    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>> {
        Box::pin(async move {
            let url = self.url(key, window)?;
            // GDELT's one request per `interval_ms`, retries included: the client paces every attempt.
            let paced = ctx.http.with_min_interval(std::time::Duration::from_millis(self.config.interval_ms));
            let fetched = match paced.get_with(url.as_str(), &[], &ctx.stats, verdict).await {
                Ok(f) => f,
                // Past the official 3 months GDELT may refuse the range: that slice is out of reach, and
                // failing would stop the key at its oldest window on every run. Throttles still fail.
                Err(e) if beyond_reach(window, Utc::now()) && e.to_string().starts_with(REJECTED) => {
                    tracing::warn!(%key, since = %window.since, error = %e, "gdelt: slice older than 3 months refused; skipped");
                    return Ok(Page { mentions: Vec::new(), pages: 1, capped: false });
                }
                Err(e) => return Err(e),
            };
            let (mentions, capped) = parse(&fetched.body)
                .with_context(|| format!("decoding the response of {}", http::shown_url(url.as_str())))?;
            let mentions = mentions.into_iter().filter(|m| window.contains(m.created_at)).collect();
            Ok(Page { mentions, pages: 1, capped })
        })
    }
}

#[cfg(test)]
mod tests;
