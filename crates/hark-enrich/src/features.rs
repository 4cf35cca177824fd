//! The features of the learned layer: stemmed unigrams (marked inside a negation's scope), bigrams, emoji and
//! emoticons, punctuation and capitals, and the rule-based scores. One extractor serves training (names kept for the
//! model file) and scoring (names only hashed, no allocation per feature).

use super::emotion::{cue, emoji_cue};
use super::lexicon::{affirms, base_emoji, is_filler, is_negation};
use super::rules::RuleScores;
use super::tokenize::{ends_clause, Kind, Token};

/// A feature id: the 64-bit FNV-1a hash of its name.
pub type FeatureId = u64;

/// A `HashMap` with rustc's FxHash: the lexicons, stop words and model rows are looked up per token, where std's
/// SipHash (DoS-resistant, unneeded for these fixed built-in keys) costs more than the lookup itself. Keys that come
/// from posts use a randomly keyed hash instead (`facts`).
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Where features go: a scorer keeps ids, a trainer keeps names too.
pub trait Sink {
    /// Receives one feature, its name given in parts to be concatenated.
    fn put(&mut self, parts: &[&str], value: f32);
}

/// Hashes a feature name given in parts, equal to hashing the concatenation.
pub fn hash_parts(parts: &[&str]) -> FeatureId {
    parts.iter().fold(FNV_START, |h, p| hash_more(h, p))
}

/// FNV-1a's starting state.
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Continues an FNV-1a hash with more text: `hash_more(hash_parts(&[a]), b) == hash_parts(&[a, b])`, which lets a
/// scorer keep a word's `b:{stem} ` state and finish each bigram with the next stem.
pub(crate) fn hash_more(mut h: u64, part: &str) -> u64 {
    for b in part.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
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

/// The text-level features, in the order the walk emits them: the rule scores first, the signals last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dense {
    /// Always 1.
    Bias,
    /// The VADER-rule compound.
    Compound,
    /// The compound when positive, else 0.
    CompoundPos,
    /// Minus the compound when negative, else 0.
    CompoundNeg,
    /// VADER's positive share.
    Pos,
    /// VADER's negative share.
    Neg,
    /// A word in capitals.
    Caps,
    /// An exclamation mark.
    Bang,
    /// A run of two or more exclamation marks (with `Bang`).
    Bang2,
    /// A question mark.
    Question,
    /// A run of two or more question marks (with `Question`).
    Question2,
    /// A link.
    Url,
}

impl Dense {
    /// Every dense feature.
    pub const ALL: [Dense; 12] = [
        Dense::Bias,
        Dense::Compound,
        Dense::CompoundPos,
        Dense::CompoundNeg,
        Dense::Pos,
        Dense::Neg,
        Dense::Caps,
        Dense::Bang,
        Dense::Bang2,
        Dense::Question,
        Dense::Question2,
        Dense::Url,
    ];

    /// The feature's name in the model file.
    pub fn name(self) -> &'static str {
        ["_bias", "_compound", "_cpos", "_cneg", "_pos", "_neg", "_caps", "_bang", "_bang2", "_q", "_q2", "_url"]
            [self as usize]
    }
}

/// One step of the walk over a text's tokens (indices into them), in the model's feature order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Step {
    /// A text-level feature and its value.
    Dense(Dense, f32),
    /// A word or hashtag with a stem: its unigram (`u:` or, inside a negation's scope, `n:`), its emotion cue if it
    /// has one (`_cue:` / `_ncue:`), and its bigram with the previous word of the clause (`b:`), in that order.
    Word { token: usize, negated: bool, prev: Option<usize> },
    /// An emoji or emoticon (`e:`), and its emotion cue if it has one (`_cue:`).
    Emoji { token: usize },
}

/// Where a walk's steps go: training names features (any closure will do), a scorer adds weight rows. A trait
/// rather than a closure so that a scorer's step, its method always inlined, is compiled into the walk's loop: the
/// compiler left the scorer's closure out of line, a call per word.
pub(crate) trait Walker {
    /// Takes one step.
    fn step(&mut self, step: Step);
}

impl<F: FnMut(Step)> Walker for F {
    fn step(&mut self, step: Step) {
        self(step);
    }
}

/// Walks one English text's tokens in the model's feature order, the one control flow behind training
/// ([`extract`]) and scoring (`scorer`): `has_stem(i)` says whether token `i` has a stem, `negation(i)` whether
/// it negates what follows. Inlined into its two callers: the scorer's steps are compiled into its loop, which the
/// compiler stopped doing on its own as the rules grew (cachegrind: 345 more instructions a text, walk out of line).
#[inline(always)]
pub(crate) fn walk(
    tokens: &[Token<'_>],
    rules: &RuleScores,
    has_stem: impl Fn(usize) -> bool,
    negation: impl Fn(usize) -> bool,
    mut walker: impl Walker,
) {
    walker.step(Step::Dense(Dense::Bias, 1.0));
    walker.step(Step::Dense(Dense::Compound, rules.compound));
    walker.step(Step::Dense(Dense::CompoundPos, rules.compound.max(0.0)));
    walker.step(Step::Dense(Dense::CompoundNeg, (-rules.compound).max(0.0)));
    walker.step(Step::Dense(Dense::Pos, rules.pos));
    walker.step(Step::Dense(Dense::Neg, rules.neg));
    let mut negated = 0u8;
    let mut prev: Option<usize> = None;
    let (mut caps, mut bang, mut question, mut url) = (false, 0usize, 0usize, false);
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Word | Kind::Hashtag => {
                if !has_stem(i) {
                    continue;
                }
                walker.step(Step::Word { token: i, negated: negated > 0, prev });
                prev = Some(i);
                caps |= t.caps;
                // A negation in an affirming idiom ("no doubt", "couldn't be happier") opens no scope.
                let opens = negation(i) && {
                    let norm = |k: usize| tokens.get(k).map_or("", |t| &*t.norm);
                    let previous = if i > 0 { norm(i - 1) } else { "" };
                    !affirms(previous, &t.norm, norm(i + 1), norm(i + 2), norm(i + 3))
                };
                // "a", "an" and "single" do not shorten the scope, as in the rules ("never had a single problem").
                negated = if opens {
                    3
                } else if negated > 0 && is_filler(&t.norm) {
                    negated
                } else {
                    negated.saturating_sub(1)
                };
            }
            Kind::Emoji | Kind::Emoticon => walker.step(Step::Emoji { token: i }),
            Kind::Punct => {
                let b = t.text.as_bytes();
                bang = bang.max(b.iter().filter(|c| **c == b'!').count());
                question = question.max(b.iter().filter(|c| **c == b'?').count());
                if ends_clause(t) {
                    negated = 0;
                    prev = None;
                }
            }
            Kind::Url => url = true,
            Kind::Number | Kind::Handle | Kind::Placeholder => {}
        }
    }
    if caps {
        walker.step(Step::Dense(Dense::Caps, 1.0));
    }
    // Cumulative: a run of two or more is one and more, so that more emphasis can only add to what one gives
    // ("good!!" scored below "good!" when the two were exclusive).
    if bang > 0 {
        walker.step(Step::Dense(Dense::Bang, 1.0));
    }
    if bang > 1 {
        walker.step(Step::Dense(Dense::Bang2, 1.0));
    }
    if question > 0 {
        walker.step(Step::Dense(Dense::Question, 1.0));
    }
    if question > 1 {
        walker.step(Step::Dense(Dense::Question2, 1.0));
    }
    if url {
        walker.step(Step::Dense(Dense::Url, 1.0));
    }
}

/// The name of an emoji or emoticon token's feature after `e:` (modifiers dropped, emoticons in lower case).
pub(crate) fn emoji_name<'t>(t: &'t Token<'_>) -> std::borrow::Cow<'t, str> {
    match t.kind {
        Kind::Emoticon if t.norm.bytes().any(|b| b.is_ascii_uppercase()) => t.norm.to_lowercase().into(),
        Kind::Emoticon => std::borrow::Cow::Borrowed(&*t.norm),
        _ => base_emoji(t.text),
    }
}

/// Emits the features of one English text by name: `stems` is aligned with `tokens` (`stem::Stemmers::stem_all`).
/// Training uses this; scoring (`scorer`) walks the same steps straight into the weight rows.
pub fn extract(tokens: &[Token<'_>], stems: &[Option<String>], rules: &RuleScores, sink: &mut impl Sink) {
    let negation = |i: usize| is_negation(&tokens[i].norm);
    walk(
        tokens,
        rules,
        |i| stems[i].is_some(),
        negation,
        |step| match step {
            Step::Dense(d, v) => sink.put(&[d.name()], v),
            Step::Word { token, negated, prev } => {
                let s = stems[token].as_deref().unwrap_or_default();
                sink.put(&[if negated { "n:" } else { "u:" }, s], 1.0);
                if let Some(e) = cue(tokens[token].norm.trim_start_matches('#')) {
                    sink.put(&[if negated { "_ncue:" } else { "_cue:" }, e], 1.0);
                }
                if let Some(p) = prev.and_then(|p| stems[p].as_deref()) {
                    sink.put(&["b:", p, " ", s], 1.0);
                }
            }
            Step::Emoji { token } => {
                let name = emoji_name(&tokens[token]);
                sink.put(&["e:", &name], 1.0);
                if let Some(e) = emoji_cue(&name) {
                    sink.put(&["_cue:", e], 1.0);
                }
            }
        },
    );
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
        // "a" and "single" do not shorten a negation's scope.
        assert!(names("never had a single problem").iter().any(|x| x == "n:problem"));
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
