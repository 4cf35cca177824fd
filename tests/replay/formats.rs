//! What the replay server answers: each platform's request parameters, time filter and pagination (offset
//! pages or cursors), and the bodies broken on purpose (truncated, malformed).

use axum::http::Uri;
use chrono::DateTime;

use super::{keyed, render, youtube};
use super::{Item, Paging, Platform};

/// An answer: headers besides the status (always 200 here) and the body.
#[derive(Debug, Clone)]
pub struct Reply {
    /// Header name and value pairs.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: String,
}

/// The query string's pairs.
pub(super) struct Query(Vec<(String, String)>);

impl Query {
    pub(super) fn of(uri: &Uri) -> Query {
        Query(url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()).into_owned().collect())
    }
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
    pub(super) fn num(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(|v| v.trim().parse().ok())
    }
    /// `after:`/`before:` dates of a search query as epoch seconds (half-open), unbounded when absent.
    fn dates(&self, key: &str) -> (i64, i64) {
        let (mut since, mut until) = (i64::MIN, i64::MAX);
        for token in self.get(key).unwrap_or_default().split_whitespace() {
            let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok().map(|d| d.and_utc_midnight());
            if let Some(t) = token.strip_prefix("after:").and_then(day) {
                since = t;
            } else if let Some(t) = token.strip_prefix("before:").and_then(day) {
                until = t;
            }
        }
        (since, until)
    }
}

trait Midnight {
    fn and_utc_midnight(self) -> i64;
}

impl Midnight for chrono::NaiveDate {
    fn and_utc_midnight(self) -> i64 {
        self.and_hms_opt(0, 0, 0).expect("midnight").and_utc().timestamp()
    }
}

/// Items created in `[since, until)` epoch seconds, newest first (the server keeps them sorted so).
fn within(items: &[Item], since: i64, until: i64) -> Vec<&Item> {
    items.iter().filter(|i| (since..until).contains(&i.created_at.timestamp())).collect()
}

/// The page of `matched` that starts at item `start`, with the overlap quirk (a follow-up page repeats the end
/// of the one before), and whether it claims more.
pub(super) fn slice_page<'a>(
    matched: &[&'a Item],
    start: usize,
    size: usize,
    paging: &Paging,
) -> (Vec<&'a Item>, bool) {
    if start >= matched.len() {
        return (Vec::new(), false);
    }
    let from = if start > 0 { start.saturating_sub(paging.overlap) } else { start };
    let to = (start + size).min(matched.len());
    (matched[from..to].to_vec(), to < matched.len() || paging.empty_tail)
}

/// Page `k` (0-based) of `matched`, and whether it claims more.
fn offset_page<'a>(matched: &[&'a Item], k: usize, size: usize, paging: &Paging) -> (Vec<&'a Item>, bool) {
    slice_page(matched, k * size, size, paging)
}

/// `v` as a JSON answer.
pub(super) fn json_reply(v: serde_json::Value) -> Reply {
    Reply { headers: vec![("content-type", "application/json; charset=utf-8".into())], body: v.to_string() }
}

/// Whether the request asks for a follow-up page rather than the first page of a query.
pub fn is_follow_up(platform: Platform, uri: &Uri) -> bool {
    let q = Query::of(uri);
    match platform {
        Platform::HackerNews => q.num("page").unwrap_or(0) > 0,
        Platform::StackExchange | Platform::Discourse => q.num("page").unwrap_or(1) > 1,
        Platform::Rss => false,
        // The first request's max_id is a time, not a status id; follow-ups carry the id of a status served.
        Platform::Mastodon => q.num("max_id").is_some_and(|m| m & 0xffff != 0),
        Platform::YouTube => youtube::is_follow_up(uri),
        _ => keyed::is_follow_up(platform, uri),
    }
}

/// The plain answer to `uri`; `repeat_cursor` makes a cursor-paged answer link back to itself.
pub fn answer(
    platform: Platform,
    items: &[Item],
    paging: &Paging,
    base: &str,
    uri: &Uri,
    repeat_cursor: bool,
) -> Reply {
    let q = Query::of(uri);
    let json = json_reply;
    match platform {
        Platform::HackerNews => {
            let (mut since, mut until) = (i64::MIN, i64::MAX);
            for f in q.get("numericFilters").unwrap_or_default().split(',') {
                if let Some(v) = f.strip_prefix("created_at_i>=").and_then(|v| v.parse().ok()) {
                    since = v;
                } else if let Some(v) = f.strip_prefix("created_at_i<").and_then(|v| v.parse().ok()) {
                    until = v;
                }
            }
            let matched = within(items, since, until);
            let size = paging.size.min(q.num("hitsPerPage").unwrap_or(20).max(1) as usize);
            let k = q.num("page").unwrap_or(0).max(0) as usize;
            let (page, _) = offset_page(&matched, k, size, paging);
            let nb_pages = matched.len().div_ceil(size) + usize::from(paging.empty_tail && !matched.is_empty());
            json(render::algolia(&page, matched.len(), k, nb_pages, size))
        }
        Platform::StackExchange => {
            let since = q.num("fromdate").unwrap_or(i64::MIN);
            let until = q.num("todate").map_or(i64::MAX, |t| t + 1);
            let matched = within(items, since, until);
            let size = paging.size.min(q.num("pagesize").unwrap_or(30).max(1) as usize);
            let k = (q.num("page").unwrap_or(1).max(1) - 1) as usize;
            let (page, more) = offset_page(&matched, k, size, paging);
            json(render::stackexchange(&page, more))
        }
        Platform::Discourse => {
            let (since, until) = q.dates("q");
            let matched = within(items, since, until);
            let k = (q.num("page").unwrap_or(1).max(1) - 1) as usize;
            let (page, more) = offset_page(&matched, k, paging.size, paging);
            json(render::discourse(&page, more, q.get("q").unwrap_or_default()))
        }
        Platform::Rss => {
            let (since, until) = q.dates("q");
            let matched = within(items, since, until);
            Reply {
                headers: vec![("content-type", "application/xml; charset=utf-8".into())],
                body: render::rss(&matched, q.get("q").unwrap_or_default()),
            }
        }
        Platform::Mastodon => {
            let max_id = q.num("max_id").unwrap_or(i64::MAX);
            let since_id = q.num("since_id").unwrap_or(0);
            let limit = q.num("limit").unwrap_or(20).clamp(1, 40) as usize;
            let fresh: Vec<&Item> = items
                .iter()
                .filter(|i| (since_id + 1..max_id).contains(&render::snowflake(i)))
                .take(paging.size.min(limit))
                .collect();
            // The overlap quirk repeats the status the cursor points at, on pages that also bring new ones.
            let mut page: Vec<&Item> = items
                .iter()
                .filter(|i| paging.overlap > 0 && !fresh.is_empty() && render::snowflake(i) == max_id)
                .collect();
            page.extend(fresh);
            let tag = uri.path().rsplit('/').next().unwrap_or_default();
            let mut headers = vec![("content-type", "application/json; charset=utf-8".into())];
            if let (Some(first), Some(last)) = (page.first(), page.last()) {
                let root = format!("{base}/api/v1/timelines/tag/{tag}");
                let next = match repeat_cursor {
                    true => format!("{base}{uri}"),
                    false => format!("{root}?limit={limit}&max_id={}", render::snowflake(last)),
                };
                let prev = format!("{root}?limit={limit}&min_id={}", render::snowflake(first));
                headers.push(("link", format!("<{next}>; rel=\"next\", <{prev}>; rel=\"prev\"")));
            }
            Reply { headers, body: render::mastodon(&page).to_string() }
        }
        Platform::YouTube => youtube::answer(items, paging, uri, repeat_cursor),
        _ => keyed::answer(platform, items, paging, uri, repeat_cursor),
    }
}

/// The first half of `body`; an XML body is cut just after a `>` so it still ends like a document.
pub fn truncate(body: &str) -> String {
    let mut cut = body.len() / 2;
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &body[..cut];
    match (body.trim_start().starts_with('<'), head.rfind('>')) {
        (true, Some(i)) => head[..=i].to_string(),
        _ => head.to_string(),
    }
}

/// `body` with one token broken: a stray comma after JSON's first `[` or `{`, or an XML closing tag misspelt.
pub fn malform(body: &str) -> String {
    match (body.trim_start().starts_with('<'), body.find(['[', '{'])) {
        (true, _) => body.replacen("</title>", "</titel>", 1),
        (false, Some(i)) => format!("{},{}", &body[..=i], &body[i + 1..]),
        (false, None) => format!("{body},"),
    }
}

/// RFC 2822 in GMT, as Google News writes `pubDate`.
pub fn gmt(t: DateTime<chrono::Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}
