//! Idioms and phrases ("daylight robbery", "didn't disappoint", "a no brainer"): the lexicon's multi-word entries
//! laid over the items before any other rule reads them.

use super::super::lexicon::{phrases_in, NOT};
use super::super::tokenize::{unelongated, Token};
use super::Entry;

/// Gives the words of every phrase in `items` ([`PHRASES`](crate::lexicon::PHRASES)) the phrase's valences: the
/// last word the phrase's, the others none, and none of them negates. Whether any valence is then set.
pub(super) fn apply_phrases(items: &mut [(&Token<'_>, Entry, u16)]) -> bool {
    let mut any = false;
    for end in 0..items.len() {
        if items[end].1.phrases == 0 {
            continue;
        }
        for (words, valence) in phrases_in(items[end].1.phrases) {
            // A phrase does not reach across a clause's end ("So, based on", "Nope. Worth it.").
            let Some(start) = (end + 1).checked_sub(words.len()).filter(|s| items[*s].2 == items[end].2) else {
                continue;
            };
            if items[start..=end].iter().zip(*words).all(|((t, e, _), w)| phrase_word(t, e.negation, w)) {
                items[start..=end].iter_mut().for_each(|(_, e, _)| (e.valence, e.negation) = (0.0, false));
                items[end].1.valence = *valence;
                any |= *valence != 0.0;
            }
        }
    }
    any
}

/// Whether a token (negating or not) is the phrase word `word`: the same letters in lower case with or without
/// apostrophes ("didnt", "didn't"), also stretched ("yeahhh" is "yeah"), or any negation for [`NOT`].
fn phrase_word(t: &Token<'_>, negation: bool, word: &str) -> bool {
    if word == NOT {
        return negation;
    }
    let letter = |b: &u8| *b != b'\'';
    let same = |norm: &str| norm.bytes().filter(letter).eq(word.bytes().filter(letter));
    same(&t.norm) || (t.elongated && same(&unelongated(t.text)))
}
