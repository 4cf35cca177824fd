//! Word, emoticon and emoji valences (VADER's lexicon, MIT, plus a short list of newer slang and emoji the lexicon
//! misses), and VADER's negation and booster word lists, kept apart from the rules that use them.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::features::FastMap;

use super::stem::base_word;
use super::tokenize::{Kind, Token};

const VADER_LEXICON: &str = include_str!("data/vader_lexicon.txt");
const EMOJI_NAMES: &str = include_str!("data/emoji_utf8_lexicon.txt");

mod lists;

use lists::{BOOSTERS, DAMPENERS, DROPPED_WORDS, EMOJI_VALENCE, EXTRA_WORDS, NEGATIONS};
pub(crate) use lists::{NOT, PATRONAGE, PHRASES, PRAISE};

/// VADER's empirical booster increment.
pub const B_INCR: f32 = 0.293;

/// Valences of words, emoticons and emoji, built once from the embedded lists.
pub struct Lexicon {
    words: FastMap<String, f32>,
    emoji: FastMap<String, f32>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}

impl Lexicon {
    /// The lexicon every enricher and [`stem::base_word`](crate::stem::base_word) read: built once, from embedded
    /// data that never changes.
    pub fn shared() -> &'static Lexicon {
        static SHARED: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(Lexicon::new);
        &SHARED
    }

    /// Parses the embedded VADER lexicon, derives emoji valences from their names, and adds hark's extras
    /// ([`Lexicon::shared`] keeps one).
    pub fn new() -> Lexicon {
        let mut words: FastMap<String, f32> = FastMap::default();
        for line in VADER_LEXICON.lines() {
            let mut cols = line.split('\t');
            if let (Some(w), Some(v)) = (cols.next(), cols.next().and_then(|v| v.parse::<f32>().ok())) {
                words.insert(w.to_string(), v);
            }
        }
        for (w, v) in EXTRA_WORDS {
            words.insert((*w).to_string(), *v);
        }
        for w in DROPPED_WORDS {
            words.remove(*w);
        }
        let mut emoji = FastMap::default();
        for line in EMOJI_NAMES.lines() {
            let Some((e, name)) = line.split_once('\t') else { continue };
            // As VADER does, an emoji means what the words of its name mean.
            let v: f32 = name.split([' ', '-']).filter_map(|w| words.get(&w.to_lowercase())).sum();
            if v != 0.0 {
                emoji.insert(base_emoji(e).into_owned(), v.clamp(-3.0, 3.0));
            }
        }
        for (e, v) in EMOJI_VALENCE {
            emoji.insert(base_emoji(e).into_owned(), *v);
        }
        Lexicon { words, emoji }
    }

    /// The valence of a word (its normalised form, then, elongated, the word it stretches: [`base_word`], where that
    /// rule lives), emoticon or emoji; 0 when unknown.
    pub fn valence(&self, t: &Token<'_>) -> f32 {
        match t.kind {
            Kind::Word | Kind::Hashtag => {
                let w = t.norm.trim_start_matches('#');
                let base = || base_word(t).and_then(|b| self.word(&b));
                self.word(w).or_else(|| t.elongated.then(base).flatten()).unwrap_or(0.0)
            }
            Kind::Emoticon => {
                let lower = || self.words.get(&t.norm.to_lowercase());
                self.words.get(t.text).or_else(lower).copied().unwrap_or(0.0)
            }
            Kind::Emoji => self.emoji.get(&*base_emoji(t.text)).copied().unwrap_or(0.0),
            _ => 0.0,
        }
    }

    /// The valence of a lower-case word, if the lexicon has it.
    pub fn word(&self, w: &str) -> Option<f32> {
        self.words.get(w).copied()
    }
}

/// An emoji without skin tone or presentation selector, so "👍🏽" and "❤️" find "👍" and "❤".
pub fn base_emoji(e: &str) -> Cow<'_, str> {
    let modifier = |c: &char| matches!(*c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF);
    if e.chars().any(|c| modifier(&c)) {
        Cow::Owned(e.chars().filter(|c| !modifier(c)).collect())
    } else {
        Cow::Borrowed(e)
    }
}

/// The function-word class of every negation (0), booster (1) and dampener (2), built on first use.
fn function_words() -> &'static FastMap<&'static str, u8> {
    static WORDS: OnceLock<FastMap<&'static str, u8>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let lists = [NEGATIONS, BOOSTERS, DAMPENERS];
        lists.iter().enumerate().flat_map(|(class, l)| l.iter().map(move |w| (*w, class as u8))).collect()
    })
}

/// Whether a negation `neg` (after the word `prev`, before the words `next`, `after` and `third`) affirms instead:
/// "without doubt" (VADER's), "no doubt", "nothing but", "nothing beats", "can't wait", "can't believe", "could not
/// be" before a comparative or "more" ("couldn't be happier", "could not be worse", "couldn't be more disappointed";
/// not "won't be better"), "couldn't ask for" before one, an article or "anything" ("couldn't ask for a better
/// day"; not "couldn't ask for help"), and a negated "stop" before a verb in -ing, which goes on: "can't stop
/// laughing" laughs, "won't stop crashing" crashes, "never stops amazing me" amazes.
pub fn affirms(prev: &str, neg: &str, next: &str, after: &str, third: &str) -> bool {
    let comparative = |w: &str| w == "worse" || w == "more" || (w.len() > 4 && w.ends_with("er"));
    let could_not = matches!(neg, "couldn't" | "couldnt") || (neg == "not" && prev == "could");
    let cant = matches!(neg, "can't" | "cant" | "cannot");
    (matches!(neg, "without" | "no") && next == "doubt")
        || (neg == "nothing" && matches!(next, "but" | "beats"))
        || (cant && matches!(next, "wait" | "believe"))
        || (matches!(next, "stop" | "stops") && gerund(after))
        || (could_not && next == "be" && comparative(after))
        || ((cant || could_not)
            && next == "ask"
            && after == "for"
            && (comparative(third) || matches!(third, "a" | "an" | "anything" | "much")))
}

/// Whether `w` reads as a verb in -ing ("laughing", "crashing"), not one of the nouns and prepositions that end so
/// ("anything", "during", "morning": "won't stop anything", "no stops during the trip").
fn gerund(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ing") && !w.ends_with("thing") && !matches!(w, "during" | "morning" | "evening")
}

/// A phrase's words and the valence its last word takes ([`PHRASES`]).
pub type Phrase = (&'static [&'static str], f32);

/// The group of [`PHRASES`] that end with the lower-case word `w` (the few a phrase's last word can complete), for
/// [`phrases_in`]; 0 when no phrase ends with it. The rules keep the group in each word's cached entry, so that a
/// phrase's last word costs no string lookup per text.
pub(crate) fn phrase_group(w: &str) -> u8 {
    by_last().0.get(w).copied().unwrap_or(0)
}

/// The [`PHRASES`] of a [`phrase_group`]; none for 0.
pub(crate) fn phrases_in(group: u8) -> &'static [Phrase] {
    by_last().1.get(usize::from(group)).map_or(&[], Vec::as_slice)
}

/// [`PHRASES`] grouped by their last word: each last word's group, and the groups (the first, 0, empty).
type ByLast = (FastMap<&'static str, u8>, Vec<Vec<Phrase>>);

/// The [`ByLast`] of [`PHRASES`], built on first use.
fn by_last() -> &'static ByLast {
    static BY_LAST: OnceLock<ByLast> = OnceLock::new();
    BY_LAST.get_or_init(|| {
        let (mut groups, mut phrases): ByLast = (FastMap::default(), vec![Vec::new()]);
        for (words, valence) in PHRASES {
            if let Some(last) = words.last() {
                let next = u8::try_from(phrases.len()).expect("fewer than 256 phrase endings");
                let group = *groups.entry(last).or_insert(next);
                if group == next {
                    phrases.push(Vec::new());
                }
                phrases[usize::from(group)].push((words, *valence));
            }
        }
        (groups, phrases)
    })
}

/// Whether a lower-case word is "a", "an" or "single", which a negation's reach does not count, in the rules and in
/// the learned layer's features ("never had a single problem").
pub(crate) fn is_filler(w: &str) -> bool {
    matches!(w, "a" | "an" | "single")
}

/// Whether a lower-case word says a fault is gone (`lists::FIXES`), turning the fault words after it around.
pub fn is_fix(w: &str) -> bool {
    lists::FIXES.contains(&w)
}

/// Whether a lower-case word negates what follows ("not", "never", "don't", "dont").
pub fn is_negation(w: &str) -> bool {
    w.ends_with("n't") || function_words().get(w) == Some(&0)
}

/// The booster or dampener increment of a word token (VADER's ±0.293), if it is one; an elongated word ("sooo",
/// "reallyyy") counts as the word it stretches ([`base_word`]).
pub fn booster(t: &Token<'_>) -> Option<f32> {
    match function_words().get(&*t.norm) {
        Some(1) => Some(B_INCR),
        Some(2) => Some(-B_INCR),
        _ if t.elongated && t.kind == Kind::Word => {
            base_word(t).is_some_and(|b| function_words().get(&*b) == Some(&1)).then_some(B_INCR)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    #[test]
    fn words_emoticons_emoji_and_slang() {
        let lex = Lexicon::new();
        let v = |s: &str| lex.valence(&tokenize(s)[0]);
        assert!(v("good") > 1.0 && v("GOOOOOD") > 1.0 && v("#love") > 2.0);
        assert!(v(":(") < -1.0 && v(":-)") > 1.0 && v("<3") > 1.0);
        assert!(v("😡") < -2.0 && v("😍") > 2.0 && v("👍🏽") > 1.0 && v("❤️") > 2.0);
        assert!(v("lol") > 1.0 && v("fml") < -1.0 && v("table") == 0.0);
    }

    #[test]
    fn every_phrase_is_in_its_last_words_group() {
        for (words, valence) in PHRASES {
            let group = phrase_group(words.last().expect("a phrase has words"));
            assert!(group != 0 && phrases_in(group).iter().any(|(w, v)| w == words && v == valence), "{words:?}");
        }
        assert!(phrase_group("the") == 0 && phrases_in(0).is_empty());
        // Each group holds the phrases of one last word.
        let down = phrases_in(phrase_group("down"));
        assert!(down.len() >= 3 && down.iter().all(|(w, _)| w.last() == Some(&"down")));
    }

    #[test]
    fn negations_and_boosters() {
        assert!(is_negation("don't") && is_negation("dont") && is_negation("never") && !is_negation("note"));
        let b = |s: &str| booster(&tokenize(s)[0]);
        assert_eq!(
            (b("very"), b("slightly"), b("sooo"), b("reallyyy")),
            (Some(B_INCR), Some(-B_INCR), Some(B_INCR), Some(B_INCR))
        );
        assert_eq!((b("table"), b("good")), (None, None));
    }
}
