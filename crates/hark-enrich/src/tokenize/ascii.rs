//! The tokenizer's fast path for the commonest token, a word or number of ASCII letters and digits: length, case
//! and letter runs found in one pass over its bytes.

use std::borrow::Cow;

use super::{squeeze, Kind, Token};

/// Byte classes of the ASCII word path: letter or digit, and which.
const DIGIT: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
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

/// The ASCII word or number at the start of `rest`: `word_len` then `make` without decoding a character, for words
/// of ASCII letters, digits and inner apostrophes that end at an ASCII byte. `None` hands anything else (a non-ASCII
/// letter, a decimal mark) to the general path.
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
    Some(ascii_token(text, Kind::Word))
}

/// The token of an ASCII word or hashtag, in one pass over its bytes: lower case, letter runs of three or more (in
/// any case) cut by `squeeze`, capitals.
pub(super) fn ascii_token(text: &str, kind: Kind) -> Token<'_> {
    let (mut seen, mut letters, mut run3) = (0u8, 0usize, false);
    // The last two bytes lower-cased when letters, else 0.
    let (mut last, mut before) = (0u8, 0u8);
    for &c in text.as_bytes() {
        let class = CLASS[usize::from(c)];
        seen |= class;
        let letter = if class & (UPPER | LOWER) != 0 { c | 0x20 } else { 0 };
        letters += usize::from(letter != 0);
        run3 |= letter != 0 && letter == last && letter == before;
        (before, last) = (last, letter);
    }
    let (norm, elongated) = if run3 {
        squeeze(text)
    } else if seen & UPPER != 0 {
        (Cow::Owned(text.to_ascii_lowercase()), false)
    } else {
        (Cow::Borrowed(text), false)
    };
    let caps = kind == Kind::Word && seen & LOWER == 0 && letters >= 2;
    Token { text, kind, norm, elongated, caps }
}
