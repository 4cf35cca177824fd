//! The social-text tokenizer and the one normalisation both queries and mentions go through.
//!
//! Tokens: words (letters, digits and combining marks, with inner apostrophes: `acme's`, `don't`), `#hashtags`
//! and `@handles` (letters, digits, `_`; handles also inner `.`), URLs (`http://`, `https://`, `www.` up to the
//! next space, trailing punctuation dropped) and emoji/symbols (one token each, modifiers attached). Everything
//! else (punctuation, hyphens, dots, slashes) separates words, so `acme.com` is the two words `acme com` and
//! `co-op` is `co op`. Query words go through the same tokenizer with `*`/`?` counted as letters.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters/digits (with inner apostrophes).
    Word,
    /// `#tag`; the text is the body.
    Hashtag,
    /// `@handle`; the text is the body.
    Handle,
    /// A URL: never matched by word terms.
    Url,
    /// An emoji or other symbol.
    Symbol,
}

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// What it is.
    pub kind: TokenKind,
    /// The body as written (without `#`/`@`).
    pub raw: &'a str,
    /// The body normalised: see [`normalize`].
    pub text: Cow<'a, str>,
    /// Char offset of the token's first char (the `#`/`@` included).
    pub start: usize,
    /// Char offset just past the token.
    pub end: usize,
}

/// The canonical form of text: NFC (or, folding accents, NFD with combining marks dropped), curly apostrophes
/// as `'`, variation selectors dropped, and with `lower` each char lower-cased on its own (final `ς` as `σ`).
pub(crate) fn normalize(s: &str, lower: bool, fold: bool) -> Cow<'_, str> {
    if s.is_ascii() {
        let upper = lower && s.bytes().any(|b| b.is_ascii_uppercase());
        return if upper { Cow::Owned(s.to_ascii_lowercase()) } else { Cow::Borrowed(s) };
    }
    let mut out = String::with_capacity(s.len());
    let mut push = |c: char| match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' => out.push('\''),
        '\u{fe0e}' | '\u{fe0f}' => {}
        _ if lower => {
            for l in c.to_lowercase() {
                out.push(if l == 'ς' { 'σ' } else { l });
            }
        }
        _ => out.push(c),
    };
    if fold {
        s.nfd().filter(|c| !is_combining_mark(*c)).for_each(&mut push);
    } else {
        s.nfc().for_each(&mut push);
    }
    Cow::Owned(out)
}

/// The word without a possessive `'s` (`acme's` → `acme`), if it has one.
pub(crate) fn possessive_base(s: &str) -> Option<&str> {
    let stem = s.strip_suffix("'s").or_else(|| s.strip_suffix("'S"))?;
    (!stem.is_empty()).then_some(stem)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

fn is_letter(c: char, pattern: bool) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || (pattern && (c == '*' || c == '?'));
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_symbol(c: char) -> bool {
    let u = c as u32;
    !c.is_ascii()
        && !c.is_alphanumeric()
        && !c.is_whitespace()
        && !is_combining_mark(c)
        && !matches!(u, 0x80..=0xbf | 0x2000..=0x206f | 0x3000..=0x303f | 0xfe00..=0xfe6f | 0xff00..=0xff0f)
}

fn is_modifier(c: char) -> bool {
    matches!(c as u32, 0xfe0e | 0xfe0f | 0x1f3fb..=0x1f3ff | 0x20e3 | 0xe0020..=0xe007f)
}

/// Splits `s` into tokens; `pattern` counts `*` and `?` as letters (for query words).
pub(crate) fn tokenize(s: &str, lower: bool, fold: bool, pattern: bool) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut tokens = Vec::with_capacity(s.len() / 6 + 1);
    let mut i = 0;
    while let Some(c) = at(i) {
        let prev_letter = i > 0 && at(i - 1).is_some_and(|p| is_letter(p, pattern) || p == '_');
        let start = i;
        let (kind, body_start) = if !prev_letter && starts_url(&s[byte(i)..]) {
            while at(i).is_some_and(|c| !c.is_whitespace()) {
                i += 1;
            }
            while i > start + 1 && at(i - 1).is_some_and(|c| ".,;:!?)]}'\"»”’>".contains(c)) {
                i -= 1;
            }
            (TokenKind::Url, start)
        } else if (c == '#' || c == '@') && !prev_letter && at(i + 1).is_some_and(|n| is_letter(n, pattern) || n == '_')
        {
            i += 1;
            while let Some(n) = at(i) {
                let dot = c == '@' && n == '.' && at(i + 1).is_some_and(|x| x.is_alphanumeric());
                if !(is_letter(n, pattern) || n == '_' || dot) {
                    break;
                }
                i += 1;
            }
            (if c == '#' { TokenKind::Hashtag } else { TokenKind::Handle }, start + 1)
        } else if is_letter(c, pattern) {
            i += 1;
            while let Some(n) = at(i) {
                if is_letter(n, pattern) {
                    i += 1;
                } else if is_apostrophe(n) && at(i + 1).is_some_and(|x| is_letter(x, pattern)) {
                    i += 2;
                } else {
                    break;
                }
            }
            (TokenKind::Word, start)
        } else if is_symbol(c) {
            i += 1;
            let regional = |x: char| (0x1f1e6..=0x1f1ff).contains(&(x as u32));
            if regional(c) && at(i).is_some_and(regional) {
                i += 1;
            }
            loop {
                match at(i) {
                    Some(m) if is_modifier(m) => i += 1,
                    Some('\u{200d}') if at(i + 1).is_some() => i += 2,
                    _ => break,
                }
            }
            (TokenKind::Symbol, start)
        } else {
            i += 1;
            continue;
        };
        let raw = &s[byte(body_start)..byte(i)];
        tokens.push(Token { kind, raw, text: normalize(raw, lower, fold), start, end: i });
    }
    tokens
}

fn starts_url(s: &str) -> bool {
    let starts = |p: &str| s.as_bytes().get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
    starts("http://") || starts("https://") || (starts("www.") && s.len() > 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(TokenKind, String)> {
        tokenize(s, true, false, false).into_iter().map(|t| (t.kind, t.text.into_owned())).collect()
    }

    fn texts(s: &str) -> Vec<String> {
        toks(s).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn words_and_punctuation() {
        assert_eq!(texts("Hello, World! co-op acme.com"), ["hello", "world", "co", "op", "acme", "com"]);
    }

    #[test]
    fn apostrophes_stay_inside_words() {
        assert_eq!(texts("Acme's don’t 'quoted' brands'"), ["acme's", "don't", "quoted", "brands"]);
        assert_eq!(possessive_base("acme's"), Some("acme"));
        assert_eq!(possessive_base("'s"), None);
        assert_eq!(possessive_base("don't"), None);
    }

    #[test]
    fn hashtags_handles_and_emails() {
        use TokenKind::*;
        assert_eq!(
            toks("#AcmeLove @acme_co @acme.bsky.social. bob@acme.com a#b"),
            [
                (Hashtag, "acmelove".into()),
                (Handle, "acme_co".into()),
                (Handle, "acme.bsky.social".into()),
                (Word, "bob".into()),
                (Word, "acme".into()),
                (Word, "com".into()),
                (Word, "a".into()),
                (Word, "b".into()),
            ]
        );
    }

    #[test]
    fn urls_are_one_token_without_trailing_punctuation() {
        let t = tokenize("see https://acme.com/x?y=1). and www.acme.io", true, false, false);
        assert_eq!(t[1].kind, TokenKind::Url);
        assert_eq!(t[1].raw, "https://acme.com/x?y=1");
        assert_eq!(t[3].raw, "www.acme.io");
        assert_eq!(t.len(), 4);
    }

    #[test]
    fn emoji_are_tokens_with_modifiers() {
        let t = tokenize("love🍎acme 👍🏽 👨‍👩‍👧 🇫🇷🇩🇪 ❤️", true, false, false);
        let raws: Vec<&str> = t.iter().map(|t| t.raw).collect();
        assert_eq!(raws, ["love", "🍎", "acme", "👍🏽", "👨‍👩‍👧", "🇫🇷", "🇩🇪", "❤️"]);
        assert_eq!(t[7].text, "❤");
        assert!(t[1..].iter().all(|t| t.kind == TokenKind::Symbol || t.raw == "acme"));
    }

    #[test]
    fn offsets_are_chars() {
        let t = tokenize("é #x", true, false, false);
        assert_eq!((t[0].start, t[0].end, t[1].start, t[1].end), (0, 1, 2, 4));
    }

    #[test]
    fn normalisation_and_folding() {
        assert_eq!(normalize("Cafe\u{301}", true, false), "café");
        assert_eq!(normalize("CAFÉ", true, true), "cafe");
        assert_eq!(normalize("ΟΔΟΣ", true, false), "οδοσ");
        assert_eq!(normalize("Acme’s", false, false), "Acme's");
        assert_eq!(texts("Cafe\u{301} naïve"), ["café", "naïve"]);
    }

    #[test]
    fn pattern_mode_keeps_wildcards() {
        let t = tokenize("acme* b?g #acm*", true, false, true);
        let got: Vec<&str> = t.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(got, ["acme*", "b?g", "acm*"]);
        assert_eq!(texts("acme*"), ["acme"], "outside queries * is punctuation");
    }
}
