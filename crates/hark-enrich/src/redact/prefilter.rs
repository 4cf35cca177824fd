//! The cheap first pass: a look at the bytes says which pattern families could match at all, so the common post
//! (no PII) never reaches a regex. A quick check settles most posts; the rest take one walk over their bytes.
//!
//! A "digit cluster" is a run of digits joined by at most two separator bytes (` -./()+`). Every pattern
//! that needs digits needs a cluster of at least six (phones, cards, IBANs, SSNs, NI numbers, DNIs all do),
//! except IPv4, which needs four digits joined by three dots, and the Italian codice fiscale, whose seven digits
//! stand between letters in one word.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::mail_words::is_provider;
use super::patterns::AT_WORDS;
use crate::words::LANES;

/// Which pattern families are worth running on a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hints {
    /// An `@` after a local-part byte, before whitespace, in brackets or before a dotted word after a word (`bob
    /// @gmx.de`), an obfuscated `(at)`, `[arobase]`, `<at>`, or an at-word other than "at" anywhere: e-mail is
    /// possible.
    pub at: bool,
    /// A digit cluster of six or more digits: phones, cards, IBANs, SSNs, national ids are possible.
    pub digits: bool,
    /// Four or more digits joined by three dots: IPv4 is possible.
    pub dotted: bool,
    /// A whitespace-free token with two or more colons: IPv6 is possible.
    pub colons: bool,
    /// The word `dot` between spaces, an at-word other than "at" (`arroba`, `chiocciola`), or "at" before a dotted
    /// word or a mail provider: an address spelled out (`bob at gmail dot com`, `lucia arroba yahoo punto es`,
    /// `pete.k at protonmail.com`, `kev2291 at hotmail`) is possible.
    pub spelled: bool,
    /// A word (between ASCII spaces, tabs or line breaks) with six digits or more: a codice fiscale is possible. One
    /// with two or more of its seven digits written as omocodia letters may be missed: it lets its post through only
    /// when another word does.
    pub coded: bool,
}

impl Hints {
    /// Whether any family is worth running.
    pub fn any(self) -> bool {
        self.at || self.digits || self.dotted || self.colons || self.spelled || self.coded
    }
}

/// The hints of `text`: the quick check's when it settles the text, else the full scan's.
pub fn scan(text: &[u8]) -> Hints {
    let hints = without_digits_colons_or_at(text).unwrap_or_else(|| full_scan(text));
    // An at-word other than "at" may stand in brackets too, in any case (`[Собака]`, `(MAŁPA)`, which the byte-wise
    // bracket check below reads only in lower case): both e-mail families run. "At" before a dotted word or a mail
    // provider's name (`pete.k at protonmail.com`, `kev2291 at hotmail`) runs the spelled-out family.
    // The other at-words count as words only ("ät" stands inside "Qualität" and "Verspätung").
    let (mut foreign, mut at_domain) = (false, false);
    let letter = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
    for m in AT_WORDS_SEARCH.find_iter(text) {
        if m.pattern().as_usize() < AT_SPELLINGS.len() {
            at_domain |= domain_after(&text[m.end()..]);
        } else if !letter(m.start().checked_sub(1).and_then(|i| text.get(i))) && !letter(text.get(m.end())) {
            foreign = true;
            break;
        }
    }
    Hints { at: hints.at || foreign, spelled: spelled_dot(text) || foreign || at_domain, ..hints }
}

/// " at " as the search below finds it, in three cases, between spaces.
const AT_SPELLINGS: [&str; 3] = [" at ", " At ", " AT "];

/// " at " ([`AT_SPELLINGS`]) and the at-words other than "at" ([`AT_WORDS`]) in lower case, capitalised and in
/// capitals: one search for all of them, leftmost-first: written out rather than searched case-insensitively, and
/// not with the standard match kind, either of which takes aho-corasick off its vectorised searcher (Teddy) onto a
/// byte-at-a-time automaton, 1,400 instructions per post instead of 330 (looking for the words only where a
/// dot-word stands cost more: `p` is frequent; looking for "at" at every `a` with `memchr`, more than this search).
static AT_WORDS_SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words = AT_WORDS.iter().filter(|w| **w != "at").flat_map(|w| {
        let mut chars = w.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
        [w.to_string(), first + chars.as_str(), w.to_uppercase()]
    });
    let all = AT_SPELLINGS.iter().map(|s| s.to_string()).chain(words);
    AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(all).expect("the at-words build an automaton")
});

/// Whether the word at the start of `rest` (after "at ") has a dot inside it (`protonmail.com`) or names a mail
/// provider (`hotmail`).
fn domain_after(rest: &[u8]) -> bool {
    let word = first_word(rest);
    let bare = word.trim_ascii_end();
    let bare = &bare[..bare.len() - bare.iter().rev().take_while(|b| b.is_ascii_punctuation()).count()];
    dotted(word) || std::str::from_utf8(bare).is_ok_and(is_provider)
}

/// The bytes of `text` up to its first whitespace.
fn first_word(text: &[u8]) -> &[u8] {
    &text[..text.iter().position(u8::is_ascii_whitespace).unwrap_or(text.len())]
}

/// Whether `word` has a dot before a letter (`gmx.de`, `protonmail.com`).
fn dotted(word: &[u8]) -> bool {
    word.windows(2).any(|w| w[0] == b'.' && w[1].is_ascii_alphabetic())
}

/// Whether the `@` at byte `i` of `text` may join an address: after a byte that can end a local part, before
/// whitespace (`bartek_k @ wp`, `julien.moreau@ laposte.net`; a handle never has one), in brackets (`[@]`, `(@)`), or after
/// a word and whitespace before a dotted word (`anna.m @gmx.de`, or a handle with dots, which the check sorts out).
fn address_at(text: &[u8], i: usize) -> bool {
    let before = |k: usize| i >= k && text.get(i - k).is_some_and(|b| is_local_byte(*b));
    let spaced_before = i > 0 && text[i - 1].is_ascii_whitespace();
    let bracketed = i > 0 && matches!(text[i - 1], b'[' | b'(') && matches!(text.get(i + 1), Some(b']' | b')'));
    before(1)
        || (i > 0 && text.get(i + 1).is_some_and(u8::is_ascii_whitespace))
        || bracketed
        || (spaced_before && before(2) && dotted(first_word(&text[i + 1..])))
}

/// Whether `text` has the word `dot` (`dot`, `Dot` or `DOT`) between whitespace: each `d` (`memchr`'s vector
/// search) checked for a space before and `ot ` after. (Three `memmem` searches, one per spelling, cost 40% more.)
fn spelled_dot(text: &[u8]) -> bool {
    memchr::memchr2_iter(b'd', b'D', text).any(|i| {
        i > 0
            && text[i - 1].is_ascii_whitespace()
            && text.get(i + 1..i + 4).is_some_and(|t| t[..2].eq_ignore_ascii_case(b"ot") && t[2].is_ascii_whitespace())
    })
}

/// The byte-by-byte scan, for texts the quick check cannot settle.
fn full_scan(text: &[u8]) -> Hints {
    let mut hints = Hints::default();
    let (mut digits, mut dots, mut seps, mut colons, mut in_word) = (0u32, 0u32, 0u32, 0u32, 0u32);
    for (i, &b) in text.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                in_word += 1;
                hints.coded |= in_word >= 6;
                seps = 0;
                hints.digits |= digits >= 6;
                hints.dotted |= dots >= 3 && digits >= 4;
                continue;
            }
            b' ' | b'-' | b'.' | b'/' | b'(' | b')' | b'+' if digits > 0 => {
                seps += 1;
                dots += u32::from(b == b'.');
                if seps > 2 {
                    (digits, dots, seps) = (0, 0, 0);
                }
            }
            _ => (digits, dots, seps) = (0, 0, 0),
        }
        match b {
            b'@' => hints.at |= address_at(text, i),
            b':' => {
                colons += 1;
                hints.colons |= colons >= 2;
            }
            b' ' | b'\t' | b'\n' | b'\r' => (colons, in_word) = (0, 0),
            b']' | b')' | b'}' | b'>' => hints.at |= obfuscated_at_before(&text[..i]),
            _ => {}
        }
    }
    hints
}

/// The hints of a text without four digits (IPv4's minimum; the other digit families need six), two colons or an
/// `@` that may join an address ([`address_at`]), where only an obfuscated `(at)` can be left; `None` for the others, which need the
/// full scan. Most posts end here after a fraction of the full scan's cost: `memchr` finds the rare bytes (`@`, `:`,
/// closing brackets) with vector instructions, and digits are counted eight bytes at a time. An `@` sends a text on
/// only where it may join an address ([`address_at`]): a tweet's `@user` handles, after a space or at the start
/// and without a dotted word after a word, do not.
fn without_digits_colons_or_at(text: &[u8]) -> Option<Hints> {
    let address_at = || memchr::memchr_iter(b'@', text).any(|i| address_at(text, i));
    if at_least_four_digits(text) || memchr::memchr_iter(b':', text).nth(1).is_some() || address_at() {
        return None;
    }
    let closing = |i: &usize| obfuscated_at_before(&text[..*i]);
    let at = memchr::memchr3_iter(b')', b']', b'}', text).any(|i| closing(&i))
        || memchr::memchr_iter(b'>', text).any(|i| closing(&i));
    Some(Hints { at, ..Hints::default() })
}

/// Whether `text` holds four ASCII digits or more. Eight bytes at a time: the top bit of each byte lane of
/// `digits` marks a digit (the bounds checks of the low seven bits cannot carry into the next lane), and a
/// population count adds them up. Hand-written because the byte loop, even vectorised by the compiler, cost more
/// than the rest of the prefilter.
fn at_least_four_digits(text: &[u8]) -> bool {
    let digits = |x: u64| {
        let low7 = x & !(0x80 * LANES);
        let at_least_0 = low7 + (0x80 - u64::from(b'0')) * LANES;
        let above_9 = low7 + (0x7f - u64::from(b'9')) * LANES;
        (at_least_0 & !above_9 & !x & (0x80 * LANES)).count_ones()
    };
    let chunks = text.chunks_exact(8);
    let rest = chunks.remainder().iter().filter(|b| b.is_ascii_digit()).count() as u32;
    let mut count = rest;
    for chunk in chunks {
        count += digits(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        if count >= 4 {
            return true;
        }
    }
    count >= 4
}

/// Bytes that can end the local part of an address (any non-ASCII byte could be a letter).
fn is_local_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-') || b >= 0x80
}

/// Whether `before` (the text up to a closing bracket) ends in `(at`, `[ at `, `{at`, `<at` and the like, in any
/// case, as the e-mail pattern reads it: `(at)`, `(AT)`, `(At)`. The other at-words (`[arobase]`) set the hint
/// wherever they stand, in [`scan`].
fn obfuscated_at_before(before: &[u8]) -> bool {
    let trimmed = before.trim_ascii_end();
    let Some((rest, at)) = trimmed.split_last_chunk::<2>() else { return false };
    at.eq_ignore_ascii_case(b"at") && matches!(rest.trim_ascii_end().last(), Some(b'(' | b'[' | b'{' | b'<'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_count_agrees_with_the_full_scan() {
        let texts = [
            "@user great phone",
            "thanks @user, see you",
            "@a@b",
            "mail bob@example.com",
            "é@x",
            "write to x (at) y dot com",
            "write to x (At) y (dot) com",
            "écrivez à claire [arobase] free [point] fr",
            "ask anna.k<at>web<dot>de",
            "[EMAIL] :) [NAME]",
            "call 555 1234 now",
            "10.0.0.1",
            "fe80::1",
            "12:30 and 13:45",
            "v1.2.3",
            "",
            "@",
        ];
        let mut quick = 0;
        for text in texts {
            if let Some(hints) = without_digits_colons_or_at(text.as_bytes()) {
                quick += 1;
                assert_eq!(hints, full_scan(text.as_bytes()), "{text:?}");
            }
        }
        // Handles, three obfuscated `(at)`, one `[arobase]`, placeholders, a version number, nothing at all.
        assert_eq!(quick, 10);
        // `[arobase]` is found by the text-wide search of the other at-words, which sets both e-mail hints.
        let arobase = scan("écrivez à claire [arobase] free [point] fr".as_bytes());
        assert!(arobase.at && arobase.spelled && !full_scan(b"claire [arobase] free [point] fr").at);
        for (text, four) in [("1234", true), ("a1b2c3d", false), ("x 12 ab 3456789", true), ("١٢٣٤ 99", false)] {
            assert_eq!(at_least_four_digits(text.as_bytes()), four, "{text:?}");
        }
        for v in 0..=255u8 {
            let text = [b'1', b'2', b'3', v, b'x', b'y', b'z', b'w', b'1'];
            assert_eq!(at_least_four_digits(&text[..8]), v.is_ascii_digit(), "byte {v}");
            assert!(at_least_four_digits(&text));
        }
        // Handles alone take the quick way; an address does not.
        assert!(without_digits_colons_or_at(b"@user great phone @user2").is_some());
        assert!(without_digits_colons_or_at(b"mail bob@example.com").is_none());
        // Addresses spelled out with "dot", or with an at-word other than "at", in any of three cases.
        assert!(scan(b"bob at gmail dot com").spelled && scan(b"lucia arroba yahoo punto es").spelled);
        assert!(scan(b"Marco CHIOCCIOLA libero").spelled && scan(b"Arobase").spelled);
        assert!(!scan(b"look at this point in time").spelled && !scan(b"dotted lines").spelled);
        // "At" before a dotted word or a provider; an `@` with whitespace after it, in brackets, or between a word
        // and a dotted word; not a handle.
        assert!(scan(b"pete.k at protonmail.com").spelled && scan(b"hmu kev2291 AT Hotmail").spelled);
        assert!(!scan(b"meet at the station at 5").spelled);
        for address in ["bartek_k @ wp . pl", "julien.moreau@ laposte.net", "anna.m @gmx.de", "g.conti [@] tiscali"] {
            assert!(scan(address.as_bytes()).at, "{address}");
        }
        assert!(!scan(b"thanks @user").at && !scan(b"(@user) said").at);
        // An at-word inside a word is none ("ät" in "Verspätung").
        assert!(!scan("Die Bahn hat wieder Verspätung".as_bytes()).spelled);
        assert!(scan(b"hmu kev2291 at hotmail.").spelled);
        // A codice fiscale's seven digits between letters (one omocodia letter still leaves six); short groups do not.
        assert!(full_scan(b"cf RSSMRA85T10A562S").coded && full_scan(b"cf RSSMRA85T10A56NH").coded);
        assert!(!full_scan(b"a1 b2 c3 d4 e5 f6 g7").coded && !full_scan(b"cf RSSMRA85T1LA56NH").coded);
    }
}
