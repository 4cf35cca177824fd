//! YouTube through the Data API v3 (API key): videos published in the window that match the brand terms
//! (`search.list`), and the comment threads under each (`commentThreads.list`). Quota errors fail the
//! window loudly; an empty result is never invented from an error.

use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use url::Url;

use super::{api, brand_terms, html, parse_config, BoxFuture, FetchCtx, Page, Registration, Source, Window};
use crate::http::{self, Fetched, Verdict};
use crate::mention::Mention;
use crate::pipeline::Brand;

/// Registry entry.
pub const SOURCE: Registration = Registration {
    name: "youtube",
    about: "Videos matching the brand terms and their comment threads (YouTube Data API v3; free API key).",
    history_limit: Some(
        "search reaches all time, but YouTube's policies require refreshing or deleting stored API data after \
         30 days, and search.list has a small daily quota (about 100 searches)",
    ),
    keys: &[
        ("base_url", "API root (default https://www.googleapis.com/youtube/v3)"),
        ("key_env", "environment variable holding the API key (default YOUTUBE_API_KEY)"),
        ("comment_pages", "comment-thread pages (100 threads each, newest first) read per video (default 3)"),
        ("relevance_language", "ISO 639-1 code preferred by search, e.g. \"en\" (default none)"),
    ],
    check: |t| parse_config::<Config>(t).map(|_| ()),
    build: |t| {
        let config: Config = parse_config(t)?;
        let key = api::secret("youtube", "key_env", &config.key_env)?;
        Ok(Box::new(YouTube { config, key }))
    },
};

/// Search pages per window (50 videos each); search stops near 500 results, so more means the window is capped.
const SEARCH_PAGES: u64 = 10;
/// Longest `q` built from brand terms (the API documents none).
const MAX_QUERY: usize = 500;

/// The `[[source]] type = "youtube"` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default = "default_base_url")]
    base_url: Url,
    #[serde(default = "default_key_env")]
    key_env: String,
    #[serde(default = "default_comment_pages")]
    comment_pages: u32,
    relevance_language: Option<String>,
}

fn default_base_url() -> Url {
    super::url("https://www.googleapis.com/youtube/v3")
}
fn default_key_env() -> String {
    "YOUTUBE_API_KEY".into()
}
fn default_comment_pages() -> u32 {
    3
}

struct YouTube {
    config: Config,
    key: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SearchList {
    // Always there, empty or not: a body without it is no answer, not an empty window.
    items: Vec<SearchResult>,
    next_page_token: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SearchResult {
    id: ResultId,
    snippet: VideoSnippet,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResultId {
    video_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct VideoSnippet {
    published_at: DateTime<Utc>,
    channel_id: Option<String>,
    channel_title: Option<String>,
    title: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ThreadList {
    items: Vec<Thread>,
    next_page_token: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Thread {
    snippet: ThreadSnippet,
    replies: Option<Replies>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ThreadSnippet {
    top_level_comment: Comment,
    total_reply_count: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct Replies {
    #[serde(default)]
    comments: Vec<Comment>,
}

#[derive(Debug, Deserialize)]
struct Comment {
    id: String,
    snippet: CommentSnippet,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommentSnippet {
    video_id: Option<String>,
    text_original: Option<String>,
    text_display: Option<String>,
    author_display_name: Option<String>,
    author_channel_id: Option<ChannelRef>,
    like_count: Option<i64>,
    published_at: DateTime<Utc>,
    parent_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ChannelRef {
    value: String,
}

/// A video search result as a mention (channel and playlist results are skipped).
fn video(r: SearchResult) -> Option<Mention> {
    let id = r.id.video_id?;
    let s = r.snippet;
    let text = s.description.as_deref().map(html::to_text).unwrap_or_default();
    let mut m = Mention::new("youtube", id.clone(), s.published_at, text);
    m.url = Some(format!("https://www.youtube.com/watch?v={id}"));
    m.title = s.title.as_deref().map(html::to_text);
    m.author = s.channel_title;
    m.author_id = s.channel_id;
    m.thread_id = Some(id);
    Some(m)
}

/// A comment as a mention: a top-level comment answers the video, a reply answers its thread.
fn comment(c: Comment, video_id: &str, replies: Option<i64>) -> Mention {
    let s = c.snippet;
    let text = s.text_original.or_else(|| s.text_display.as_deref().map(html::to_text)).unwrap_or_default();
    let video_id = s.video_id.unwrap_or_else(|| video_id.to_string());
    let mut m = Mention::new("youtube", c.id.clone(), s.published_at, text);
    m.url = Some(format!("https://www.youtube.com/watch?v={video_id}&lc={}", c.id));
    m.author = s.author_display_name;
    m.author_id = s.author_channel_id.map(|c| c.value);
    m.likes = s.like_count;
    m.replies = replies;
    m.parent_id = Some(s.parent_id.unwrap_or_else(|| video_id.clone()));
    m.thread_id = Some(video_id);
    m
}

/// Mentions of one commentThreads page (top-level comments and the replies served inline) and its next token.
fn read_threads(body: &str, video_id: &str) -> anyhow::Result<(Vec<Mention>, Option<String>)> {
    let list: ThreadList = serde_json::from_str(body).context("not a commentThreads response")?;
    let mut out = Vec::new();
    for t in list.items {
        out.push(comment(t.snippet.top_level_comment, video_id, t.snippet.total_reply_count));
        out.extend(t.replies.into_iter().flat_map(|r| r.comments).map(|c| comment(c, video_id, None)));
    }
    Ok((out, list.next_page_token))
}

/// The first `reason` of a Google API error body.
fn error_reason(body: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    v.pointer("/error/errors/0/reason")?.as_str().map(str::to_string)
}

/// Quota errors fail (they last until midnight Pacific); short rate limits wait; comments disabled or a
/// vanished video come back to the caller, which skips that video.
fn verdict(f: &Fetched) -> Verdict {
    if f.status.is_client_error() {
        match error_reason(&f.body).as_deref() {
            Some(r @ ("quotaExceeded" | "dailyLimitExceeded")) => {
                return Verdict::Fail(format!(
                    "YouTube quota exhausted ({r}): the daily quota resets at midnight Pacific time"
                ))
            }
            Some("rateLimitExceeded" | "userRateLimitExceeded") => return Verdict::Throttled(None),
            Some("commentsDisabled" | "videoNotFound") => return Verdict::Accept,
            _ => {}
        }
    }
    http::json_verdict(f)
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl YouTube {
    fn search_url(&self, key: &str, window: Window, page: Option<&str>) -> anyhow::Result<Url> {
        let mut url = api::endpoint(&self.config.base_url, "search")?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("part", "snippet")
                .append_pair("q", key)
                .append_pair("type", "video")
                .append_pair("order", "date")
                .append_pair("publishedAfter", &stamp(window.since))
                .append_pair("publishedBefore", &stamp(window.until))
                .append_pair("maxResults", "50");
            if let Some(lang) = &self.config.relevance_language {
                q.append_pair("relevanceLanguage", lang);
            }
            if let Some(p) = page {
                q.append_pair("pageToken", p);
            }
            q.append_pair("key", &self.key);
        }
        Ok(url)
    }

    fn threads_url(&self, video_id: &str, page: Option<&str>) -> anyhow::Result<Url> {
        let mut url = api::endpoint(&self.config.base_url, "commentThreads")?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("part", "snippet,replies")
                .append_pair("videoId", video_id)
                .append_pair("maxResults", "100")
                .append_pair("order", "time")
                .append_pair("textFormat", "plainText");
            if let Some(p) = page {
                q.append_pair("pageToken", p);
            }
            q.append_pair("key", &self.key);
        }
        Ok(url)
    }

    /// GETs a URL that carries the key; the shared client masks `key=` in every message it writes.
    async fn get(&self, ctx: &FetchCtx, url: &Url) -> anyhow::Result<Fetched> {
        let what = url.path().rsplit('/').next().unwrap_or_default().to_string();
        ctx.http.get_with(url.as_str(), &[], &ctx.stats, verdict).await.with_context(|| format!("youtube {what}"))
    }
}

impl Source for YouTube {
    fn name(&self) -> &'static str {
        SOURCE.name
    }

    fn instance(&self) -> String {
        "youtube".into()
    }

    fn keys(&self, brands: &[Brand]) -> Vec<String> {
        api::or_queries(&brand_terms(brands), MAX_QUERY, "|", false)
    }

    /// Comments are kept whenever they were written: the window selects videos by publication time.
    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>> {
        Box::pin(async move {
            let mut out = Page::default();
            let mut videos = Vec::new();
            let (mut token, mut followed): (Option<String>, _) = (None, api::Followed::default());
            loop {
                let f = self.get(ctx, &self.search_url(key, window, token.as_deref())?).await?;
                let list: SearchList = serde_json::from_str(&f.body).context("youtube: decoding search.list")?;
                out.pages += 1;
                // search.list can hand a next token with a page of no items at the end of its results: an empty
                // page ends the listing, or paging on would spend a search call (of the day's hundred) a page up to
                // SEARCH_PAGES and then split the window as if it were capped.
                token = list.next_page_token.filter(|_| !list.items.is_empty());
                videos.extend(list.items.into_iter().filter_map(video).filter(|m| window.contains(m.created_at)));
                match token.as_deref() {
                    Some(t) => followed.check(t)?,
                    None => break,
                }
                if out.pages >= SEARCH_PAGES {
                    // More videos than search will list: smaller windows first, before spending comment quota.
                    return Ok(Page { mentions: Vec::new(), pages: out.pages, capped: true });
                }
            }
            for v in videos {
                let id = v.source_id.clone();
                out.mentions.push(v);
                // Each video's comment paging is guarded on its own: two videos may rightly answer alike
                // (comments disabled, none yet), which one window-wide repeat guard would take for a stuck page.
                ctx.stats.begin_window();
                let mut token: Option<String> = None;
                for _ in 0..self.config.comment_pages {
                    let f = self.get(ctx, &self.threads_url(&id, token.as_deref())?).await?;
                    out.pages += 1;
                    if !f.status.is_success() {
                        break; // comments disabled or the video is gone
                    }
                    let (mentions, next) = read_threads(&f.body, &id).context("youtube: decoding commentThreads")?;
                    out.mentions.extend(mentions);
                    token = next;
                    if token.is_none() {
                        break;
                    }
                }
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests;
