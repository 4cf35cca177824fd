//! The keyed search APIs (Bluesky, Reddit, GDELT, X): their sign-ins, parameters, cursors and bodies, as
//! the fixtures in tests/fixtures/ show them.

use axum::http::Uri;
use chrono::DateTime;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::formats::{json_reply, slice_page, Query, Reply};
use super::render::iso;
use super::{Item, Paging, Platform};

/// X's ids count milliseconds from this instant in their upper bits.
const TWITTER_EPOCH_MS: i64 = 1_288_834_974_657;

/// The `at://` URI of an item as a Bluesky post.
pub fn at_uri(item: &Item) -> String {
    format!("at://did:plc:replay{}/app.bsky.feed.post/3kreplay{:06}", item.n % 5, item.n)
}

/// The Reddit fullname of an item as a link post.
pub fn reddit_name(item: &Item) -> String {
    format!("t3_replay{}", item.n)
}

/// The article URL of an item on GDELT.
fn gdelt_url(item: &Item) -> String {
    format!("https://news{}.example/acme/{}", item.n % 3, item.n)
}

/// The id hark gives a GDELT article: the first 16 bytes of the SHA-256 of its URL, in hex.
pub fn gdelt_id(item: &Item) -> String {
    Sha256::digest(gdelt_url(item).as_bytes()).iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The X post id of an item: a snowflake carrying its creation time.
pub fn x_id(item: &Item) -> String {
    (((item.created_at.timestamp_millis() - TWITTER_EPOCH_MS) << 22) + item.n as i64).to_string()
}

/// Whether the request asks for a follow-up page.
pub fn is_follow_up(platform: Platform, uri: &Uri) -> bool {
    let q = Query::of(uri);
    match platform {
        Platform::Bluesky => q.get("cursor").is_some(),
        Platform::Reddit => q.get("after").is_some(),
        Platform::X => q.get("next_token").is_some(),
        _ => false,
    }
}

/// Items created in `[since, until)` epoch milliseconds, newest first.
pub(super) fn within(items: &[Item], since: Option<i64>, until: Option<i64>) -> Vec<&Item> {
    let range = since.unwrap_or(i64::MIN)..until.unwrap_or(i64::MAX);
    items.iter().filter(|i| range.contains(&i.created_at.timestamp_millis())).collect()
}

/// An RFC 3339 parameter as epoch milliseconds.
pub(super) fn millis(q: &Query, key: &str) -> Option<i64> {
    q.get(key).and_then(|v| DateTime::parse_from_rfc3339(v).ok()).map(|t| t.timestamp_millis())
}

/// One page of an offset-cursor API: the page, and the cursor of the next one (the request's own when
/// `repeat`, none after the last).
pub(super) fn cursor_page<'a>(
    matched: &[&'a Item],
    cursor: Option<&str>,
    size: usize,
    paging: &Paging,
    repeat: bool,
) -> (Vec<&'a Item>, Option<String>) {
    let offset = cursor.and_then(|c| c.trim_start_matches('o').parse::<usize>().ok()).unwrap_or(0);
    let (page, more) = slice_page(matched, offset, size, paging);
    let next = match (repeat, more) {
        (true, _) => cursor.map(str::to_string),
        (false, true) => Some(format!("o{}", offset + size)),
        (false, false) => None,
    };
    (page, next)
}

/// The answer of a keyed platform.
pub fn answer(platform: Platform, items: &[Item], paging: &Paging, uri: &Uri, repeat: bool) -> Reply {
    let q = Query::of(uri);
    let path = uri.path();
    match platform {
        Platform::Bluesky if path.ends_with("createSession") => json_reply(json!({
            "did": "did:plc:replayme", "handle": "replay.bsky.social", "accessJwt": "replay-access",
            "refreshJwt": "replay-refresh", "active": true,
        })),
        Platform::Bluesky => {
            let matched = within(items, millis(&q, "since"), millis(&q, "until"));
            let size = paging.size.min(q.num("limit").unwrap_or(25).clamp(1, 100) as usize);
            let (page, next) = cursor_page(&matched, q.get("cursor"), size, paging, repeat);
            json_reply(bluesky(&page, next, matched.len()))
        }
        Platform::Reddit if path.ends_with("access_token") => json_reply(json!({
            "access_token": "replay-token", "token_type": "bearer", "expires_in": 86400, "scope": "*",
        })),
        Platform::Reddit => {
            let matched: Vec<&Item> = items.iter().collect();
            // `after` names the last item of the page before; the server turns it back into an offset.
            let after = q.get("after");
            let offset = after.and_then(|a| matched.iter().position(|i| reddit_name(i) == a)).map(|p| p + 1);
            let size = paging.size.min(q.num("limit").unwrap_or(25).clamp(1, 100) as usize);
            let cursor = offset.map(|o| format!("o{o}"));
            let (page, next) = cursor_page(&matched, cursor.as_deref(), size, paging, false);
            let next = match (repeat, next, page.last()) {
                (true, _, _) => after.map(str::to_string),
                (false, Some(_), Some(last)) => Some(reddit_name(last)),
                _ => None,
            };
            json_reply(reddit(&page, next))
        }
        Platform::Gdelt => {
            let stamp = |key: &str| {
                let t = chrono::NaiveDateTime::parse_from_str(q.get(key)?, "%Y%m%d%H%M%S").ok()?;
                Some(t.and_utc().timestamp_millis())
            };
            let matched = within(items, stamp("startdatetime"), stamp("enddatetime").map(|t| t + 1000));
            json_reply(gdelt(&matched))
        }
        Platform::X => {
            let matched = within(items, millis(&q, "start_time"), millis(&q, "end_time"));
            let size = paging.size.min(q.num("max_results").unwrap_or(10).clamp(1, 500) as usize);
            let (page, next) = cursor_page(&matched, q.get("next_token"), size, paging, repeat);
            json_reply(x(&page, next))
        }
        other => panic!("{other:?} is not a keyed platform"),
    }
}

/// A `searchPosts` page: post views and the cursor of the next page (none on the last).
fn bluesky(page: &[&Item], cursor: Option<String>, total: usize) -> Value {
    let posts: Vec<Value> = page
        .iter()
        .map(|i| {
            json!({
                "uri": at_uri(i), "cid": format!("bafyreplay{}", i.n),
                "author": {"did": format!("did:plc:replay{}", i.n % 5), "handle": format!("user{}.bsky.social", i.n % 5),
                           "displayName": "", "viewer": {"muted": false, "blockedBy": false}, "labels": []},
                "record": {"text": format!("acme post {}", i.n), "$type": "app.bsky.feed.post", "langs": ["en"],
                           "createdAt": iso(i)},
                "replyCount": 0, "repostCount": i.n % 2, "likeCount": i.n % 4, "quoteCount": 0,
                "indexedAt": iso(i), "viewer": {}, "labels": [],
            })
        })
        .collect();
    let mut body = json!({"posts": posts, "hitsTotal": total});
    if let Some(c) = cursor {
        body["cursor"] = json!(c);
    }
    body
}

/// A Reddit search `Listing` of link posts.
fn reddit(page: &[&Item], after: Option<String>) -> Value {
    let children: Vec<Value> = page
        .iter()
        .map(|i| {
            let id = reddit_name(i).trim_start_matches("t3_").to_string();
            json!({"kind": "t3", "data": {
                "subreddit": "acme", "selftext": format!("acme post {}", i.n), "author_fullname": format!("t2_u{}", i.n % 5),
                "title": format!("Acme thread {}", i.n), "subreddit_name_prefixed": "r/acme", "name": reddit_name(i),
                "ups": i.n % 9, "score": i.n % 9, "created": i.created_at.timestamp() as f64, "num_comments": i.n % 4,
                "id": id, "author": format!("user{}", i.n % 5), "permalink": format!("/r/acme/comments/{id}/acme_thread/"),
                "created_utc": i.created_at.timestamp() as f64, "over_18": false, "is_self": true,
            }})
        })
        .collect();
    json!({"kind": "Listing", "data": {"after": after, "dist": page.len(), "modhash": "", "geo_filter": "",
                                       "children": children, "before": null}})
}

/// A GDELT DOC 2.0 `ArtList` answer.
fn gdelt(items: &[&Item]) -> Value {
    let articles: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({
                "url": gdelt_url(i), "url_mobile": "", "title": format!("Acme article {}", i.n),
                "seendate": i.created_at.format("%Y%m%dT%H%M%SZ").to_string(), "socialimage": "",
                "domain": format!("news{}.example", i.n % 3), "language": "English", "sourcecountry": "United States",
            })
        })
        .collect();
    json!({ "articles": articles })
}

/// An X v2 search page with the author expansion.
fn x(page: &[&Item], next: Option<String>) -> Value {
    let data: Vec<Value> = page
        .iter()
        .map(|i| {
            json!({
                "id": x_id(i), "edit_history_tweet_ids": [x_id(i)], "text": format!("acme post {}", i.n),
                "created_at": iso(i), "author_id": format!("{}", 100 + i.n % 5), "lang": "en",
                "conversation_id": x_id(i),
                "public_metrics": {"retweet_count": 0, "reply_count": i.n % 3, "like_count": i.n % 7, "quote_count": 0},
            })
        })
        .collect();
    let users: Vec<Value> =
        (0..5).map(|u| json!({"id": format!("{}", 100 + u), "username": format!("user{u}"), "name": "U"})).collect();
    let mut meta = json!({"result_count": page.len()});
    if let (Some(first), Some(last)) = (page.first(), page.last()) {
        meta["newest_id"] = json!(x_id(first));
        meta["oldest_id"] = json!(x_id(last));
    }
    if let Some(n) = next {
        meta["next_token"] = json!(n);
    }
    match page.is_empty() {
        true => json!({ "meta": meta }),
        false => json!({"data": data, "includes": {"users": users}, "meta": meta}),
    }
}
