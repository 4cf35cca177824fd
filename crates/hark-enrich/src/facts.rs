//! What enrichment knows of one distinct word, hashtag, emoji or emoticon: stop-word languages, English stem,
//! lexicon entries, emotion cue and the model rows of its features. Word frequencies are Zipfian, so each thread
//! works these out once per distinct token and then pays one hash lookup per token; before this cache a token cost
//! a dozen lookups (stop words, lexicon, boosters, negations, stem cache, two model heads per feature).

use rust_stemmers::Stemmer;

use super::emotion::{cue, cue_index, emoji_cue};
use super::features::{emoji_name, hash_parts, FNV_START};
use super::joint::Joint;
use super::lang::Word;
use super::lexicon::Lexicon;
use super::rules::Entry;
use super::stem::{base_word, StopWords};
use super::tokenize::{Kind, Token};

mod cache;

pub use cache::Cache;

/// The facts of one distinct token, on one cache line: scoring reads most of them for every token.
#[derive(Debug, Clone)]
#[repr(align(64))]
pub struct Facts {
    /// What language detection reads of the normal form: the languages listing it as a stop word
    /// ([`StopWords::languages`]), whether it is a known English word (lexicon, model vocabulary, or a stem the model
    /// knows), its script.
    pub word: Word,
    /// Languages listing its base word (elongation cut, no `#`) as a stop word: what content stems drop.
    pub base_stop: u32,
    /// The lexicon entries the VADER rules use.
    pub entry: Entry,
    /// Where the English stem of the base word lies in the cache's stems ([`Cache::look_up`]); empty for emoji and
    /// emoticons.
    pub stem: (u32, u32),
    /// Model rows of the unigram (`u:`, then `n:` inside a negation's scope), or of the `e:` feature first.
    pub rows: [u32; 2],
    /// The emotion cue of a word or an emoji: [`cue_index`](super::emotion::cue_index), 0 without one (its rows are the
    /// scorer's, per emotion).
    pub cue: u8,
    /// FNV-1a state after `b:{stem} `: a bigram's id is this state continued with the next word's stem.
    pub bigram: u64,
}

/// What facts are made from: the enricher's lexicons, stemmer and model.
pub struct Sources<'a> {
    /// VADER's lexicon.
    pub lexicon: &'a Lexicon,
    /// Stop words of every stemmed language.
    pub stop: &'a StopWords,
    /// The English Snowball stemmer.
    pub english: &'a Stemmer,
    /// Every head's weights.
    pub joint: &'a Joint,
}

impl Sources<'_> {
    /// The facts of a word, hashtag, emoji or emoticon and its stem (which [`Cache`] keeps and places); `None` for
    /// other tokens.
    pub fn facts(&self, t: &Token<'_>) -> Option<(Facts, String)> {
        let row = |parts: &[&str]| self.joint.row(hash_parts(parts));
        let mut facts = Facts {
            word: Word::default(),
            base_stop: 0,
            entry: Entry::of(self.lexicon, t),
            stem: (0, 0),
            rows: [Joint::NONE; 2],
            cue: 0,
            bigram: FNV_START,
        };
        match t.kind {
            Kind::Word | Kind::Hashtag => {
                let base = base_word(t)?;
                let stem = self.english.stem(&base);
                // An elongated word is known by its base too ("greaaaat" as "great"), or a post of one such word would
                // have no language.
                let english = self.is_english(&t.norm) || (t.elongated && self.is_english(&base));
                facts.word = Word::of(&t.norm, self.stop.languages(&t.norm), english);
                facts.base_stop = self.stop.languages(&base);
                facts.rows = [row(&["u:", &stem]), row(&["n:", &stem])];
                if let Some(e) = cue(t.norm.trim_start_matches('#')) {
                    facts.cue = cue_index(e);
                }
                facts.bigram = hash_parts(&["b:", &stem, " "]);
                return Some((facts, stem.into_owned()));
            }
            Kind::Emoji | Kind::Emoticon => {
                let name = emoji_name(t);
                facts.rows[0] = row(&["e:", &name]);
                if let Some(e) = emoji_cue(&name) {
                    facts.cue = cue_index(e);
                }
            }
            _ => return None,
        }
        Some((facts, String::new()))
    }

    /// Whether a lower-case word is known English: in the sentiment lexicon, or a unigram the model heads learned
    /// from English tweets and comments, as written or stemmed.
    fn is_english(&self, w: &str) -> bool {
        let learned = |w: &str| self.joint.row(hash_parts(&["u:", w])) != Joint::NONE;
        self.lexicon.word(w).is_some() || learned(w) || {
            let stem = self.english.stem(w);
            stem != w && learned(&stem)
        }
    }
}
