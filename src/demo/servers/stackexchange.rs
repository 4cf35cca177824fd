//! Stack Overflow as Stack Exchange API 2.3 `/search/advanced`: the common wrapper with its daily quota,
//! question items with `filter=withbody`, `bad_parameter` errors as HTTP 400, and gzip bodies.

use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use chrono::{NaiveDate, Utc};
use serde_json::{json, Value};

use super::index::SourceIndex;
use super::query::Params;
use super::respond::json_maybe_gzip;
use super::text::{escape_html, mix, paragraphs, slug, words};
use crate::demo::model::{DemoPost, BRANDS};

/// The daily quota of a keyed application.
const QUOTA_MAX: i64 = 10_000;
/// Site names this server answers for.
const SITES: [&str; 2] = ["stackoverflow", "stackoverflow.com"];

struct Se {
    index: Arc<SourceIndex>,
    /// The UTC day and the quota left on it; it refills at the day boundary, as the real one does.
    quota: Mutex<(NaiveDate, i64)>,
}

impl Se {
    /// Counts one request against today's quota and returns what is left.
    fn spend(&self) -> i64 {
        let today = Utc::now().date_naive();
        let mut q = self.quota.lock().unwrap_or_else(PoisonError::into_inner);
        if q.0 != today {
            *q = (today, QUOTA_MAX);
        }
        q.1 = (q.1 - 1).max(0);
        q.1
    }
}

/// The `/2.3/search/advanced` route, over the Stack Exchange posts of `index`.
pub fn router(index: Arc<SourceIndex>) -> Router {
    let state = Arc::new(Se { index, quota: Mutex::new((Utc::now().date_naive(), QUOTA_MAX)) });
    Router::new().route("/2.3/search/advanced", get(search)).with_state(state)
}

/// A `bad_parameter` error naming the parameter, as the API reports it.
fn bad_parameter(request: &HeaderMap, message: &str) -> Response {
    let body = json!({"error_id": 400, "error_message": message, "error_name": "bad_parameter"});
    json_maybe_gzip(StatusCode::BAD_REQUEST, request, &body)
}

/// The question's tags: the brands it names and its topic, as Stack Overflow tag names.
fn tags_of(p: &DemoPost) -> Vec<String> {
    let mut tags: Vec<String> =
        p.brands.iter().filter_map(|&b| BRANDS.get(b)).map(|b| b.terms[0].to_string()).collect();
    tags.push(p.topic.replace('_', "-"));
    tags
}

/// One question item with `filter=withbody`.
fn question(p: &DemoPost) -> Value {
    let title = p.title.as_deref().unwrap_or_default();
    let t = p.created_at.timestamp();
    let user = p.author_id;
    json!({
        "tags": tags_of(p),
        "owner": {
            "reputation": 1 + mix(user) % 25_000,
            "user_id": user,
            "user_type": "registered",
            "profile_image": format!("https://www.gravatar.com/avatar/{:016x}{:016x}?s=256&d=identicon&r=PG", mix(user), mix(!user)),
            "display_name": escape_html(&p.author),
            "link": format!("https://stackoverflow.com/users/{user}/{}", slug(&p.author, "user")),
        },
        "is_answered": p.replies > 0,
        "view_count": p.likes,
        "answer_count": p.replies,
        "score": p.score,
        "last_activity_date": t,
        "creation_date": t,
        "question_id": p.id,
        "content_license": "CC BY-SA 4.0",
        "link": format!("https://stackoverflow.com/questions/{}/{}", p.id, slug(title, "question")),
        "title": escape_html(title),
        "body": paragraphs(&p.text),
    })
}

async fn search(State(se): State<Arc<Se>>, RawQuery(raw): RawQuery, request: HeaderMap) -> Response {
    let p = Params::parse(raw.as_deref());
    match p.get("site") {
        None | Some("") => return bad_parameter(&request, "site is required"),
        Some(s) if !SITES.contains(&s.to_ascii_lowercase().as_str()) => {
            return bad_parameter(&request, &format!("No site found for name `{s}`"))
        }
        Some(_) => {}
    }
    let numbers =
        (p.num::<i64>("fromdate"), p.num::<i64>("todate"), p.num::<usize>("page"), p.num::<usize>("pagesize"));
    let (from, to, page, size) = match numbers {
        (Ok(f), Ok(t), Ok(p), Ok(s)) => (f, t, p.unwrap_or(1), s.unwrap_or(30)),
        (Err(name), ..) | (_, Err(name), ..) | (_, _, Err(name), _) | (.., Err(name)) => {
            return bad_parameter(&request, &name)
        }
    };
    if page == 0 {
        return bad_parameter(&request, "page");
    }
    if page > 25 && p.get("key").is_none_or(str::is_empty) {
        let body = json!({"error_id": 403, "error_message": "page above 25 requires access token or app key",
            "error_name": "access_denied"});
        return json_maybe_gzip(StatusCode::BAD_REQUEST, &request, &body);
    }
    if size > 100 {
        return bad_parameter(&request, "pagesize");
    }
    let ascending = match p.get("order").unwrap_or("desc") {
        "desc" => false,
        "asc" => true,
        _ => return bad_parameter(&request, "order"),
    };
    if !matches!(p.get("sort").unwrap_or("activity"), "activity" | "creation" | "votes" | "relevance") {
        return bad_parameter(&request, "sort");
    }
    let terms = words(p.get("q").unwrap_or_default());
    let Some(list) = se.index.lookup(&terms).await else {
        let body = json!({"error_id": 500, "error_message": "internal error", "error_name": "internal_error"});
        return json_maybe_gzip(StatusCode::INTERNAL_SERVER_ERROR, &request, &body);
    };
    // fromdate and todate are both inclusive.
    let range = se.index.time_range(&list, from.unwrap_or(i64::MIN), to.map_or(i64::MAX, |t| t.saturating_add(1)));
    let run = &list[range];
    let skip = (page - 1).saturating_mul(size);
    let pick = |positions: &mut dyn Iterator<Item = &u32>| -> Vec<Value> {
        positions.skip(skip).take(size).map(|&pos| question(se.index.post(pos))).collect()
    };
    let items = if ascending { pick(&mut run.iter()) } else { pick(&mut run.iter().rev()) };
    let body = json!({
        "items": items,
        "has_more": run.len() > skip.saturating_add(size),
        "quota_max": QUOTA_MAX,
        "quota_remaining": se.spend(),
    });
    json_maybe_gzip(StatusCode::OK, &request, &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::model::DemoSource;
    use crate::demo::servers::index::tests::post;

    #[test]
    fn renders_a_question_with_entities() {
        let mut p = post(
            DemoSource::StackExchange,
            29960562,
            1_430_375_446,
            Some("Can't sync \"Lumora\" & Norvane"),
            "How do I <sync>?",
        );
        p.author = "Sachin S".into();
        let q = question(&p);
        assert_eq!(q["title"], "Can&#39;t sync &quot;Lumora&quot; &amp; Norvane");
        assert_eq!(q["body"], "<p>How do I &lt;sync&gt;?</p>");
        assert_eq!(q["link"], "https://stackoverflow.com/questions/29960562/can-t-sync-lumora-norvane");
        assert_eq!(q["owner"]["link"], "https://stackoverflow.com/users/7/sachin-s");
        assert_eq!(q["tags"], json!(["lumora", "pricing"]));
        assert_eq!(
            (q["creation_date"].clone(), q["answer_count"].clone(), q["view_count"].clone()),
            (json!(1_430_375_446), json!(2), json!(1))
        );
        assert_eq!(q["is_answered"], true);
    }

    #[test]
    fn quota_counts_down() {
        let se = Se {
            index: Arc::new(SourceIndex::new(
                crate::demo::servers::index::tests::corpus(Vec::new()),
                DemoSource::StackExchange,
            )),
            quota: Mutex::new((Utc::now().date_naive(), 2)),
        };
        assert_eq!((se.spend(), se.spend(), se.spend()), (1, 0, 0));
    }
}
