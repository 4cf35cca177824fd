//! National ids that open with their holder's birth date, each confirmed by a real date and its own check, and
//! read after a word naming it unless its written form is its own: the Polish PESEL, the Belgian national register
//! number, the South African identity number, the Greek AMKA and the Czech and Slovak rodné číslo; the Nordic ones
//! are in `nordic`, with the date helpers from here.

use super::checksum::luhn;
use super::naming::{is_name, naming_end};
use super::phone::Number;

/// Whether day `day` of month `month` can be a date (any year; 29 February is allowed).
pub(super) fn is_date(day: u32, month: u32) -> bool {
    let days = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// The number written by two digits of `d` from `at`.
pub(super) fn two(d: &[u32], at: usize) -> u32 {
    d[at] * 10 + d[at + 1]
}

/// `digits` as numbers.
pub(super) fn values(digits: &str) -> Vec<u32> {
    digits.bytes().map(|b| u32::from(b - b'0')).collect()
}

/// A Polish PESEL: eleven digits, the birth date first (the month plus 20, 40, 60 or 80 for births after 1999,
/// 2099, 2199 or before 1900), then a weighted check digit; after the word PESEL (among the eight words before it).
/// About one eleven-digit number in 55 passes the date and the check (400,000 simulated). Where the naming word ends.
pub(super) fn pesel(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if lens != [11] {
        return None;
    }
    let d = values(digits);
    let weighted: u32 = d[..10].iter().zip([1, 3, 7, 9, 1, 3, 7, 9, 1, 3]).map(|(x, w)| x * w).sum();
    if !(is_date(two(&d, 4), two(&d, 2) % 20) && (10 - weighted % 10) % 10 == d[10]) {
        return None;
    }
    naming_end(text, start, 8, |w, k| is_name(w, k, &["pesel"], &[]))
}

/// A Belgian national register number: the birth date (`YYMMDD`; month and day may be 0 when unknown), three digits
/// and a mod-97 check over the first nine (with a 2 before them for births from 2000). Written `YY.MM.DD-XXX.CC` it is
/// one by its form; compact, or `YYMMDD XXX CC`, after "rijksregisternummer", "numéro national", "registre national",
/// "INSZ", "NISS" or "RRN" among the eight words before it. Where the naming word ends (the number's start for the
/// written form).
pub(super) fn belgian(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if digits.len() != 11 {
        return None;
    }
    let d = values(digits);
    let (month, day) = (two(&d, 2), two(&d, 4));
    let first: u64 = digits[..9].parse().ok()?;
    let check = u64::from(two(&d, 9));
    let valid = |base: u64| 97 - base % 97 == check;
    if !((month == 0 || day == 0 || is_date(day, month)) && (valid(first) || valid(2_000_000_000 + first))) {
        return None;
    }
    if lens == [2, 2, 2, 3, 2] && number.seps == [".", ".", "-", "."] {
        return Some(start);
    }
    if !(lens == [11] || lens == [6, 3, 2]) {
        return None;
    }
    let names = ["rijksregisternummer", "insz", "niss", "rrn", "rijksregister"];
    let pairs = [("numéro", "national"), ("numero", "national"), ("registre", "national")];
    naming_end(text, start, 8, |w, k| is_name(w, k, &names, &pairs))
}

/// A South African identity number: thirteen digits, the birth date (`YYMMDD`), four digits, the citizenship digit
/// (0 citizen, 1 permanent resident, 2 refugee), one more and a Luhn check (`8001015009087`, `800101 5009 087`); after
/// "ID", "ID number" or "identity number" among the eight words before it. Where the naming word ends.
pub(super) fn south_african(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if !(digits.len() == 13 && matches!(lens, [13] | [6, 4, 3] | [10, 3] | [6, 7]) && luhn(digits)) {
        return None;
    }
    let d = values(digits);
    if !(is_date(two(&d, 4), two(&d, 2)) && d[10] <= 2) {
        return None;
    }
    naming_end(text, start, 8, |w, k| is_name(w, k, &["id", "identity"], &[]))
}

/// A Greek AMKA (social security number): eleven digits, the birth date (`DDMMYY`), five digits, Luhn over all
/// eleven (`15038512347`); after "AMKA" (`ΑΜΚΑ`) among the eight words before it. One eleven-digit number in
/// about 260 passes the date and the check (400,000 simulated). Where the naming word ends.
pub(super) fn amka(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if !(lens == [11] && luhn(digits)) {
        return None;
    }
    let d = values(digits);
    if !is_date(two(&d, 0), two(&d, 2)) {
        return None;
    }
    naming_end(text, start, 8, |w, k| is_name(w, k, &["amka", "αμκα"], &[]))
}

/// A Czech or Slovak rodné číslo (birth number): the birth date (`YYMMDD`, the month plus 50 for women, and plus 20
/// or 70 for numbers given since 2004), a slash, four digits, the ten digits divisible by 11 (`855307/1230`; since
/// 1954; the nine-digit numbers before have no check and are not read); after "rodné číslo" (any case ending:
/// "rodného čísla"), "RČ" or "r. č." among the eight words before it. About one ten-digit number in 68 passes the date
/// and the check (400,000 simulated). Where the naming word ends.
pub(super) fn rodne_cislo(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if !(lens == [6, 4] || lens == [10]) {
        return None;
    }
    let value: u64 = digits.parse().ok()?;
    let d = values(digits);
    let month = match two(&d, 2) {
        m @ 1..=12 => m,
        m @ (21..=32 | 51..=62 | 71..=82) => m % 50 % 20,
        _ => return None,
    };
    // Until 1985, a remainder of 10 gave a check digit of 0.
    let first: u64 = digits[..9].parse().ok()?;
    if !(is_date(two(&d, 4), month) && (value % 11 == 0 || (first % 11 == 10 && d[9] == 0))) {
        return None;
    }
    let rodne = |w: &str| w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("rodn"));
    let cisla = ["číslo", "čísla", "číslem", "čísle", "číslu", "cislo", "cisla"];
    naming_end(text, start, 8, |w, k| {
        (is_name(w, k, &cisla, &[]) && w.get(k + 1).is_some_and(|p| rodne(p))) || is_name(w, k, &["rč"], &[("r", "č")])
    })
}
