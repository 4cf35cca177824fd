//! YouTube Data API v3 as the replay serves it: `search.list` of videos (`publishedAfter`/`publishedBefore`,
//! `pageToken`) and `commentThreads.list` under each video (`pageToken`), in the shapes of tests/fixtures/youtube/.

use axum::http::Uri;
use serde_json::{json, Value};

use super::formats::{json_reply, Query, Reply};
use super::keyed::{cursor_page, millis, within};
use super::{Item, Paging};

/// The id of an item's video: eleven characters, as YouTube's are.
pub fn video_id(item: &Item) -> String {
    format!("replay{:05}", item.n)
}

/// Comment threads under video `n`: none for some, more than one page (of four) for others.
fn thread_count(n: u64) -> u64 {
    n % 7
}

/// The id of thread `j` under video `n` (also its top-level comment's id, as YouTube's are).
fn thread_id(n: u64, j: u64) -> String {
    format!("UgxReplay{n:05}T{j:02}AaABAg")
}

/// Whether thread `j` under video `n` carries one reply inline.
fn has_reply(n: u64, j: u64) -> bool {
    (n + j) % 3 == 0
}

/// The id of the reply in thread `j` under video `n`: the thread's id, a dot, and the reply's own.
fn reply_id(n: u64, j: u64) -> String {
    format!("{}.A6wReply{n:05}x{j:02}", thread_id(n, j))
}

/// Every `source_id` hark stores for an item: the video, each top-level comment, and each reply.
pub fn ids(item: &Item) -> Vec<String> {
    let n = item.n;
    let mut out = vec![video_id(item)];
    for j in 0..thread_count(n) {
        out.push(thread_id(n, j));
        if has_reply(n, j) {
            out.push(reply_id(n, j));
        }
    }
    out
}

/// Whether the request asks for a follow-up page.
pub fn is_follow_up(uri: &Uri) -> bool {
    Query::of(uri).get("pageToken").is_some()
}

/// RFC 3339 in whole seconds, as YouTube writes `publishedAt`.
fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The answer to a `search` or `commentThreads` request.
pub fn answer(items: &[Item], paging: &Paging, uri: &Uri, repeat: bool) -> Reply {
    let q = Query::of(uri);
    let size = paging.size.min(q.num("maxResults").unwrap_or(5).clamp(1, 100) as usize);
    if uri.path().ends_with("commentThreads") {
        let video = items.iter().find(|i| Some(video_id(i).as_str()) == q.get("videoId"));
        // Threads as pseudo-items (`n` is the thread's index), newest first as `order=time` lists them.
        let threads: Vec<Item> = video.map_or_else(Vec::new, |v| {
            let minutes = |j: u64| chrono::Duration::minutes(j as i64 + 1);
            (0..thread_count(v.n)).rev().map(|j| Item { n: j, created_at: v.created_at + minutes(j) }).collect()
        });
        let threads: Vec<&Item> = threads.iter().collect();
        let (page, next) = cursor_page(&threads, q.get("pageToken"), size, paging, repeat);
        return json_reply(comment_threads(video.map_or(0, |v| v.n), &page, next, threads.len(), size));
    }
    // `publishedBefore` is inclusive ("before or at"), as is `publishedAfter`.
    let matched = within(items, millis(&q, "publishedAfter"), millis(&q, "publishedBefore").map(|t| t + 1));
    let (page, next) = cursor_page(&matched, q.get("pageToken"), size, paging, repeat);
    json_reply(search(&page, next, matched.len(), size))
}

/// A `youtube#searchListResponse` of video results.
fn search(page: &[&Item], next: Option<String>, total: usize, size: usize) -> Value {
    let items: Vec<Value> = page
        .iter()
        .map(|i| {
            json!({
                "kind": "youtube#searchResult", "etag": format!("replayEtag{}", i.n),
                "id": {"kind": "youtube#video", "videoId": video_id(i)},
                "snippet": {
                    "publishedAt": stamp(i.created_at), "channelId": format!("UCreplayChannel{:07}", i.n % 5),
                    "title": format!("Acme review {} &amp; more", i.n),
                    "description": format!("We tried Acme for video {} &amp; here is what happened ...", i.n),
                    "thumbnails": {}, "channelTitle": format!("Channel {}", i.n % 5),
                    "liveBroadcastContent": "none", "publishTime": stamp(i.created_at),
                },
            })
        })
        .collect();
    let mut body = json!({
        "kind": "youtube#searchListResponse", "etag": "replaySearchEtag", "regionCode": "US",
        "pageInfo": {"totalResults": total, "resultsPerPage": size}, "items": items,
    });
    if let Some(n) = next {
        body["nextPageToken"] = json!(n);
    }
    body
}

/// One `youtube#comment` on video `n`; replies name their thread in `parentId`.
fn comment(n: u64, id: String, parent: Option<String>, t: chrono::DateTime<chrono::Utc>, likes: u64) -> Value {
    let text = format!("acme comment {id}");
    let mut snippet = json!({
        "channelId": format!("UCreplayChannel{:07}", n % 5), "videoId": format!("replay{n:05}"),
        "textDisplay": text, "textOriginal": text, "authorDisplayName": format!("@user{}", likes % 4),
        "authorChannelUrl": format!("http://www.youtube.com/@user{}", likes % 4),
        "authorChannelId": {"value": format!("UCreplayAuthor{:08}", likes % 4)}, "canRate": true,
        "viewerRating": "none", "likeCount": likes, "publishedAt": stamp(t), "updatedAt": stamp(t),
    });
    if let Some(p) = parent {
        snippet["parentId"] = json!(p);
    }
    json!({"kind": "youtube#comment", "etag": format!("replayEtag{id}"), "id": id, "snippet": snippet})
}

/// A `youtube#commentThreadListResponse` page of video `n`'s threads (pseudo-items: `n` is the thread index).
fn comment_threads(n: u64, page: &[&Item], next: Option<String>, total: usize, size: usize) -> Value {
    let items: Vec<Value> = page
        .iter()
        .map(|t| {
            let j = t.n;
            let mut thread = json!({
                "kind": "youtube#commentThread", "etag": format!("replayEtag{}", thread_id(n, j)), "id": thread_id(n, j),
                "snippet": {
                    "channelId": format!("UCreplayChannel{:07}", n % 5), "videoId": format!("replay{n:05}"),
                    "topLevelComment": comment(n, thread_id(n, j), None, t.created_at, j),
                    "canReply": true, "totalReplyCount": u64::from(has_reply(n, j)), "isPublic": true,
                },
            });
            if has_reply(n, j) {
                let at = t.created_at + chrono::Duration::seconds(30);
                thread["replies"] = json!({"comments": [comment(n, reply_id(n, j), Some(thread_id(n, j)), at, j + 1)]});
            }
            thread
        })
        .collect();
    let mut body = json!({
        "kind": "youtube#commentThreadListResponse", "etag": "replayThreadsEtag",
        "pageInfo": {"totalResults": total, "resultsPerPage": size}, "items": items,
    });
    if let Some(t) = next {
        body["nextPageToken"] = json!(t);
    }
    body
}
