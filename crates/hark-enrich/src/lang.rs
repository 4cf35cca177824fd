//! Language of a mention: a source's hint when it gives one, else `whatlang` on the words alone (handles, URLs, emoji
//! stripped), cross-checked with stop words because trigram detection is unreliable on tweets a dozen words long.
//! Short English posts are recognised before whatlang from stop words and a vocabulary of known English words:
//! whatlang gets "hell yeh dude" wrong (Swedish), and (before its answer was computed from the text's side,
//! [`trigrams`]) it took 38% of the enrich bench's time while called for 8.7% of the texts. Posts of three words or
//! more in another stemmed language are recognised from its stop words when they clearly lead: whatlang alone
//! identified 47 of the 100 short posts in `tests/fixtures/lang`, this 90.

use std::sync::LazyLock;

use whatlang::Lang;
use whatlang::Script::{Arabic, Cyrillic, Devanagari};

mod codes;
mod evidence;
mod script;
mod trigrams;

use codes::iso1;
use evidence::{
    count_languages, count_of, enough, evidence, leading, malay_or_indonesian, mostly_known, nordic_lead, Known,
};
use trigrams::Detector;

use super::stem::detect_index;
use super::tokenize::{Kind, Token};

/// Whether `tag` is written as a language tag: a two- or three-letter code, then subtags of 1–8 letters or digits
/// after `-` or `_` (`en`, `pt-BR`, `zh_Hant`, `deu`, `es-419`). Imports and the brand query's `language:` check
/// what they are given with it.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let code = parts.next().unwrap_or_default();
    (2..=3).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Normalises a source's language hint ("EN", "en-US", "eng", "no") to the code `detect` would give, if it is one.
pub fn normalise_hint(hint: &str) -> Option<String> {
    let base = hint.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    match base.len() {
        2 if base.bytes().all(|b| b.is_ascii_lowercase()) => Some(if base == "no" { "nb".into() } else { base }),
        3 => Lang::from_code(&base).map(|l| iso1(l).to_string()),
        _ => None,
    }
}

/// Detects the language of tokenized text; `None` when there are no words or the guess is not reliable.
/// `english` says whether a lower-case word is a known English word (the sentiment lexicon and the learned model's
/// vocabulary); `|_| false` leaves only stop words and whatlang. The reference for [`detect_with`], which the
/// scorer calls with what its per-token facts know.
#[cfg(test)]
pub(crate) fn detect(
    tokens: &[Token<'_>],
    stop: &super::stem::StopWords,
    english: impl Fn(&str) -> bool,
) -> Option<&'static str> {
    detect_with(tokens, |i| {
        let t = &tokens[i];
        let known = english(&t.norm) || (t.elongated && super::stem::base_word(t).is_some_and(|b| english(&b)));
        Word::of(&t.norm, stop.languages(&t.norm), known)
    })
}

/// What detection reads of one word, which a scorer works out once per distinct word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Word {
    /// The languages listing it as a stop word ([`StopWords::languages`](super::stem::StopWords::languages)).
    pub stop: u32,
    /// Whether it is a known English word.
    pub english: bool,
    /// Whether it is ASCII.
    pub ascii: bool,
    /// Whether it is Latin script ([`is_latin`]).
    pub latin: bool,
}

impl Word {
    /// The word `norm` (lower case) with its stop-word languages and English knowledge.
    pub fn of(norm: &str, stop: u32, english: bool) -> Word {
        let ascii = norm.is_ascii();
        Word { stop, english, ascii, latin: ascii || norm.chars().all(is_latin) }
    }
}

/// `detect` with what it reads of word token `i` given by `word(i)` (a scorer that cached it per word). Kept out of
/// line: inlined into the scorer, it took 155 more instructions a text (cachegrind).
#[inline(never)]
pub fn detect_with(tokens: &[Token<'_>], word: impl Fn(usize) -> Word) -> Option<&'static str> {
    // Stop-word hits per language with stop words ([`detect_index`]), from one lookup per word, and the script: all
    // that the fast paths below need, which decide most posts; the rest take more passes: known words and names
    // ([`Known::count`]), other languages' evidence ([`evidence`]), whatlang.
    let mut hits = [0usize; 32];
    let (mut n_words, mut ascii, mut latin, mut accented) = (0usize, true, true, 0usize);
    for (i, _) in tokens.iter().enumerate().filter(|(_, t)| t.kind == Kind::Word) {
        let w = word(i);
        n_words += 1;
        count_languages(w.stop, &mut hits);
        ascii &= w.ascii;
        latin &= w.latin;
        // Not a name's ("Beyoncé", "Pokémon"): words in lower case only.
        accented += usize::from(w.latin && !w.ascii && !tokens[i].text.starts_with(char::is_uppercase));
    }
    if n_words == 0 {
        return None;
    }
    const EN: usize = match detect_index("en") {
        Some(i) => i,
        None => 0,
    };
    let english_hits = hits[EN];
    let other_hits = hits.iter().enumerate().filter(|(i, _)| *i != EN).map(|(_, h)| *h).max().unwrap_or(0);
    // Fast paths, before whatlang (the trigrams of the text against 28 Latin languages' profiles, [`trigrams`]).
    // ASCII text of 3+ words, 30% or more English stop words, two at least ("zase to nefunguje" is Czech: one is a collision), and
    // more of them than of any other language's ("no me gusta nada" ties with Spanish), is English.
    if n_words >= 3 && english_hits >= 2 && english_hits * 10 >= n_words * 3 && english_hits > other_hits && ascii {
        return Some("en");
    }
    // Latin text whose English stop words (two or more) are a quarter of its words and outnumber any other
    // language's is English below whatever whatlang guesses ("the café was great"): decide it without calling
    // whatlang. One is no evidence: Polish "To jest świetne" has the English "to".
    if latin && english_hits >= 2 && english_hits * 4 >= n_words && english_hits > other_hits {
        return Some("en");
    }
    // Known English words decide ASCII text, and text of three words or more with a stray non-ASCII one ("ツ i think
    // its cool", a Korean title in an English sentence); whatlang says English to those too, at many times the cost.
    // Not text with two or more words of accented Latin letters, or a third of its words: "app lag quá trời" is
    // Vietnamese with two English loanwords, "ça marche plus" French.
    let Known { known, english_only, foreign, names } = Known::count(tokens, &word);
    let foreign_letters = accented >= 2 || accented * 3 >= n_words;
    if (ascii || (n_words >= 3 && !foreign_letters)) && mostly_known(n_words - names, known, english_only, foreign) {
        return Some("en");
    }
    // One or two ASCII words without a stop word of any language and not all known ("lcsc", "gracias amigos",
    // "spicy chicken"): at an earlier stop, of 184 such posts in the development data whatlang's guess passed the bar
    // below for 22, each English with a known word beside an unknown one, which a foreign post has as often
    // ("voll gut"), and for none of the rest, nor for greetings in 25 languages. Undetermined.
    if ascii && n_words <= 2 && hits.iter().all(|h| *h == 0) {
        return None;
    }
    let evidence = evidence(tokens, &word);
    // Another language's stop words decide a post of three words or more when they clearly lead ([`leading`]):
    // whatlang's trigrams left most short posts undecided or wrong (47 of 100 right in tests/fixtures/lang, "no me
    // gusta nada este teléfono" as Portuguese).
    let words = || {
        let mut words = String::with_capacity(n_words * 8);
        for t in tokens.iter().filter(|t| t.kind == Kind::Word) {
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(&t.norm);
        }
        words
    };
    if n_words >= 3 {
        match leading(&evidence, n_words, latin) {
            // Russian's stop words are Bulgarian's and Ukrainian's too ("на", "не"): their letters and words decide
            // ("защо приложението на банката не работи" is Bulgarian).
            Some("ru") => return script::by_letters(&words(), Cyrillic).or(Some("ru")),
            Some(lang) => return Some(lang),
            None => {}
        }
    }
    let words = words();
    // Danish, Norwegian and Swedish share most stop words: when theirs lead, trigrams over those three alone pick
    // one (over all Latin languages, short posts went to others: "tusen takk" as Latin).
    if n_words >= 3 && latin && nordic_lead(&evidence, n_words) {
        return NORDIC.detect(&words).map(|info| iso1(info.lang));
    }
    let info = WHATLANG.detect(&words)?;
    let guess = match iso1(info.lang) {
        "id" => malay_or_indonesian(&evidence),
        guess => guess,
    };
    // whatlang's English stands unless it is unsure and the post has another language's stop words but no English
    // one ("ekdum mast phone hai": Hindi "hai").
    let foreign_evidence = evidence.iter().enumerate().any(|(i, e)| i != EN && *e > 0);
    if guess == "en" {
        return (info.is_reliable() || english_hits > 0 || !foreign_evidence).then_some("en");
    }
    // Russian, Ukrainian and Bulgarian share most trigrams of a short post: a letter or a common word that only one
    // of them writes ([`script::by_letters`]) outweighs whatlang's pick among them.
    if info.script == Cyrillic && matches!(guess, "ru" | "uk" | "bg") {
        if let Some(lang) = script::by_letters(&words, Cyrillic) {
            return Some(lang);
        }
    }
    // Short English posts often come back as Dutch, Danish or Latin: trust English function words when they are at
    // least as frequent as the guessed language's (and any other language's) own stop words and make up a fair share
    // of the words, and the post has a known English word no other language lists ([`Known::english_only`]); two or
    // more when the guess has no stop-word list to count, or the post has three words or more. Not evidence: "Me
    // encanta" ("me" is Spanish too, whatlang guessed Spanish), "Odiei o celular" ("o" is Portuguese too; Uzbek), "To
    // jest świetne" (one English "to" to Polish "jest", and a word in accented letters), "zase to nefunguje" (Czech,
    // whose list leaves "to" to English's).
    let (guess_hits, guess_evidence) = (count_of(&hits, guess), count_of(&evidence, guess));
    if english_only > 0
        && !foreign_letters
        && (english_hits >= 2 || (detect_index(guess).is_some() && n_words <= 2))
        && english_hits * 4 >= n_words
        && english_hits >= guess_hits.max(other_hits)
        && info.script == whatlang::Script::Latin
    {
        return Some("en");
    }
    // An unreliable guess stands when the guessed language's stop words (distinct, two letters or more) are a
    // quarter of the words, at least two, and as many as any language's: what tells Danish from Norwegian is the
    // trigrams, what tells it from noise is the stop words.
    let top = evidence.iter().copied().max().unwrap_or(0);
    let confirmed = enough(guess_evidence, n_words) && guess_evidence >= top;
    if info.is_reliable() || info.confidence >= 0.5 || confirmed {
        return Some(guess);
    }
    // A sentence of five words or more (names set aside, three of them in lower case: a list of brand names in
    // Title Case is no sentence) in a script many languages share: whatlang's confidence stays low at this length
    // ("adoro i Nutella Biscuits, ne ho mangiati troppi stasera": Italian at 0.43, "net mijn bestelling van
    // bol.com binnen" Dutch at 0.26), but its guess stands when the guessed language's stop words lead every other
    // language's (two of them, or one in a post without a known English word: "da new yeezys r fire" holds
    // Portuguese "da"), or, for a language without a stop-word list, when no language's stop words are there, no
    // known English word either, and the confidence is not at noise level (romanised Hindi came back Tagalog,
    // Javanese or Indonesian at 0.09-0.15; Javanese and Latin, whatlang's guesses for Swahili, romanised Urdu and
    // Title Case lists, are not ranked, [`WHATLANG`]). Cyrillic, Arabic and Devanagari are left to their letters and words
    // below, which tell Russian from Ukrainian and Bulgarian, or Hindi from Marathi, better than trigrams of a few
    // words.
    let lower = tokens.iter().filter(|t| t.kind == Kind::Word && t.text.starts_with(char::is_lowercase)).count();
    let sentence = n_words - names >= 5 && lower >= 3 && !matches!(info.script, Cyrillic | Arabic | Devanagari);
    let runner_up = evidence.iter().enumerate().filter(|(i, _)| Some(*i) != detect_index(guess)).map(|(_, e)| *e);
    let leads = guess_evidence > runner_up.max().unwrap_or(0);
    let supported = match detect_index(guess) {
        Some(_) => leads && (guess_evidence >= 2 || english_only == 0) && info.confidence >= 0.1,
        None => top == 0 && english_only == 0 && info.confidence >= 0.2,
    };
    if sentence && supported {
        return Some(guess);
    }
    // A post in a script few languages share: its letters (or words) may decide what the trigrams could not.
    script::by_letters(&words, info.script)
}

/// whatlang without the languages it guesses for short posts in others and that brands' posts are hardly ever
/// written in: Javanese, Uzbek, Turkmen, Latin, Esperanto, Zulu, Shona and Akan (romanised Hindi came back Javanese,
/// Indonesian Uzbek, Turkish Turkmen). Latin and Cyrillic text take [`trigrams`]' path to whatlang's answer.
static WHATLANG: LazyLock<Detector> = LazyLock::new(|| {
    Detector::denying(&[Lang::Jav, Lang::Uzb, Lang::Tuk, Lang::Lat, Lang::Epo, Lang::Zul, Lang::Sna, Lang::Aka])
});

/// whatlang restricted to Danish, Norwegian (Bokmål) and Swedish.
static NORDIC: LazyLock<Detector> = LazyLock::new(|| Detector::allowing(&[Lang::Dan, Lang::Nob, Lang::Swe]));

/// Whether a character of a word is Latin script (ASCII, Latin-1 to Latin Extended-B, Latin Extended Additional,
/// combining accents): what whatlang would count as Latin.
fn is_latin(c: char) -> bool {
    c.is_ascii()
        || matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{300}'..='\u{36F}')
            && c != '\u{D7}'
            && c != '\u{F7}'
}

#[cfg(test)]
mod tests;
