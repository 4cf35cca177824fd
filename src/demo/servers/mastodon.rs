//! A Mastodon instance's hashtag timelines (`/api/v1/timelines/tag/:hashtag`): snowflake-id paging with
//! `max_id`/`since_id`/`min_id`, the `Link` header, `X-RateLimit-*` headers, and statuses whose HTML
//! renders hashtags as Mastodon does.

use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::{Path, RawQuery, State};
use axum::http::header::{HeaderMap, HeaderName, HeaderValue, LINK};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::index::SourceIndex;
use super::query::Params;
use super::respond::json as json_response;
use super::text::{escape_html, hashtag_spans, is_word_char, iso_ms, mix, paragraphs_with};
use crate::demo::model::DemoPost;

/// The instance the statuses live on (their `url`, `uri` and links); the API itself is served locally.
const INSTANCE: &str = "https://social.example";
/// Requests per five-minute window. Mastodon's default is 300; an instance sets its own, and the demo's is far
/// above what the whole demo crawl asks at scale 1 (1,299 requests, `crawl_runs.requests`, measured 2026-11-26), so
/// it holds to about `--scale` 700. hark holds the host when the headers say the window is spent, so at 300 `hark
/// demo` waited out windows for over 10 minutes (measured, then stopped) where it takes about 70 s.
const RATE_LIMIT: u32 = 1_000_000;
/// The rate-limit window in seconds.
const RATE_WINDOW: i64 = 300;

struct Instance {
    index: Arc<SourceIndex>,
    /// This server's root, for `Link` targets.
    base: String,
    /// Start of the current rate-limit window and the requests made in it.
    window: Mutex<(i64, u32)>,
}

impl Instance {
    /// Counts a request and returns the `X-RateLimit-Remaining` and `X-RateLimit-Reset` values.
    fn count(&self, now: DateTime<Utc>) -> (u32, String) {
        let start = now.timestamp().div_euclid(RATE_WINDOW) * RATE_WINDOW;
        let mut w = self.window.lock().unwrap_or_else(PoisonError::into_inner);
        if w.0 != start {
            *w = (start, 0);
        }
        w.1 = w.1.saturating_add(1);
        let reset = DateTime::from_timestamp(start, 0).unwrap_or(now) + Duration::seconds(RATE_WINDOW);
        (RATE_LIMIT.saturating_sub(w.1), reset.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
    }
}

/// The hashtag timeline route, over the Mastodon posts of `index`; `base` is the server's own root.
pub fn router(index: Arc<SourceIndex>, base: String) -> Router {
    let state = Arc::new(Instance { index, base, window: Mutex::new((0, 0)) });
    Router::new().route("/api/v1/timelines/tag/{hashtag}", get(timeline)).with_state(state)
}

/// One line of status text as Mastodon HTML: escaped, hashtags as tag links.
fn linkify(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 32);
    let mut last = 0;
    for (a, b) in hashtag_spans(line) {
        let name = &line[a + 1..b];
        out.push_str(&escape_html(&line[last..a]));
        out.push_str(&format!(
            "<a href=\"{INSTANCE}/tags/{}\" class=\"mention hashtag\" rel=\"tag\">#<span>{}</span></a>",
            escape_html(name),
            escape_html(name)
        ));
        last = b;
    }
    out.push_str(&escape_html(&line[last..]));
    out
}

/// A status as the API returns it.
fn status(p: &DemoPost) -> Value {
    let (username, domain) = p.author.split_once('@').unwrap_or((p.author.as_str(), ""));
    let home = if domain.is_empty() { INSTANCE.to_string() } else { format!("https://{domain}") };
    let mut tags: Vec<String> = Vec::new();
    for tag in hashtag_spans(&p.text).into_iter().map(|(a, b)| p.text[a + 1..b].to_lowercase()) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let user = p.author_id;
    json!({
        "id": p.id.to_string(),
        "created_at": iso_ms(p.created_at),
        "in_reply_to_id": p.parent_id.map(|id| id.to_string()),
        "in_reply_to_account_id": p.parent_id.map(|id| (mix(id) >> 8).to_string()),
        "sensitive": false,
        "spoiler_text": "",
        "visibility": "public",
        "language": p.lang,
        "uri": format!("{home}/users/{username}/statuses/{}", p.id),
        "url": format!("{home}/@{username}/{}", p.id),
        "replies_count": p.replies,
        "reblogs_count": p.reposts,
        "favourites_count": p.likes,
        "quotes_count": 0,
        "edited_at": null,
        "content": paragraphs_with(&p.text, linkify),
        "reblog": null,
        "account": {
            "id": user.to_string(), "username": username, "acct": p.author, "display_name": username,
            "locked": false, "bot": false, "discoverable": true, "indexable": true, "group": false,
            "created_at": format!("{}T00:00:00.000Z", (p.created_at - Duration::days((mix(user) % 2000) as i64)).format("%Y-%m-%d")),
            "note": "", "url": format!("{home}/@{username}"), "uri": format!("{home}/users/{username}"),
            "avatar": format!("{INSTANCE}/avatars/original/missing.png"), "avatar_static": format!("{INSTANCE}/avatars/original/missing.png"),
            "header": format!("{INSTANCE}/headers/original/missing.png"), "header_static": format!("{INSTANCE}/headers/original/missing.png"),
            "followers_count": mix(user) % 5000, "following_count": mix(user ^ 1) % 800, "statuses_count": 1 + mix(user ^ 2) % 20_000,
            "last_status_at": p.created_at.format("%Y-%m-%d").to_string(), "emojis": [], "fields": [],
        },
        "media_attachments": [],
        "mentions": [],
        "tags": tags.iter().map(|t| json!({"name": t, "url": format!("{INSTANCE}/tags/{t}")})).collect::<Vec<_>>(),
        "emojis": [],
        "card": null,
        "poll": null,
    })
}

async fn timeline(State(inst): State<Arc<Instance>>, Path(hashtag): Path<String>, RawQuery(raw): RawQuery) -> Response {
    let (remaining, reset) = inst.count(Utc::now());
    let mut headers = HeaderMap::new();
    for (name, value) in [
        ("x-ratelimit-limit", RATE_LIMIT.to_string()),
        ("x-ratelimit-remaining", remaining.to_string()),
        ("x-ratelimit-reset", reset),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), v);
        }
    }
    let params = Params::parse(raw.as_deref());
    let ids = (
        params.num::<u64>("max_id"),
        params.num::<u64>("since_id"),
        params.num::<u64>("min_id"),
        params.num::<usize>("limit"),
    );
    let (max_id, since_id, min_id, limit) = match ids {
        (Ok(a), Ok(b), Ok(c), Ok(d)) => (a, b, c, d),
        (Err(name), ..) | (_, Err(name), ..) | (_, _, Err(name), _) | (.., Err(name)) => {
            return json_response(StatusCode::BAD_REQUEST, headers, &json!({"error": format!("Invalid {name}")}))
        }
    };
    let tag = hashtag.trim_start_matches('#').to_lowercase();
    let only_media = matches!(params.get("only_media"), Some("true" | "1"));
    if tag.is_empty() || !tag.chars().all(|c| is_word_char(c) || c == '_') || only_media {
        return json_response(StatusCode::OK, headers, &json!([]));
    }
    let Some(list) = inst.index.lookup(&[format!("#{tag}")]).await else {
        return json_response(StatusCode::INTERNAL_SERVER_ERROR, headers, &json!({"error": "internal error"}));
    };
    let n = limit.unwrap_or(20).clamp(1, 40);
    let run = &list[inst.index.id_range(&list, since_id.max(min_id), max_id)];
    // min_id asks for the statuses just above it (oldest first, then shown newest first).
    let page: Vec<u32> = match min_id {
        Some(_) => run.iter().take(n).rev().copied().collect(),
        None => run.iter().rev().take(n).copied().collect(),
    };
    if let (Some(&newest), Some(&oldest)) = (page.first(), page.last()) {
        let (newest, oldest) = (inst.index.post(newest).id, inst.index.post(oldest).id);
        let root = format!(
            "{}/api/v1/timelines/tag/{tag}?{}",
            inst.base,
            limit.map(|l| format!("limit={l}&")).unwrap_or_default()
        );
        let older = !inst.index.id_range(&list, None, Some(oldest)).is_empty();
        let mut links = Vec::new();
        if older {
            links.push(format!("<{root}max_id={oldest}>; rel=\"next\""));
        }
        links.push(format!("<{root}min_id={newest}>; rel=\"prev\""));
        if let Ok(v) = HeaderValue::from_str(&links.join(", ")) {
            headers.insert(LINK, v);
        }
    }
    let body: Vec<Value> = page.iter().map(|&pos| status(inst.index.post(pos))).collect();
    json_response(StatusCode::OK, headers, &Value::Array(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::model::DemoSource;
    use crate::demo::servers::index::tests::{corpus, post};

    #[test]
    fn renders_a_status_with_hashtag_links() {
        let mut p =
            post(DemoSource::Mastodon, 117_020_593_741_189_701, 1_785_592_555, None, "#Lumora <3 & #lumora\n\nbye");
        (p.author, p.parent_id) = ("mia@mstdn.example".into(), Some(5));
        let s = status(&p);
        assert_eq!(s["id"], "117020593741189701");
        assert_eq!(s["in_reply_to_id"], "5");
        assert_eq!(s["url"], "https://mstdn.example/@mia/117020593741189701");
        assert_eq!(
            (s["account"]["acct"].clone(), s["account"]["username"].clone()),
            (json!("mia@mstdn.example"), json!("mia"))
        );
        assert_eq!(
            s["content"],
            "<p><a href=\"https://social.example/tags/Lumora\" class=\"mention hashtag\" rel=\"tag\">#<span>Lumora</span></a> &lt;3 &amp; \
             <a href=\"https://social.example/tags/lumora\" class=\"mention hashtag\" rel=\"tag\">#<span>lumora</span></a></p><p>bye</p>"
        );
        assert_eq!(s["tags"], json!([{"name": "lumora", "url": "https://social.example/tags/lumora"}]));
        assert_eq!(
            (s["favourites_count"].clone(), s["reblogs_count"].clone(), s["language"].clone()),
            (json!(1), json!(3), json!("en"))
        );
    }

    #[test]
    fn rate_limit_counts_per_window() {
        let index = Arc::new(SourceIndex::new(corpus(Vec::new()), DemoSource::Mastodon));
        let inst = Instance { index, base: String::new(), window: Mutex::new((0, 0)) };
        let t = DateTime::from_timestamp(1_785_592_555, 0).unwrap();
        assert_eq!(inst.count(t), (RATE_LIMIT - 1, "2026-08-01T14:00:00.000000Z".to_string()));
        assert_eq!(inst.count(t).0, RATE_LIMIT - 2);
        assert_eq!(inst.count(t + Duration::seconds(300)).0, RATE_LIMIT - 1);
    }
}
