//! The Nordic personal identity numbers, each opening with its holder's birth date and confirmed by a real date
//! and its own check: the Swedish personnummer, the Norwegian fødselsnummer and the Danish CPR number, read after a
//! word naming them (Swedish, Norwegian and Danish posts name them with many of the same words), and the Finnish
//! henkilötunnus (HETU), whose written form and check character are its own.

use super::checksum::luhn;
use super::dated::{is_date, two, values};
use super::kind::{Finding, PiiKind};
use super::naming::{is_name, naming_end};
use super::phone::Number;
use super::shape::standalone;

/// A Swedish personnummer or samordningsnummer: the birth date (`YYMMDD`, or `YYYYMMDD`; the day plus 60 for a
/// samordningsnummer), four digits and Luhn over the ten digits from the year's last two (`850709-9805`,
/// `19850709-9805`); after a word naming it (personnummer, personnr, pers.nr, samordningsnummer; pnr before the
/// grouped forms) among the eight before it. Where the naming word ends.
pub(super) fn personnummer(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    let ten = match lens {
        [6, 4] | [10] => digits,
        [8, 4] | [12] if matches!(&digits[..2], "18" | "19" | "20") => &digits[2..],
        _ => return None,
    };
    let d = values(ten);
    let day = two(&d, 4);
    if !(is_date(if day > 60 { day - 60 } else { day }, two(&d, 2)) && luhn(ten)) {
        return None;
    }
    let names = ["personnummer", "personnumret", "personnr", "persnr", "samordningsnummer", "samordningsnumret"];
    // "PNR" is also a ten-digit booking reference (Indian Railways): a personnummer only when written with its dash.
    let pnr = |w: &str| w.eq_ignore_ascii_case("pnr") && lens.len() == 2;
    naming_end(text, start, 8, |w, k| is_name(w, k, &names, &[("pers", "nr")]) || pnr(w[k]))
}

/// A Norwegian fødselsnummer (or D-number, the day plus 40): the birth date (`DDMMYY`), three digits and two mod-11
/// check digits (`01017012345`, `010170 12345`); after "fødselsnummer", "fnr", "personnummer" or "D-nummer" among the
/// eight words before it. About one eleven-digit number in 1,300 passes (simulated). Where the naming word ends.
pub(super) fn fodselsnummer(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if !(lens == [11] || lens == [6, 5]) {
        return None;
    }
    let d = values(digits);
    let day = two(&d, 0);
    let weighted = |weights: &[u32]| -> Option<u32> {
        let r = 11 - d.iter().zip(weights).map(|(x, w)| x * w).sum::<u32>() % 11;
        match r {
            11 => Some(0),
            10 => None,
            r => Some(r),
        }
    };
    let first = weighted(&[3, 7, 6, 1, 8, 9, 4, 5, 2])?;
    let second = weighted(&[5, 4, 3, 2, 7, 6, 5, 4, 3, 2])?;
    if !(is_date(day % 40, two(&d, 2)) && first == d[9] && second == d[10]) {
        return None;
    }
    let names =
        ["fødselsnummer", "fødselsnummeret", "fodselsnummer", "fødselsnr", "fnr", "personnummer", "personnummeret"];
    naming_end(text, start, 8, |w, k| is_name(w, k, &names, &[("d", "nummer")]))
}

/// A Danish CPR number: the birth date (`DDMMYY`), a dash and four digits (`010170-1234`, or compact); since 2007
/// without a check digit, so a real date and "CPR" ("CPR-nr", "cpr-nummer") or "personnummer" among the eight words
/// before it. Where the naming word ends.
pub(super) fn cpr(text: &str, start: usize, number: &Number<'_>) -> Option<usize> {
    let Number { digits, lens, .. } = *number;
    if !(lens == [6, 4] || lens == [10]) {
        return None;
    }
    let d = values(digits);
    if !is_date(two(&d, 0), two(&d, 2)) {
        return None;
    }
    let names = ["cpr", "cprnr", "cprnummer", "personnummer", "personnummeret"];
    naming_end(text, start, 8, |w, k| is_name(w, k, &names, &[]))
}

/// A Finnish henkilötunnus (HETU): the birth date (`DDMMYY`), the century sign (`+` for the 1800s, `-` or
/// `Y`-`U` for the 1900s, `A`-`F` for the 2000s), three digits and a check character, the nine digits mod 31 in
/// `0123456789ABCDEFHJKLMNPRSTUVWXY` (`131052-308T`). Its form and check are its own: no naming word is needed.
pub fn hetu(text: &str, start: usize, end: usize) -> Option<Finding> {
    const CHECK: &[u8] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    let written = text.get(start..end)?.to_ascii_uppercase();
    let b = written.as_bytes();
    let digits: String = written[..6].chars().chain(written[7..10].chars()).collect();
    let number: u64 = digits.parse().ok()?;
    let d = values(&digits);
    let ok = standalone(text, start, end) && is_date(two(&d, 0), two(&d, 2)) && CHECK[(number % 31) as usize] == b[10];
    ok.then_some(Finding { kind: PiiKind::NationalId, start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hetu_check_characters_and_dates() {
        let found = |t: &str| hetu(t, 0, t.len()).is_some();
        assert!(found("131052-308T") && found("010594Y9995") && found("230305A123H"));
        // A wrong check character; then days 32 of October, 13 of a 13th month and 30 February, each with the check
        // character its digits give, so that only the date fails.
        assert!(!found("131052-308U"));
        assert!(!found("321052-3082") && !found("131352-3087") && !found("300252-308A"));
    }
}
