//! National ids that are plain numbers, which order numbers, phones and account numbers share: each is read only
//! after a word naming it and when its own check passes. The Dutch BSN (the "11-proof"), the Canadian SIN (Luhn),
//! the German Steuer-ID (ISO 7064 and the rule on repeated digits), the Polish PESEL (birth date and weighted check)
//! and the Swedish personnummer (birth date and Luhn).

use super::checksum::luhn;
use super::shape::{named_before, named_in, words_before};

/// Whether the digits of a number-like range (`digits`, grouped as `lens`) starting at `start` are one of these ids.
/// `reference_closer` says whether a reference word ("order", "policy number") stands closer before it than the
/// word naming it: that voids all but the Steuer-ID, whose own names hold "ID" (a reference word) and must stand
/// among the three words before it.
pub fn plain_id(
    text: &str,
    start: usize,
    digits: &str,
    lens: &[usize],
    reference_closer: impl FnOnce() -> bool,
) -> bool {
    steuer_id(text, start, digits, lens)
        || ((bsn(text, start, digits, lens)
            || sin(text, start, digits, lens)
            || pesel(text, start, digits, lens)
            || personnummer(text, start, digits, lens))
            && !reference_closer())
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

/// A German Steuer-ID (steuerliche Identifikationsnummer): eleven digits (`86095742719`, `86 095 742 719`), the first
/// not 0, one digit twice or three times in the first ten (three not in a row) and the others at most once, the last
/// an ISO 7064 MOD 11,10 check digit; named in the three words before it ("Steuer-ID", "Steuer-IdNr",
/// "Identifikationsnummer", "tax ID"). One eleven-digit number in 500 passes the checks.
fn steuer_id(text: &str, start: usize, digits: &str, lens: &[usize]) -> bool {
    let d: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    if !(lens == [11] || lens == [2, 3, 3, 3]) || d[0] == 0 {
        return false;
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
    let words = words_before(text, start);
    (repeated == [2] || repeated == [3])
        && !in_a_row
        && u32::from(d[10]) == check
        && named_in(
            &words[..words.len().min(3)],
            &["steuerid", "steueridnr", "steueridentifikationsnummer", "identifikationsnummer", "idnr"],
            &[("steuer", "id"), ("steuer", "idnr"), ("tax", "id"), ("tax", "identification")],
        )
}

/// A Polish PESEL: eleven digits, the birth date first (the month plus 20, 40, 60 or 80 for births after 1999,
/// 2099, 2199 or before 1900), then a weighted check digit; after the word PESEL. One eleven-digit number in 50
/// passes the date and the check.
fn pesel(text: &str, start: usize, digits: &str, lens: &[usize]) -> bool {
    if lens != [11] {
        return false;
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let (month, day) = ((d[2] * 10 + d[3]) % 20, d[4] * 10 + d[5]);
    let weighted: u32 = d[..10].iter().zip([1, 3, 7, 9, 1, 3, 7, 9, 1, 3]).map(|(x, w)| x * w).sum();
    (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && (10 - weighted % 10) % 10 == d[10]
        && named_before(text, start, &["pesel"], &[])
}

/// A Swedish personnummer or samordningsnummer: the birth date (`YYMMDD`, or `YYYYMMDD`; the day plus 60 for a
/// samordningsnummer), four digits and Luhn over the ten digits from the year's last two (`850709-9805`,
/// `19850709-9805`); after a word naming it (personnummer, personnr, pers.nr, pnr, samordningsnummer).
fn personnummer(text: &str, start: usize, digits: &str, lens: &[usize]) -> bool {
    let ten = match lens {
        [6, 4] | [10] => digits,
        [8, 4] | [12] if matches!(&digits[..2], "18" | "19" | "20") => &digits[2..],
        _ => return false,
    };
    let number = |at: usize| ten[at..at + 2].parse::<u32>().unwrap_or(0);
    let (month, day) = (number(2), number(4));
    (1..=12).contains(&month)
        && (matches!(day, 1..=31 | 61..=91))
        && luhn(ten)
        && named_before(
            text,
            start,
            &["personnummer", "personnumret", "personnr", "persnr", "pnr", "samordningsnummer", "samordningsnumret"],
            &[("pers", "nr")],
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `id` reads the number at the end of `text` (from its first digit) as an id.
    fn check(id: fn(&str, usize, &str, &[usize]) -> bool, text: &str) -> bool {
        let start = text.find(|c: char| c.is_ascii_digit()).unwrap_or_default();
        let groups: Vec<&str> = text[start..].split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
        id(text, start, &groups.concat(), &groups.iter().map(|g| g.len()).collect::<Vec<_>>())
    }

    #[test]
    fn checks_of_known_numbers() {
        assert!(check(bsn, "BSN 111222333"));
        assert!(!check(bsn, "BSN 111222334"));
        assert!(!check(bsn, "order 111222333"));
        assert!(check(sin, "my SIN 046 454 286"));
        assert!(!check(sin, "sin 046 454 286"));
        assert!(!check(sin, "my SIN 046 454 287"));
        assert!(!check(sin, "SIN NOTICIAS DEL PEDIDO 046 454 286"));
        assert!(!check(sin, "my car insurance number 046 454 286"));
        assert!(check(sin, "social insurance number: 046 454 286"));
        // The Bundeszentralamt für Steuern's sample Steuer-ID, and the same with a wrong check digit, a digit
        // three times in a row, no repeated digit, or only a reference word before it.
        assert!(check(steuer_id, "Steuer-ID: 86095742719"));
        assert!(check(steuer_id, "meine Steuer-IdNr. lautet 86 095 742 719"));
        assert!(!check(steuer_id, "Steuer-ID: 86095742718"));
        assert!(!check(steuer_id, "Steuer-ID: 11145678908"));
        assert!(!check(steuer_id, "Steuer-ID: 12345678903"));
        assert!(!check(steuer_id, "Kunden-ID: 86095742719"));
        assert!(!check(steuer_id, "Steuer-ID beantragt, Bestellung vom Montag 86095742719"));
        assert!(check(pesel, "PESEL: 44051401359"));
        assert!(check(pesel, "mój pesel to 02270803624"));
        assert!(!check(pesel, "PESEL: 44051401358"));
        assert!(!check(pesel, "PESEL: 44135401356"));
        assert!(!check(pesel, "zamówienie 44051401359"));
        assert!(check(personnummer, "personnummer 850709-9805"));
        assert!(check(personnummer, "pnr 19850709-9805"));
        assert!(check(personnummer, "Pers.nr 19850709-9805 står på kvittot"));
        assert!(check(personnummer, "samordningsnummer 850769-9802"));
        assert!(!check(personnummer, "personnummer 850709-9806"));
        assert!(!check(personnummer, "personnummer 851309-9807"));
        assert!(!check(personnummer, "ordernummer 850709-9805"));
    }
}
