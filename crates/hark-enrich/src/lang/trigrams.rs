//! whatlang's detection of Latin and Cyrillic text, the same numbers at a fraction of the cost. whatlang ranks a text
//! against each allowed language's 300 trigrams, looking every one of them up in the text's (28 × 300 lookups for the
//! 28 Latin languages hark lets it rank): 72% of enrichment's time on the short posts in ten languages of the enrich
//! bench, in a profile. Its profiles and scoring are private, so this module reads the profiles from a copy
//! (`data/whatlang_profiles.tsv`, from whatlang 0.16.4, MIT licence) and walks them the other way round: each of the
//! text's trigrams finds the languages whose profile holds it (an inverted index), which gives every language's
//! distance with work in proportion to the text. The alphabet scores, their blend with the trigram scores and the
//! confidence follow whatlang's code step for step, sorts included, so that ties fall the same way; a test compares
//! both, to the last bit, on the test fixtures, the development data and generated text. Other scripts (Arabic,
//! Devanagari, Hebrew: two or three languages each) go to whatlang itself.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::LazyLock;

use whatlang::{Lang, Script};

use crate::tokenize::changes_case;

/// whatlang's profiles of one script's languages, inverted.
struct Profiles {
    script: Script,
    /// Languages in profile order.
    langs: Vec<Lang>,
    /// The profile index of each of the script's languages in whatlang's order for it ([`Script::langs`]), which its
    /// alphabet scores, and so the blended scores, are listed in before sorting: ties fall by this order.
    listed: Vec<u8>,
    /// Trigram → (profile index, rank) of every profile holding it, as a range of `holders`.
    index: HashMap<u64, (u32, u32), ahash::RandomState>,
    holders: Vec<(u8, u16)>,
    /// The alphabets' letters, sorted, and the profile indices of the languages writing each.
    letters: Vec<char>,
    writers: Vec<Vec<u8>>,
}

/// whatlang's `MAX_TRIGRAM_DISTANCE`: what a profile trigram missing from the text costs, and how many of the text's
/// trigrams count.
const MAX_DISTANCE: u32 = 300;
/// whatlang's `RELIABLE_CONFIDENCE_THRESHOLD`.
const RELIABLE: f64 = 0.9;

/// The Latin and Cyrillic profiles.
static PROFILES: LazyLock<[Profiles; 2]> = LazyLock::new(|| {
    let data = include_str!("../data/whatlang_profiles.tsv");
    [Profiles::parse(data, Script::Latin), Profiles::parse(data, Script::Cyrillic)]
});

impl Profiles {
    /// Reads the lines of `script` (`script<TAB>code<TAB>alphabet<TAB>trigram|trigram|...`, in whatlang's profile
    /// order).
    fn parse(data: &str, script: Script) -> Profiles {
        let mut lists: HashMap<u64, Vec<(u8, u16)>, ahash::RandomState> = HashMap::default();
        let (mut langs, mut by_letter) = (Vec::new(), HashMap::<char, Vec<u8>>::new());
        let name = script.name();
        let lines = data.lines().filter(|l| l.split('\t').next() == Some(name));
        for (i, line) in lines.enumerate() {
            let mut fields = line.split('\t').skip(1);
            let (Some(code), Some(alphabet), Some(trigrams)) = (fields.next(), fields.next(), fields.next()) else {
                panic!("data/whatlang_profiles.tsv: four tab-separated fields expected in {line:?}");
            };
            langs.push(
                Lang::from_code(code).unwrap_or_else(|| panic!("whatlang_profiles.tsv: unknown language {code}")),
            );
            for c in alphabet.chars() {
                by_letter.entry(c).or_default().push(i as u8);
            }
            let trigrams: Vec<&str> = trigrams.split('|').collect();
            // Each of whatlang's profiles holds MAX_DISTANCE trigrams, which its distance assumes.
            assert_eq!(trigrams.len(), MAX_DISTANCE as usize, "whatlang_profiles.tsv: {code} profile length");
            for (rank, t) in trigrams.iter().enumerate() {
                let c: Vec<char> = t.chars().collect();
                assert_eq!(c.len(), 3, "whatlang_profiles.tsv: {code} trigram {t:?}");
                lists.entry(key(c[0], c[1], c[2])).or_default().push((i as u8, rank as u16));
            }
        }
        let mut holders = Vec::new();
        let index = lists
            .into_iter()
            .map(|(k, list)| {
                let start = holders.len() as u32;
                holders.extend(list);
                (k, (start, holders.len() as u32))
            })
            .collect();
        let mut by_letter: Vec<(char, Vec<u8>)> = by_letter.into_iter().collect();
        by_letter.sort_unstable_by_key(|(c, _)| *c);
        let (letters, writers) = by_letter.into_iter().unzip();
        let listed = script
            .langs()
            .iter()
            .map(|l| langs.iter().position(|x| x == l).expect("a profile for each of the script's languages") as u8)
            .collect();
        Profiles { script, langs, listed, index, holders, letters, writers }
    }
}

/// A trigram as one number that orders as whatlang's `Trigram(char, char, char)` does (code points < 2^21).
fn key(a: char, b: char, c: char) -> u64 {
    (u64::from(a) << 42) | (u64::from(b) << 21) | u64::from(c)
}

/// whatlang's stop characters: ASCII space, punctuation and digits, which neither script nor language detection reads.
fn is_stop_char(c: char) -> bool {
    matches!(c, '\u{0000}'..='\u{0040}' | '\u{005B}'..='\u{0060}' | '\u{007B}'..='\u{007E}')
}

/// What whatlang's `Info` says of a text: language, script and confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Guess {
    pub lang: Lang,
    pub script: Script,
    pub confidence: f64,
}

impl Guess {
    /// whatlang's `Info::is_reliable`.
    pub fn is_reliable(&self) -> bool {
        self.confidence > RELIABLE
    }

    fn of(info: whatlang::Info) -> Guess {
        Guess { lang: info.lang(), script: info.script(), confidence: info.confidence() }
    }
}

/// A whatlang detector and the same languages for the fast path.
pub(super) struct Detector {
    whatlang: whatlang::Detector,
    /// Whether each profile's language may be guessed, per script of [`PROFILES`].
    allowed: [Vec<bool>; 2],
}

impl Detector {
    /// All languages but `denied`.
    pub fn denying(denied: &[Lang]) -> Detector {
        Detector::new(whatlang::Detector::with_denylist(denied.to_vec()), |l| !denied.contains(&l))
    }

    /// Only `allowed`.
    pub fn allowing(allowed: &[Lang]) -> Detector {
        Detector::new(whatlang::Detector::with_allowlist(allowed.to_vec()), |l| allowed.contains(&l))
    }

    fn new(whatlang: whatlang::Detector, allowed: impl Fn(Lang) -> bool) -> Detector {
        let allowed = PROFILES.each_ref().map(|p| p.langs.iter().map(|&l| allowed(l)).collect());
        Detector { whatlang, allowed }
    }

    /// What `whatlang::Detector::detect` says of `text`.
    pub fn detect(&self, text: &str) -> Option<Guess> {
        let script = whatlang::detect_script(text)?;
        match PROFILES.iter().position(|p| p.script == script) {
            Some(i) => Scripted { profiles: &PROFILES[i], allowed: &self.allowed[i] }.detect(text),
            None => self.whatlang.detect(text).map(Guess::of),
        }
    }
}

/// One script's profiles and the languages allowed among them.
struct Scripted<'a> {
    profiles: &'a Profiles,
    allowed: &'a [bool],
}

impl Scripted<'_> {
    /// whatlang's combined method (alphabets and trigrams) over `text` in lower case; text already in lower case
    /// (as `lang` passes its tokens' normal forms) is read as it is, without a copy.
    fn detect(&self, text: &str) -> Option<Guess> {
        let lower = if text.chars().any(changes_case) { Cow::Owned(text.to_lowercase()) } else { Cow::Borrowed(text) };
        let (letters, alphabet) = self.alphabet_scores(&lower);
        let (trigrams, trigram) = self.trigram_scores(&lower);
        // whatlang's `calc_alphabet_weight`: the alphabet counts less as the text grows.
        let alphabet_weight = (-(letters as f64 / 300.0) + 2.0 / 3.0).clamp(1.0 / 3.0, 2.0 / 3.0);
        // In the alphabet scores' order, as whatlang lists them (both methods score the same languages).
        let mut scores: Vec<(usize, f64)> = alphabet
            .into_iter()
            .map(|(i, a)| (i, a * alphabet_weight + trigram[i] * (1.0 - alphabet_weight)))
            .collect();
        scores.sort_unstable_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Less));
        let (best, first) = *scores.first()?;
        let confidence = scores.get(1).map_or(1.0, |&(_, second)| confidence(first, second, trigrams));
        Some(Guess { lang: self.profiles.langs[best], script: self.profiles.script, confidence })
    }

    /// whatlang's alphabet scores: the number of letters read and each allowed language's share of them in its
    /// alphabet, by profile index, best first.
    fn alphabet_scores(&self, lower: &str) -> (usize, Vec<(usize, f64)>) {
        let p = self.profiles;
        let mut per_letter = vec![0usize; p.letters.len()];
        let mut letters = 0;
        for c in lower.chars().filter(|&c| !is_stop_char(c)) {
            letters += 1;
            if let Ok(at) = p.letters.binary_search(&c) {
                per_letter[at] += 2;
            }
        }
        let mut by_profile = vec![0usize; p.langs.len()];
        let mut common = 0;
        for (at, score) in per_letter.into_iter().enumerate().filter(|(_, s)| *s > 0) {
            if p.writers[at].len() == p.langs.len() {
                common += score;
            } else {
                p.writers[at].iter().for_each(|&i| by_profile[usize::from(i)] += score);
            }
        }
        let mut raw: Vec<(usize, usize)> = p
            .listed
            .iter()
            .map(|&i| usize::from(i))
            .filter(|&i| self.allowed[i])
            .map(|i| (i, (by_profile[i] + common).saturating_sub(letters)))
            .collect();
        raw.sort_unstable_by_key(|(_, score)| Reverse(*score));
        (letters, raw.into_iter().map(|(l, s)| (l, s as f64 / letters as f64)).collect())
    }

    /// whatlang's trigram scores: the number of distinct trigrams and each language's similarity, by profile index.
    fn trigram_scores(&self, lower: &str) -> (usize, Vec<f64>) {
        let p = self.profiles;
        // The text's trigrams (a space before and after, stop characters as spaces, none centred on a space next to
        // another), most frequent first, ties by trigram descending: the rank of each of the first 600.
        let mut all = Vec::with_capacity(lower.len());
        let mut chars = lower.chars().map(|c| if is_stop_char(c) { ' ' } else { c }).chain(Some(' '));
        let (mut c1, mut c2) = (' ', chars.next().unwrap_or(' '));
        for c3 in chars {
            if !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
                all.push(key(c1, c2, c3));
            }
            (c1, c2) = (c2, c3);
        }
        all.sort_unstable();
        let mut counted: Vec<(u32, u64)> = all.chunk_by(|a, b| a == b).map(|run| (run.len() as u32, run[0])).collect();
        counted.sort_unstable_by(|a, b| b.cmp(a));
        counted.truncate(2 * MAX_DISTANCE as usize);
        let distinct = counted.len();
        // Σ over a profile of (MAX - |rank in text - rank in profile|) for the trigrams both hold.
        let mut shared = vec![0i64; p.langs.len()];
        for (at, &(_, k)) in counted.iter().enumerate() {
            let Some(&(from, to)) = p.index.get(&k) else { continue };
            for &(lang, rank) in &p.holders[from as usize..to as usize] {
                shared[usize::from(lang)] += i64::from(MAX_DISTANCE) - (at as i64 - i64::from(rank)).abs();
            }
        }
        let count = distinct as u32;
        let max = count * MAX_DISTANCE;
        let similarity = |i: usize| {
            // Each profile's MAX_DISTANCE trigrams cost MAX_DISTANCE each, less what the text shares with them.
            let mut total = (i64::from(MAX_DISTANCE * MAX_DISTANCE) - shared[i]) as u32;
            if MAX_DISTANCE > count {
                total -= (MAX_DISTANCE - count) * MAX_DISTANCE;
            }
            f64::from(max - total.clamp(0, MAX_DISTANCE * MAX_DISTANCE)) / f64::from(max)
        };
        (distinct, (0..p.langs.len()).map(similarity).collect())
    }
}

/// whatlang's `calculate_confidence`: how far the best score leads the second, against what `count` trigrams can
/// tell apart.
fn confidence(first: f64, second: f64, count: usize) -> f64 {
    if first == 0.0 {
        return 0.0;
    }
    if second == 0.0 {
        return first;
    }
    let confident_rate = (3.0 / count as f64) + 0.015;
    let rate = (first - second) / second;
    if rate > confident_rate {
        1.0
    } else {
        rate / confident_rate
    }
}

#[cfg(test)]
mod tests;
