//! The hot path of [`Enricher`]: each token's facts looked up once ([`facts`](super::facts)), the language, the
//! VADER rules and the content stems read from them, and the features walked ([`walk`]) straight into the model's
//! joint weight rows: no feature list, no string per token, one hash lookup per token and one per bigram.
//! Training goes through named features ([`features::extract`](super::features::extract)) instead; a test checks
//! that both give the same numbers.

use std::borrow::Cow;
use std::ops::Range;

use super::facts::{Cache, Facts, Sources};
use super::features::{hash_more, hash_parts, walk, Dense, Step, Walker};
use super::joint::Joint;
use super::model::{softmax, Model};
use super::pieces::{pieces, Piece, WHOLE};
use super::rules::{self, Entry};
use super::stem::{base_word, bit, lang_index};
use super::tokenize::{Kind, Token};
use super::{emotion, lang, scorable, Enricher, Scores};

/// The model laid out for scoring.
pub struct Scoring {
    /// Every head's weights, one row per feature.
    joint: Joint,
    /// Rows of the dense features, in [`Dense::ALL`] order.
    dense: [u32; 12],
    /// Rows of the emotion cues (`_cue:`, `_ncue:`) by [`Facts::cue`]; the first, for no cue, adds nothing.
    cues: [[u32; 2]; 8],
    sentiment: Option<Range<usize>>,
    emotion: Option<Range<usize>>,
}

impl Scoring {
    /// Lays out `model`.
    pub fn new(model: &Model) -> Scoring {
        let joint = Joint::new(model);
        let dense = Dense::ALL.map(|d| joint.row(hash_parts(&[d.name()])));
        let mut cues = [[Joint::NONE; 2]; 8];
        for (rows, e) in cues[1..].iter_mut().zip(emotion::EMOTIONS) {
            *rows = [joint.row(hash_parts(&["_cue:", e])), joint.row(hash_parts(&["_ncue:", e]))];
        }
        Scoring { sentiment: joint.head("sentiment"), emotion: joint.head("emotion"), dense, cues, joint }
    }
}

/// The facts of one text's tokens (`None` for tokens without: URLs, numbers, handles, punctuation).
pub struct Looked<'c> {
    /// The thread's facts.
    facts: &'c [Facts],
    /// Each token's index in `facts`; [`Cache::NO_FACTS`] for tokens without.
    ids: &'c [u32],
    /// What [`Facts::stem`] points into.
    stems: &'c str,
}

impl<'c> Looked<'c> {
    /// The facts of the tokens in `range`, indexed from its start.
    fn slice(&self, range: Range<usize>) -> Looked<'c> {
        Looked { facts: self.facts, ids: &self.ids[range], stems: self.stems }
    }

    fn facts(&self, i: usize) -> Option<&Facts> {
        self.facts.get(self.ids[i] as usize)
    }

    /// The English stem of the token with facts `f`.
    fn stem(&self, f: &Facts) -> &str {
        self.stems.get(f.stem.0 as usize..f.stem.1 as usize).unwrap_or_default()
    }
}

/// A scorer's walk: each step adds its weight rows to the scores `z`.
struct Adder<'s, 'l, 'c> {
    scoring: &'s Scoring,
    looked: &'l Looked<'c>,
    z: &'s mut [[f32; 16]],
}

impl Walker for Adder<'_, '_, '_> {
    #[inline(always)]
    fn step(&mut self, step: Step) {
        let (joint, looked, z) = (&self.scoring.joint, self.looked, &mut *self.z);
        match step {
            Step::Dense(d, v) => joint.add(z, self.scoring.dense[d as usize], v),
            Step::Word { token, negated, prev } => {
                let Some(f) = looked.facts(token) else { return };
                joint.add(z, f.rows[usize::from(negated)], 1.0);
                joint.add(z, self.scoring.cues[usize::from(f.cue)][usize::from(negated)], 1.0);
                if let Some(p) = prev.and_then(|p| looked.facts(p)) {
                    joint.add_feature(z, hash_more(p.bigram, looked.stem(f)));
                }
            }
            Step::Emoji { token } => {
                if let Some(f) = looked.facts(token) {
                    joint.add(z, f.rows[0], 1.0);
                    joint.add(z, self.scoring.cues[usize::from(f.cue)][0], 1.0);
                }
            }
        }
    }
}

/// How far a middling verdict ("5/10", "3 stars", and no other rating, or "overall 5/10" among several) pulls the
/// sentiment probabilities towards neutral: the writer's own verdict, which the remarks around it ("decent but
/// forgettable", "great location but the rooms need a refresh, 6/10") rarely overturn for a reader, where the model,
/// which has seen few ratings, reads the remarks. Chosen on the ratings fixture (0.2, 0.25, 0.3, 0.4: 371, 374, 373,
/// 370 of its 417 ratings right, 351 without; its near misses 145, 144, 144, 144 of 231, 147 without).
const MIDDLING_PULL: f32 = 0.25;

/// Mixes the sentiment probabilities `p` (negative, neutral, positive) with certain neutrality, [`MIDDLING_PULL`] of it.
fn pull_to_neutral(p: &mut [f32]) {
    for (k, v) in p.iter_mut().enumerate() {
        *v = (1.0 - MIDDLING_PULL) * *v + if k == 1 { MIDDLING_PULL } else { 0.0 };
    }
}

/// Gives the joy of ironic praise to anger: "thanks i guess", "great job DashCart, delivered to the wrong building"
/// are annoyance (GoEmotions' annoyance is anger in the Ekman grouping), where the model, reading "thanks" and
/// "great", finds joy. On the general fixture 3 more of its 44 angry posts right and none lost; no change on
/// GoEmotions or TweetEval emotion, where the irony rule hardly fires.
fn joy_to_anger(p: &mut [f32]) {
    let [anger, joy] = [emotion::ANGER, emotion::JOY];
    if let Some(j) = p.get_mut(joy).map(std::mem::take) {
        p[anger] += j;
    }
}

impl Enricher {
    /// Looks every token up, making the facts of tokens this thread has not seen yet.
    pub(crate) fn look_up<'c>(&self, cache: &'c mut Cache, toks: &[Token<'_>]) -> Looked<'c> {
        let sources = Sources {
            lexicon: self.lexicon,
            stop: self.stop,
            english: self.stemmers.get("en").expect("English has a stemmer"),
            joint: &self.scoring.joint,
        };
        let (facts, ids, stems) = cache.look_up(toks, &sources);
        Looked { facts, ids, stems }
    }

    /// The source's hint, normalised, else the detected language.
    pub(crate) fn language(
        &self,
        toks: &[Token<'_>],
        looked: &Looked<'_>,
        hint: Option<&str>,
    ) -> Option<Cow<'static, str>> {
        if let Some(lang) = hint.and_then(lang::normalise_hint) {
            return Some(Cow::Owned(lang));
        }
        // Detection reads word tokens only, and every word token has facts (a word is never empty, see
        // `stem::base_word`): the default, which would count as neither ASCII nor Latin, is never read.
        lang::detect_with(toks, |i| looked.facts(i).map_or_else(lang::Word::default, |f| f.word)).map(Cow::Borrowed)
    }

    /// Sentiment and emotions when the text is scorable: a text of at most [`WHOLE`] tokens scored whole, a longer
    /// one in pieces ([`pieces`]) whose probabilities are averaged.
    pub(crate) fn scores(&self, toks: &[Token<'_>], looked: &Looked<'_>, lang: Option<&str>) -> Option<Scores> {
        let signal = |i: usize| {
            looked
                .facts(i)
                .is_some_and(|f| f.rows[0] != Joint::NONE || f.entry.valence != 0.0 || f.cue != 0 || f.word.english)
        };
        if !scorable(lang, toks, signal) {
            return None;
        }
        let piece = if toks.len() <= WHOLE {
            self.piece(toks, looked, None)
        } else {
            let thread = Some(rules::is_thread(toks));
            Piece::mean(pieces(toks).map(|r| (r.len(), self.piece(&toks[r.clone()], &looked.slice(r), thread))))
        };
        Some(piece.scores())
    }

    /// The probabilities of one piece of text (or of a whole short one); `thread`, whether the text it is a piece of
    /// is a thread ([`rules::score_with`]).
    pub(crate) fn piece(&self, toks: &[Token<'_>], looked: &Looked<'_>, thread: Option<bool>) -> Piece {
        let entry = |i: usize| looked.facts(i).map_or_else(|| Entry::of(self.lexicon, &toks[i]), |f| f.entry);
        let rules = rules::score_with(toks, entry, thread);
        let joint = &self.scoring.joint;
        let (mut stack, mut heap) = ([[0.0f32; 16]; 2], Vec::new());
        let z: &mut [[f32; 16]] = if joint.blocks() <= stack.len() {
            &mut stack[..joint.blocks()]
        } else {
            heap.resize(joint.blocks(), [0.0; 16]);
            &mut heap
        };
        let has_stem = |i: usize| looked.facts(i).is_some();
        let negation = |i: usize| looked.facts(i).is_some_and(|f| f.entry.negation);
        walk(toks, &rules, has_stem, negation, Adder { scoring: &self.scoring, looked, z: &mut *z });
        let z = z.as_flattened_mut();
        let sentiment = self.scoring.sentiment.as_ref().map(|range| {
            softmax(&mut z[range.clone()]);
            if rules.middling {
                pull_to_neutral(&mut z[range.clone()]);
            }
            z[range.clone()].try_into().expect("the sentiment head has 3 classes (Model::parse checks)")
        });
        let emotion = self.scoring.emotion.as_ref().map(|range| {
            softmax(&mut z[range.clone()]);
            if rules.ironic {
                joy_to_anger(&mut z[range.clone()]);
            }
            z[range.clone()].try_into().expect("the emotion head has 8 classes (Model::parse checks)")
        });
        Piece { sentiment, compound: rules.compound, emotion }
    }

    /// Content stems in `lang`, space-separated: stems of words and hashtag bodies, stop words of `lang` dropped;
    /// base words in lower case when `lang` has no stemmer.
    pub(crate) fn content_stems(&self, toks: &[Token<'_>], looked: &Looked<'_>, lang: Option<&str>) -> String {
        let lang_bit = lang.map_or(0, bit);
        let other = lang.filter(|l| *l != "en").and_then(lang_index);
        let mut out = String::with_capacity(toks.len() * 6);
        for (i, t) in toks.iter().enumerate() {
            let Some(f) = looked.facts(i).filter(|_| matches!(t.kind, Kind::Word | Kind::Hashtag)) else { continue };
            if f.base_stop & lang_bit != 0 {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            match (lang, other) {
                (Some("en"), _) => out.push_str(looked.stem(f)),
                (_, Some(i)) => self.stemmers.push_stem(i, &base_word(t).unwrap_or_default(), &mut out),
                _ => out.push_str(&base_word(t).unwrap_or_default()),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
