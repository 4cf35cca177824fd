//! The spellings of personal data that the patterns would not see, folded to the ASCII they stand for before the
//! search: no-break and thin spaces between digit groups (French and banking-app numbers, `&#160;` in HTML),
//! non-breaking hyphens, full-width forms (`０９０-１２３４-５６７８`, `ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ`, which
//! Japanese and Chinese keyboards type), Arabic-Indic and Persian digits (`٠١٠٠١٢٣٤٥٦٧`, `۰۹۱۲۳۴۵۶۷۸۹`, as Arabic
//! and Persian posts write numbers), and a percent-encoded `@` (`?email=jane%40example.com`, as unsubscribe
//! links carry it). The search runs on the folded copy; each finding is mapped back to the bytes it covers in the
//! text, so only what is replaced changes.

/// The ASCII a character is read as, if it is folded.
fn ascii_of(c: char) -> Option<u8> {
    match c {
        '\u{A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' => Some(b' '),
        '\u{2010}' | '\u{2011}' | '\u{2012}' => Some(b'-'),
        '\u{0660}'..='\u{0669}' => Some(b'0' + (u32::from(c) - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => Some(b'0' + (u32::from(c) - 0x06F0) as u8),
        _ => crate::tokenize::fullwidth_ascii(c).and_then(|a| u8::try_from(a).ok()),
    }
}

/// A text with its folded spellings made ASCII, and where each of its bytes came from.
pub(super) struct Folded {
    /// The folded text.
    pub(super) text: String,
    /// For each byte offset of `text` (and its end), the offset in the original text.
    from: Vec<usize>,
}

impl Folded {
    /// The folded copy of `text`, or `None` when nothing in it folds (most posts: ASCII without `%40`, found by
    /// vectorised byte searches; a substring searcher would cost more to build than the search).
    pub(super) fn of(text: &str) -> Option<Folded> {
        let bytes = text.as_bytes();
        let percent = memchr::memchr_iter(b'%', bytes).any(|i| bytes[i + 1..].starts_with(b"40"));
        // The folded characters' UTF-8, read off the bytes (curly quotes and emoji, frequent, share lead bytes with
        // them): C2 A0; E2 80 87/89/90/91/92/AF; EF BC 81..EF BD 9E; Arabic-Indic digits D9 A0..A9, Persian ones
        // DB B0..B9.
        let wide = !text.is_ascii()
            && (memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).any(|i| match bytes[i..] {
                [0xC2, 0xA0, ..] => true,
                [0xE2, 0x80, 0x87 | 0x89 | 0x90 | 0x91 | 0x92 | 0xAF, ..] => true,
                [0xEF, 0xBC, b, ..] => b >= 0x81,
                [0xEF, 0xBD, b, ..] => b <= 0x9E,
                _ => false,
            }) || memchr::memchr2_iter(0xD9, 0xDB, bytes)
                .any(|i| matches!(bytes[i..], [0xD9, 0xA0..=0xA9, ..] | [0xDB, 0xB0..=0xB9, ..])));
        if !percent && !wide {
            return None;
        }
        let mut folded = Folded { text: String::with_capacity(text.len()), from: Vec::with_capacity(text.len() + 1) };
        let mut rest = text.char_indices().peekable();
        while let Some((at, c)) = rest.next() {
            if c == '%' && text[at..].starts_with("%40") {
                folded.push(b'@', at);
                rest.nth(1);
            } else if let Some(b) = ascii_of(c) {
                folded.push(b, at);
            } else {
                folded.text.push(c);
                folded.from.extend(at..at + c.len_utf8());
            }
        }
        folded.from.push(text.len());
        Some(folded)
    }

    fn push(&mut self, b: u8, at: usize) {
        self.text.push(char::from(b));
        self.from.push(at);
    }

    /// The original byte range of the folded range `start..end`.
    pub(super) fn original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.from[start], self.from[end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        assert!(Folded::of("plain ascii, 50% off").is_none());
        assert!(Folded::of("café — ünïcödé… it’s ❤️ 😀 ｶ").is_none());
        assert!(Folded::of("هذا رائع ۔ ٪").is_none(), "Arabic letters and signs fold nothing");
        // The byte check sees exactly the characters that fold.
        for c in '\u{80}'..='\u{FFFF}' {
            assert_eq!(Folded::of(&format!("a{c}b")).is_some(), ascii_of(c).is_some(), "{c:?}");
        }
        let text = "tel\u{A0}０９０-１２ mail a%40b.io";
        let f = Folded::of(text).expect("folds");
        assert_eq!(f.text, "tel 090-12 mail a@b.io");
        let at = f.text.find("090").expect("digits");
        let (s, e) = f.original(at, at + 3);
        assert_eq!(&text[s..e], "０９０");
        let at = f.text.find("a@b.io").expect("address");
        let (s, e) = f.original(at, at + "a@b.io".len());
        assert_eq!(&text[s..e], "a%40b.io");
        assert_eq!(f.original(f.text.len(), f.text.len()), (text.len(), text.len()));
    }
}
