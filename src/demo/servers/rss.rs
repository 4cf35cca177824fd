//! News articles as a Google News RSS search feed (`/rss/search?q=… after:… before:…`): at most 100
//! items, newest first, in the XML shape of a real capture, with `ETag`/`Last-Modified` and 304 answers.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::header::{HeaderMap, HeaderValue, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Datelike, Utc};

use super::index::SourceIndex;
use super::query::{Params, SearchQuery};
use super::respond::with_body;
use super::text::{base64url, escape_html, escape_xml, mix, rfc822, slug};
use crate::demo::model::DemoPost;

/// Google News lists at most about this many items per feed.
const FEED_CAP: usize = 100;
/// The feed's content type.
const RSS: &str = "application/rss+xml; charset=utf-8";

/// The `/rss/search` route, over the news posts of `index`.
pub fn router(index: Arc<SourceIndex>) -> Router {
    Router::new().route("/rss/search", get(search)).with_state(index)
}

/// The stable `CBMi…` article token of a post: base64url of a protobuf-like frame, as Google's are.
fn token(id: u64) -> String {
    let payload = format!("AU_yqL{:016x}{:016x}", mix(id), mix(id ^ 0x5bd1_e995));
    let mut bytes = vec![0x08, 0x13, 0x22, payload.len() as u8];
    bytes.extend_from_slice(payload.as_bytes());
    base64url(&bytes)
}

/// The publisher's name and home page (`<source url>`).
fn publisher(p: &DemoPost) -> (String, String) {
    let title = p.title.as_deref().unwrap_or_default();
    let name = p
        .publisher
        .clone()
        .or_else(|| title.rsplit_once(" - ").map(|(_, n)| n.to_string()))
        .unwrap_or_else(|| "Newswire".into());
    let home = p
        .link
        .as_deref()
        .and_then(|l| url::Url::parse(l).ok())
        .and_then(|u| u.host_str().map(|h| format!("{}://{h}", u.scheme())))
        .unwrap_or_else(|| format!("https://{}.example", slug(&name, "news")));
    (name, home)
}

/// One `<item>`; the description's anchor carries the article text, the publisher follows it.
fn item(p: &DemoPost) -> String {
    let token = token(p.id);
    let link = format!("https://news.google.com/rss/articles/{token}?oc=5");
    let (name, home) = publisher(p);
    let description = format!(
        "<a href=\"{link}\" target=\"_blank\">{}</a>&nbsp;&nbsp;<font color=\"#6f6f6f\">{}</font>",
        escape_html(&p.text),
        escape_html(&name)
    );
    format!(
        "<item><title>{}</title><link>{link}</link><guid isPermaLink=\"false\">{token}</guid><pubDate>{}</pubDate><description>{}</description><source url=\"{}\">{}</source></item>",
        escape_xml(p.title.as_deref().unwrap_or(&p.text)),
        rfc822(p.created_at),
        escape_xml(&description),
        escape_xml(&home),
        escape_xml(&name),
    )
}

/// The whole feed document for query `q`.
fn feed(q: &str, params: &Params, built: DateTime<Utc>, posts: &[&DemoPost]) -> String {
    let (hl, gl, ceid) =
        (params.get("hl").unwrap_or("en-US"), params.get("gl").unwrap_or("US"), params.get("ceid").unwrap_or("US:en"));
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("q", q)
        .append_pair("hl", hl)
        .append_pair("gl", gl)
        .append_pair("ceid", ceid)
        .finish();
    let mut out = String::with_capacity(1024 + posts.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><generator>NFE/5.0</generator>");
    out.push_str(&format!(
        "<title>{}</title><link>{}</link><language>{}</language><webMaster>news-webmaster@google.com</webMaster><copyright>{} Google LLC. All rights reserved.</copyright><lastBuildDate>{}</lastBuildDate><description>Google News</description>\n",
        escape_xml(&format!("\"{q}\" - Google News")),
        escape_xml(&format!("https://news.google.com/search?{query}")),
        escape_xml(hl),
        built.year(),
        rfc822(built),
    ));
    for p in posts {
        out.push_str(&item(p));
        out.push('\n');
    }
    out.push_str("</channel></rss>");
    out
}

/// Whether the client's cached copy (by `If-None-Match` or `If-Modified-Since`) is still current.
fn not_modified(request: &HeaderMap, etag: &str, newest: Option<DateTime<Utc>>) -> bool {
    let header = |name| request.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    if let Some(tags) = header(IF_NONE_MATCH) {
        return tags.split(',').any(|t| t.trim() == etag || t.trim() == "*");
    }
    let since = header(IF_MODIFIED_SINCE).and_then(|v| DateTime::parse_from_rfc2822(&v.replace("GMT", "+0000")).ok());
    since.is_some_and(|s| newest.is_none_or(|n| n <= s))
}

async fn search(State(index): State<Arc<SourceIndex>>, RawQuery(raw): RawQuery, request: HeaderMap) -> Response {
    let params = Params::parse(raw.as_deref());
    let q = params.get("q").unwrap_or_default().trim().to_string();
    let query = match SearchQuery::parse(&q) {
        Ok(query) => query,
        Err(token) => {
            return (StatusCode::BAD_REQUEST, format!("Bad Request: cannot read the date in `{token}`")).into_response()
        }
    };
    let list = match query.words.is_empty() {
        true => Arc::from(Vec::new()),
        false => match index.lookup(&query.words).await {
            Some(list) => list,
            None => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
    };
    let (since, until) = query.seconds();
    let range = index.time_range(&list, since, until);
    let posts: Vec<&DemoPost> = list[range].iter().rev().take(FEED_CAP).map(|&pos| index.post(pos)).collect();
    let newest = posts.first().map(|p| p.created_at);
    let etag = format!("\"{:016x}\"", posts.iter().fold(mix(posts.len() as u64), |h, p| mix(h ^ p.id)));
    let mut headers = HeaderMap::new();
    let last_modified = rfc822(newest.unwrap_or(index.corpus().end));
    for (name, value) in [(ETAG, etag.as_str()), (LAST_MODIFIED, last_modified.as_str())] {
        if let Ok(v) = HeaderValue::from_str(value) {
            headers.insert(name, v);
        }
    }
    if not_modified(&request, &etag, newest) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    with_body(StatusCode::OK, RSS, headers, feed(&q, &params, index.corpus().end, &posts).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::model::DemoSource;
    use crate::demo::servers::index::tests::post;

    #[test]
    fn renders_a_google_news_item() {
        let mut p =
            post(DemoSource::Rss, 42, 1_790_082_600, Some("Lumora's AI & search - TechWire"), "Lumora <launched> it");
        (p.publisher, p.link) = (Some("TechWire".into()), Some("https://www.techwire.example/a/1".into()));
        let xml = item(&p);
        let token = token(42);
        assert!(token.starts_with("CBMi") && token == super::token(42), "{token}");
        assert!(xml.contains("<title>Lumora&apos;s AI &amp; search - TechWire</title>"), "{xml}");
        assert!(xml.contains(&format!("<link>https://news.google.com/rss/articles/{token}?oc=5</link>")));
        assert!(xml.contains(&format!("<guid isPermaLink=\"false\">{token}</guid>")));
        assert!(xml.contains("<pubDate>Tue, 22 Sep 2026 13:10:00 GMT</pubDate>"), "{xml}");
        assert!(
            xml.contains(
                "target=&quot;_blank&quot;&gt;Lumora &amp;lt;launched&amp;gt; it&lt;/a&gt;&amp;nbsp;&amp;nbsp;"
            ),
            "{xml}"
        );
        assert!(xml.contains("<source url=\"https://www.techwire.example\">TechWire</source>"));
        let doc = feed("lumora after:2026-09-01", &Params::default(), p.created_at, &[&p]);
        assert!(doc.contains("<title>&quot;lumora after:2026-09-01&quot; - Google News</title>"));
        assert!(doc.starts_with("<?xml") && doc.ends_with("</channel></rss>"));
    }

    #[test]
    fn answers_304_when_nothing_is_newer() {
        let t = DateTime::from_timestamp(1_790_082_600, 0);
        let mut h = HeaderMap::new();
        assert!(!not_modified(&h, "\"a\"", t));
        h.insert(IF_MODIFIED_SINCE, HeaderValue::from_static("Tue, 22 Sep 2026 13:10:00 GMT"));
        assert!(not_modified(&h, "\"a\"", t));
        h.insert(IF_MODIFIED_SINCE, HeaderValue::from_static("Tue, 22 Sep 2026 13:09:59 GMT"));
        assert!(!not_modified(&h, "\"a\"", t));
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("\"a\""));
        assert!(not_modified(&h, "\"a\"", t));
    }
}
