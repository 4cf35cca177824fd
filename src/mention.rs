//! `Mention`: the one record every source emits, every import produces and the store keeps.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How far ahead of now a mention may be dated: what `queries/tests/mentions_sane.sql` allows (a clock or time zone
/// off by hours), and what an import accepts or a source trusts of a client's date.
pub const MAX_AHEAD: chrono::TimeDelta = chrono::TimeDelta::days(1);

/// One public post, comment, article or answer that a source returned.
///
/// `(source, source_id)` identifies it across runs: re-crawling the same item never makes a second row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Registry name of the source that produced it (`hackernews`, `rss`, ...), or `file` for imports.
    pub source: String,
    /// The platform's own stable id, unique within `source` (instance-qualified where ids are per host).
    pub source_id: String,
    /// Link a person can open.
    pub url: Option<String>,
    /// Display handle of the author as the platform shows it.
    pub author: Option<String>,
    /// The platform's stable author id, when it has one.
    pub author_id: Option<String>,
    /// When the item was published, in UTC.
    pub created_at: DateTime<Utc>,
    /// Headline or thread title, when the item has one.
    pub title: Option<String>,
    /// Plain text body (HTML already stripped).
    pub text: String,
    /// ISO 639-1 language code when the platform reports one.
    pub lang: Option<String>,
    /// Likes, favourites or up-votes.
    pub likes: Option<i64>,
    /// Replies or comments.
    pub replies: Option<i64>,
    /// Reposts, boosts or shares.
    pub reposts: Option<i64>,
    /// The platform's own score (points, votes).
    pub score: Option<i64>,
    /// Id of the thread or story the item belongs to.
    pub thread_id: Option<String>,
    /// Id of the item it answers.
    pub parent_id: Option<String>,
}

impl Mention {
    /// A mention with only the required fields set; sources fill the rest field by field.
    pub fn new(source: &str, source_id: impl Into<String>, created_at: DateTime<Utc>, text: impl Into<String>) -> Self {
        Mention {
            source: source.to_string(),
            source_id: source_id.into(),
            url: None,
            author: None,
            author_id: None,
            created_at,
            title: None,
            text: text.into(),
            lang: None,
            likes: None,
            replies: None,
            reposts: None,
            score: None,
            thread_id: None,
            parent_id: None,
        }
    }

    /// Title and text joined, the haystack brand queries are matched against.
    pub fn haystack(&self) -> String {
        match &self.title {
            Some(t) if !t.is_empty() => format!("{t}\n{}", self.text),
            _ => self.text.clone(),
        }
    }
}
