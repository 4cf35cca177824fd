//! The features of the learned layer: stemmed unigrams (marked inside a negation's scope), bigrams, emoji and
//! emoticons, punctuation and capitals, and the rule-based scores. One extractor serves training (names kept for the
//! model file) and scoring (names only hashed, no allocation per feature).

use super::emotion::cue;
use super::lexicon::{base_emoji, is_negation};
use super::rules::RuleScores;
use super::tokenize::{Kind, Token};

/// A feature id: the 64-bit FNV-1a hash of its name.
pub type FeatureId = u64;

/// A `HashMap` with [`FastHash`]: the lexicons, stop words and model rows are looked up per token, where std's
/// SipHash (DoS-resistant, unneeded for fixed built-in keys) costs more than the lookup itself.
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHash>>;

/// FxHash (rustc's multiply-rotate hash, eight bytes at a time): fast on short strings and on ids that are hashes.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHash(u64);

impl FastHash {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for FastHash {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let mut tail = 0u64;
        for (i, b) in chunks.remainder().iter().enumerate() {
            tail |= u64::from(*b) << (8 * i);
        }
        self.add(tail);
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Where features go: a scorer keeps ids, a trainer keeps names too.
pub trait Sink {
    /// Receives one feature, its name given in parts to be concatenated.
    fn put(&mut self, parts: &[&str], value: f32);
}

/// Hashes a feature name given in parts, equal to hashing the concatenation.
pub fn hash_parts(parts: &[&str]) -> FeatureId {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A sink that keeps hashed ids and values.
impl Sink for Vec<(FeatureId, f32)> {
    fn put(&mut self, parts: &[&str], value: f32) {
        self.push((hash_parts(parts), value));
    }
}

/// A sink that keeps names and values, for training.
impl Sink for Vec<(String, f32)> {
    fn put(&mut self, parts: &[&str], value: f32) {
        self.push((parts.concat(), value));
    }
}

/// Emits the features of one English text: `stems` is aligned with `tokens` (`stem::Stemmers::stem_all`).
pub fn extract(tokens: &[Token<'_>], stems: &[Option<String>], rules: &RuleScores, sink: &mut impl Sink) {
    sink.put(&["_bias"], 1.0);
    sink.put(&["_compound"], rules.compound);
    sink.put(&["_cpos"], rules.compound.max(0.0));
    sink.put(&["_cneg"], (-rules.compound).max(0.0));
    sink.put(&["_pos"], rules.pos);
    sink.put(&["_neg"], rules.neg);
    let mut negated = 0u8;
    let mut prev: Option<&str> = None;
    let (mut caps, mut bang, mut question, mut url) = (false, 0usize, 0usize, false);
    for (t, stem) in tokens.iter().zip(stems) {
        match t.kind {
            Kind::Word | Kind::Hashtag => {
                let Some(s) = stem.as_deref() else { continue };
                sink.put(&[if negated > 0 { "n:" } else { "u:" }, s], 1.0);
                if let Some(e) = cue(t.norm.trim_start_matches('#')) {
                    sink.put(&[if negated > 0 { "_ncue:" } else { "_cue:" }, e], 1.0);
                }
                if let Some(p) = prev {
                    sink.put(&["b:", p, " ", s], 1.0);
                }
                prev = Some(s);
                caps |= t.caps;
                negated = if is_negation(&t.norm) { 3 } else { negated.saturating_sub(1) };
            }
            Kind::Emoji => sink.put(&["e:", &base_emoji(t.text)], 1.0),
            Kind::Emoticon if t.norm.bytes().any(|b| b.is_ascii_uppercase()) => {
                sink.put(&["e:", &t.norm.to_lowercase()], 1.0)
            }
            Kind::Emoticon => sink.put(&["e:", &t.norm], 1.0),
            Kind::Punct => {
                bang = bang.max(t.text.matches('!').count());
                question = question.max(t.text.matches('?').count());
                if matches!(t.text.chars().next(), Some('.' | ',' | ';' | ':' | '!' | '?')) {
                    negated = 0;
                    prev = None;
                }
            }
            Kind::Url => url = true,
            Kind::Number | Kind::Handle | Kind::Placeholder => {}
        }
    }
    if caps {
        sink.put(&["_caps"], 1.0);
    }
    if bang > 0 {
        sink.put(&[if bang > 1 { "_bang2" } else { "_bang" }], 1.0);
    }
    if question > 0 {
        sink.put(&[if question > 1 { "_q2" } else { "_q" }], 1.0);
    }
    if url {
        sink.put(&["_url"], 1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::Lexicon;
    use super::super::rules::score;
    use super::super::stem::Stemmers;
    use super::super::tokenize::tokenize;
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        let stems = Stemmers::new().stem_all(Some("en"), &toks);
        let mut out: Vec<(String, f32)> = Vec::new();
        extract(&toks, &stems, &score(&Lexicon::new(), &toks), &mut out);
        out.into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn negation_scope_bigrams_and_signals() {
        let n = names("I don't like waiting. Loved it!!! 😍 http://x.co");
        for want in ["u:i", "u:don't", "n:like", "n:wait", "u:love", "b:like wait", "e:😍", "_bang2", "_url"] {
            assert!(n.iter().any(|x| x == want), "{want} missing from {n:?}");
        }
        assert!(!n.iter().any(|x| x == "b:wait love"));
    }

    #[test]
    fn hashed_and_named_agree() {
        let toks = tokenize("good stuff");
        let stems = Stemmers::new().stem_all(Some("en"), &toks);
        let rules = RuleScores::default();
        let mut named: Vec<(String, f32)> = Vec::new();
        let mut hashed: Vec<(FeatureId, f32)> = Vec::new();
        extract(&toks, &stems, &rules, &mut named);
        extract(&toks, &stems, &rules, &mut hashed);
        let rehashed: Vec<FeatureId> = named.iter().map(|(n, _)| hash_parts(&[n])).collect();
        assert_eq!(rehashed, hashed.iter().map(|(h, _)| *h).collect::<Vec<_>>());
    }
}
