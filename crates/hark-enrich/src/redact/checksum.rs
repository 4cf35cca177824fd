//! Check digits that turn "looks like a number of kind X" into "is one": Luhn (cards), ISO 13616 mod-97
//! (IBANs, with the per-country lengths), the DNI/NIE check letter and the French NIR key.
//!
//! Hand-written on purpose: each check is a few lines, and the crates that exist cover one scheme each
//! (luhn, iban_validate, ...) with their own parsing and error types; none covers this combination, and
//! what the redactor needs is a yes/no on an already-extracted digit string.

/// Whether an ASCII digit string passes the Luhn check (ISO/IEC 7812 card numbers).
pub fn luhn(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// The IBAN length of a country (ISO 13616 registry, SWIFT release of 2024), or `None` if it has no IBAN.
pub fn iban_length(country: &str) -> Option<usize> {
    // Two letters and the length, space-separated: compact and easy to check against the registry.
    const LENGTHS: &str = concat!(
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 ",
        "DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 ",
        "IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 ",
        "MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 ",
        "SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30 ",
    );
    if country.len() != 2 || !country.is_ascii() {
        return None;
    }
    LENGTHS
        .split(' ')
        .filter(|entry| entry.len() == 4)
        .find(|entry| entry[..2].eq_ignore_ascii_case(country))
        .and_then(|entry| entry[2..].parse().ok())
}

/// Whether a compact IBAN (no spaces, any case) passes mod-97: the first four characters moved to the end,
/// letters read as 10..35, the number modulo 97 is 1.
pub fn iban_mod97(compact: &str) -> bool {
    let bytes = compact.as_bytes();
    if bytes.len() < 5 {
        return false;
    }
    let mut rem = 0u32;
    for &b in bytes[4..].iter().chain(&bytes[..4]) {
        rem = match b {
            b'0'..=b'9' => (rem * 10 + u32::from(b - b'0')) % 97,
            b'A'..=b'Z' | b'a'..=b'z' => (rem * 100 + u32::from(b.to_ascii_uppercase() - b'A' + 10)) % 97,
            _ => return false,
        };
    }
    rem == 1
}

/// The check letter of a Spanish DNI for its eight-digit number (NIE: X/Y/Z read as 0/1/2 first).
pub fn dni_letter(number: u32) -> char {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    char::from(LETTERS[(number % 23) as usize])
}

/// Whether a 15-digit French NIR (sécurité sociale number) has the right key: 97 minus the first 13 digits
/// modulo 97.
pub fn nir_key_ok(digits: &str) -> bool {
    let (Ok(body), Ok(key)) = (digits[..13].parse::<u64>(), digits[13..].parse::<u64>()) else {
        return false;
    };
    97 - body % 97 == key
}

/// Whether an ASCII digit string passes the Verhoeff check (India's Aadhaar): the product, in the dihedral group D5,
/// of the digits, each permuted by its place from the right, is 0. The group's product and the permutation are
/// computed rather than tabled: D5's rotations are 0-4 and its reflections 5-9.
pub fn verhoeff(digits: &str) -> bool {
    let product = |j: u8, k: u8| match (j < 5, k < 5) {
        (true, true) => (j + k) % 5,
        (true, false) => 5 + (j + k) % 5,
        (false, true) => 5 + (j - k) % 5,
        (false, false) => (j + 10 - k) % 5,
    };
    // The permutation of the second place from the right; the digit at place i is permuted i mod 8 times.
    const P1: [u8; 10] = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
    let check = digits.bytes().rev().enumerate().fold(0u8, |c, (i, b)| {
        let digit = (0..i % 8).fold(b - b'0', |d, _| P1[usize::from(d)]);
        product(c, digit)
    });
    check == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_good_and_bad_numbers() {
        assert!(luhn("4111111111111111"));
        assert!(!luhn("4111111111111112"));
        // Wikipedia's worked example (236, check digit 3), UIDAI's sample Aadhaar number, and the same one digit off;
        // the fourth permutation moves 6, 7 and 8 (a hand-typed table had it wrong and passed the last, not the second).
        assert!(verhoeff("2363") && verhoeff("499118665246") && !verhoeff("499118665247"));
        assert!(iban_mod97("GB82WEST12345698765432"));
        assert!(iban_mod97("de89370400440532013000"));
        assert!(!iban_mod97("DE89370400440532013001"));
        assert_eq!(iban_length("gb"), Some(22));
        assert_eq!(iban_length("US"), None);
        assert_eq!(dni_letter(12_345_678), 'Z');
        assert!(nir_key_ok("185057800608491"));
        assert!(!nir_key_ok("185057800608436"));
    }
}
