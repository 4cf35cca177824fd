//! The social-text tokenizer and the one normalisation both queries and mentions go through.
//!
//! Tokens: words (letters, digits and combining marks, with inner apostrophes: `acme's`, `don't`), `#hashtags`
//! and `@handles` (letters, digits, `_`; a handle ends at a dot), URLs (`http://`, `https://`, `www.` up to the
//! next space, trailing punctuation dropped) and emoji/symbols (one token each, modifiers attached). Everything
//! else (punctuation, hyphens, dots, slashes) separates words, so `acme.com` is the two words `acme com` and
//! `co-op` is `co op`. Query words go through the same tokenizer with `*`/`?` counted as letters.

use std::borrow::Cow;

// Emoji are tokens of their own, by enrichment's table (`is_pictograph`); every other sign separates words like
// ASCII punctuation does: ™ and ® after a brand name, full-width and CJK punctuation, Arabic and Devanagari
// punctuation, currency and maths signs, arrows. (Enrichment's tokenizer keeps ™, ‼, ⁉ and arrows as tokens, since
// its emoji lexicon scores them; both split `Acme™` into the word `Acme` and a sign.)
use hark_enrich::tokenize::{fullwidth_ascii, is_emoji_modifier as is_modifier, is_pictograph as is_symbol};
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

/// The canonical form of text: with `lower` each char lower-cased on its own (final `ς` as `σ`), then NFC (or,
/// folding accents, NFD with accents dropped ([`is_accent`]), then NFC), curly apostrophes as `'`, variation
/// selectors dropped, full-width ASCII as ASCII.
/// Lower-casing comes first, so that it cannot undo the composition (`J̌` lower-cases to `j` and a caron, which
/// only NFC afterwards makes the `ǰ` a query spells).
pub(crate) fn normalize(s: &str, lower: bool, fold: bool) -> Cow<'_, str> {
    if s.is_ascii() {
        let upper = lower && s.bytes().any(|b| b.is_ascii_uppercase());
        return if upper { Cow::Owned(s.to_ascii_lowercase()) } else { Cow::Borrowed(s) };
    }
    let out = if lower {
        composed(s.chars().flat_map(char::to_lowercase).map(|l| if l == 'ς' { 'σ' } else { l }), fold, s.len())
    } else {
        composed(s.chars(), fold, s.len())
    };
    Cow::Owned(out)
}

/// [`normalize`]'s second half over chars already lower-cased (or not): composed (or decomposed, marks dropped),
/// apostrophes straightened, variation selectors dropped; one string, no intermediate one.
fn composed(chars: impl Iterator<Item = char>, fold: bool, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut push = |c: char| match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' => out.push('\''),
        '\u{fe0e}' | '\u{fe0f}' => {}
        _ => out.push(fullwidth_ascii(c).unwrap_or(c)),
    };
    if fold {
        chars.nfd().filter(|c| !is_accent(*c)).nfc().for_each(&mut push);
    } else {
        chars.nfc().for_each(&mut push);
    }
    out
}

/// Whether accent folding drops `c`: the combining diacritics of Latin, Greek and Cyrillic letters (so `й` folds to
/// `и`, as `é` to `e`) and the optional vowel points of Hebrew and Arabic. Marks that make another letter stay:
/// Japanese voicing marks (`ガ` is not `カ`, `パ` not `ハ`), the vowel signs of Indic scripts and Thai (`मोबाइल` is
/// not `मबइल`), Arabic hamza and madda (`سئل` is not `سيل`), the keycap. Hebrew loses all its points, the shin and
/// sin dots too, as unpointed Hebrew (most posts) writes both letters alike.
pub(crate) fn is_accent(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{FE20}'..='\u{FE2F}'
        | '\u{0591}'..='\u{05C7}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{0652}'
        | '\u{0656}'..='\u{065F}' | '\u{0670}')
        && is_combining_mark(c)
}

/// Whether `word`, before an apostrophe, is a French or Italian elided article or preposition (`l'`, `d'`, `qu'`,
/// `dell'`, `all'`, `un'`…): the word after it stands on its own, so `acme` matches *l'Acme*, *d'Acme* and
/// *dell'Acme* (and `l'oréal` is the phrase *l oréal*, as the text is split the same way).
fn is_elision(word: &str) -> bool {
    const ELIDED: &[&str] = &[
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "dell", "dall", "nell",
        "sull", "all", "coll", "pell", "un", "quest", "quell", "tutt", "sant",
    ];
    word.len() <= 6 && ELIDED.iter().any(|e| e.eq_ignore_ascii_case(word))
}

/// Whether the chars after an apostrophe are a lone `s` (a possessive: *Dell's*, *AT&T's*), which no elision is.
fn possessive_s(s: Option<char>, after: Option<char>) -> bool {
    matches!(s, Some('s' | 'S')) && !after.is_some_and(char::is_alphanumeric)
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

/// Chars of scripts written without spaces between words, each a token of its own: Han ideographs, kana (with the
/// prolonged sound mark) and Hangul; not the kana block's punctuation (`・`, `゠`) and spacing sound marks (`゛`
/// `゜`), which separate. (Thai, Lao, Khmer and Myanmar need a dictionary to split and stay whole runs.)
pub(crate) fn is_unspaced(c: char) -> bool {
    // Asked for every char of every word: ASCII, most of them, answers at once.
    (c as u32) >= 0x1100
        && matches!(c as u32, 0x3040..=0x309A | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x1100..=0x11FF | 0x3130..=0x318F
        | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}

/// Splits `s` into tokens; `pattern` counts `*` and `?` as letters (for query words).
pub(crate) fn tokenize(s: &str, lower: bool, fold: bool, pattern: bool) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    // Past the char of a script without spaces at `i`, with the marks on it and a query's wildcard after it.
    let unspaced_end = |mut i: usize| {
        i += 1;
        while at(i).is_some_and(|n| is_combining_mark(n) || (pattern && (n == '*' || n == '?'))) {
            i += 1;
        }
        i
    };
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
        } else if matches!(c, '#' | '@' | '\u{ff03}' | '\u{ff20}')
            && !prev_letter
            && at(i + 1).is_some_and(|n| is_letter(n, pattern) || n == '_')
        {
            // A handle's body ends at a dot: Bluesky's `@acme.bsky.social` is the handle `acme` and the words `bsky
            // social`, so `@acme` and `acme` find it (and `@acme.bsky.social`, split alike, is that phrase). A body in
            // a script without spaces is its first char, the rest words, as in text (`#索尼` → `#索` `尼`).
            i += 1;
            if at(i).is_some_and(is_unspaced) {
                i = unspaced_end(i);
            } else {
                while at(i).is_some_and(|n| (is_letter(n, pattern) || n == '_') && !is_unspaced(n)) {
                    i += 1;
                }
            }
            (if matches!(c, '#' | '\u{ff03}') { TokenKind::Hashtag } else { TokenKind::Handle }, start + 1)
        } else if is_modifier(c) {
            // A skin tone or variation selector after a sign that separates words (`™️`) separates too.
            i += 1;
            continue;
        } else if is_unspaced(c) {
            // Chinese, Japanese and Korean run words together ("我很喜欢索尼的相机", "Acmeの新製品", "삼성은"): each
            // of their chars is a token, so that a query word in them, itself split the same way into a phrase
            // (`索尼` → "索 尼"), matches where it stands. Marks that sit on the char stay with it, and so does a
            // query's wildcard (`삼성*` → "삼 성*", which finds 삼성전자).
            i = unspaced_end(i);
            (TokenKind::Word, start)
        } else if is_letter(c, pattern) {
            i += 1;
            while let Some(n) = at(i) {
                if is_unspaced(n) {
                    break;
                } else if is_letter(n, pattern) {
                    i += 1;
                } else if is_apostrophe(n)
                    && at(i + 1).is_some_and(|x| is_letter(x, pattern))
                    && (!is_elision(&s[byte(start)..byte(i)]) || possessive_s(at(i + 1), at(i + 2)))
                {
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

    /// Text without spaces between words: a brand next to CJK chars, or written in them, is found.
    #[test]
    fn chinese_japanese_and_korean_split_per_char() {
        assert_eq!(texts("Acmeの新製品"), ["acme", "の", "新", "製", "品"]);
        assert_eq!(texts("我喜欢Acme产品"), ["我", "喜", "欢", "acme", "产", "品"]);
        assert_eq!(texts("삼성은 좋다"), ["삼", "성", "은", "좋", "다"]);
        assert_eq!(texts("ソニー"), ["ソ", "ニ", "ー"]);
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
                (Handle, "acme".into()),
                (Word, "bsky".into()),
                (Word, "social".into()),
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

    /// Signs that are not emoji separate words, whatever the script: a brand's ™, full-width, CJK, Arabic and
    /// Devanagari punctuation, currency and arrows; a variation selector left after one separates too.
    #[test]
    fn other_signs_separate_words() {
        assert_eq!(texts("Acme™ Rocket® Skates℠"), ["acme", "rocket", "skates"]);
        assert_eq!(texts("Acme™\u{fe0f} go"), ["acme", "go"]);
        assert_eq!(texts("索尼：好［新］、是｡"), ["索", "尼", "好", "新", "是"]);
        assert_eq!(texts("سلام، أكمي؟ नमस्ते। €5 a→b 2×3"), ["سلام", "أكمي", "नमस्ते", "5", "a", "b", "2", "3"]);
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
        // Lower-casing before composing: a capital with no precomposed form still equals the composed small letter.
        assert_eq!(normalize("J\u{30c}", true, false), "\u{1f0}");
        assert_eq!(normalize("\u{1f0}", true, false), "\u{1f0}");
    }

    #[test]
    fn pattern_mode_keeps_wildcards() {
        let t = tokenize("acme* b?g #acm*", true, false, true);
        let got: Vec<&str> = t.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(got, ["acme*", "b?g", "acm*"]);
        assert_eq!(texts("acme*"), ["acme"], "outside queries * is punctuation");
    }
}
