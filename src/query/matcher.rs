//! `Matcher`: all brand queries compiled once; per mention, one Aho-Corasick pass decides which queries can
//! match, and only those are evaluated (on tokens computed once, only if some query needs them).

use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::compile::{Compiler, Node, Req};
use super::eval::Ctx;
use super::explain::{explain, Explanation};
use super::text::{is_accent, normalize};
use super::{Doc, Expr, MatchOptions, Query};
use hark_enrich::tokenize::fullwidth_ascii;

/// Many queries compiled into one prefilter and one program each.
#[derive(Debug)]
pub struct Matcher {
    options: MatchOptions,
    compiler: Compiler,
    programs: Vec<(Node, Req)>,
    /// Per query, literals one of which it needs (empty: always evaluated): one AND with the hits rejects
    /// most queries before walking `Req`.
    masks: Vec<Vec<u64>>,
    exprs: Vec<Expr>,
    prefilter: Option<AhoCorasick>,
}

impl Matcher {
    /// Compiles `queries`; [`Matcher::matches`] returns indices into this slice.
    pub fn new(queries: &[&Query], options: MatchOptions) -> Matcher {
        let mut compiler = Compiler { fold: options.fold_accents, ..Compiler::default() };
        let programs: Vec<(Node, Req)> = queries.iter().map(|q| compiler.compile(q.expr(), false)).collect();
        let lens: Vec<usize> = compiler.literals.iter().map(String::len).collect();
        let masks = programs
            .iter()
            .map(|(_, req)| {
                let mut mask = Vec::new();
                for i in req.must(&lens).unwrap_or_default() {
                    if mask.len() <= i / 64 {
                        mask.resize(i / 64 + 1, 0u64);
                    }
                    mask[i / 64] |= 1 << (i % 64);
                }
                mask
            })
            .collect();
        // Overlapping search needs standard semantics; the DFA is the fastest kind for a few hundred literals.
        // Building only fails past size limits: then every query is evaluated (slower, still correct).
        let prefilter = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&compiler.literals)
            .or_else(|_| AhoCorasick::builder().ascii_case_insensitive(true).build(&compiler.literals))
            .ok();
        let exprs = queries.iter().map(|q| q.expr().clone()).collect();
        Matcher { options, compiler, programs, masks, exprs, prefilter }
    }

    /// Indices (ascending) of the queries that match `doc`.
    pub fn matches(&self, doc: &Doc) -> Vec<usize> {
        let mut hits = Vec::new();
        if self.prefilter.is_some() {
            if let Some(title) = doc.title {
                self.scan(title, &mut hits);
            }
            self.scan(doc.text, &mut hits);
        } else {
            hits = vec![u64::MAX; self.compiler.literals.len().div_ceil(64)];
        }
        let mut ctx: Option<Ctx> = None;
        let mut out = Vec::new();
        for (i, ((node, req), mask)) in self.programs.iter().zip(&self.masks).enumerate() {
            let possible = mask.is_empty() || mask.iter().zip(&hits).any(|(m, h)| m & h != 0);
            if !possible || !req.eval(&hits) {
                continue;
            }
            let ctx = ctx.get_or_insert_with(|| Ctx::new(&self.compiler.patterns, *doc, self.options.fold_accents));
            if ctx.eval(node, false) {
                out.push(i);
            }
        }
        out
    }

    /// Sets the bits of the literals found in `s` (ASCII case-insensitively; normalised first if that could
    /// make ASCII the raw text lacks).
    fn scan(&self, s: &str, hits: &mut Vec<u64>) {
        let Some(ac) = &self.prefilter else { return };
        let normalized;
        let hay = if s.is_ascii() || !needs_normalizing(s, self.options.fold_accents) {
            s
        } else {
            normalized = normalize(s, true, self.options.fold_accents);
            &*normalized
        };
        let bytes = hay.as_bytes();
        let input = Input::new(hay);
        let mut state = OverlappingState::start();
        loop {
            ac.find_overlapping(input.clone(), &mut state);
            let Some(m) = state.get_match() else { break };
            let lit = m.pattern().as_usize();
            let at_start = self.compiler.literal_at_start.get(lit).copied().unwrap_or(false);
            if at_start && m.start() > 0 && bytes.get(m.start() - 1).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            if hits.is_empty() {
                hits.resize(self.compiler.literals.len().div_ceil(64), 0);
            }
            if let Some(word) = hits.get_mut(lit / 64) {
                *word |= 1 << (lit % 64);
            }
        }
    }

    /// Which terms of query `query` occur in `doc`, where, and whether the query matches.
    pub fn explain(&self, query: usize, doc: &Doc) -> Explanation {
        let matched = self.programs.get(query).is_some_and(|(node, _)| {
            Ctx::new(&self.compiler.patterns, *doc, self.options.fold_accents).eval(node, false)
        });
        match self.exprs.get(query) {
            Some(e) => explain(query, e, matched, doc, self.options),
            None => Explanation { query, matched: false, hits: Vec::new() },
        }
    }

    /// The distinct prefilter literals (for diagnostics and the bench).
    pub fn literal_count(&self) -> usize {
        self.compiler.literals.len()
    }
}

/// Whether normalising `s` (see [`normalize`]) can produce ASCII its raw form lacks, which the prefilter would
/// miss: curly apostrophes, the Kelvin sign, a dotted capital I, full-width ASCII, a variation selector after an
/// ASCII letter, and with accent folding a precomposed Latin letter or the Ångström sign (`é` folds to `e`) and a
/// combining accent after an ASCII letter (`Citroe\u{308}n` folds to `Citroen`, which the raw bytes split; other
/// scripts fold to no ASCII). Emoji alone do not: such text is scanned raw.
fn needs_normalizing(s: &str, fold: bool) -> bool {
    let mut prev_ascii_alnum = false;
    for c in s.chars() {
        if !c.is_ascii() {
            let hit = matches!(c, '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{212a}' | '\u{0130}')
                || fullwidth_ascii(c).is_some()
                || (prev_ascii_alnum && matches!(c, '\u{fe0e}' | '\u{fe0f}'))
                || (fold && matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{212b}'))
                || (fold && prev_ascii_alnum && is_accent(c));
            if hit {
                return true;
            }
        }
        prev_ascii_alnum = c.is_ascii_alphanumeric();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_scan_is_safe_for_emoji_only() {
        assert!(!needs_normalizing("love 🚀❤️ acme", false) && !needs_normalizing("café 🚀", false));
        assert!(needs_normalizing("acme’s", false) && needs_normalizing("\u{212a}", false));
        assert!(needs_normalizing("ac\u{fe0f}me", false) && needs_normalizing("café", true));
        assert!(!needs_normalizing("🚀 acme", true));
    }

    #[test]
    fn prefilter_finds_literals_behind_normalisation() {
        let q = Query::parse("acme's OR kelvin OR cafe").expect("parses");
        let strict = Matcher::new(&[&q], MatchOptions::default());
        assert_eq!(strict.matches(&Doc::new("ACME’S 🚀")), [0]);
        assert_eq!(strict.matches(&Doc::new("\u{212a}ELVIN")), [0]);
        assert!(strict.matches(&Doc::new("café")).is_empty());
        let folding = Matcher::new(&[&q], MatchOptions { fold_accents: true });
        assert_eq!(folding.matches(&Doc::new("CAFÉ 🚀")), [0]);
        assert!(strict.matches(&Doc::new("xacme's")).is_empty());
        // Decomposed text, whose accent splits the word's ASCII until folding drops it (macOS input, some feeds).
        let q = Query::parse("citroen OR muller OR angstrom").expect("parses");
        let folding = Matcher::new(&[&q], MatchOptions { fold_accents: true });
        for text in ["Citroe\u{308}n", "Mu\u{308}ller", "Mu\u{34f}ller", "\u{212b}ngstrom"] {
            assert_eq!(folding.matches(&Doc::new(text)), [0], "{text:?}");
        }
        assert!(needs_normalizing("Citroe\u{308}n", true) && !needs_normalizing("Citroe\u{308}n", false));
    }
}
