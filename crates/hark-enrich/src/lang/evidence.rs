//! The stop-word evidence that language detection weighs ([`detect_with`](super::detect_with)): words per
//! language, known English words, other languages' distinct stop words, and the thresholds that make a count a
//! decision.

use smallvec::SmallVec;

use super::super::stem::{bit, detect_index, detected_code, DETECTED};
use super::super::tokenize::{Kind, Token};
use super::Word;

/// What [`mostly_known`] reads of a post's words.
pub(super) struct Known {
    /// Known English words: English stop words, or known English words that are no language's stop words.
    pub(super) known: usize,
    /// Known English words that no other language lists as stop words: what decides a post of one or two words.
    pub(super) english_only: usize,
    /// The most words that one other language lists as stop words and English does not.
    pub(super) foreign: usize,
    /// Capitalised words that are neither known nor any language's stop words: most likely names (a brand, a
    /// product, a person), which belong to no language. Counted only where they can be set aside: in a post of which
    /// fewer than half the words are capitalised (a post in Title Case, "Tum Kya Samajhty Ho" in romanised Urdu, is
    /// not made of names), or, in a post of one or two words, beside a lower-case word ("love Revolut"; so, wrongly,
    /// "Danke lol" and "Gracias bro" are English by their one known word).
    pub(super) names: usize,
}

impl Known {
    /// Counts the words of `tokens`.
    pub(super) fn count(tokens: &[Token<'_>], word: impl Fn(usize) -> Word) -> Known {
        const EN_BIT: u32 = bit("en");
        let en_bit = EN_BIT;
        let mut foreign_only = [0usize; 32];
        let (mut n_words, mut known, mut names, mut capitalised) = (0usize, 0usize, 0usize, 0usize);
        let mut english_only = 0usize;
        for (i, t) in tokens.iter().enumerate().filter(|(_, t)| t.kind == Kind::Word) {
            n_words += 1;
            let w = word(i);
            let is_known = w.stop & en_bit != 0 || (w.stop == 0 && w.english);
            known += usize::from(is_known);
            english_only += usize::from(is_known && w.stop & !en_bit == 0);
            let capital = t.text.chars().next().is_some_and(char::is_uppercase);
            capitalised += usize::from(capital);
            names += usize::from(capital && w.stop == 0 && !w.english);
            // A word English knows is no other language's evidence ("oh man": German and Swedish list "man").
            if w.stop & en_bit == 0 && !w.english {
                count_languages(w.stop, &mut foreign_only);
            }
        }
        // In a post of one or two words, a capitalised word beside a lower-case one is a name too ("love Revolut",
        // "Klarna sucks"; not "Schlechtes Handy", German nouns).
        let short_with_lower = n_words < 3 && capitalised < n_words;
        let names = if capitalised * 2 < n_words || short_with_lower { names } else { 0 };
        Known { known, english_only, foreign: foreign_only.iter().copied().max().unwrap_or(0), names }
    }
}

/// What may name a language other than English, per language ([`detect_index`] order): its distinct stop words of two
/// letters or more (French lists "n" and "l", which a post's stray "\n" spells too; "oh la la" is one word of three
/// languages, not two). Counted in a second pass, for the few posts that English evidence does not decide.
pub(super) fn evidence(tokens: &[Token<'_>], word: impl Fn(usize) -> Word) -> [usize; 32] {
    let mut evidence = [0usize; 32];
    let mut counted: SmallVec<[&str; 16]> = SmallVec::new();
    for (i, t) in tokens.iter().enumerate().filter(|(_, t)| t.kind == Kind::Word) {
        let langs = word(i).stop;
        if langs != 0 && t.norm.chars().nth(1).is_some() && !counted.contains(&&*t.norm) {
            count_languages(langs, &mut evidence);
            counted.push(&t.norm);
        }
    }
    evidence
}

/// Whether the stop words of Danish, Norwegian or Swedish, the three counted as one, [`clearly_leads`] every other
/// language's.
pub(super) fn nordic_lead(evidence: &[usize; 32], n_words: usize) -> bool {
    const NORDIC_BITS: u32 = bit("da") | bit("nb") | bit("nn") | bit("sv");
    let nordic_bits = NORDIC_BITS;
    let (mut nordic, mut other) = (0usize, 0usize);
    for (i, h) in evidence.iter().copied().enumerate() {
        if nordic_bits & (1 << i) != 0 {
            nordic = nordic.max(h);
        } else {
            other = other.max(h);
        }
    }
    clearly_leads(nordic, other, n_words)
}

/// The language other than English whose stop words clearly lead a post of `n_words` words, given the `evidence`
/// per language ([`detect_index`] order; distinct stop words of two letters or more): [`clearly_leads`] every other
/// language's, English included ("no me gusta nada este teléfono": seven Spanish to three Portuguese), and in the
/// post's script. Norwegian counts once, as `nb` (Nynorsk shares its list).
pub(super) fn leading(evidence: &[usize; 32], n_words: usize, latin: bool) -> Option<&'static str> {
    // Malay's list holds only what Indonesian's does not ([`LISTED`](super::super::stem::LISTED)): the two count as
    // one ([`count_of`]), and [`malay_or_indonesian`] names them.
    let count = |i: usize| match i {
        ID => count_of(evidence, "id"),
        MS => 0,
        i => evidence[i],
    };
    let counted = || (0..DETECTED).filter(|i| *i != NN).map(|i| (i, count(i)));
    let (best, first) = counted().fold((0, 0), |(b, f), (i, h)| if h > f { (i, h) } else { (b, f) });
    let second = counted().filter(|(i, _)| *i != best).map(|(_, h)| h).max().unwrap_or(0);
    let code = if best == ID { malay_or_indonesian(evidence) } else { detected_code(best)? };
    let in_script = latin != matches!(code, "ar" | "el" | "ru");
    (code != "en" && clearly_leads(first, second, n_words) && in_script).then_some(code)
}

/// Whether `count` stop words are evidence in a post of `n_words` words: at least two, and a quarter of the words.
pub(super) fn enough(count: usize, n_words: usize) -> bool {
    count >= 2 && count * 4 >= n_words
}

/// Whether stop words counted `first` lead those counted `second` in a post of `n_words` words: [`enough`], and half
/// again as many.
pub(super) fn clearly_leads(first: usize, second: usize, n_words: usize) -> bool {
    enough(first, n_words) && first * 2 >= second * 3
}

/// The count of language `code` in per-language `counts` ([`detect_index`] order); 0 for a language without stop
/// words.
pub(super) fn count_of(counts: &[usize; 32], code: &str) -> usize {
    match code {
        // Malay's list holds only what Indonesian's does not: either language's count is both lists' (as in
        // [`leading`]).
        "id" | "ms" => counts[ID] + counts[MS],
        _ => detect_index(code).map_or(0, |i| counts[i]),
    }
}

/// Malay when a word only Malay writes is among a post's stop words ("nak", "dah", "korang"), else Indonesian: what
/// the two languages' shared evidence, or whatlang's Indonesian (it has no Malay), is called.
pub(super) fn malay_or_indonesian(evidence: &[usize; 32]) -> &'static str {
    if evidence[MS] > 0 {
        "ms"
    } else {
        "id"
    }
}

/// The index of a code among the languages with stop words, or `usize::MAX`, in a const context.
const fn at(code: &str) -> usize {
    match detect_index(code) {
        Some(i) => i,
        None => usize::MAX,
    }
}

/// Indices of Nynorsk, Indonesian and Malay ([`detect_index`]).
const NN: usize = at("nn");
const ID: usize = at("id");
const MS: usize = at("ms");

/// Adds one to `counts[i]` for every language bit `i` set in `langs`.
pub(super) fn count_languages(mut langs: u32, counts: &mut [usize; 32]) {
    while langs != 0 {
        counts[langs.trailing_zeros() as usize] += 1;
        langs &= langs - 1;
    }
}

/// Whether `n_words` words are mostly known English, given `known` of them are (English stop words, or known English
/// words that are no other language's stop words: "que" and "la" turn up in English tweets too, "ya" in English
/// slang, but are not evidence) and `foreign` are the most any one other language lists as stop words, not English.
/// Three words or more: 80% known; or two thirds known and twice, or half known and three times, as many as the
/// words only one other language lists as stop words ("i wanna die" passes with German "die"; "no me gusta nada"
/// has two known words, "no" and "me", to Spanish "nada", and stays with whatlang), and one of the known words no
/// other language lists (`english_only`). Of one or two words (names set aside), every word known and none another
/// language's stop word only: whatlang is never reliable on them, and one known word beside an unknown one was a
/// foreign post ("Me encanta", "heel goed", "trop cool") as often as English with a typo, each then scored with a
/// made-up neutral.
pub(super) fn mostly_known(n_words: usize, known: usize, english_only: usize, foreign: usize) -> bool {
    if n_words < 3 {
        // Every word known ("on me", "No.", "love it"): one known word beside an unknown one was "Me encanta",
        // "heel goed", "voll gut", "molto male", "trop cool" as often as English with a typo.
        return foreign == 0 && known == n_words && known > 0;
    }
    // Some known word that no other language lists: "no me gusta" knows "no" and "me", both Spanish too.
    if english_only == 0 {
        return false;
    }
    // The more of the words are known, the more collisions with one other language's stop words are forgiven.
    let per_foreign = if known * 10 >= n_words * 8 {
        0
    } else if known * 3 >= n_words * 2 {
        2
    } else {
        3
    };
    known * 2 >= n_words && known >= per_foreign * foreign
}
