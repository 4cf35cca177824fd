//! Text helpers every replay server shares: tokenising posts the way the search engines do, escaping and
//! rendering plain text as each platform's HTML, and the date and id formats the wire formats use.

use chrono::{DateTime, Utc};

/// Whether `c` belongs to a word: search terms and post words are maximal runs of these.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The lower-cased words of `s` (maximal alphanumeric runs), deduplicated in first-seen order.
pub fn words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
        let w = w.to_lowercase();
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// Whether `s` has the word `lower` (already lower-cased), without allocating for ASCII words.
pub fn has_word(s: &str, lower: &str) -> bool {
    s.split(|c: char| !is_word_char(c)).any(|w| match w.is_ascii() {
        true => w.eq_ignore_ascii_case(lower),
        false => w.to_lowercase() == lower,
    })
}

/// Byte spans of the hashtags in `s`, `#` included: a `#` not preceded by a word character, `/` or `)`,
/// followed by letters, digits or `_` with at least one letter or `_` (Mastodon's rule).
pub fn hashtag_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if c == '#' && !prev.is_some_and(|p| is_word_char(p) || p == '_' || p == '/' || p == ')') {
            let rest = &s[i + 1..];
            let len = rest.find(|c: char| !(is_word_char(c) || c == '_')).unwrap_or(rest.len());
            if rest[..len].chars().any(|c| c.is_alphabetic() || c == '_') {
                out.push((i, i + 1 + len));
            }
        }
        prev = Some(c);
    }
    out
}

/// Whether `s` carries the hashtag `lower` (lower-cased, without `#`).
pub fn has_hashtag(s: &str, lower: &str) -> bool {
    hashtag_spans(s).into_iter().any(|(a, b)| s[a + 1..b].to_lowercase() == lower)
}

/// Escapes text for HTML the way Rails and Stack Exchange do (`'` becomes `&#39;`).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an XML text node or attribute.
pub fn escape_xml(s: &str) -> String {
    escape_html(s).replace("&#39;", "&apos;")
}

/// Plain text as HTML paragraphs: blank lines split `<p>` blocks, single newlines become `<br>`.
/// `inline` renders one escaped-or-linked line.
pub fn paragraphs_with(text: &str, inline: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lines: Vec<String> = para.lines().map(&inline).collect();
        out.push_str("<p>");
        out.push_str(&lines.join("<br>"));
        out.push_str("</p>");
    }
    out
}

/// Plain text as escaped HTML paragraphs.
pub fn paragraphs(text: &str) -> String {
    paragraphs_with(text, escape_html)
}

/// Escaped `text` with the words in `terms` (lower-cased) wrapped in `<em>`, as search highlighting does;
/// also returns the terms that matched.
pub fn highlight(text: &str, terms: &[String]) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len() + 16);
    let mut matched: Vec<String> = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut flush = |out: &mut String, w: &str| {
        let lower = w.to_lowercase();
        if terms.contains(&lower) {
            out.push_str("<em>");
            out.push_str(&escape_html(w));
            out.push_str("</em>");
            if !matched.contains(&lower) {
                matched.push(lower);
            }
        } else {
            out.push_str(&escape_html(w));
        }
    };
    for (i, c) in text.char_indices() {
        match (is_word_char(c), word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(s)) => {
                flush(&mut out, &text[s..i]);
                word_start = None;
                out.push_str(&escape_html(c.encode_utf8(&mut [0; 4])));
            }
            (false, None) => out.push_str(&escape_html(c.encode_utf8(&mut [0; 4]))),
            (true, Some(_)) => {}
        }
    }
    if let Some(s) = word_start {
        flush(&mut out, &text[s..]);
    }
    (out, matched)
}

/// A URL slug: lower-case ASCII letters and digits joined by single dashes; `fallback` when nothing is left.
pub fn slug(s: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.chars().take(80).collect();
    match out.trim_matches('-') {
        "" => fallback.to_string(),
        s => s.to_string(),
    }
}

/// Unpadded URL-safe base64, as in Google News article tokens.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// A well-mixed 64-bit value derived from `x` (splitmix64), for stable made-up numbers.
pub fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// ISO 8601 with milliseconds and `Z`, as HN, Mastodon and Discourse send.
pub fn iso_ms(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// RFC 822 in GMT, as RSS `pubDate` and HTTP dates.
pub fn rfc822(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_hashtags() {
        assert_eq!(words("Lumora's #LumoraNotes, lumora!"), ["lumora", "s", "lumoranotes"]);
        assert!(has_word("Tried LUMORA today", "lumora"));
        assert!(!has_word("lumoranotes rocks", "lumora"));
        let s = "love #Lumora and a#b, url/#x (#norvane_2) #123";
        let tags: Vec<&str> = hashtag_spans(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(tags, ["#Lumora", "#norvane_2"]);
        assert!(has_hashtag(s, "lumora") && !has_hashtag(s, "123"));
    }

    #[test]
    fn escapes_and_renders() {
        assert_eq!(escape_html("can't <b> & \"x\""), "can&#39;t &lt;b&gt; &amp; &quot;x&quot;");
        assert_eq!(escape_xml("a'b"), "a&apos;b");
        assert_eq!(paragraphs("one\ntwo\n\nthree & more"), "<p>one<br>two</p><p>three &amp; more</p>");
        let (h, m) = highlight("Why Lumora <3", &["lumora".into()]);
        assert_eq!((h.as_str(), m), ("Why <em>Lumora</em> &lt;3", vec!["lumora".to_string()]));
    }

    #[test]
    fn slugs_tokens_and_dates() {
        assert_eq!(slug("Lumora's sync: broken again?", "topic"), "lumora-s-sync-broken-again");
        assert_eq!(slug("???", "topic"), "topic");
        assert_eq!(base64url(&[0x08, 0x13, 0x22]), "CBMi");
        assert_eq!(base64url(b"ab"), "YWI");
        let t = DateTime::from_timestamp(1_476_198_038, 0).unwrap();
        assert_eq!(iso_ms(t), "2016-10-11T15:00:38.000Z");
        assert_eq!(rfc822(t), "Tue, 11 Oct 2016 15:00:38 GMT");
    }
}
