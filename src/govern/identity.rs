//! Authors inside a mention's link and ids. Platforms build post links and ids out of their authors
//! (`x.com/alice/status/…`, `bsky.app/profile/alice.bsky.social/post/…`, `at://did:plc:…/app.bsky.feed.post/…`),
//! so pseudonymising the author columns alone would store the handle beside its pseudonym. A link that names its
//! author is dropped, since no platform opens a link with a pseudonym in it (sources link without the author where
//! the platform can: X's `x.com/i/web/status/…`). AT Protocol DIDs inside ids become the pseudonyms their authors'
//! own rows carry, so ids stay unique, stable from run to run, and linked (a reply's parent id is its parent's id).

use hark_enrich::pseudonym::normalize;

use crate::mention::Mention;

/// The ways a link may spell the author of `m`, in lower case: the handle as its pseudonym is made from it
/// ([`normalize`]: one leading `@` dropped), its local part when it has a host (`alice` of Mastodon's
/// `alice@example.social`), and the author id.
pub(super) fn names(m: &Mention) -> Vec<String> {
    let mut names = Vec::new();
    if let Some(handle) = m.author.as_deref().map(normalize) {
        if let Some((local, _host)) = handle.split_once('@') {
            names.push(local.to_string());
        }
        names.push(handle);
    }
    if let Some(id) = m.author_id.as_deref().map(normalize) {
        // Links are compared segment by segment: an id qualified by its server or site (`instance/10923`) can only
        // appear as its last part.
        names.push(id.rsplit('/').next().unwrap_or_default().to_string());
    }
    names.retain(|n| !n.is_empty());
    names
}

/// Whether a segment of `url`'s path (one leading `@` dropped, case ignored) is one of `names`, or is one with
/// Reddit's `u_` prefix (a post on a user's profile lives under `/r/u_<name>/`).
pub(super) fn names_author(url: &str, names: &[String]) -> bool {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, path)| path));
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.split('/')
        .map(|s| s.trim_start_matches('@').to_lowercase())
        .any(|s| names.contains(&s) || s.strip_prefix("u_").is_some_and(|bare| names.iter().any(|n| n == bare)))
}

/// The link to the same post without its author, where the platform has one: an X (or Twitter) post's
/// `https://x.com/{handle}/status/{id}` is `https://x.com/i/web/status/{id}`, which X redirects to the post (what the
/// crawl stores, and what an imported export's links become). `None` for other links.
pub(super) fn without_author(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").or_else(|| host.strip_prefix("mobile.")).unwrap_or(&host);
    if !matches!(host, "x.com" | "twitter.com") {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut segments = path.split('/');
    let (_handle, status, id) = (segments.next()?, segments.next()?, segments.next()?);
    let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    (status == "status" && id_ok).then(|| format!("https://x.com/i/web/status/{id}"))
}

/// Whether an id is a link or an address (`://`, `@`), the kinds of id that can spell a person: platforms' own
/// ids (numbers, `t3_…`, `site/123`) cannot.
pub(super) fn may_name(id: &str) -> bool {
    id.contains("://") || id.contains('@')
}

/// Whether `id` is an AT Protocol URI of a post by its author's DID (`at://did:plc:…/app.bsky.feed.post/…`), whose
/// DID [`pseudonymise_dids`] replaces: the form Bluesky's crawl stores.
pub(super) fn is_at_uri(id: &str) -> bool {
    id.strip_prefix("at://").is_some_and(|rest| rest.starts_with("did:"))
}

/// `id` with every segment that is a DID (`did:plc:…`, `did:web:…`, the author ids of the AT Protocol) replaced by
/// `pseudonym(did)`; `None` when it holds none.
pub(super) fn pseudonymise_dids(id: &str, pseudonym: impl Fn(&str) -> String) -> Option<String> {
    if !id.contains("did:") {
        return None;
    }
    let segments: Vec<String> =
        id.split('/').map(|s| if s.starts_with("did:") { pseudonym(s) } else { s.to_string() }).collect();
    Some(segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn mention(author: &str, author_id: &str) -> Mention {
        let mut m = Mention::new("x", "1", Utc::now(), "text");
        m.author = Some(author.into());
        m.author_id = Some(author_id.into());
        m
    }

    #[test]
    fn links_that_spell_the_author_are_found() {
        let names = names(&mention("@Alice@Example.Social", "10923"));
        assert_eq!(names, ["alice", "alice@example.social", "10923"]);
        for url in [
            "https://x.com/ALICE/status/1",
            "https://example.social/@alice/1",
            "https://bsky.app/profile/alice@example.social/post/3k",
            "https://host.example/users/10923/statuses/1?x=1",
            "https://www.reddit.com/r/u_Alice/comments/1abc/my_post/",
        ] {
            assert!(names_author(url, &names), "{url}");
        }
        for url in [
            "https://x.com/i/web/status/1",
            "https://alice.example/post/1",
            "https://news.example/2026/alicexyz",
            "https://example.social/tags/x?user=alice",
            "https://host.example/statuses/109230",
            "https://www.reddit.com/r/u_alicexyz/comments/1abc/x/",
        ] {
            assert!(!names_author(url, &names), "{url}");
        }
    }

    #[test]
    fn an_x_link_loses_its_handle() {
        for url in [
            "https://x.com/alice/status/1768000000000000001",
            "https://twitter.com/Alice/status/1768000000000000001?s=20",
            "http://mobile.twitter.com/alice/status/1768000000000000001/photo/1",
        ] {
            assert_eq!(without_author(url).as_deref(), Some("https://x.com/i/web/status/1768000000000000001"), "{url}");
        }
        for url in ["https://x.com/alice", "https://x.com/alice/likes", "https://bsky.app/profile/alice/post/3k"] {
            assert_eq!(without_author(url), None, "{url}");
        }
    }

    #[test]
    fn a_qualified_author_id_is_found_by_its_local_part() {
        let names = names(&mention("alice@host.example", "host.example/10923"));
        assert!(names_author("https://host.example/users/10923/statuses/1", &names), "{names:?}");
        assert!(!names_author("https://host.example/users/10924/statuses/1", &names), "{names:?}");
    }

    #[test]
    fn dids_in_ids_become_pseudonyms() {
        let p = |did: &str| format!("a_{}", did.len());
        let uri = "at://did:plc:4ypydtsxlmkfyoyoxb26o4wd/app.bsky.feed.post/3kghpqjiodr2t";
        assert_eq!(pseudonymise_dids(uri, p).as_deref(), Some("at://a_32/app.bsky.feed.post/3kghpqjiodr2t"));
        assert_eq!(pseudonymise_dids("localhost/117020593741189701", p), None);
    }
}
