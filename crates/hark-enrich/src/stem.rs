//! Stop words and Snowball stemming in the mention's language, for every language `rust-stemmers` covers.
//!
//! Stop-word lists come from the `stop-words` crate's NLTK lists (BSD-licensed NLTK corpus); NLTK has none for Tamil,
//! so Tamil is stemmed without removing stop words. Languages without a stemmer whose stop words language detection
//! reads, and content stems leave out (Indonesian, Malay, Tagalog, romanised Hindi, Polish, Czech), are in [`listed`].

mod listed;

pub use listed::LISTED;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::features::FastMap;
use super::lexicon::Lexicon;
use super::tokenize::{cut_runs, unelongated, Kind, Token};

/// ISO 639-1 codes with a Snowball stemmer, and the stemmer for each.
pub const STEMMED: &[(&str, Algorithm)] = &[
    ("ar", Algorithm::Arabic),
    ("da", Algorithm::Danish),
    ("nl", Algorithm::Dutch),
    ("en", Algorithm::English),
    ("fi", Algorithm::Finnish),
    ("fr", Algorithm::French),
    ("de", Algorithm::German),
    ("el", Algorithm::Greek),
    ("hu", Algorithm::Hungarian),
    ("it", Algorithm::Italian),
    ("nb", Algorithm::Norwegian),
    ("nn", Algorithm::Norwegian),
    ("pt", Algorithm::Portuguese),
    ("ro", Algorithm::Romanian),
    ("ru", Algorithm::Russian),
    ("es", Algorithm::Spanish),
    ("sv", Algorithm::Swedish),
    ("ta", Algorithm::Tamil),
    ("tr", Algorithm::Turkish),
];

/// English function words as social media spells them ("im" for "I'm", "u" for "you", "ur" for "your", "em" for
/// "them"), which NLTK lacks. English is added to the languages that list them ("im" stays German too): they count
/// as English stop-word hits, and language detection's known-word test does not take an English post's "im" for a
/// word only German lists.
const SOCIAL_ENGLISH: [&str; 4] = ["im", "u", "ur", "em"];

/// Stop words of every stemmed language, built once: each word maps to a bit set of the languages (bit `i` is
/// `STEMMED[i]`) that list it, so one lookup answers for all languages.
pub struct StopWords {
    masks: FastMap<String, u32>,
}

impl Default for StopWords {
    fn default() -> Self {
        Self::new()
    }
}

impl StopWords {
    /// The stop words every enricher and [`base_word`] read: built once.
    pub fn shared() -> &'static StopWords {
        static SHARED: LazyLock<StopWords> = LazyLock::new(StopWords::new);
        &SHARED
    }

    /// Loads the NLTK lists of every stemmed language that has one, the [`LISTED`] languages' and English's social
    /// spellings.
    pub fn new() -> StopWords {
        let mut masks: FastMap<String, u32> = FastMap::default();
        for (i, (code, _)) in STEMMED.iter().enumerate() {
            let list_code = match *code {
                "ta" => continue,
                "nb" | "nn" => "no",
                other => other,
            };
            for w in stop_words::get(list_code) {
                let w = w.trim().to_lowercase();
                if !w.is_empty() {
                    *masks.entry(w).or_default() |= 1 << i;
                }
            }
        }
        // A listed language's word that English lists or VADER scores ("nah", "po") stays English only: it would
        // take "nah thanks" out of English.
        let english = |masks: &FastMap<String, u32>, w: &str| {
            masks.get(w).is_some_and(|m| m & bit("en") != 0) || Lexicon::shared().word(w).is_some()
        };
        for (k, _) in LISTED.iter().enumerate() {
            for w in listed::words(k) {
                let w = w.trim().to_lowercase();
                if !english(&masks, &w) {
                    *masks.entry(w).or_default() |= 1 << (STEMMED.len() + k);
                }
            }
        }
        for w in SOCIAL_ENGLISH {
            *masks.entry(w.to_string()).or_default() |= bit("en");
        }
        StopWords { masks }
    }

    /// The languages listing `word` (lower case) as a stop word: bit `i` is [`detected_code`]`(i)`.
    pub fn languages(&self, word: &str) -> u32 {
        self.masks.get(word).copied().unwrap_or(0)
    }
}

/// The index of an ISO 639-1 code in `STEMMED`, if Snowball has a stemmer for it.
pub(crate) fn lang_index(lang: &str) -> Option<usize> {
    STEMMED.iter().position(|(c, _)| *c == lang)
}

/// The index of an ISO 639-1 code among the languages with stop words: `STEMMED`'s, then [`LISTED`]'s. A `const fn`,
/// so that detection's per-post look-ups of fixed codes ("en", "nn") are constants.
pub(crate) const fn detect_index(lang: &str) -> Option<usize> {
    let mut i = 0;
    while i < STEMMED.len() {
        if same(STEMMED[i].0, lang) {
            return Some(i);
        }
        i += 1;
    }
    let mut k = 0;
    while k < LISTED.len() {
        if same(LISTED[k], lang) {
            return Some(STEMMED.len() + k);
        }
        k += 1;
    }
    None
}

/// Whether two strings are equal, in a `const fn` (where `==` on `str` is not allowed).
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The ISO 639-1 code of index `i` among the languages with stop words ([`detect_index`]).
pub(crate) fn detected_code(i: usize) -> Option<&'static str> {
    STEMMED.get(i).map(|(c, _)| *c).or_else(|| LISTED.get(i.checked_sub(STEMMED.len())?).copied())
}

/// How many languages have stop words: `STEMMED`'s and [`LISTED`]'s (at most 32, the bits of a mask).
pub(crate) const DETECTED: usize = STEMMED.len() + LISTED.len();

/// The bit of an ISO 639-1 code in [`StopWords::languages`]; 0 for a language without stop words.
pub const fn bit(lang: &str) -> u32 {
    match detect_index(lang) {
        Some(i) => 1 << i,
        None => 0,
    }
}

/// The stemmers of every supported language, built once, in `STEMMED` order.
pub struct Stemmers {
    by_lang: Vec<Stemmer>,
}

impl Default for Stemmers {
    fn default() -> Self {
        Self::new()
    }
}

impl Stemmers {
    /// Builds one stemmer per supported language.
    pub fn new() -> Stemmers {
        Stemmers { by_lang: STEMMED.iter().map(|(_, alg)| Stemmer::create(*alg)).collect() }
    }

    /// The stemmer for an ISO 639-1 code, if Snowball has one.
    pub fn get(&self, lang: &str) -> Option<&Stemmer> {
        self.by_lang.get(lang_index(lang)?)
    }

    /// The stem of one lower-case word in a language with a stemmer (cached per thread).
    #[cfg(test)]
    pub(crate) fn stem(&self, lang: &str, word: &str) -> Option<String> {
        let i = lang_index(lang)?;
        Some(with_stem(i, &self.by_lang[i], word, str::to_owned))
    }

    /// Appends the stem of one lower-case word in language `lang` ([`lang_index`]) to `out` (cached per thread).
    pub(crate) fn push_stem(&self, lang: usize, word: &str, out: &mut String) {
        with_stem(lang, &self.by_lang[lang], word, |stem| out.push_str(stem));
    }

    /// Stems every word and hashtag body (`None` for other tokens), elongations cut first ("goooood" -> "good");
    /// lower-cased only when the language has no stemmer.
    pub fn stem_all(&self, lang: Option<&str>, tokens: &[Token<'_>]) -> Vec<Option<String>> {
        let stemmer = lang.and_then(lang_index).map(|i| (i, &self.by_lang[i]));
        tokens
            .iter()
            .map(|t| {
                let word = base_word(t)?;
                Some(match stemmer {
                    Some((lang, s)) => with_stem(lang, s, &word, str::to_owned),
                    None => word.into_owned(),
                })
            })
            .collect()
    }

    /// Content stems of a mention: stems of words and hashtag bodies, stop words of `lang` dropped. The reference
    /// for the scorer's own content stems, which reads the stop words from its per-token facts.
    #[cfg(test)]
    pub(crate) fn stems(&self, lang: Option<&str>, tokens: &[Token<'_>], stop: &StopWords) -> Vec<String> {
        let lang_bit = lang.map_or(0, bit);
        let stop_word =
            |t: &Token<'_>| lang_bit != 0 && base_word(t).is_some_and(|w| stop.languages(&w) & lang_bit != 0);
        tokens.iter().zip(self.stem_all(lang, tokens)).filter(|(t, _)| !stop_word(t)).filter_map(|(_, s)| s).collect()
    }
}

/// Words whose stems each thread remembers, per language, before it starts over: word frequencies are Zipfian, so
/// most words of a mention were stemmed before, and Snowball costs more than a lookup.
const CACHED_STEMS: usize = 50_000;

/// A randomly keyed hash (ahash), not `FastMap`: the keys are words from the posts, so crafted collisions must not
/// be able to slow the cache down. std's SipHash would do too, at twice the cost per lookup.
type StemCache = HashMap<String, String, ahash::RandomState>;

thread_local! {
    static STEM_CACHE: RefCell<Vec<StemCache>> = const { RefCell::new(Vec::new()) };
}

/// Hands the stem of `word` to `f`, from the thread's cache when it was stemmed before.
fn with_stem<R>(lang: usize, stemmer: &Stemmer, word: &str, f: impl FnOnce(&str) -> R) -> R {
    STEM_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() <= lang {
            cache.resize_with(STEMMED.len(), StemCache::default);
        }
        let known = &mut cache[lang];
        if let Some(stem) = known.get(word) {
            return f(stem);
        }
        let stem = stemmer.stem(word).into_owned();
        if known.len() >= CACHED_STEMS {
            known.clear();
        }
        f(known.entry(word.to_owned()).or_insert(stem))
    })
}

/// The lower-case word a token stands for (hashtag without `#`, elongation cut), if it is a word at all.
pub fn base_word<'t>(t: &'t Token<'_>) -> Option<Cow<'t, str>> {
    let word = match t.kind {
        Kind::Word => &*t.norm,
        Kind::Hashtag => t.norm.trim_start_matches('#'),
        _ => return None,
    };
    if word.is_empty() {
        return None;
    }
    // An elongated word is the word with its runs written twice when hark knows that word ("goood" is "good",
    // "tooo" "too"), else with them cut to one when it knows that ("happyyyy" is "happy", "sooo" "so"), else with
    // the letters English doubles inside words written twice and the rest once ("soooon" is "soon", "sleeeep"
    // "sleep", "hiii" "hi", "plzzz" "plz").
    if !t.elongated || known_english(word) {
        return Some(Cow::Borrowed(word));
    }
    let body = |s: String| s.strip_prefix('#').map(str::to_owned).unwrap_or(s);
    let cut = body(unelongated(t.text));
    if known_english(&cut) {
        return Some(Cow::Owned(cut));
    }
    Some(Cow::Owned(body(cut_runs(t.text, |c| matches!(c, 'e' | 'o' | 'l' | 's' | 'f' | 't')).0)))
}

/// Whether `w` is an English word that elongation may have come from: in VADER's lexicon or an English stop word.
fn known_english(w: &str) -> bool {
    Lexicon::shared().word(w).is_some() || StopWords::shared().languages(w) & bit("en") != 0
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    #[test]
    fn english_stems_without_stop_words() {
        let (st, sw) = (Stemmers::new(), StopWords::new());
        let stems = st.stems(Some("en"), &tokenize("The runners were running sooo happily #Winning @bob"), &sw);
        assert_eq!(stems, ["runner", "run", "happili", "win"]);
    }

    #[test]
    fn elongated_words_are_the_words_they_stretch() {
        let base = |w: &str| base_word(&tokenize(w)[0]).map(|b| b.into_owned());
        for (stretched, word) in [
            ("goooood", "good"),
            ("happyyyy", "happy"),
            ("sooo", "so"),
            ("soooon", "soon"),
            ("hiii", "hi"),
            ("plzzz", "plz"),
            ("#Loooove", "love"),
        ] {
            assert_eq!(base(stretched).as_deref(), Some(word), "{stretched}");
        }
    }

    #[test]
    fn other_languages_stem_in_their_own_language() {
        let (st, sw) = (Stemmers::new(), StopWords::new());
        assert_eq!(st.stems(Some("fr"), &tokenize("les chanteuses chantaient"), &sw), ["chanteux", "chant"]);
        assert_eq!(st.stems(Some("de"), &tokenize("und die Häuser"), &sw), ["haus"]);
        assert_eq!(st.stems(Some("ru"), &tokenize("красивые книги"), &sw), ["красив", "книг"]);
        assert_eq!(st.stems(Some("xx"), &tokenize("Words Stay"), &sw), ["words", "stay"]);
        for (code, _) in STEMMED {
            assert!(st.get(code).is_some());
            let listed = sw.masks.values().filter(|m| **m & bit(code) != 0).count();
            assert!(*code == "ta" || listed > 20, "{code}");
        }
    }
}
