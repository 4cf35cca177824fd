//! The words before a candidate that name what it is ("BSN", "Steuer-ID", "national insurance", "codice fiscale"):
//! one way of splitting them off and of matching names and two-word names, for every check that reads them.

use super::caseless;

/// The `n` words before byte `at`, nearest first, split at anything but letters and digits ("Steuer-ID" is "ID",
/// then "Steuer").
pub(super) fn words_before(text: &str, at: usize, n: usize) -> Vec<&str> {
    text[..at].rsplit(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(n).collect()
}

/// Whether word `k` of `words` (nearest first) is one of `names`, or the second word of one of `pairs` right after
/// its first (in any case, in any script: [`caseless`]).
pub(super) fn is_name(words: &[&str], k: usize, names: &[&str], pairs: &[(&str, &str)]) -> bool {
    names.iter().any(|n| caseless::eq(words[k], n))
        || pairs.iter().any(|(first, second)| {
            caseless::eq(words[k], second) && words.get(k + 1).is_some_and(|p| caseless::eq(p, first))
        })
}

/// Whether one of `words` (nearest first) is a name ([`is_name`]).
pub(super) fn named_in(words: &[&str], names: &[&str], pairs: &[(&str, &str)]) -> bool {
    (0..words.len()).any(|k| is_name(words, k, names, pairs))
}

/// Whether one of the five words before `at` is a name ([`is_name`]).
pub(super) fn named_before(text: &str, at: usize, names: &[&str], pairs: &[(&str, &str)]) -> bool {
    named_in(&words_before(text, at, 5), names, pairs)
}

/// Where the nearest of the `window` words before byte `at` for which `names(words, k)` holds ends (one more word
/// is read, for the first of a pair).
pub(super) fn naming_end(
    text: &str,
    at: usize,
    window: usize,
    names: impl Fn(&[&str], usize) -> bool,
) -> Option<usize> {
    let words = words_before(text, at, window + 1);
    let k = (0..words.len().min(window)).find(|&k| names(&words, k))?;
    Some(words[k].as_ptr() as usize - text.as_ptr() as usize + words[k].len())
}
