//! Bodies in each platform's real shape (as the recorded fixtures in tests/fixtures/ show them), for the
//! items of one page.

use serde_json::{json, Value};

use super::formats::gmt;
use super::Item;

/// The RSS `guid` of an item.
pub fn guid(item: &Item) -> String {
    format!("replay-item-{}", item.n)
}

/// The Mastodon status id of an item: milliseconds since the epoch in the upper bits, as Mastodon's are.
pub fn snowflake(item: &Item) -> i64 {
    (item.created_at.timestamp_millis() << 16) + (item.n as i64 & 0xffff)
}

/// RFC 3339 with milliseconds, as most JSON APIs write times.
pub fn iso(item: &Item) -> String {
    item.created_at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// An Algolia `search_by_date` envelope; even items are stories, odd ones comments.
pub fn algolia(page: &[&Item], nb_hits: usize, k: usize, nb_pages: usize, per_page: usize) -> Value {
    let hits: Vec<Value> = page
        .iter()
        .map(|i| {
            let story = i.n % 2 == 0;
            json!({
                "created_at": iso(i), "created_at_i": i.created_at.timestamp(), "author": format!("user{}", i.n % 7),
                "objectID": i.n.to_string(), "updated_at": iso(i), "children": [],
                "_tags": [if story { "story" } else { "comment" }, format!("author_user{}", i.n % 7)],
                "title": if story { json!(format!("Acme story {}", i.n)) } else { Value::Null },
                "url": Value::Null, "points": if story { json!(i.n % 50) } else { Value::Null },
                "story_text": if story { json!(format!("<p>acme story {}</p>", i.n)) } else { Value::Null },
                "comment_text": if story { Value::Null } else { json!(format!("<p>acme comment {}</p>", i.n)) },
                "num_comments": if story { json!(1) } else { Value::Null },
                "story_id": if story { Value::Null } else { json!(1) }, "parent_id": if story { Value::Null } else { json!(1) },
                "story_title": if story { Value::Null } else { json!("Ask HN: acme?") },
            })
        })
        .collect();
    json!({
        "hits": hits, "nbHits": nb_hits, "page": k, "nbPages": nb_pages, "hitsPerPage": per_page,
        "exhaustiveNbHits": true, "exhaustiveTypo": true, "query": "acme", "params": "query=acme",
        "processingTimeMS": 1, "serverTimeMS": 1,
    })
}

/// A Stack Exchange common wrapper of `filter=withbody` questions.
pub fn stackexchange(page: &[&Item], has_more: bool) -> Value {
    let items: Vec<Value> = page
        .iter()
        .map(|i| {
            let t = i.created_at.timestamp();
            json!({
                "tags": ["acme"],
                "owner": {"reputation": 10, "user_id": i.n % 11, "user_type": "registered",
                          "display_name": format!("user {}", i.n % 11), "link": "https://stackoverflow.com/users/1"},
                "is_answered": false, "view_count": 3, "answer_count": i.n % 3, "score": 1,
                "last_activity_date": t, "creation_date": t, "question_id": i.n, "content_license": "CC BY-SA 4.0",
                "link": format!("https://stackoverflow.com/questions/{}/acme-{}", i.n, i.n),
                "title": format!("Acme question {}", i.n), "body": format!("<p>acme question {}</p>", i.n),
            })
        })
        .collect();
    json!({"items": items, "has_more": has_more, "quota_max": 10000, "quota_remaining": 9999})
}

/// A Discourse `/search.json` answer: posts, their topics, and `grouped_search_result`.
pub fn discourse(page: &[&Item], more: bool, term: &str) -> Value {
    let posts: Vec<Value> = page
        .iter()
        .map(|i| {
            json!({
                "id": i.n, "name": "", "username": format!("user{}", i.n % 5), "avatar_template": "/a/{size}.png",
                "created_at": iso(i), "like_count": i.n % 4, "blurb": format!("acme post {}", i.n),
                "post_number": 1, "topic_title_headline": format!("Acme topic {}", i.n), "topic_id": 1000 + i.n,
            })
        })
        .collect();
    let topics: Vec<Value> = page
        .iter()
        .map(|i| {
            json!({
                "id": 1000 + i.n, "title": format!("Acme topic {}", i.n), "fancy_title": format!("Acme topic {}", i.n),
                "slug": format!("acme-topic-{}", i.n), "posts_count": 1, "reply_count": 0, "highest_post_number": 1,
                "created_at": iso(i), "last_posted_at": iso(i), "bumped": true, "bumped_at": iso(i),
                "archetype": "regular", "unseen": false, "pinned": false, "unpinned": null, "visible": true,
                "closed": false, "archived": false, "bookmarked": null, "liked": null, "tags": [],
                "tags_descriptions": {}, "category_id": 1, "has_accepted_answer": false,
            })
        })
        .collect();
    let ids: Vec<u64> = page.iter().map(|i| i.n).collect();
    json!({
        "posts": posts, "topics": topics, "users": [], "categories": [], "tags": [], "groups": [],
        "grouped_search_result": {
            "more_posts": null, "more_users": null, "more_categories": null, "term": term, "search_log_id": 1,
            "more_full_page_results": if more { json!(true) } else { Value::Null }, "can_create_topic": false,
            "error": null, "extra": {}, "post_ids": ids, "user_ids": [], "category_ids": [], "tag_ids": [],
            "group_ids": [],
        },
    })
}

/// A Google News RSS search feed.
pub fn rss(items: &[&Item], q: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><rss version=\"2.0\" \
         xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><generator>NFE/5.0</generator>",
    );
    let q = q.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;");
    out.push_str(&format!("<title>{q} - Google News</title><link>https://news.google.com/</link>"));
    out.push_str("<language>en-US</language><description>Google News</description>");
    for i in items {
        out.push_str(&format!(
            "\n<item><title>Acme article {n} - Publisher {p}</title><link>https://news.example/articles/{n}</link>\
             <guid isPermaLink=\"false\">{g}</guid><pubDate>{d}</pubDate><description>acme article {n}</description>\
             <source url=\"https://publisher{p}.example\">Publisher {p}</source></item>",
            n = i.n,
            p = i.n % 3,
            g = guid(i),
            d = gmt(i.created_at),
        ));
    }
    out.push_str("\n</channel></rss>");
    out
}

/// The ActivityPub `uri` of an item's status, the same on every instance.
pub fn mastodon_uri(i: &Item) -> String {
    format!("https://social.example/users/user{}/statuses/{}", i.n % 5, snowflake(i))
}

/// A Mastodon hashtag timeline page: an array of statuses, newest first.
pub fn mastodon(page: &[&Item]) -> Value {
    let statuses: Vec<Value> = page
        .iter()
        .map(|i| {
            let id = snowflake(i).to_string();
            let user = format!("user{}", i.n % 5);
            json!({
                "id": id, "created_at": iso(i), "in_reply_to_id": null, "in_reply_to_account_id": null,
                "sensitive": false, "spoiler_text": "", "visibility": "public", "language": "en",
                "uri": mastodon_uri(i),
                "url": format!("https://social.example/@{user}/{id}"),
                "replies_count": 0, "reblogs_count": i.n % 2, "favourites_count": i.n % 6, "edited_at": null,
                "content": format!("<p>acme status {} <a href=\"https://social.example/tags/acme\" class=\"mention hashtag\" rel=\"tag\">#<span>acme</span></a></p>", i.n),
                "reblog": null, "application": null,
                "account": {"id": (i.n % 5).to_string(), "username": user, "acct": user, "display_name": user,
                            "url": format!("https://social.example/@{user}")},
                "media_attachments": [], "mentions": [], "tags": [{"name": "acme", "url": "https://social.example/tags/acme"}],
                "emojis": [], "card": null, "poll": null,
            })
        })
        .collect();
    Value::Array(statuses)
}
