//! Metadata field filters (`site:`, `url:`, `author:`, `source:`, `language:`) against a mention's fields.

use super::ast::MetaField;
use super::Doc;

/// The lower-cased host of a URL: scheme, user info, port and path removed.
pub(crate) fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => authority,
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether the field of `doc` satisfies `field:value` (`value` is already lower-cased by the parser).
pub(crate) fn meta_matches(field: MetaField, value: &str, doc: &Doc) -> bool {
    match field {
        MetaField::Site => doc.url.is_some_and(|u| {
            let h = host(u);
            h == value || (h.len() > value.len() && h.ends_with(value) && h[..h.len() - value.len()].ends_with('.'))
        }),
        MetaField::Url => doc.url.is_some_and(|u| u.to_lowercase().contains(value)),
        MetaField::Author => doc.author.is_some_and(|a| a.trim().trim_start_matches('@').to_lowercase() == value),
        MetaField::Source => doc.source.is_some_and(|s| s.trim().to_lowercase() == value),
        // `en_US` and `en-us` are one tag.
        // Compared byte by byte: tags are ASCII, and this runs per mention and query.
        MetaField::Language => doc.lang.is_some_and(|l| {
            let (l, v) = (l.trim().as_bytes(), value.as_bytes());
            let tag_byte = |b: u8| if b == b'_' { b'-' } else { b.to_ascii_lowercase() };
            l.len() >= v.len()
                && l.iter().zip(v).all(|(a, b)| tag_byte(*a) == *b)
                && l.get(v.len()).is_none_or(|b| tag_byte(*b) == b'-')
        }),
    }
}

/// The mention field a metadata field reads, as `hark match --explain` names it (`site:` reads the URL,
/// `language:` the language code), and the doc's value of it.
pub(crate) fn meta_value<'a>(field: MetaField, doc: &Doc<'a>) -> (&'static str, Option<&'a str>) {
    match field {
        MetaField::Site | MetaField::Url => ("url", doc.url),
        MetaField::Author => ("author", doc.author),
        MetaField::Source => ("source", doc.source),
        MetaField::Language => ("lang", doc.lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Doc<'static> {
        Doc {
            url: Some("https://user@Blog.Example.com:8080/Acme/post?x=1"),
            author: Some("@JaneDoe"),
            source: Some("HackerNews"),
            lang: Some("en-US"),
            ..Doc::new("text")
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(host("https://user@Blog.Example.com:8080/x"), "blog.example.com");
        assert_eq!(host("example.com"), "example.com");
        assert_eq!(host("http://[::1]/x"), "[::1]");
    }

    #[test]
    fn fields() {
        let d = doc();
        assert!(meta_matches(MetaField::Site, "example.com", &d));
        assert!(meta_matches(MetaField::Site, "blog.example.com", &d));
        assert!(!meta_matches(MetaField::Site, "ample.com", &d));
        assert!(!meta_matches(MetaField::Site, "other.com", &d));
        assert!(meta_matches(MetaField::Url, "/acme/post", &d));
        assert!(!meta_matches(MetaField::Url, "/acme/posts", &d));
        assert!(meta_matches(MetaField::Author, "janedoe", &d));
        assert!(!meta_matches(MetaField::Author, "jane", &d));
        assert!(meta_matches(MetaField::Source, "hackernews", &d));
        assert!(meta_matches(MetaField::Language, "en", &d));
        assert!(meta_matches(MetaField::Language, "en-us", &d));
        assert!(!meta_matches(MetaField::Language, "e", &d));
        assert!(!meta_matches(MetaField::Site, "example.com", &Doc::new("no url")));
        assert_eq!(meta_value(MetaField::Author, &d), ("author", Some("@JaneDoe")));
        assert_eq!(meta_value(MetaField::Site, &d).0, "url");
    }
}
