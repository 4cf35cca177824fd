//! The slow, obviously-correct evaluator: walks the AST over every token, computing every span. The compiled
//! [`Matcher`](super::Matcher) must agree with it (property tests, the bench's sample check).
//!
//! Semantics: a term matches a token of the same kind (a plain word also matches emoji and hashtag/handle
//! bodies, never URLs), on its whole normalised text or on it without a possessive `'s`. Positions run through
//! the title, then, after a gap wider than any distance, the text: phrases and NEAR never straddle the two.
//! A span is the first and last position an operand covers; `a NEAR/n b` needs a span of each, not overlapping,
//! with at most `n` positions between them (`NEAR/nf`: a's before b's). `"w1..wk"~n` needs the k words at
//! distinct positions within a window of k + n positions, any order. A phrase of plain words also matches the
//! hashtag or handle of its words run together (`"acme corp"`: *#AcmeCorp*, [`run_together`]).

use super::ast::{run_together, Expr, Term};
use super::meta::meta_matches;
use super::text::{normalize, possessive_base, tokenize, Token};
use super::{Doc, MatchOptions, Query, MAX_DISTANCE};

/// Where the text's positions start after `title_len` title tokens.
pub(crate) fn text_base(title_len: usize) -> u32 {
    u32::try_from(title_len).unwrap_or(u32::MAX / 2).saturating_add(2 * MAX_DISTANCE + 10)
}

/// A doc's tokens with their positions; `title_len` of them come from the title.
pub(crate) struct DocTokens<'a> {
    /// Tokens in order: title, then text.
    pub tokens: Vec<(u32, Token<'a>)>,
    /// How many of them are the title's.
    pub title_len: usize,
}

impl<'a> DocTokens<'a> {
    /// Tokenizes title and text.
    pub(crate) fn new(doc: &Doc<'a>, fold: bool) -> DocTokens<'a> {
        let title = doc.title.map(|t| tokenize(t, true, fold, false)).unwrap_or_default();
        let title_len = title.len();
        let text = tokenize(doc.text, true, fold, false);
        let mut tokens = Vec::with_capacity(title_len + text.len());
        tokens.extend(title.into_iter().zip(0..).map(|(t, p)| (p, t)));
        tokens.extend(text.into_iter().zip(text_base(title_len)..).map(|(t, p)| (p, t)));
        DocTokens { tokens, title_len }
    }
}

/// `*` any run of chars, `?` exactly one; recursive, for clarity.
fn glob(pattern: &[char], text: &[char]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some(('*', rest)) => (0..=text.len()).any(|i| glob(rest, &text[i..])),
        Some(('?', rest)) => !text.is_empty() && glob(rest, &text[1..]),
        Some((c, rest)) => text.first() == Some(c) && glob(rest, &text[1..]),
    }
}

/// Whether `term` matches `token`.
pub(crate) fn term_matches(term: &Term, token: &Token, fold: bool) -> bool {
    if !term.kind.accepts(token.kind) {
        return false;
    }
    let lower = !term.case_sensitive;
    let pattern: Vec<char> = normalize(&term.text, lower, fold).chars().collect();
    let text = if lower { token.text.to_string() } else { normalize(token.raw, false, fold).into_owned() };
    let matches = |s: &str| glob(&pattern, &s.chars().collect::<Vec<_>>());
    matches(&text) || possessive_base(&text).is_some_and(matches)
}

/// The positions of the tokens among `tokens` that `term` matches.
pub(crate) fn positions(term: &Term, tokens: &[(u32, Token)], fold: bool) -> Vec<u32> {
    tokens.iter().filter(|(_, tok)| term_matches(term, tok, fold)).map(|(p, _)| *p).collect()
}

/// The spans (one token each) of the hashtags and handles a phrase's words run together into ([`run_together`]).
pub(crate) fn tag_spans(words: &[Term], tokens: &[(u32, Token)], fold: bool) -> Vec<(u32, u32)> {
    run_together(words).iter().flatten().flat_map(|tag| positions(tag, tokens, fold)).map(|p| (p, p)).collect()
}

/// Every span `(first, last)` of a positional expression among `tokens`.
pub(crate) fn spans(e: &Expr, tokens: &[(u32, Token)], fold: bool) -> Vec<(u32, u32)> {
    match e {
        Expr::Term(t) => positions(t, tokens, fold).into_iter().map(|p| (p, p)).collect(),
        Expr::Phrase { words, slop } => {
            let per_word: Vec<Vec<u32>> = words.iter().map(|w| positions(w, tokens, fold)).collect();
            let mut out = Vec::new();
            assignments(&per_word, &mut Vec::new(), &mut |chosen| {
                let (lo, hi) = (chosen.iter().min().copied(), chosen.iter().max().copied());
                let (Some(lo), Some(hi)) = (lo, hi) else { return };
                let fits = match slop {
                    None => chosen.iter().zip(0..).all(|(p, i)| *p == chosen[0] + i),
                    Some(n) => u64::from(hi - lo) < words.len() as u64 + u64::from(*n),
                };
                if fits {
                    out.push((lo, hi));
                }
            });
            out.extend(tag_spans(words, tokens, fold));
            out
        }
        Expr::Or(children) => children.iter().flat_map(|c| spans(c, tokens, fold)).collect(),
        Expr::Near { left, right, distance, ordered } => {
            let (ls, rs) = (spans(left, tokens, fold), spans(right, tokens, fold));
            let mut out = Vec::new();
            for &(s1, e1) in &ls {
                for &(s2, e2) in &rs {
                    let gap = if e1 < s2 {
                        Some(s2 - e1 - 1)
                    } else if e2 < s1 && !ordered {
                        Some(s1 - e2 - 1)
                    } else {
                        None
                    };
                    if gap.is_some_and(|g| g <= *distance) {
                        out.push((s1.min(s2), e1.max(e2)));
                    }
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// Calls `f` with every choice of one position per word, positions distinct.
pub(super) fn assignments(per_word: &[Vec<u32>], chosen: &mut Vec<u32>, f: &mut dyn FnMut(&[u32])) {
    let Some((first, rest)) = per_word.split_first() else {
        f(chosen);
        return;
    };
    for &p in first {
        if !chosen.contains(&p) {
            chosen.push(p);
            assignments(rest, chosen, f);
            chosen.pop();
        }
    }
}

/// Whether `e` matches, looking only at `tokens` (all, or the title's).
fn eval(e: &Expr, tokens: &[(u32, Token)], title: &[(u32, Token)], doc: &Doc, fold: bool) -> bool {
    match e {
        Expr::Term(_) | Expr::Phrase { .. } | Expr::Near { .. } => !spans(e, tokens, fold).is_empty(),
        Expr::And(cs) => cs.iter().all(|c| eval(c, tokens, title, doc, fold)),
        Expr::Or(cs) => cs.iter().any(|c| eval(c, tokens, title, doc, fold)),
        Expr::Not(inner) => !eval(inner, tokens, title, doc, fold),
        Expr::Title(inner) => eval(inner, title, title, doc, fold),
        Expr::Meta(field, value) => meta_matches(*field, value, doc),
    }
}

/// Whether `query` matches `doc`: the slow reference semantics.
pub fn reference_matches(query: &Query, doc: &Doc, options: MatchOptions) -> bool {
    let dt = DocTokens::new(doc, options.fold_accents);
    eval(query.expr(), &dt.tokens, &dt.tokens[..dt.title_len], doc, options.fold_accents)
}
