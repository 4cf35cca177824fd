//! National ids of letters and digits, each confirmed by its check letter: the Italian codice fiscale and Singapore's
//! NRIC/FIN (the ids that are plain numbers, which order numbers and phones share, are in `named` and `dated`).

use super::kind::{Finding, PiiKind};
use super::naming::named_before;
use super::shape::standalone;

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

/// A Singapore NRIC or FIN (`S1234567D`): S, T, F, G or M, seven digits and a check letter (the digits weighted 2,
/// 7, 6, 5, 4, 3, 2, plus 4 for T and G and 3 for M, mod 11, through the prefix's table); after "NRIC", "FIN" or
/// "IC" among the five words before it: the check passes one code in eleven.
pub fn nric(text: &str, start: usize, end: usize) -> Option<Finding> {
    let code = text.get(start..end)?.to_ascii_uppercase();
    let b = code.as_bytes();
    let sum: u32 = b[1..8].iter().zip([2, 7, 6, 5, 4, 3, 2]).map(|(d, w)| u32::from(d - b'0') * w).sum();
    let (offset, table): (u32, &[u8]) = match b[0] {
        b'S' => (0, b"JZIHGFEDCBA"),
        b'T' => (4, b"JZIHGFEDCBA"),
        b'F' => (0, b"XWUTRQPNMLK"),
        b'G' => (4, b"XWUTRQPNMLK"),
        b'M' => (3, b"KLJNPQRTUWX"),
        _ => return None,
    };
    let ok = standalone(text, start, end)
        && table[((sum + offset) % 11) as usize] == b[8]
        && named_before(text, start, &["nric", "fin", "ic"], &[]);
    ok.then_some(Finding { kind: PiiKind::NationalId, start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_of_known_numbers() {
        assert_eq!(cf_check("RSSMRA85T10A562"), b'S');
        assert_eq!(cf_check("MRTMTT91D08F205"), b'J');
        assert_eq!(decoded("1M"), Some(11));
        let nric_of = |t: &str| nric(t, t.len() - 9, t.len()).is_some();
        assert!(nric_of("my NRIC S1234567D") && nric_of("IC no T0123456G"));
        assert!(!nric_of("my NRIC S1234567E") && !nric_of("part S1234567D"));
    }
}
