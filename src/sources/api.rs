//! Helpers the API sources share: secrets read from the environment with errors that name the variable
//! ([`secret`]), brand terms written in a search API's syntax ([`quote`], [`or_queries`]), endpoints joined
//! onto a configured base URL ([`endpoint`]), rate-limit resets given as an instant ([`reset_wait`]), a 429 that waits
//! for one ([`throttled`]), and the hold after a response that spent its rate-limit window ([`hold_when_spent`]).

/// Reads the secret in environment variable `var`, which the source's config key `key` names.
/// A missing or empty variable is an error naming both, so `hark crawl` says what to export.
pub fn secret(source: &str, key: &str, var: &str) -> anyhow::Result<String> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => Ok(v.trim().to_string()),
        Ok(_) => anyhow::bail!("{source}: environment variable {var} (named by `{key}`) is empty"),
        Err(_) => anyhow::bail!("{source}: environment variable {var} (named by `{key}`) is not set"),
    }
}

/// A term as a search API reads it: bare when it is one plain word, else a quoted phrase.
pub fn quote(term: &str) -> String {
    let plain = !term.is_empty() && term.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '\'');
    if plain {
        term.to_string()
    } else {
        format!("\"{}\"", term.replace('"', ""))
    }
}

/// Packs the terms, quoted, into as few `a{or}b{or}c` queries as fit in `max_len` characters each (`or` is
/// `" OR "` for most APIs, `"|"` for YouTube). With `parens`, a query of several terms is wrapped in
/// parentheses (GDELT requires them around OR and rejects them around a single term). A term longer than
/// `max_len` still gets a query of its own.
pub fn or_queries(terms: &[String], max_len: usize, or: &str, parens: bool) -> Vec<String> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let sep = or.chars().count();
    let len = |g: &[String]| g.iter().map(|t| t.chars().count()).sum::<usize>() + sep * g.len().saturating_sub(1) + 2;
    for term in terms.iter().map(|t| quote(t)) {
        let fits = groups.last().is_some_and(|g| len(g) + sep + term.chars().count() <= max_len);
        match groups.last_mut() {
            Some(g) if fits => g.push(term),
            _ => groups.push(vec![term]),
        }
    }
    groups
        .into_iter()
        .map(|g| match g.len() {
            1 => g.into_iter().next().unwrap_or_default(),
            _ if parens => format!("({})", g.join(or)),
            _ => g.join(or),
        })
        .collect()
}

/// `base` with `path` appended, whether or not `base` ends in `/` (`Url::join` would drop its last segment).
pub fn endpoint(base: &url::Url, path: &str) -> anyhow::Result<url::Url> {
    let joined = format!("{}/{}", base.as_str().trim_end_matches('/'), path.trim_start_matches('/'));
    url::Url::parse(&joined).map_err(|e| anyhow::anyhow!("bad URL {joined}: {e}"))
}

/// The wait until the instant in header `name`, written as epoch seconds (Bluesky's `ratelimit-reset`, X's
/// `x-rate-limit-reset`) or as an RFC 3339 time (Mastodon's `x-ratelimit-reset`, `2026-08-01T14:00:00.070144Z`),
/// seen from `now`; zero when it has passed.
pub fn reset_wait(
    headers: &reqwest::header::HeaderMap,
    name: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<std::time::Duration> {
    let text = headers.get(name)?.to_str().ok()?.trim();
    let at = match text.parse::<i64>() {
        Ok(epoch) => chrono::DateTime::from_timestamp(epoch, 0)?,
        Err(_) => chrono::DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&chrono::Utc),
    };
    Some((at - now).to_std().unwrap_or_default())
}

/// A 429's verdict: the host is throttled until `reset` (the platform's own reset header, read by the caller), or
/// for `Retry-After` when the platform sends none.
pub fn throttled(reset: Option<std::time::Duration>, headers: &reqwest::header::HeaderMap) -> crate::http::Verdict {
    crate::http::Verdict::Throttled(reset.or_else(|| crate::http::retry_after(headers)))
}

/// Holds the host of `url` for `reset` when the response's header `remaining` (Reddit's `x-ratelimit-remaining`, a
/// decimal, X's `x-rate-limit-remaining`, an integer) says its rate-limit window is spent: under one request left.
/// The next request to the host, whichever key or source makes it, then waits for the reset instead of drawing a 429.
pub fn hold_when_spent(
    http: &crate::http::Http,
    url: &str,
    headers: &reqwest::header::HeaderMap,
    remaining: &str,
    reset: Option<std::time::Duration>,
) {
    let left = crate::http::number_header(headers, remaining);
    if let (Some(left), Some(wait)) = (left, reset) {
        if left < 1.0 {
            http.hold(url, wait);
        }
    }
}

/// What [`keyed_id`] puts before the text it marks.
pub const KEYED: &str = "keyed:";

/// An id that names its author (a status's ActivityPub URI, `https://host/users/alice/statuses/1`), marked for
/// the write path to store as a keyed hash (`crate::govern`): an unkeyed hash of a public URI can be recomputed by
/// anyone who knows the post, which would tie the author's pseudonym to the author.
pub fn keyed_id(text: &str) -> String {
    format!("{KEYED}{text}")
}

/// A stable id from text that must not be stored as it is but names no one (an article's link, a feed item's
/// contents): the first 16 bytes of its SHA-256, in hex. An id that names its author takes [`keyed_id`].
pub fn hashed_id(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes()).iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The cursors (next links, page tokens) a window's pagination has followed: one that comes back means the API
/// is going round in circles, which would page forever; the window fails instead.
#[derive(Debug, Default)]
pub struct Followed(std::collections::HashSet<String>);

impl Followed {
    /// Notes `cursor` before it is followed; an error when it was followed before in this window.
    pub fn check(&mut self, cursor: &str) -> anyhow::Result<()> {
        if !self.0.insert(cursor.to_string()) {
            anyhow::bail!(
                "pagination is stuck: it came back to a page it already gave ({}) after {} pages",
                crate::http::shown_url(cursor),
                self.0.len()
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_followed_twice_stops_the_window() {
        let mut followed = Followed::default();
        followed.check("https://m.example/api/v1/timelines/tag/acme?max_id=2").unwrap();
        followed.check("https://m.example/api/v1/timelines/tag/acme?max_id=1").unwrap();
        let err = followed.check("https://m.example/api/v1/timelines/tag/acme?max_id=2").unwrap_err();
        assert!(err.to_string().contains("stuck"), "{err}");
    }

    #[test]
    fn quotes_phrases_and_symbols_only() {
        assert_eq!(quote("acme"), "acme");
        assert_eq!(quote("acme cloud"), "\"acme cloud\"");
        assert_eq!(quote("c++"), "\"c++\"");
        assert_eq!(quote("say \"hi\""), "\"say hi\"");
    }

    #[test]
    fn or_joins_within_the_limit() {
        let terms: Vec<String> = ["acme", "acme cloud", "globex"].iter().map(|s| s.to_string()).collect();
        assert_eq!(or_queries(&terms, 512, " OR ", false), vec!["acme OR \"acme cloud\" OR globex"]);
        assert_eq!(or_queries(&terms, 512, " OR ", true), vec!["(acme OR \"acme cloud\" OR globex)"]);
        assert_eq!(or_queries(&terms, 512, "|", false), vec!["acme|\"acme cloud\"|globex"]);
        // "(acme OR "acme cloud")" is 22 characters: a limit of 24 keeps two terms together.
        assert_eq!(or_queries(&terms, 24, " OR ", true), vec!["(acme OR \"acme cloud\")", "globex"]);
        assert_eq!(or_queries(&terms, 5, " OR ", false), vec!["acme", "\"acme cloud\"", "globex"]);
        assert!(or_queries(&[], 10, " OR ", false).is_empty());
    }

    #[test]
    fn endpoint_keeps_the_base_path() {
        let with = url::Url::parse("https://www.googleapis.com/youtube/v3/").unwrap();
        let without = url::Url::parse("http://127.0.0.1:9/youtube/v3").unwrap();
        assert_eq!(endpoint(&with, "search").unwrap().as_str(), "https://www.googleapis.com/youtube/v3/search");
        assert_eq!(endpoint(&without, "/search").unwrap().as_str(), "http://127.0.0.1:9/youtube/v3/search");
    }

    #[test]
    fn reads_epoch_and_rfc3339_resets() {
        use reqwest::header::{HeaderMap, HeaderValue};
        let now = chrono::DateTime::from_timestamp(1665183000, 0).unwrap();
        let mut h = HeaderMap::new();
        h.insert("x-rate-limit-reset", HeaderValue::from_static("1665183229"));
        assert_eq!(reset_wait(&h, "x-rate-limit-reset", now), Some(std::time::Duration::from_secs(229)));
        h.insert("x-rate-limit-reset", HeaderValue::from_static("1"));
        assert_eq!(reset_wait(&h, "x-rate-limit-reset", now), Some(std::time::Duration::ZERO));
        h.insert("x-rate-limit-reset", HeaderValue::from_static("-9223372036854775808"));
        assert_eq!(reset_wait(&h, "x-rate-limit-reset", now), None, "out of chrono's range");
        h.insert("x-ratelimit-reset", HeaderValue::from_static("2022-10-07T22:54:00.5Z"));
        assert_eq!(reset_wait(&h, "x-ratelimit-reset", now), Some(std::time::Duration::from_millis(240_500)));
        assert_eq!(reset_wait(&h, "ratelimit-reset", now), None);
    }

    #[test]
    fn secret_names_the_variable() {
        let e = secret("x", "token_env", "HARK_TEST_SURELY_UNSET_VAR").unwrap_err().to_string();
        assert!(e.contains("HARK_TEST_SURELY_UNSET_VAR") && e.contains("token_env"), "{e}");
    }
}
