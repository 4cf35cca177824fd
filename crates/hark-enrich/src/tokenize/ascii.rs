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

/// The ASCII word or number at the start of `rest`, its length and [`Shape`] read in one pass: `word_len` then
/// `make` without decoding a character, for words of ASCII letters, digits and inner apostrophes that end at an
/// ASCII byte. `None` hands anything else (a non-ASCII letter, a decimal mark) to the general path.
pub(super) fn ascii_word(rest: &str) -> Option<Token<'_>> {
    let b = rest.as_bytes();
    let (mut shape, mut end) = (Shape::default(), 0usize);
    while let Some(&c) = b.get(end) {
        if CLASS[usize::from(c)] == 0 {
            let next = b.get(end + 1).copied();
            match c {
                b'\'' if next.is_some_and(|n| n.is_ascii_alphabetic()) => {}
                b'\'' | b'.' | b',' if next.is_some_and(|n| !n.is_ascii()) => return None,
                b'.' | b',' if shape.seen == DIGIT && next.is_some_and(|n| n.is_ascii_digit()) => return None,
                _ if !c.is_ascii() => return None,
                _ => break,
            }
        }
        shape.push(c);
        end += 1;
    }
    let text = &rest[..end];
    if shape.seen & (UPPER | LOWER) == 0 {
        return Some(Token { text, kind: Kind::Number, norm: Cow::Borrowed(text), elongated: false, caps: false });
    }
    Some(shape.token(text, Kind::Word))
}

/// The token of an ASCII word or hashtag.
pub(super) fn ascii_token(text: &str, kind: Kind) -> Token<'_> {
    let mut shape = Shape::default();
    text.bytes().for_each(|c| shape.push(c));
    shape.token(text, kind)
}

/// What an ASCII word's bytes say of its case and letter runs, byte by byte. Its methods are always inlined: not
/// inlined into the word loop, they cost 2% more instructions per enrichment pass (callgrind).
#[derive(Default)]
struct Shape {
    /// The classes seen.
    seen: u8,
    letters: usize,
    /// Three equal letters in a row, whatever their case.
    run3: bool,
    /// The last two bytes lower-cased when letters, else 0.
    last: u8,
    before: u8,
}

impl Shape {
    #[inline(always)]
    fn push(&mut self, c: u8) {
        let class = CLASS[usize::from(c)];
        self.seen |= class;
        let letter = if class & (UPPER | LOWER) != 0 { c | 0x20 } else { 0 };
        self.letters += usize::from(letter != 0);
        self.run3 |= letter != 0 && letter == self.last && letter == self.before;
        (self.before, self.last) = (self.last, letter);
    }

    /// The token: lower case, letter runs of three or more cut by `squeeze`, capitals.
    #[inline(always)]
    fn token(self, text: &str, kind: Kind) -> Token<'_> {
        let (norm, elongated) = if self.run3 {
            squeeze(text)
        } else if self.seen & UPPER != 0 {
            (Cow::Owned(text.to_ascii_lowercase()), false)
        } else {
            (Cow::Borrowed(text), false)
        };
        let caps = kind == Kind::Word && self.seen & LOWER == 0 && self.letters >= 2;
        Token { text, kind, norm, elongated, caps }
    }
}
