//! The platforms the replay server speaks, and how hark names what it stores from each.

use super::Item;
use super::{keyed, render, youtube};

/// A platform the replay server can speak, named as hark's source registry names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// HN Algolia `search_by_date`: `page` (0-based) and `nbPages`.
    HackerNews,
    /// Stack Exchange 2.3 `/search/advanced`: `page` (1-based) and `has_more`.
    StackExchange,
    /// Discourse `/search.json`: `page` (1-based) and `more_full_page_results`.
    Discourse,
    /// Google News RSS search: one feed per query, no paging.
    Rss,
    /// Mastodon hashtag timeline: `max_id` cursors in the `Link` header.
    Mastodon,
    /// Bluesky `app.bsky.feed.searchPosts` behind `createSession`: an opaque `cursor` in the body.
    Bluesky,
    /// Reddit search behind an OAuth token: the `after` fullname in the listing.
    Reddit,
    /// GDELT DOC 2.0 `ArtList`: one answer per time slice, no paging.
    Gdelt,
    /// X v2 full-archive search with a bearer token: `next_token` in `meta`.
    X,
    /// YouTube Data API v3 behind an API key: `search.list` then `commentThreads.list` per video, each paged
    /// by an opaque `pageToken` in the body.
    YouTube,
}

impl Platform {
    /// Every platform, in registry order.
    pub const ALL: [Platform; 10] = [
        Platform::HackerNews,
        Platform::StackExchange,
        Platform::Rss,
        Platform::Discourse,
        Platform::Mastodon,
        Platform::Bluesky,
        Platform::Reddit,
        Platform::Gdelt,
        Platform::X,
        Platform::YouTube,
    ];

    /// Every platform, after checking that hark registers each one's source: a platform the registry does not
    /// know panics, naming it, instead of silently dropping out of the tests that iterate them.
    pub fn all() -> impl Iterator<Item = Platform> {
        for p in Platform::ALL {
            let name = p.source_name();
            assert!(hark::sources::registration(name).is_some(), "{p:?}: hark registers no source named {name:?}");
        }
        Platform::ALL.into_iter()
    }

    /// The hark source that crawls it.
    pub fn source_name(self) -> &'static str {
        match self {
            Platform::HackerNews => "hackernews",
            Platform::StackExchange => "stackexchange",
            Platform::Discourse => "discourse",
            Platform::Rss => "rss",
            Platform::Mastodon => "mastodon",
            Platform::Bluesky => "bluesky",
            Platform::Reddit => "reddit",
            Platform::Gdelt => "gdelt",
            Platform::X => "x",
            Platform::YouTube => "youtube",
        }
    }

    /// Every `source_id` hark stores for `item`: its own, and for YouTube also those of its video's comments.
    pub fn source_ids(self, item: &Item) -> Vec<String> {
        match self {
            Platform::YouTube => youtube::ids(item),
            _ => vec![self.source_id(item)],
        }
    }

    /// The `source_id` hark stores for `item` (for YouTube, its video's).
    pub fn source_id(self, item: &Item) -> String {
        match self {
            Platform::HackerNews => item.n.to_string(),
            Platform::StackExchange => format!("stackoverflow/{}", item.n),
            Platform::Discourse => format!("127.0.0.1/{}", item.n),
            Platform::Rss => render::guid(item),
            // Its uri, marked for the write path's keyed hash: one id whichever instance served it.
            Platform::Mastodon => hark::sources::api::keyed_id(&render::mastodon_uri(item)),
            Platform::Bluesky => keyed::at_uri(item),
            Platform::Reddit => keyed::reddit_name(item),
            Platform::Gdelt => keyed::gdelt_id(item),
            Platform::X => keyed::x_id(item),
            Platform::YouTube => youtube::video_id(item),
        }
    }

    /// Extra `[[source]]` keys a pipeline needs for this platform served at `base` (beyond `type` and
    /// `base_url`). Secrets name a variable the test process always has: the replay signs anyone in.
    pub fn config(self, base: &str) -> String {
        let secret = "\"CARGO_PKG_NAME\"";
        match self {
            Platform::HackerNews => "hits_per_page = 4\n".into(),
            Platform::Mastodon => "hashtags = [\"acme\"]\n".into(),
            Platform::Bluesky => format!("handle_env = {secret}\npassword_env = {secret}\n"),
            Platform::Reddit => format!(
                "token_url = \"{base}/api/v1/access_token\"\nclient_id_env = {secret}\nclient_secret_env = {secret}\n"
            ),
            Platform::Gdelt => "interval_ms = 0\n".into(),
            Platform::X => format!("endpoint = \"all\"\ntoken_env = {secret}\n"),
            Platform::YouTube => format!("key_env = {secret}\n"),
            _ => String::new(),
        }
    }

    /// Whether the next page is named by a cursor the server hands out (rather than a page number).
    pub fn cursor_paged(self) -> bool {
        matches!(self, Platform::Mastodon | Platform::Bluesky | Platform::Reddit | Platform::X | Platform::YouTube)
    }

    /// Whether the platform pages at all.
    pub fn paged(self) -> bool {
        !matches!(self, Platform::Rss | Platform::Gdelt)
    }
}
