//! A tokenizer for social text: URLs, @handles, #hashtags, emoji, emoticons, contractions, elongations and punctuation
//! runs each come out as one token, so the scorers downstream see "sooo", ":-)" and "!!!" as the writer meant them.
//!
//! Hand-written because general tokenizers (unicode-segmentation's word bounds, regex splitting) break emoticons,
//! handles and URLs into pieces and drop emoji sequences; a single forward scan is also the fastest option.

use std::borrow::Cow;
use std::sync::LazyLock;

mod ascii;
mod runs;

use ascii::{ascii_token, ascii_word};
pub(crate) use runs::cut_runs;
pub use runs::unelongated;

/// What a token is; the scorers treat each kind differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits, with inner apostrophes kept ("don't").
    Word,
    /// Digits only.
    Number,
    /// `http://…`, `https://…` or `www.…` up to the next space.
    Url,
    /// `@name`.
    Handle,
    /// `#tag`.
    Hashtag,
    /// One emoji with its modifiers (skin tone, variation selector, ZWJ sequence, flag pair).
    Emoji,
    /// A text emoticon such as `:-)` or `<3`.
    Emoticon,
    /// A typed placeholder left by redaction or by the data (`[EMAIL]`, `[NAME]`).
    Placeholder,
    /// A punctuation run ("!!!", "?!", "...") or any other symbol.
    Punct,
}

/// One token: its source slice, its kind, and its normalised lower-case form.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// The text as written.
    pub text: &'a str,
    /// What the token is.
    pub kind: Kind,
    /// Lower case, curly apostrophe made straight, letter runs of 3 or more cut to 2 ("sooo" -> "soo").
    pub norm: Cow<'a, str>,
    /// Whether a letter ran 3 times or more ("sooo").
    pub elongated: bool,
    /// Whether the word is in capitals with at least two letters ("GREAT", not "I").
    pub caps: bool,
}

/// Text emoticons, longest first so that `:-)` wins over `:-`. Matched only at token boundaries.
const EMOTICONS: &[&str] = &[
    ">:-(", ">:(", ":'-(", ":'-)", ":-))", ":'(", ":')", ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ":-|", ":-O", ":-o",
    ":-*", ";-)", "</3", "^_^", "-_-", "T_T", "o_O", "O_o", ":)", ":(", ":D", ":P", ":p", ":/", ":|", ":O", ":o", ":*",
    ":]", ":[", ":3", ":S", ":s", ";)", ";P", ";p", ";D", "=)", "=(", "=D", "<3", "xD", "XD", "xd", "D:", "^^",
];

/// `EMOTICONS` by first byte, in the same order: a token start tries only the few that can match.
static EMOTICONS_BY_START: LazyLock<[Vec<&'static str>; 128]> = LazyLock::new(|| {
    let mut by_start: [Vec<&'static str>; 128] = std::array::from_fn(|_| Vec::new());
    for e in EMOTICONS {
        by_start[usize::from(e.as_bytes()[0])].push(e);
    }
    by_start
});

/// Whether a byte starts one of `EMOTICONS` (a non-empty `EMOTICONS_BY_START` entry, known at compile time): most
/// token starts are ruled out by one load, without the lazy table's initialisation check.
const EMOTICON_STARTS: [bool; 256] = {
    let (mut starts, mut i) = ([false; 256], 0);
    while i < EMOTICONS.len() {
        starts[EMOTICONS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    starts
};

/// Letters of the Latin-1 Supplement, Latin Extended-A and -B and Cyrillic blocks, answered from their ranges:
/// `is_alphanumeric` looks a non-ASCII character up in Unicode's tables, a tenth of the time enrichment takes for short
/// posts in other languages (perf). A test checks every one is alphabetic.
const LETTER_BLOCKS: [(u32, u32); 5] = [(0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x24F), (0x400, 0x481), (0x48A, 0x52F)];

/// `c.is_alphabetic()`, from [`LETTER_BLOCKS`] first.
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let code = c as u32;
    LETTER_BLOCKS.iter().any(|&(first, last)| (first..=last).contains(&code)) || c.is_alphabetic()
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Marks (vowel signs of Indic scripts, Arabic harakat, combining accents) belong to the word they sit in.
    is_letter(c)
        || c.is_numeric()
        || matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x200C | 0x200D)
}

/// Whether `c` starts an emoji (pictographs, dingbats, symbols, regional indicators), or is one of the signs the
/// emoji lexicon scores (arrows, ™, ℹ, ‼, ⁉).
fn is_emoji(c: char) -> bool {
    is_pictograph(c) || matches!(c as u32, 0x2190..=0x21FF | 0x2122 | 0x2139 | 0x203C | 0x2049)
}

/// Whether `c` starts a pictographic emoji: pictographs, dingbats, the emoji of the symbol and technical blocks,
/// flags. The brand matcher's tokenizer (`hark::query`) makes these tokens of their own too.
pub fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF | 0x3030 | 0x303D
        | 0x3297 | 0x3299)
}

/// The ASCII character a full-width form stands for (`Ａ` → `A`, `＠` → `@`, `０` → `0`), as Japanese and Chinese
/// keyboards type Latin text: U+FF01..U+FF5E are `!`..`~` shifted by 0xFEE0. Redaction and the brand matcher's
/// tokenizer (`hark::query`) both read these as ASCII.
pub fn fullwidth_ascii(c: char) -> Option<char> {
    matches!(c, '\u{FF01}'..='\u{FF5E}').then(|| char::from_u32(u32::from(c) - 0xFEE0)).flatten()
}

/// Whether `c` modifies the emoji before it: variation selectors, skin tones, the keycap, tag characters.
pub fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE0F | 0xFE0E | 0x1F3FB..=0x1F3FF | 0x20E3 | 0xE0020..=0xE007F)
}

/// Whether a token ends a clause: punctuation opening with a full stop, comma, semicolon, colon, "!", "?" or an
/// ellipsis. A negation's scope ends there, in the rules and in the learned layer's features, and so does a bigram.
pub(crate) fn ends_clause(t: &Token<'_>) -> bool {
    t.kind == Kind::Punct
        && (matches!(t.text.as_bytes().first(), Some(b'.' | b',' | b';' | b':' | b'!' | b'?'))
            || t.text.starts_with('…'))
}

/// Whether a token ends a sentence: punctuation opening with a full stop, "!", "?" or an ellipsis.
pub(crate) fn ends_sentence(t: &Token<'_>) -> bool {
    t.kind == Kind::Punct && (matches!(t.text.as_bytes().first(), Some(b'.' | b'!' | b'?')) || t.text.starts_with('…'))
}

/// Splits `text` into tokens; never fails, every non-space character lands in some token.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    // The byte before the token: emoticons need a boundary, or a letter before the few that glue ([`glues`]).
    let mut prev = 0u8;
    while i < text.len() {
        let rest = &text[i..];
        let c = match bytes[i] {
            // ASCII first: most social text is, and decoding a char costs more than the test.
            b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => {
                i += 1;
                prev = 0;
                continue;
            }
            b if b.is_ascii() => char::from(b),
            _ => {
                let Some(c) = rest.chars().next() else { break };
                if c.is_whitespace() {
                    i += c.len_utf8();
                    prev = 0;
                    continue;
                }
                c
            }
        };
        let token = match c.is_ascii_alphanumeric().then(|| special(rest, prev)) {
            // A word or number starting with an ASCII letter or digit (most tokens): one pass over its bytes.
            Some(None) => ascii_word(rest).unwrap_or_else(|| {
                let (len, kind) = word_len(rest);
                make(&rest[..len], kind)
            }),
            Some(Some((len, kind))) => make(&rest[..len], kind),
            None => {
                let (len, kind) = scan(rest, c, prev);
                make(&rest[..len.max(c.len_utf8())], kind)
            }
        };
        i += token.text.len();
        out.push(token);
        prev = bytes[i - 1];
    }
    out
}

fn scan(rest: &str, c: char, prev: u8) -> (usize, Kind) {
    if let Some(found) = special(rest, prev) {
        return found;
    }
    if c == '@' || c == '#' {
        let body = rest[1..].find(|ch: char| !(is_word_char(ch) || ch == '_')).unwrap_or(rest.len() - 1);
        if body > 0 {
            return (1 + body, if c == '@' { Kind::Handle } else { Kind::Hashtag });
        }
    }
    if c == '[' {
        if let Some(end) = rest.find(']') {
            let inner = &rest[1..end];
            if !inner.is_empty() && inner.len() <= 24 && inner.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_') {
                return (end + 1, Kind::Placeholder);
            }
        }
    }
    if is_emoji(c) {
        return (emoji_len(rest), Kind::Emoji);
    }
    if is_word_char(c) {
        return word_len(rest);
    }
    if matches!(c, '!' | '?' | '.') {
        let n = rest.find(|ch: char| !matches!(ch, '!' | '?' | '.')).unwrap_or(rest.len());
        let run = &rest[..n];
        // "?!?!" and "!!!" stay together; a full stop followed by "!" splits at the change.
        let same =
            if run.starts_with('.') { run.find(|ch| ch != '.').unwrap_or(n) } else { run.find('.').unwrap_or(n) };
        return (same, Kind::Punct);
    }
    let n = rest.find(|ch: char| ch != c).unwrap_or(rest.len());
    (n, Kind::Punct)
}

/// A URL or an emoticon at the start of `rest`: what may begin with a letter or digit and is no word. Inlined into
/// the tokenizer's loop, where every ASCII word start asks.
#[inline(always)]
fn special(rest: &str, prev: u8) -> Option<(usize, Kind)> {
    let first = rest.as_bytes()[0];
    if matches!(first | 0x20, b'h' | b'w') && starts_url(rest) {
        return Some((rest.find(char::is_whitespace).unwrap_or(rest.len()), Kind::Url));
    }
    if !EMOTICON_STARTS[usize::from(first)] {
        return None;
    }
    if prev.is_ascii_alphanumeric() {
        return glued_emoticon(rest, prev);
    }
    let candidates = &EMOTICONS_BY_START[usize::from(first)];
    if let Some(e) = candidates.iter().find(|e| rest.starts_with(**e)) {
        let after = rest[e.len()..].chars().next();
        if after.is_none_or(|a| !a.is_alphanumeric()) {
            return Some((e.len(), Kind::Emoticon));
        }
    }
    None
}

/// An emoticon right after a letter ([`glues`]), out of the tokenizer's loop: rare, and inlined it made the loop
/// copy every token through `memcpy` (590 more instructions a text in callgrind).
#[inline(never)]
fn glued_emoticon(rest: &str, prev: u8) -> Option<(usize, Kind)> {
    if !prev.is_ascii_alphabetic() {
        return None;
    }
    let e = EMOTICONS_BY_START[usize::from(rest.as_bytes()[0])].iter().find(|e| rest.starts_with(**e) && glues(e))?;
    let after = rest[e.len()..].chars().next();
    after.is_none_or(|a| !a.is_alphanumeric()).then_some((e.len(), Kind::Emoticon))
}

/// Whether an emoticon stands right after a letter as it does after a space (`ok:(`, `love you<3`): the smiles,
/// frowns, wink and heart. `:D`, `:P`, `:3`, `:s` after a word are the word's (`http:p`, `sec:s`), `:*` is
/// Markdown's (`**Update:**`), `:/` a path's (`C:/`), and none glues to a digit (`2:3`).
fn glues(e: &str) -> bool {
    matches!(e, ":(" | ":)" | ":-(" | ":-)" | ":'(" | ":')" | ";)" | ";-)" | "<3")
}

fn starts_url(rest: &str) -> bool {
    // "ht…" and "ww…" first: few of the words that start with "h" or "w" go on.
    if !matches!(rest.as_bytes().get(1), Some(b't' | b'T' | b'w' | b'W')) {
        return false;
    }
    let starts = |p: &str| rest.as_bytes().get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
    starts("http://") || starts("https://") || starts("www.")
}

fn emoji_len(rest: &str) -> usize {
    let mut it = rest.char_indices();
    let Some((_, first)) = it.next() else { return 0 };
    let mut end = first.len_utf8();
    let regional = (0x1F1E6..=0x1F1FF).contains(&(first as u32));
    let mut joined = false;
    for (idx, ch) in it {
        if is_emoji_modifier(ch) || ch == '\u{200D}' {
            joined = ch == '\u{200D}';
            end = idx + ch.len_utf8();
        } else if (joined && is_emoji(ch))
            || (regional && end == first.len_utf8() && (0x1F1E6..=0x1F1FF).contains(&(ch as u32)))
        {
            joined = false;
            end = idx + ch.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn word_len(rest: &str) -> (usize, Kind) {
    let bytes = rest.as_bytes();
    let mut end = 0;
    let mut digits_only = true;
    while end < bytes.len() {
        // A run of ASCII letters and digits, byte by byte.
        let b = bytes[end];
        if b.is_ascii_alphanumeric() {
            digits_only &= b.is_ascii_digit();
            end += 1;
            continue;
        }
        // Any other ASCII byte but an apostrophe or a decimal mark ends the word (most words end so).
        if b.is_ascii() && !matches!(b, b'\'' | b'.' | b',') {
            break;
        }
        let Some(ch) = rest[end..].chars().next() else { break };
        let next = rest[end + ch.len_utf8()..].chars().next();
        if is_word_char(ch) {
            digits_only &= ch.is_ascii_digit();
        } else if !((matches!(ch, '\'' | '’') && next.is_some_and(is_letter))
            || (matches!(ch, '.' | ',') && digits_only && next.is_some_and(|n| n.is_ascii_digit())))
        {
            break;
        }
        end += ch.len_utf8();
    }
    (end, if digits_only { Kind::Number } else { Kind::Word })
}

fn make(text: &str, kind: Kind) -> Token<'_> {
    let ascii = text.is_ascii();
    if ascii && matches!(kind, Kind::Word | Kind::Hashtag) {
        return ascii_token(text, kind);
    }
    let (norm, elongated) = match kind {
        Kind::Word | Kind::Hashtag => squeeze(text),
        Kind::Emoji | Kind::Emoticon | Kind::Placeholder => (Cow::Borrowed(text), false),
        _ if ascii && text.bytes().any(|b| b.is_ascii_uppercase()) => (Cow::Owned(text.to_ascii_lowercase()), false),
        _ if !ascii && text.chars().any(changes_case) => (Cow::Owned(text.to_lowercase()), false),
        _ => (Cow::Borrowed(text), false),
    };
    // (ASCII words took `ascii_token` above.)
    let caps = kind == Kind::Word && {
        let mut letters = 0;
        let no_lower = text.chars().all(|c| {
            letters += usize::from(is_letter(c));
            !c.is_lowercase()
        });
        no_lower && letters >= 2
    };
    Token { text, kind, norm, elongated, caps }
}

/// Whether lower-casing changes `c`.
pub(crate) fn changes_case(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() != Some(c) || lower.next().is_some()
}

/// Lower-cases, straightens apostrophes and cuts letter runs of 3+ to 2; says whether anything was cut. `make`
/// calls it for the words that need more than lower-casing: not ASCII, or with a letter run.
fn squeeze(text: &str) -> (Cow<'_, str>, bool) {
    let (norm, cut) = cut_runs(text, |_| true);
    (Cow::Owned(norm), cut)
}

#[cfg(test)]
mod tests;
