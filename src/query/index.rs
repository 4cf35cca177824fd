//! Per-mention token lookup: term patterns tested against tokens, and an index that tests only the tokens
//! starting like a pattern's literal prefix.

use std::borrow::Cow;

use super::compile::Pattern;
use super::reference::{text_base, DocTokens};
use super::text::{normalize, possessive_base, Token, TokenKind};
use super::Doc;

/// `*` any run, `?` one item: iterative, backtracking to the last `*` only.
fn glob<T: PartialEq + Copy>(p: &[T], t: &[T], star: T, one: T) -> bool {
    let (mut pi, mut ti, mut back) = (0, 0, None);
    while ti < t.len() {
        if pi < p.len() && p[pi] == star {
            back = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && (p[pi] == one || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if let Some((bp, bt)) = back {
            pi = bp + 1;
            ti = bt + 1;
            back = Some((bp, bt + 1));
        } else {
            return false;
        }
    }
    p[pi.min(p.len())..].iter().all(|c| *c == star)
}

fn word_matches(p: &Pattern, s: &str) -> bool {
    if !p.wildcard {
        s == p.text
    } else if s.is_ascii() && p.text.is_ascii() {
        glob(p.text.as_bytes(), s.as_bytes(), b'*', b'?')
    } else {
        let (pc, sc): (Vec<char>, Vec<char>) = (p.text.chars().collect(), s.chars().collect());
        glob(&pc, &sc, '*', '?')
    }
}

/// Whether pattern `p` matches token `t` (whole text, or text without a possessive `'s`).
fn pattern_matches(p: &Pattern, t: &Token, fold: bool) -> bool {
    let kind_ok = p.kind.accepts(t.kind);
    let text: Cow<str> = if p.case_sensitive { normalize(t.raw, false, fold) } else { Cow::Borrowed(&t.text) };
    kind_ok && (word_matches(p, &text) || possessive_base(&text).is_some_and(|b| word_matches(p, b)))
}

/// A mention's tokens with their texts (and possessive bases) bucketed by first byte, so a pattern tests only
/// the tokens that start like its literal prefix. Buckets keep token order, so positions come out sorted.
pub(crate) struct Indexed<'d> {
    tokens: DocTokens<'d>,
    /// First position of the text (after the title).
    pub base: u32,
    /// (token index, key is the possessive base), grouped by the key's first byte; URLs left out.
    index: Vec<(usize, bool)>,
    /// `index[bucket[b]..bucket[b + 1]]` holds the keys starting with byte `b`.
    bucket: Vec<u32>,
}

impl<'d> Indexed<'d> {
    pub(crate) fn new(doc: &Doc<'d>, fold: bool) -> Indexed<'d> {
        let tokens = DocTokens::new(doc, fold);
        let mut entries = Vec::with_capacity(tokens.tokens.len() + 4);
        for (i, (_, t)) in tokens.tokens.iter().enumerate() {
            if t.kind != TokenKind::Url {
                entries.push((i, false));
                if possessive_base(&t.text).is_some() {
                    entries.push((i, true));
                }
            }
        }
        let first = |e: (usize, bool)| key(&tokens, e).as_bytes().first().copied().map_or(0, usize::from);
        let mut bucket = vec![0u32; 257];
        for &e in &entries {
            bucket[first(e) + 1] += 1;
        }
        for b in 1..bucket.len() {
            bucket[b] += bucket[b - 1];
        }
        let mut fill = bucket.clone();
        let mut index = vec![(0, false); entries.len()];
        for &e in &entries {
            let slot = &mut fill[first(e)];
            index[*slot as usize] = e;
            *slot += 1;
        }
        Indexed { base: text_base(tokens.title_len), tokens, index, bucket }
    }

    /// Sorted positions of the tokens `p` matches.
    pub(crate) fn lookup(&self, p: &Pattern, fold: bool) -> Vec<u32> {
        let tokens = &self.tokens.tokens;
        let prefix = p.literal_prefix();
        let Some(&b) = prefix.as_bytes().first().filter(|_| !p.case_sensitive) else {
            return tokens.iter().filter(|(_, t)| pattern_matches(p, t, fold)).map(|(pos, _)| *pos).collect();
        };
        let (from, to) = (self.bucket[usize::from(b)] as usize, self.bucket[usize::from(b) + 1] as usize);
        let mut out = Vec::new();
        for &e in self.index.get(from..to).unwrap_or_default() {
            let k = key(&self.tokens, e);
            let Some((pos, t)) = tokens.get(e.0) else { continue };
            if p.kind.accepts(t.kind) && k.starts_with(prefix) && word_matches(p, k) {
                out.push(*pos);
            }
        }
        out.dedup();
        out
    }
}

/// The index key of entry `(i, base)`.
fn key<'a>(tokens: &'a DocTokens, (i, base): (usize, bool)) -> &'a str {
    let text = tokens.tokens.get(i).map_or("", |(_, t)| &*t.text);
    if base {
        possessive_base(text).unwrap_or(text)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iterative_glob() {
        let g = |p: &str, t: &str| glob(p.as_bytes(), t.as_bytes(), b'*', b'?');
        assert!(g("acme*", "acme") && g("acme*", "acmecorp") && g("a*e", "acme") && g("a?me", "acme"));
        assert!(g("a*c*e", "abcde") && g("*", "") && g("a**", "a"));
        assert!(!g("acme*", "acm") && !g("a?me", "ame") && !g("a*e", "acmes") && !g("", "a"));
    }
}
