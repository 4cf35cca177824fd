//! A Discourse forum's `/search.json`: the `after:`/`before:` mini-language, 50 posts a page newest
//! first, the topics they belong to, and `grouped_search_result` shaped as the OpenAPI schema requires. Like
//! Discourse's full-page search, it lists one post per topic (the newest that matches), and every matching post only
//! within one topic (`topic:<id>`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::index::SourceIndex;
use super::query::{Params, SearchQuery};
use super::respond::json as json_response;
use super::text::{escape_html, iso_ms, mix, slug};
use crate::demo::model::DemoPost;

/// Posts per search page.
const PER_PAGE: usize = 50;

/// What a topic's entry needs, gathered from all its posts once.
struct Topic {
    title: String,
    slug: String,
    posts_count: i64,
    highest_post_number: u32,
    created_at: DateTime<Utc>,
    last_posted_at: DateTime<Utc>,
    like_count: i64,
}

struct Forum {
    index: Arc<SourceIndex>,
    topics: HashMap<u64, Topic>,
    /// Discourse numbers every search it logs.
    search_log_id: AtomicU64,
}

/// The topic a post belongs to (a post without one opens its own).
fn topic_id(p: &DemoPost) -> u64 {
    p.thread_id.unwrap_or(p.id)
}

/// The search routes, over the Discourse posts of `index`.
pub fn router(index: Arc<SourceIndex>) -> Router {
    let state = Arc::new(Forum { topics: topics(&index), index, search_log_id: AtomicU64::new(0) });
    Router::new().route("/search.json", get(search)).route("/search", get(search)).with_state(state)
}

/// Every topic of the forum, gathered from its posts.
fn topics(index: &SourceIndex) -> HashMap<u64, Topic> {
    let mut topics: HashMap<u64, Topic> = HashMap::new();
    // Whether a topic's title so far came from its opening post, which wins over any other.
    let mut from_opening: HashMap<u64, bool> = HashMap::new();
    for &pos in index.lookup_blocking(&[]).iter() {
        let p = index.post(pos);
        let id = topic_id(p);
        let t = topics.entry(id).or_insert_with(|| Topic {
            title: format!("Topic {id}"),
            slug: String::new(),
            posts_count: 0,
            highest_post_number: 0,
            created_at: p.created_at,
            last_posted_at: p.created_at,
            like_count: 0,
        });
        t.posts_count += 1;
        t.highest_post_number = t.highest_post_number.max(p.post_number.unwrap_or(1));
        (t.created_at, t.last_posted_at) = (t.created_at.min(p.created_at), t.last_posted_at.max(p.created_at));
        t.like_count += p.likes;
        if let Some(title) = p.title.as_deref() {
            let opening = p.post_number == Some(1);
            match from_opening.get(&id) {
                Some(true) => {}
                Some(false) if !opening => {}
                _ => {
                    t.title = title.to_string();
                    from_opening.insert(id, opening);
                }
            }
        }
    }
    for (id, t) in topics.iter_mut() {
        t.slug = slug(&t.title, &format!("topic-{id}"));
    }
    topics
}

/// A post entry; the blurb carries the whole text, escaped as Discourse escapes excerpts.
fn post_json(p: &DemoPost, topic: Option<&Topic>) -> Value {
    let initial = p.author.chars().next().map_or('x', |c| c.to_ascii_lowercase());
    json!({
        "id": p.id,
        "name": p.author,
        "username": p.author,
        "avatar_template": format!("/letter_avatar_proxy/v4/letter/{initial}/{:06x}/{{size}}.png", mix(p.author_id) & 0xff_ffff),
        "created_at": iso_ms(p.created_at),
        "like_count": p.likes,
        "blurb": escape_html(&p.text),
        "post_number": p.post_number.unwrap_or(1),
        "topic_title_headline": topic.map(|t| escape_html(&t.title)),
        "topic_id": topic_id(p),
    })
}

/// A topic entry as the search lists it.
fn topic_json(id: u64, t: &Topic) -> Value {
    json!({
        "id": id, "title": t.title, "fancy_title": escape_html(&t.title), "slug": t.slug,
        "posts_count": t.posts_count, "reply_count": t.posts_count - 1, "highest_post_number": t.highest_post_number,
        "image_url": null, "created_at": iso_ms(t.created_at), "last_posted_at": iso_ms(t.last_posted_at),
        "bumped": true, "bumped_at": iso_ms(t.last_posted_at), "archetype": "regular", "unseen": false,
        "pinned": false, "unpinned": null, "visible": true, "closed": false, "archived": false,
        "bookmarked": null, "liked": null, "tags": [], "tags_descriptions": {}, "category_id": 1 + id % 5,
        "has_accepted_answer": false, "views": t.posts_count * 37 + (mix(id) % 200) as i64, "like_count": t.like_count,
        "posters": [],
    })
}

/// Discourse's `InvalidParameters` answer.
fn invalid(name: &str) -> Response {
    let body = json!({"errors": [format!("You supplied invalid parameters to the request: {name}")], "error_type": "invalid_parameters"});
    json_response(StatusCode::BAD_REQUEST, HeaderMap::new(), &body)
}

async fn search(State(forum): State<Arc<Forum>>, RawQuery(raw): RawQuery) -> Response {
    let params = Params::parse(raw.as_deref());
    let term = params.get("q").or(params.get("term")).unwrap_or_default().trim().to_string();
    let Ok(query) = SearchQuery::parse(&term) else { return invalid("q") };
    // Like Discourse, which serves ten pages and answers any later one with the first.
    let page = match params.num::<usize>("page") {
        Ok(Some(p)) if p > 10 => 1,
        Ok(p) if p != Some(0) => p.unwrap_or(1),
        _ => return invalid("page"),
    };
    let Some(list) = forum.index.lookup(&query.words).await else {
        return json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            HeaderMap::new(),
            &json!({"errors": ["internal error"]}),
        );
    };
    let (since, until) = query.seconds();
    let run = &list[forum.index.time_range(&list, since, until)];
    // Newest first; Discourse's `aggregate_search` keeps one post a topic unless the search is within a topic.
    let mut seen = std::collections::HashSet::new();
    let matched: Vec<&DemoPost> = run
        .iter()
        .rev()
        .map(|&pos| forum.index.post(pos))
        .filter(|p| match query.topic {
            Some(t) => topic_id(p) == t,
            None => seen.insert(topic_id(p)),
        })
        .collect();
    let skip = (page - 1).saturating_mul(PER_PAGE);
    let posts: Vec<&DemoPost> = matched.iter().skip(skip).take(PER_PAGE).copied().collect();
    let mut topic_ids: Vec<u64> = Vec::new();
    for p in &posts {
        if !topic_ids.contains(&topic_id(p)) {
            topic_ids.push(topic_id(p));
        }
    }
    let more = matched.len() > skip.saturating_add(PER_PAGE);
    let body = json!({
        "posts": posts.iter().map(|p| post_json(p, forum.topics.get(&topic_id(p)))).collect::<Vec<_>>(),
        "topics": topic_ids.iter().filter_map(|id| forum.topics.get(id).map(|t| topic_json(*id, t))).collect::<Vec<_>>(),
        "users": [], "categories": [], "tags": [], "groups": [],
        "grouped_search_result": {
            "more_posts": null, "more_users": null, "more_categories": null, "term": term,
            "search_log_id": forum.search_log_id.fetch_add(1, Ordering::Relaxed) + 1,
            "more_full_page_results": if more { json!(true) } else { Value::Null },
            "can_create_topic": false, "error": null,
            "extra": {"categories": []},
            "post_ids": posts.iter().map(|p| p.id).collect::<Vec<_>>(),
            "user_ids": [], "category_ids": [], "tag_ids": [], "group_ids": [],
        },
    });
    json_response(StatusCode::OK, HeaderMap::new(), &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::model::DemoSource;
    use crate::demo::servers::index::tests::{corpus, post};

    #[test]
    fn renders_posts_and_their_topic() {
        let mut open = post(DemoSource::Discourse, 16, 100, Some("Lumora sync & you"), "First <post>");
        (open.thread_id, open.post_number) = (Some(13), Some(1));
        let mut reply = post(DemoSource::Discourse, 17, 200, Some("Re: something"), "Agreed");
        (reply.thread_id, reply.post_number, reply.likes) = (Some(13), Some(2), 5);
        let index = Arc::new(SourceIndex::new(corpus(vec![reply, open]), DemoSource::Discourse));
        let topics = topics(&index);
        let t = &topics[&13];
        assert_eq!(
            (t.title.as_str(), t.posts_count, t.highest_post_number, t.like_count),
            ("Lumora sync & you", 2, 2, 6)
        );
        assert_eq!((t.created_at.timestamp(), t.last_posted_at.timestamp()), (100, 200));
        let p = post_json(index.post(0), Some(t));
        assert_eq!(
            (p["id"].clone(), p["topic_id"].clone(), p["post_number"].clone()),
            (json!(16), json!(13), json!(1))
        );
        assert_eq!(p["blurb"], "First &lt;post&gt;");
        assert_eq!(p["created_at"], "1970-01-01T00:01:40.000Z");
        let t = topic_json(13, t);
        assert_eq!(
            (t["fancy_title"].clone(), t["slug"].clone(), t["reply_count"].clone()),
            (json!("Lumora sync &amp; you"), json!("lumora-sync-you"), json!(1))
        );
    }
}
