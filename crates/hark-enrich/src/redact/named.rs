//! National ids that are plain numbers, which order numbers, phones and account numbers share: each is read only
//! when its own check passes, and after a word naming it unless its written form is its own (the Brazilian CPF's
//! `123.456.789-09`). The Dutch BSN (the "11-proof"), the Canadian SIN (Luhn), the German Steuer-ID (ISO 7064 and the
//! rule on repeated digits), the CPF (two mod-11 digits), India's Aadhaar (Verhoeff), the Portuguese NIF (mod 11) and
//! the Greek AFM (powers of two, mod 11), the Turkish T.C. Kimlik No (two mod-10 digits), the Nigerian NIN and BVN (no
//! check) are here; the ids that open with a birth date, in `dated` and `nordic`.

use super::caseless;
use super::checksum::{luhn, verhoeff};
use super::dated::{amka, belgian, pesel, rodne_cislo, south_african, values};
use super::naming::{is_name, naming_end};
use super::nordic::{cpr, fodselsnummer, personnummer};
use super::phone::Number;

/// Whether the digits of a number-like range (`digits`, grouped as `lens`) starting at `start` are one of these ids or
/// of `dated`'s: its check passes and a word naming it stands before it (or its written form is its own), with no
/// reference word ("order", "policy number", "Bestellung") between the two, which `reference_between(from)` says of
/// `text[from..start]`.
pub(super) fn plain_id(
    text: &str,
    start: usize,
    number: &Number<'_>,
    reference_between: impl Fn(usize) -> bool,
) -> bool {
    const IDS: [Id; 17] = [
        bsn,
        sin,
        steuer_id,
        cpf,
        aadhaar,
        nif,
        afm,
        nigerian,
        pesel,
        personnummer,
        fodselsnummer,
        cpr,
        belgian,
        south_african,
        amka,
        rodne_cislo,
        tc_kimlik,
    ];
    IDS.iter().any(|id| id(text, start, number).is_some_and(|named| !reference_between(named)))
}

/// An id's check: where the word naming it ends, if the number at the given byte is one.
type Id = fn(&str, usize, &Number<'_>) -> Option<usize>;

/// Where the nearest of the `window` words before the number at `start` for which `names(words, k)` holds ends; a
/// name `near` words back or more counts only when no word follows the number, which is then a count, not an id
/// named a sentence before ("Mon NAS Synology a transféré 123 456 782 fichiers").
fn named_near_or_alone(
    text: &str,
    start: usize,
    number: &Number<'_>,
    (window, near): (usize, usize),
    names: impl Fn(&[&str], usize) -> bool,
) -> Option<usize> {
    let counted = text[start + number.span.len()..].trim_start().starts_with(char::is_alphabetic);
    naming_end(text, start, window, |w, k| names(w, k) && (k < near || !counted))
}

/// A Dutch BSN: nine digits (`123456782`, also `1234.56.782` or `123 456 782`) passing the 11-proof, one of the
/// twelve words before it naming it (BSN, burgerservicenummer, sofinummer, sofi; five words back or more, only when
/// no word follows the number): one nine-digit number in eleven passes the proof. (Older numbers written with eight
/// digits, the leading zero dropped, are not read.) Where the naming word ends.
fn bsn(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if !(lens == [9] || lens == [4, 2, 3] || lens == [3, 3, 3]) {
        return None;
    }
    let digit = |k: usize| i64::from(digits.as_bytes()[k] - b'0');
    let weighted: i64 = (0..8).map(|k| digit(k) * (9 - k as i64)).sum();
    if (weighted - digit(8)) % 11 != 0 {
        return None;
    }
    let names = ["bsn", "burgerservicenummer", "sofinummer", "sofi"];
    named_near_or_alone(text, start, number, (12, 5), |w, k| is_name(w, k, &names, &[]))
}

/// A Canadian SIN: nine digits (`046 454 286`, `046-454-286`, `046454286`) passing Luhn, after "social insurance",
/// "assurance sociale", or `SIN` or `NAS` in capitals, among the twelve words before it (people name it, then say what
/// happened to it: "HR asked for my SIN over email ... already sent it (046 454 286)"); not in a post written in
/// capitals (Spanish "sin" is "without", Portuguese "nas" "in the"). Named three words back or more, the number is
/// not followed by a word: a NAS is also a network drive ("Mon NAS Synology a transféré 123 456 782 fichiers").
/// Where the naming word ends.
fn sin(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    let grouped = lens == [3, 3, 3] && !number.seps.contains(&".");
    if !((lens == [9] || grouped) && luhn(digits)) {
        return None;
    }
    let pairs = [("social", "insurance"), ("assurance", "sociale")];
    named_near_or_alone(text, start, number, (12, 3), |words, k| {
        let shouting = words.len() >= 3 && words.iter().all(|w| !w.chars().any(char::is_lowercase));
        is_name(words, k, &[], &pairs) || (!shouting && (words[k] == "SIN" || words[k] == "NAS"))
    })
}

/// A German Steuer-ID (steuerliche Identifikationsnummer): eleven digits (`86095742719`, `86 095 742 719`), the first
/// not 0, one digit twice or three times in the first ten (three not in a row) and the others at most once, the last
/// an ISO 7064 MOD 11,10 check digit; named among the twelve words before it ("Steuer-ID", "Steuer-IdNr",
/// "Identifikationsnummer", "tax ID", "IdNr" but not "Kunden-IdNr"). About one
/// eleven-digit number in 280 passes the checks. Where the naming word ends.
fn steuer_id(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    let d: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    if !(lens == [11] || lens == [2, 3, 3, 3]) || d[0] == 0 {
        return None;
    }
    let mut counts = [0u8; 10];
    d[..10].iter().for_each(|x| counts[usize::from(*x)] += 1);
    let repeated: Vec<u8> = counts.iter().copied().filter(|c| *c > 1).collect();
    let in_a_row = d[..10].windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
    let mut product = 10u32;
    for x in &d[..10] {
        let sum = match (u32::from(*x) + product) % 10 {
            0 => 10,
            s => s,
        };
        product = sum * 2 % 11;
    }
    let check = (11 - product) % 10;
    if !((repeated == [2] || repeated == [3]) && !in_a_row && u32::from(d[10]) == check) {
        return None;
    }
    let names = ["steuerid", "steueridnr", "steueridentifikationsnummer", "identifikationsnummer"];
    let pairs = [("steuer", "id"), ("steuer", "idnr"), ("tax", "id"), ("tax", "identification")];
    // "IdNr" on its own, as the Bundeszentralamt's letter writes it, not as the end of "Kunden-IdNr".
    let id_nr = |w: &str| {
        let at = w.as_ptr() as usize - text.as_ptr() as usize;
        w.eq_ignore_ascii_case("idnr") && !text[..at].ends_with('-')
    };
    naming_end(text, start, 12, |w, k| is_name(w, k, &names, &pairs) || id_nr(w[k]))
}

/// A Brazilian CPF: eleven digits, the last two mod-11 check digits (not one digit eleven times); written
/// `123.456.789-09` it is one by its form, compact (`12345678909`) or `123456789-09` only after "CPF" among the eight
/// words before it. Where the naming word ends (the number's start for the written form).
fn cpf(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    let d = values(digits);
    if d.len() != 11 || d.iter().all(|x| *x == d[0]) {
        return None;
    }
    let check =
        |n: usize| d[..n].iter().enumerate().map(|(i, x)| x * (n as u32 + 1 - i as u32)).sum::<u32>() * 10 % 11 % 10;
    if check(9) != d[9] || check(10) != d[10] {
        return None;
    }
    if lens == [3, 3, 3, 2] && number.seps == [".", ".", "-"] {
        return Some(start);
    }
    if !(lens == [11] || lens == [9, 2]) {
        return None;
    }
    naming_end(text, start, 8, |w, k| is_name(w, k, &["cpf"], &[]))
}

/// An Indian Aadhaar number: twelve digits, the first 2-9, the last a Verhoeff check (`4991 1866 5246`); after
/// "Aadhaar" (or "Aadhar", "UID", "UIDAI", "आधार") among the twelve words before it, five back or more only when no
/// word follows the number. Where the naming word ends.
fn aadhaar(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if !((lens == [12] || lens == [4, 4, 4]) && digits.as_bytes()[0] >= b'2' && verhoeff(digits)) {
        return None;
    }
    let names = ["aadhaar", "aadhar", "adhaar", "uid", "uidai", "आधार"];
    named_near_or_alone(text, start, number, (12, 5), |w, k| is_name(w, k, &names, &[]))
}

/// A Portuguese NIF (número de identificação fiscal) of a person: nine digits, the first 1, 2 or 3 (companies'
/// numbers open with 5, 6, 8 or 9 and are no personal data), the last a mod-11 check (`234567899`, `234 567 899`);
/// after "NIF", "contribuinte" or "identificação fiscal" among the eight words before it. One nine-digit number in
/// eleven passes the check. Where the naming word ends.
fn nif(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if !((lens == [9] || lens == [3, 3, 3]) && matches!(digits.as_bytes()[0], b'1'..=b'3')) {
        return None;
    }
    let d = values(digits);
    let weighted: u32 = d[..8].iter().zip((2..=9).rev()).map(|(x, w)| x * w).sum();
    if (11 - weighted % 11) % 11 % 10 != d[8] {
        return None;
    }
    let pairs = [("identificação", "fiscal"), ("identificacao", "fiscal")];
    naming_end(text, start, 8, |w, k| is_name(w, k, &["nif", "contribuinte"], &pairs))
}

/// A Nigerian NIN (National Identification Number) or BVN (Bank Verification Number): eleven digits without a
/// check, so only after "NIN" or "BVN" in capitals or "national identification number" or "bank verification number"
/// among the five words before it, written as one run and not opening with a phone's trunk 0 (`70123456789`,
/// `22123456789`). Where the naming word ends.
fn nigerian(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    // Nigerian phones are eleven digits too, with the trunk 0 first ("NIN is fine, call 08031234567").
    if number.lens != [11] || number.digits.starts_with('0') {
        return None;
    }
    let pairs = [("national", "identification"), ("bank", "verification")];
    naming_end(text, start, 5, |w, k| matches!(w[k], "NIN" | "BVN") || is_name(w, k, &[], &pairs))
}

/// A Greek AFM (Αριθμός Φορολογικού Μητρώου, the tax number every person has): nine digits, the last the sum of the
/// first eight weighted by 256 down to 2, mod 11, mod 10 (`090000045`); after "ΑΦΜ" (any case, also `Α.Φ.Μ.`) among
/// the eight words before it, or the Latin "AFM" (any case, as Greeklish writes it) among the two (an AFM is also a
/// microscope: "AFM images uploaded, sample 123456783"). One nine-digit number in ten passes the check. Where the naming word ends.
fn afm(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if !(lens == [9] || lens == [3, 3, 3]) {
        return None;
    }
    let d = values(digits);
    let weighted: u32 = d[..8].iter().zip((1..=8).rev()).map(|(x, p)| x << p).sum();
    if weighted % 11 % 10 != d[8] {
        return None;
    }
    // "Α.Φ.Μ." is read as the words "Μ", "Φ", "Α" (nearest first).
    let dotted =
        |w: &[&str], k: usize| is_name(w, k, &[], &[("φ", "μ")]) && w.get(k + 2).is_some_and(|a| caseless::eq(a, "α"));
    let latin = |w: &[&str], k: usize| caseless::eq(w[k], "afm") && k < 2;
    naming_end(text, start, 8, |w, k| is_name(w, k, &["αφμ"], &[]) || latin(w, k) || dotted(w, k))
}

/// A Turkish T.C. Kimlik No (identity number): eleven digits, the first not 0, the tenth seven times the sum of the
/// odd-placed first nine less the sum of the even-placed, mod 10, the eleventh the sum of the first ten mod 10
/// (`10000000146`); after "kimlik" (any case: "T.C. KİMLİK NO", "kimlik numaram") or "TCKN" among the eight words
/// before it. One eleven-digit number in a hundred passes. Where the naming word ends.
fn tc_kimlik(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if lens != [11] || digits.starts_with('0') {
        return None;
    }
    let d = values(digits);
    let (odd, even): (u32, u32) = (d[0] + d[2] + d[4] + d[6] + d[8], d[1] + d[3] + d[5] + d[7]);
    if (odd * 7 + 10 * 9 - even) % 10 != d[9] || d[..10].iter().sum::<u32>() % 10 != d[10] {
        return None;
    }
    naming_end(text, start, 8, |w, k| is_name(w, k, &["kimlik", "tckn", "tckimlik"], &[]))
}

#[cfg(test)]
mod tests;
