//! Hacker News as the Algolia search API (`/api/v1/search_by_date`): tags and numeric filters, the
//! envelope, story and comment hits with highlighting, and Algolia's 1000-hit retrieval cap.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use super::algolia::{parse_tags, tags_of, Numeric};
use super::index::SourceIndex;
use super::query::Params;
use super::respond::json as json_response;
use super::text::{escape_html, highlight, iso_ms, paragraphs_with, words};
use crate::demo::model::{DemoPost, PostKind};

/// Algolia retrieves at most this many hits per query, whatever the paging.
const HIT_CAP: usize = 1000;
/// Algolia's answer to a page past the cap.
const CAP_MESSAGE: &str = "you can only fetch the 1000 hits for this query. You can extend the number of hits returned via the paginationLimitedTo index parameter or use the browse method.";
/// The title a comment reports when its story is not in the corpus.
const UNKNOWN_STORY: &str = "Ask HN: What are you working on?";

struct Hn {
    index: Arc<SourceIndex>,
    /// Story id → position, for the `story_title` of comments.
    stories: HashMap<u64, u32>,
}

/// The Algolia routes, over the Hacker News posts of `index`.
pub fn router(index: Arc<SourceIndex>) -> Router {
    let all = index.lookup_blocking(&[]);
    let stories =
        all.iter().filter(|&&p| index.post(p).kind == PostKind::Story).map(|&p| (index.post(p).id, p)).collect();
    let state = Arc::new(Hn { index, stories });
    Router::new().route("/api/v1/search_by_date", get(search)).route("/api/v1/search", get(search)).with_state(state)
}

/// HN's HTML: paragraphs, with `'` and `/` as the hex references HN writes.
fn hn_html(text: &str) -> String {
    paragraphs_with(text, |line| escape_html(line).replace("&#39;", "&#x27;").replace('/', "&#x2F;"))
}

/// One `_highlightResult` entry.
fn highlighted(text: &str, terms: &[String]) -> Value {
    let (value, matched) = highlight(text, terms);
    let level = match matched.len() {
        0 => "none",
        n if n == terms.len() => "full",
        _ => "partial",
    };
    let mut v = json!({"value": value, "matchLevel": level, "matchedWords": matched});
    if level != "none" {
        v["fullyHighlighted"] = json!(false);
    }
    v
}

/// A story or comment hit as Algolia returns it.
fn hit(hn: &Hn, p: &DemoPost, terms: &[String]) -> Value {
    let created = iso_ms(p.created_at);
    let common = json!({
        "created_at": created, "created_at_i": p.created_at.timestamp(), "author": p.author,
        "objectID": p.id.to_string(), "updated_at": created, "children": [], "_tags": tags_of(p),
    });
    let mut hit = if p.kind == PostKind::Story {
        let title = p.title.as_deref().unwrap_or_default();
        let text = (!p.text.is_empty()).then(|| hn_html(&p.text));
        json!({
            "title": title, "url": p.link, "points": p.score, "story_text": text, "comment_text": null,
            "num_comments": p.replies, "story_id": null, "story_title": null, "story_url": null, "parent_id": null,
            "_highlightResult": {
                "author": highlighted(&p.author, terms), "title": highlighted(title, terms),
                "url": highlighted(p.link.as_deref().unwrap_or_default(), terms), "story_text": highlighted(&p.text, terms),
            },
        })
    } else {
        let story = p.thread_id.and_then(|id| hn.stories.get(&id)).map(|&pos| hn.index.post(pos));
        let story_title = story.and_then(|s| s.title.as_deref()).unwrap_or(UNKNOWN_STORY);
        let story_url = story.and_then(|s| s.link.as_deref());
        json!({
            "title": null, "url": null, "points": null, "story_text": null, "comment_text": hn_html(&p.text),
            "num_comments": null, "story_id": p.thread_id, "story_title": story_title, "story_url": story_url,
            "parent_id": p.parent_id.or(p.thread_id),
            "_highlightResult": {
                "author": highlighted(&p.author, terms), "comment_text": highlighted(&p.text, terms),
                "story_title": highlighted(story_title, terms), "story_url": highlighted(story_url.unwrap_or_default(), terms),
            },
        })
    };
    if let (Some(h), Value::Object(c)) = (hit.as_object_mut(), common) {
        h.extend(c);
    }
    hit
}

/// Algolia's error body.
fn error(message: &str) -> Response {
    json_response(StatusCode::BAD_REQUEST, HeaderMap::new(), &json!({"message": message, "status": 400}))
}

async fn search(State(hn): State<Arc<Hn>>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::parse(raw.as_deref());
    let query = p.get("query").unwrap_or_default().to_string();
    let terms = words(&query);
    let numeric: Result<Vec<Numeric>, String> = p
        .get("numericFilters")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(Numeric::parse)
        .collect();
    let numeric = match numeric {
        Ok(n) => n,
        Err(m) => return error(&m),
    };
    let (Ok(hpp), Ok(page)) = (p.num::<usize>("hitsPerPage"), p.num::<usize>("page")) else {
        return error("Invalid value for \"hitsPerPage\" or \"page\" parameter, expected a non-negative integer");
    };
    let (hpp, page) = (hpp.unwrap_or(20).min(HIT_CAP), page.unwrap_or(0));
    if hpp > 0 && page.saturating_mul(hpp) >= HIT_CAP {
        return error(CAP_MESSAGE);
    }
    let tags = parse_tags(p.get("tags").unwrap_or_default());
    let Some(list) = hn.index.lookup(&terms).await else {
        return json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            HeaderMap::new(),
            &json!({"message": "internal error", "status": 500}),
        );
    };
    let (since, until) =
        numeric.iter().map(Numeric::seconds).fold((i64::MIN, i64::MAX), |(a, b), (c, d)| (a.max(c), b.min(d)));
    let accepts = |post: &DemoPost| {
        let own = tags_of(post);
        numeric.iter().all(|n| n.accepts(post)) && tags.iter().all(|group| group.iter().any(|t| own.contains(t)))
    };
    let range = hn.index.time_range(&list, since, until);
    let matched: Vec<u32> = list[range].iter().rev().copied().filter(|&pos| accepts(hn.index.post(pos))).collect();
    let nb_pages = match hpp {
        0 => 0,
        _ => matched.len().div_ceil(hpp).min(HIT_CAP.div_ceil(hpp)),
    };
    let hits: Vec<Value> =
        matched.iter().skip(page * hpp).take(hpp).map(|&pos| hit(&hn, hn.index.post(pos), &terms)).collect();
    let body = json!({
        "hits": hits, "nbHits": matched.len(), "page": page, "nbPages": nb_pages, "hitsPerPage": hpp,
        "exhaustiveNbHits": true, "exhaustiveTypo": true, "exhaustive": {"nbHits": true, "typo": true},
        "query": query, "params": format!("advancedSyntax=true&analytics=true&analyticsTags=backend&{}", raw.unwrap_or_default()),
        "processingTimeMS": 1, "serverTimeMS": 2,
    });
    json_response(StatusCode::OK, HeaderMap::new(), &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::model::DemoSource;
    use crate::demo::servers::index::tests::{corpus, post};

    #[test]
    fn renders_story_and_comment_hits() {
        let mut story = post(DemoSource::HackerNews, 10, 100, Some("Show HN: Lumora"), "It's <fast>");
        story.kind = PostKind::Story;
        story.link = Some("https://lumora.example/blog".into());
        let mut comment = post(DemoSource::HackerNews, 11, 200, None, "lumora rocks");
        (comment.kind, comment.thread_id) = (PostKind::Comment, Some(10));
        let index = Arc::new(SourceIndex::new(corpus(vec![story, comment]), DemoSource::HackerNews));
        let hn = Hn { stories: HashMap::from([(10, 0)]), index };
        let terms = vec!["lumora".to_string()];
        let s = hit(&hn, hn.index.post(0), &terms);
        assert_eq!(s["objectID"], "10");
        assert_eq!(s["story_text"], "<p>It&#x27;s &lt;fast&gt;</p>");
        assert_eq!(s["_tags"], json!(["story", "author_ada", "story_10", "show_hn"]));
        assert_eq!((s["points"].clone(), s["comment_text"].clone()), (json!(4), Value::Null));
        assert_eq!(s["_highlightResult"]["title"]["value"], "Show HN: <em>Lumora</em>");
        assert_eq!(s["created_at"], "1970-01-01T00:01:40.000Z");
        let c = hit(&hn, hn.index.post(1), &terms);
        assert_eq!(
            (c["story_id"].clone(), c["parent_id"].clone(), c["points"].clone()),
            (json!(10), json!(10), Value::Null)
        );
        assert_eq!(c["story_title"], "Show HN: Lumora");
        assert_eq!(c["comment_text"], "<p>lumora rocks</p>");
    }
}
