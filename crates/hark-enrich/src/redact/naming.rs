//! The words before a candidate that name what it is ("BSN", "Steuer-ID", "national insurance", "codice fiscale"):
//! one way of splitting them off and of matching names and two-word names, for every check that reads them; and the
//! part, model and reference numbers named right before a number in a phone's shape.

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

/// Words that name the number right after them (nothing but ` :.#-` between) as a part, model or product number.
const IDENTIFIERS: &[&str] = &[
    "chip",
    "part",
    "part no",
    "part number",
    "p/n",
    "pn",
    "mpn",
    "model",
    "model no",
    "model number",
    "sku",
    "item no",
    "upc",
];

/// Whether one of the [`IDENTIFIERS`] stands right before `start`, as a word of its own.
pub(super) fn identifier_before(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', ':', '.', '#', '-']);
    IDENTIFIERS.iter().any(|word| ends_with_word(before, word).is_some())
}

/// Where `word` starts when `text` ends with it, in any case, as a word of its own (no letter or digit before it).
fn ends_with_word(text: &str, word: &str) -> Option<usize> {
    let at = text.len().checked_sub(word.len())?;
    let ends = text.is_char_boundary(at)
        && text[at..].eq_ignore_ascii_case(word)
        && !text[..at].ends_with(|c: char| c.is_alphanumeric());
    ends.then_some(at)
}

/// Nouns of the references that [`reference_number_before`] reads: the number a business gives a customer's case.
const REFERENCE_NOUNS: &[&str] = &[
    "order",
    "claim",
    "ticket",
    "invoice",
    "case",
    "reference",
    "ref",
    "rma",
    "confirmation",
    "tracking",
    "policy",
    "po",
    "booking",
    "reservation",
    "transaction",
    "receipt",
];

/// Where a reference number's name starts, when one is named right before `start` (nothing but spaces and a colon
/// between): one of the [`REFERENCE_NOUNS`] with `number`, `no`, `nr`, `num`, `id` or `#` after it ("Claim number
/// 407-555-0188", "order #212-555-0147", "Ticket no. 312-555-0160"). A bare noun is not enough: "Tickets:
/// 212-555-0182" and "to file a claim: 800-555-0199" are phones for tickets and claims.
pub(super) fn reference_number_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].trim_end_matches([' ', ':']);
    let before = before.strip_suffix('.').unwrap_or(before);
    let noun_end = match before.strip_suffix('#') {
        Some(rest) => rest.trim_end(),
        None => {
            let marker = ["number", "no", "nr", "num", "id"].iter().find_map(|m| ends_with_word(before, m))?;
            before[..marker].trim_end_matches([' ', '-'])
        }
    };
    REFERENCE_NOUNS.iter().find_map(|noun| ends_with_word(noun_end, noun))
}
