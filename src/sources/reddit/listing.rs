//! Reddit's JSON as hark reads it: listing pages (posts and comments, with the `after` cursor) into mentions, and
//! the OAuth token endpoint's answer. Kept apart from the walk so that a change of Reddit's format touches one file.

use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::mention::Mention;

/// The OAuth token endpoint's answer.
#[derive(Debug, Deserialize)]
pub(super) struct Token {
    pub(super) access_token: Option<String>,
    pub(super) expires_in: Option<u64>,
}

/// A listing page.
#[derive(Debug, Deserialize)]
struct Listing {
    data: ListingData,
}

/// Its items and the cursor of the next page.
#[derive(Debug, Deserialize)]
struct ListingData {
    #[serde(default)]
    children: Vec<Thing>,
    after: Option<String>,
}

/// One item in Reddit's envelope (`kind`, `data`).
#[derive(Debug, Deserialize)]
struct Thing {
    data: Item,
}

/// A post (t3) or comment (t1), the fields hark keeps.
#[derive(Debug, Deserialize)]
struct Item {
    name: String,
    author: Option<String>,
    author_fullname: Option<String>,
    created_utc: f64,
    title: Option<String>,
    selftext: Option<String>,
    body: Option<String>,
    score: Option<i64>,
    num_comments: Option<i64>,
    permalink: Option<String>,
    link_id: Option<String>,
    parent_id: Option<String>,
}

/// Maps a post (t3) or comment (t1) to a mention; text is Markdown, unescaped by `raw_json=1`.
fn to_mention(i: Item) -> Option<Mention> {
    let created = DateTime::<Utc>::from_timestamp_millis((i.created_utc * 1000.0).round() as i64)?;
    let text = i.body.or(i.selftext).unwrap_or_default().trim().to_string();
    let mut m = Mention::new("reddit", i.name.clone(), created, text);
    m.url = i.permalink.map(|p| format!("https://www.reddit.com{p}"));
    m.author = i.author.filter(|a| a != "[deleted]");
    m.author_id = i.author_fullname;
    m.title = i.title;
    m.score = i.score;
    m.replies = i.num_comments;
    m.thread_id = Some(i.link_id.unwrap_or(i.name));
    m.parent_id = i.parent_id;
    Some(m)
}

/// Mentions of a listing page and its `after` cursor.
pub(super) fn read(body: &str) -> anyhow::Result<(Vec<Mention>, Option<String>)> {
    let l: Listing = serde_json::from_str(body).context("not a Reddit listing")?;
    Ok((l.data.children.into_iter().filter_map(|t| to_mention(t.data)).collect(), l.data.after))
}
