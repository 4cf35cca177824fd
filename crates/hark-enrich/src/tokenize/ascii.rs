//! The tokenizer's fast path for the commonest token, a word or number of ASCII letters and digits: its length and
//! case found in one pass over its bytes, its letter runs in a few word-wide operations.

use std::borrow::Cow;

use super::{squeeze, Kind, Token};
use crate::words::{first_eight, LANES};

/// An ASCII digit's class.
const DIGIT: u8 = 1;
/// An upper-case ASCII letter's class.
const UPPER: u8 = 2;
/// A lower-case ASCII letter's class.
const LOWER: u8 = 4;
/// The class of every byte: `DIGIT`, `UPPER`, `LOWER`, or 0 for any byte that is no ASCII letter or digit.
const CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The ASCII word or number at the start of `rest`: its end and the classes of its bytes found in one tight pass
/// (`word_len` then `make` without decoding a character), then its letter runs in a few word-wide operations. For
/// words of ASCII letters, digits and inner apostrophes that end at an ASCII byte; `None` hands anything else (a
/// non-ASCII letter, a decimal mark) to the general path. Inlined into the tokenizer's loop, so that the token is
/// built in place rather than returned through memory.
#[inline(always)]
pub(super) fn ascii_word(rest: &str) -> Option<Token<'_>> {
    let b = rest.as_bytes();
    let (mut seen, mut end) = (0u8, 0usize);
    while let Some(&c) = b.get(end) {
        let class = CLASS[usize::from(c)];
        if class == 0 {
            let next = b.get(end + 1).copied();
            match c {
                b'\'' if next.is_some_and(|n| n.is_ascii_alphabetic()) => {}
                b'\'' | b'.' | b',' if next.is_some_and(|n| !n.is_ascii()) => return None,
                b'.' | b',' if seen == DIGIT && next.is_some_and(|n| n.is_ascii_digit()) => return None,
                _ if !c.is_ascii() => return None,
                _ => break,
            }
        }
        seen |= class;
        end += 1;
    }
    let text = &rest[..end];
    if seen & (UPPER | LOWER) == 0 {
        return Some(Token { text, kind: Kind::Number, norm: Cow::Borrowed(text), elongated: false, caps: false });
    }
    Some(token(text, Kind::Word, seen, run3_at_start(b, end)))
}

/// The token of an ASCII word or hashtag.
pub(super) fn ascii_token(text: &str, kind: Kind) -> Token<'_> {
    let seen = text.bytes().fold(0, |seen, c| seen | CLASS[usize::from(c)]);
    token(text, kind, seen, run3(text.as_bytes()))
}

/// The token of ASCII `text` whose bytes' classes are `seen`: lower case, letter runs of three or more cut by
/// `squeeze`, capitals (two letters or more, none lower-case).
#[inline(always)]
fn token(text: &str, kind: Kind, seen: u8, run3: bool) -> Token<'_> {
    let (norm, elongated) = if run3 {
        squeeze(text)
    } else if seen & UPPER != 0 {
        (Cow::Owned(text.to_ascii_lowercase()), false)
    } else {
        (Cow::Borrowed(text), false)
    };
    let caps = kind == Kind::Word
        && seen & LOWER == 0
        && text.bytes().filter(|c| CLASS[usize::from(*c)] & (UPPER | LOWER) != 0).count() >= 2;
    Token { text, kind, norm, elongated, caps }
}

/// Whether the same letter, whatever its case, comes three times in a row in `text`.
fn run3(text: &[u8]) -> bool {
    text.windows(3).any(|w| {
        let letter = w[0] | 0x20;
        CLASS[usize::from(w[0])] & (UPPER | LOWER) != 0 && w[1] | 0x20 == letter && w[2] | 0x20 == letter
    })
}

/// [`run3`] of the word `b[..end]`. A word of up to eight bytes (most words) is read as one 64-bit number: the bytes
/// lower-cased by setting bit 5 (which leaves digits and the apostrophe as they are) and compared with the next two
/// bytes all at once; only a word where three equal bytes follow each other (an elongation, or "000") is checked
/// byte by byte. Hand-written because the byte loop, run for every word, cost more than finding the word's end.
#[inline(always)]
fn run3_at_start(b: &[u8], end: usize) -> bool {
    if end < 3 {
        return false;
    }
    if end > 8 {
        return run3(&b[..end]);
    }
    let x = first_eight(b) | (0x20 * LANES);
    // Byte i of `differ` is 0 exactly when bytes i, i + 1 and i + 2 are equal; `zero` marks those bytes' top bits.
    let differ = (x ^ (x >> 8)) | (x ^ (x >> 16));
    let zero = !(((differ & (0x7f * LANES)) + 0x7f * LANES) | differ) & (0x80 * LANES);
    let starts = (1u64 << (8 * (end - 2))) - 1;
    zero & starts != 0 && run3(&b[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_wide_runs_agree_with_the_byte_loop() {
        // Every word of up to eight bytes over an alphabet with a case pair, a digit and the apostrophe, followed by
        // text or not: the 64-bit check must find exactly the runs the byte loop finds.
        let alphabet = b"aAb0'";
        let (mut level, mut words) = (vec![Vec::new()], Vec::new());
        for _ in 0..8 {
            level = level.iter().flat_map(|w| alphabet.iter().map(move |c| [w.as_slice(), &[*c]].concat())).collect();
            words.extend(level.iter().cloned());
        }
        let mut checked = 0;
        for w in &words {
            for tail in [&b""[..], b" xyz", b"aaaaaaaa"] {
                let b = [w.as_slice(), tail].concat();
                assert_eq!(run3_at_start(&b, w.len()), run3(w), "{:?}", String::from_utf8_lossy(&b));
                checked += 1;
            }
        }
        assert!(checked > 100_000, "{checked}");
        assert!(run3(b"sOoO") && !run3(b"s000") && !run3(b"soo"));
    }
}
