//! Case folding for the words that name or tip a number, in every script: "ΤΗΛΕΦΩΝΟ", "Τηλέφωνο" and "τηλεφωνο",
//! "ЗВОНИТЕ" and "звоните", "RČ" and "rč" are each one word. Greek accents fold away too, as Greek in capitals is
//! written without them. Each character folds to one of the same UTF-8 length (or stays as it is), so a folded copy
//! has the text's byte offsets and a match in it is a match in the text.
//!
//! By hand because the crates that fold case (`unicase`, `caseless`) fold to strings of another length, which would
//! need an offset map for every window; the names read here need nothing beyond one-to-one lower-casing.

use std::borrow::Cow;

/// `c` in lower case when that is one character of the same UTF-8 length, Greek vowels without their accent, final
/// sigma as sigma; otherwise `c` itself.
pub(super) fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    let l = match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    };
    match l {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        'ς' => 'σ',
        l => l,
    }
}

/// Whether `a` and `b` are the same word once folded ([`fold`]); here, where lengths need not match, Turkish `İ` is
/// `i` too ("KİMLİK" is "kimlik").
pub(super) fn eq(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    let word = |c: char| if c == 'İ' { 'i' } else { fold(c) };
    a.chars().map(word).eq(b.chars().map(word))
}

/// `text` with every character folded ([`fold`]), byte for byte as long as `text`; borrowed as it is when it is
/// ASCII, for searches that ignore ASCII case themselves (the keyword automaton).
pub(super) fn folded(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(fold).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_greek_accents_keeping_offsets() {
        assert_eq!(folded("ΤΗΛΕΦΩΝΟ"), "τηλεφωνο");
        assert_eq!(folded("Τηλέφωνο: 210"), "τηλεφωνο: 210");
        assert_eq!(folded("ΖΩΝΤΑΝΌΣ ΰ"), "ζωντανοσ υ");
        assert_eq!(folded("ЗВОНИТЕ Номер"), "звоните номер");
        assert_eq!(folded("RČ NUMÉRO"), "rč numéro");
        assert!(matches!(folded("Call ME"), Cow::Borrowed("Call ME")));
        // Characters whose lower case is longer (İ is "i̇", ẞ is three bytes, ß two) stay as they are.
        for text in ["İstanbul ẞ Ω K", "ΑΦΜ ℃ Ⅻ 𐐀"] {
            assert_eq!(folded(text).len(), text.len(), "{text}");
        }
        assert!(eq("ΑΦΜ", "αφμ") && eq("Αφμ", "αφμ") && eq("AMKA", "amka") && eq("Čísla", "čísla"));
        assert!(eq("KİMLİK", "kimlik") && eq("KIMLIK", "kimlik") && !eq("kımlık", "kimlik"));
        assert!(!eq("αφμ", "αφ") && !eq("afm", "αφμ"));
    }
}
