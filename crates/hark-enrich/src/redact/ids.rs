//! National ids of three more countries, each confirmed by its own check and, where its shape is a plain nine-digit
//! number that order numbers and phones share, by a word naming it: the Italian codice fiscale (check letter), the
//! Dutch BSN (the "11-proof") and the Canadian SIN (Luhn).

use super::checksum::luhn;
use super::kind::{Finding, PiiKind};
use super::shape::{named_before, named_in, standalone, words_before};

/// An Italian codice fiscale (`RSSMRA85T10A562S`): three letters of the surname and three of the name, the year, a
/// month letter, the day (plus 40 for women), the town's code and a check letter; when two people would share a
/// code, digits are replaced by letters (omocodia: `LMNPQRSTUV` for 0-9). Upper case, or any case after a word
/// naming one ("codice fiscale", "CF", "C.F."): the check letter passes one random code in 26.
pub fn codice_fiscale(text: &str, start: usize, end: usize) -> Option<Finding> {
    let written = text.get(start..end)?;
    let code = written.to_ascii_uppercase();
    let upper = written.bytes().all(|b| !b.is_ascii_lowercase());
    let day = decoded(&code[9..11])?;
    let ok = standalone(text, start, end)
        && matches!(day, 1..=31 | 41..=71)
        && cf_check(&code) == code.as_bytes()[15]
        && (upper || named_before(text, start, &["cf"], &[("codice", "fiscale"), ("c", "f")]));
    ok.then_some(Finding { kind: PiiKind::NationalId, start, end })
}

/// The number written in a codice fiscale's digit positions, omocodia letters read as their digits.
fn decoded(part: &str) -> Option<u32> {
    part.bytes().try_fold(0u32, |n, b| {
        let digit = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            _ => b"LMNPQRSTUV".iter().position(|l| *l == b)? as u32,
        };
        Some(n * 10 + digit)
    })
}

/// The check letter of an upper-case codice fiscale's first 15 characters: the first, third, fifth... through the
/// Agenzia delle Entrate's table, the others by their value (0-9, A-Z as 0-25), the sum modulo 26 as a letter.
fn cf_check(code: &str) -> u8 {
    const ODD: [u32; 26] =
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    let sum: u32 = code
        .bytes()
        .take(15)
        .enumerate()
        .map(|(i, b)| {
            let value = if b.is_ascii_digit() { b - b'0' } else { b.wrapping_sub(b'A') % 26 };
            if i % 2 == 0 {
                ODD[usize::from(value)]
            } else {
                u32::from(value)
            }
        })
        .sum();
    b'A' + (sum % 26) as u8
}

/// A Dutch BSN: nine digits (`123456782`, also `1234.56.782` or `123 456 782`) passing the 11-proof, after a word
/// naming it (BSN, burgerservicenummer, sofinummer, sofi): one nine-digit number in eleven passes the proof. (Older
/// numbers written with eight digits, the leading zero dropped, are not read.)
pub fn bsn(text: &str, start: usize, digits: &str, lens: &[usize]) -> bool {
    if !(lens == [9] || lens == [4, 2, 3] || lens == [3, 3, 3]) {
        return false;
    }
    let digit = |k: usize| i64::from(digits.as_bytes()[k] - b'0');
    let weighted: i64 = (0..8).map(|k| digit(k) * (9 - k as i64)).sum();
    (weighted - digit(8)) % 11 == 0
        && named_before(text, start, &["bsn", "burgerservicenummer", "sofinummer", "sofi"], &[])
}

/// A Canadian SIN: nine digits (`046 454 286`, `046-454-286`) passing Luhn, right after `SIN` or `NAS` in capitals
/// (one of the two words before it, in a post not written in capitals: Spanish "sin" is "without", Portuguese "nas"
/// "in the"), or after "social insurance" or "assurance sociale".
pub fn sin(text: &str, start: usize, digits: &str, lens: &[usize]) -> bool {
    let named = || {
        let words = words_before(text, start);
        let shouting = words.len() >= 3 && words.iter().all(|w| !w.chars().any(char::is_lowercase));
        (!shouting && words.iter().take(2).any(|w| *w == "SIN" || *w == "NAS"))
            || named_in(&words, &[], &[("social", "insurance"), ("assurance", "sociale")])
    };
    (lens == [9] || lens == [3, 3, 3]) && luhn(digits) && named()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_of_known_numbers() {
        assert_eq!(cf_check("RSSMRA85T10A562"), b'S');
        assert_eq!(cf_check("MRTMTT91D08F205"), b'J');
        assert_eq!(decoded("1M"), Some(11));
        assert!(bsn("BSN 111222333", 4, "111222333", &[9]));
        assert!(!bsn("BSN 111222334", 4, "111222334", &[9]));
        assert!(!bsn("order 111222333", 6, "111222333", &[9]));
        assert!(sin("my SIN 046 454 286", 7, "046454286", &[3, 3, 3]));
        assert!(!sin("sin 046 454 286", 4, "046454286", &[3, 3, 3]));
        assert!(!sin("my SIN 046 454 287", 7, "046454287", &[3, 3, 3]));
        assert!(!sin("SIN NOTICIAS DEL PEDIDO 046 454 286", 24, "046454286", &[3, 3, 3]));
        assert!(!sin("my car insurance number 046 454 286", 24, "046454286", &[3, 3, 3]));
        assert!(sin("social insurance number: 046 454 286", 25, "046454286", &[3, 3, 3]));
    }
}
