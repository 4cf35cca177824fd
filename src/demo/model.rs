//! The demo corpus's data model, shared by the generator (`corpus.rs`) and the replay servers (`servers.rs`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Which platform a demo post lives on; each is served in that platform's real API format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DemoSource {
    /// Hacker News, served as the Algolia `search_by_date` API.
    HackerNews,
    /// Stack Overflow, served as Stack Exchange API 2.3 `/search/advanced`.
    StackExchange,
    /// News articles, served as a Google News RSS search feed.
    Rss,
    /// A Discourse community forum, served as `/search.json`.
    Discourse,
    /// A Mastodon instance, served as hashtag timelines.
    Mastodon,
}

impl DemoSource {
    /// Every demo source, in registry order.
    pub const ALL: [DemoSource; 5] = [
        DemoSource::HackerNews,
        DemoSource::StackExchange,
        DemoSource::Rss,
        DemoSource::Discourse,
        DemoSource::Mastodon,
    ];

    /// The hark source registry name this platform is crawled by.
    pub fn source_name(self) -> &'static str {
        match self {
            DemoSource::HackerNews => "hackernews",
            DemoSource::StackExchange => "stackexchange",
            DemoSource::Rss => "rss",
            DemoSource::Discourse => "discourse",
            DemoSource::Mastodon => "mastodon",
        }
    }
}

/// What kind of item a post is on its platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    /// HN story (has a title and points).
    Story,
    /// HN comment (has `thread_id` = story id, `parent_id`).
    Comment,
    /// Stack Exchange question.
    Question,
    /// News article in a feed.
    Article,
    /// Discourse post (`thread_id` = topic id; post_number 1 opens the topic).
    ForumPost,
    /// Mastodon status.
    Status,
}

/// A brand of the demo: the own brand and three competitors.
#[derive(Debug, Clone, Copy)]
pub struct DemoBrand {
    /// Display name, also the `[[brand]] name` in `pipelines/demo.toml`.
    pub name: &'static str,
    /// `false` for the own brand.
    pub competitor: bool,
    /// Lower-case search terms; the first one is the plain brand word every mention contains.
    pub terms: &'static [&'static str],
    /// Hashtag without `#`, used on Mastodon.
    pub hashtag: &'static str,
}

/// The four demo brands. `pipelines/demo.toml` queries them by these names and terms (a test checks it).
pub const BRANDS: [DemoBrand; 4] = [
    DemoBrand { name: "Lumora", competitor: false, terms: &["lumora", "lumoranotes"], hashtag: "lumora" },
    DemoBrand { name: "Brightdesk", competitor: true, terms: &["brightdesk"], hashtag: "brightdesk" },
    DemoBrand { name: "Quillio", competitor: true, terms: &["quillio"], hashtag: "quillio" },
    DemoBrand { name: "Norvane", competitor: true, terms: &["norvane"], hashtag: "norvane" },
];

/// One post of the synthetic corpus, with enough detail for every replay server to render it.
#[derive(Debug, Clone, Serialize)]
pub struct DemoPost {
    /// The platform it is served from.
    pub source: DemoSource,
    /// Platform id: HN objectID, SE question_id, Discourse post id, Mastodon snowflake id
    /// (`created_at` in ms << 16 plus a sequence), RSS guid number. Unique per source.
    pub id: u64,
    /// Kind of item on its platform.
    pub kind: PostKind,
    /// Publication time (UTC, whole seconds).
    pub created_at: DateTime<Utc>,
    /// Author handle (HN username, SE display name, Discourse username, Mastodon acct; RSS: byline).
    pub author: String,
    /// Stable numeric author id on the platform.
    pub author_id: u64,
    /// Story, question, article or topic title; `None` for comments and statuses.
    pub title: Option<String>,
    /// Plain text body (servers wrap it in the platform's HTML where the platform sends HTML).
    pub text: String,
    /// HN story id of a comment; Discourse topic id.
    pub thread_id: Option<u64>,
    /// HN parent item id; Mastodon `in_reply_to_id`.
    pub parent_id: Option<u64>,
    /// Discourse post number within its topic (1 = the opening post).
    pub post_number: Option<u32>,
    /// Likes / favourites.
    pub likes: i64,
    /// Replies / comments / answers.
    pub replies: i64,
    /// Reposts / boosts (0 where the platform has none).
    pub reposts: i64,
    /// Points / votes (0 where the platform has none).
    pub score: i64,
    /// RSS publisher name (`<source>`), e.g. "TechWire".
    pub publisher: Option<String>,
    /// External link: the article URL of an HN story or RSS item.
    pub link: Option<String>,
    /// Language code where the platform reports one (Mastodon); English posts are "en".
    pub lang: Option<String>,
    /// Indices into [`BRANDS`] of the brands the text names (ground truth for matching).
    pub brands: Vec<usize>,
    /// Topic label the text was written about (pricing, outage, support, launch, security, ...).
    pub topic: &'static str,
    /// Intended sentiment in [-1, 1] the text was written with.
    pub sentiment: f32,
}

/// An event planted in the corpus, written to `ground_truth.json` beside the store.
#[derive(Debug, Clone, Serialize)]
pub struct PlantedEvent {
    /// `outage_spike`, `launch_surge`, `slow_climb` or `collection_gap`.
    pub kind: &'static str,
    /// Brand the event is about; `None` for a collection gap that hits every brand.
    pub brand: Option<String>,
    /// Source the event is confined to, if any (the collection gap's source).
    pub source: Option<String>,
    /// Monday of the first ISO week affected.
    pub start_week: NaiveDate,
    /// Monday of the last ISO week affected.
    pub end_week: NaiveDate,
    /// What was planted, in words an analyst reads.
    pub description: String,
}

/// The whole synthetic corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Every post, sorted by `created_at` ascending.
    pub posts: Vec<DemoPost>,
    /// The planted events.
    pub events: Vec<PlantedEvent>,
    /// First instant covered (inclusive).
    pub start: DateTime<Utc>,
    /// Last instant covered (exclusive): the generation time.
    pub end: DateTime<Utc>,
}
