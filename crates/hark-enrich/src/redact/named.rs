//! National ids that are plain numbers, which order numbers, phones and account numbers share: each is read only
//! when its own check passes, and after a word naming it unless its written form is its own (the Brazilian CPF's
//! `123.456.789-09`). The Dutch BSN (the "11-proof"), the Canadian SIN (Luhn), the German Steuer-ID (ISO 7064 and the
//! rule on repeated digits), the CPF (two mod-11 digits), India's Aadhaar (Verhoeff) and the South African id (birth
//! date and Luhn) are here; the other ids that open with a birth date, in `dated`.

use super::checksum::{luhn, verhoeff};
use super::dated::{belgian, cpr, fodselsnummer, personnummer, pesel};
use super::naming::{is_name, naming_end};

/// Whether the digits of a number-like range (`digits`, grouped as `lens`) starting at `start` are one of these ids or
/// of `dated`'s: its check passes and a word naming it stands before it (or its written form is its own), with no
/// reference word ("order", "policy number", "Bestellung") between the two, which `reference_between(from)` says of
/// `text[from..start]`.
pub fn plain_id(
    text: &str,
    start: usize,
    digits: &str,
    lens: &[usize],
    reference_between: impl Fn(usize) -> bool,
) -> bool {
    [bsn, sin, steuer_id, cpf, aadhaar, pesel, personnummer, fodselsnummer, cpr, belgian, south_african]
        .iter()
        .any(|id| id(text, start, digits, lens).is_some_and(|named| !reference_between(named)))
}

/// A Dutch BSN: nine digits (`123456782`, also `1234.56.782` or `123 456 782`) passing the 11-proof, one of the
/// twelve words before it naming it (BSN, burgerservicenummer, sofinummer, sofi; five words back or more, only when
/// no word follows the number): one nine-digit number in eleven passes the proof. (Older numbers written with eight
/// digits, the leading zero dropped, are not read.) Where the naming word ends.
fn bsn(text: &str, start: usize, digits: &str, lens: &[usize]) -> Option<usize> {
    if !(lens == [9] || lens == [4, 2, 3] || lens == [3, 3, 3]) {
        return None;
    }
    let digit = |k: usize| i64::from(digits.as_bytes()[k] - b'0');
    let weighted: i64 = (0..8).map(|k| digit(k) * (9 - k as i64)).sum();
    if (weighted - digit(8)) % 11 != 0 {
        return None;
    }
    let names = ["bsn", "burgerservicenummer", "sofinummer", "sofi"];
    let counted = followed_by_word(text, start, lens);
    naming_end(text, start, 12, |w, k| is_name(w, k, &names, &[]) && (k < 5 || !counted))
}

/// A Canadian SIN: nine digits (`046 454 286`, `046-454-286`, `046454286`) passing Luhn, after "social insurance",
/// "assurance sociale", or `SIN` or `NAS` in capitals, among the twelve words before it (people name it, then say what
/// happened to it: "HR asked for my SIN over email ... already sent it (046 454 286)"); not in a post written in
/// capitals (Spanish "sin" is "without", Portuguese "nas" "in the"). Named three words back or more, the number is
/// not followed by a word: a NAS is also a network drive ("Mon NAS Synology a transféré 123 456 782 fichiers").
/// Where the naming word ends.
fn sin(text: &str, start: usize, digits: &str, lens: &[usize]) -> Option<usize> {
    let grouped = lens == [3, 3, 3] && text[start..].chars().nth(3) != Some('.');
    if !((lens == [9] || grouped) && luhn(digits)) {
        return None;
    }
    let pairs = [("social", "insurance"), ("assurance", "sociale")];
    let counted = followed_by_word(text, start, lens);
    naming_end(text, start, 12, |words, k| {
        let shouting = words.len() >= 3 && words.iter().all(|w| !w.chars().any(char::is_lowercase));
        is_name(words, k, &[], &pairs) || (!shouting && (words[k] == "SIN" || words[k] == "NAS") && (k < 3 || !counted))
    })
}

/// A German Steuer-ID (steuerliche Identifikationsnummer): eleven digits (`86095742719`, `86 095 742 719`), the first
/// not 0, one digit twice or three times in the first ten (three not in a row) and the others at most once, the last
/// an ISO 7064 MOD 11,10 check digit; named among the twelve words before it ("Steuer-ID", "Steuer-IdNr",
/// "Identifikationsnummer", "tax ID", "IdNr" but not "Kunden-IdNr"). About one
/// eleven-digit number in 280 passes the checks. Where the naming word ends.
fn steuer_id(text: &str, start: usize, digits: &str, lens: &[usize]) -> Option<usize> {
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
fn cpf(text: &str, start: usize, digits: &str, lens: &[usize]) -> Option<usize> {
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    if d.len() != 11 || d.iter().all(|x| *x == d[0]) {
        return None;
    }
    let check =
        |n: usize| d[..n].iter().enumerate().map(|(i, x)| x * (n as u32 + 1 - i as u32)).sum::<u32>() * 10 % 11 % 10;
    if check(9) != d[9] || check(10) != d[10] {
        return None;
    }
    let written = lens == [3, 3, 3, 2] && text[start..].starts_with(|c: char| c.is_ascii_digit()) && {
        let number = &text[start..];
        number.as_bytes().get(3) == Some(&b'.')
            && number.as_bytes().get(7) == Some(&b'.')
            && number.as_bytes().get(11) == Some(&b'-')
    };
    if written {
        return Some(start);
    }
    (lens == [11] || lens == [9, 2]).then(|| naming_end(text, start, 8, |w, k| is_name(w, k, &["cpf"], &[])))?
}

/// An Indian Aadhaar number: twelve digits, the first 2-9, the last a Verhoeff check (`4991 1866 5246`); after
/// "Aadhaar" (or "Aadhar", "UID", "UIDAI", "आधार") among the twelve words before it, five back or more only when no
/// word follows the number. Where the naming word ends.
fn aadhaar(text: &str, start: usize, digits: &str, lens: &[usize]) -> Option<usize> {
    if !((lens == [12] || lens == [4, 4, 4]) && digits.as_bytes()[0] >= b'2' && verhoeff(digits)) {
        return None;
    }
    let names = ["aadhaar", "aadhar", "adhaar", "uid", "uidai", "आधार"];
    let counted = followed_by_word(text, start, lens);
    naming_end(text, start, 12, |w, k| is_name(w, k, &names, &[]) && (k < 5 || !counted))
}

/// A South African identity number: thirteen digits, the birth date (`YYMMDD`), four digits, the citizenship digit
/// (0 citizen, 1 permanent resident, 2 refugee), one more and a Luhn check (`8001015009087`, `800101 5009 087`); after
/// "ID", "ID number" or "identity number" among the eight words before it. Where the naming word ends.
fn south_african(text: &str, start: usize, digits: &str, lens: &[usize]) -> Option<usize> {
    if !(digits.len() == 13 && matches!(lens, [13] | [6, 4, 3] | [10, 3] | [6, 7]) && luhn(digits)) {
        return None;
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let (month, day) = (d[2] * 10 + d[3], d[4] * 10 + d[5]);
    if !((1..=12).contains(&month) && (1..=31).contains(&day) && d[10] <= 2) {
        return None;
    }
    naming_end(text, start, 8, |w, k| is_name(w, k, &["id", "identity"], &[]))
}

/// Whether a word follows the number of `lens` groups at `start` (one separator between groups): a count ("123 456
/// 782 fichiers"), where an id far from its naming word is not.
fn followed_by_word(text: &str, start: usize, lens: &[usize]) -> bool {
    let end = start + lens.iter().sum::<usize>() + lens.len() - 1;
    text.get(end..).unwrap_or_default().trim_start().starts_with(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `id` reads the number of `text` (from its first digit to the next letter) as an id, with no
    /// reference word between its name and the number.
    fn check(id: Id, text: &str) -> bool {
        let lexicon = super::super::context::Lexicon::build();
        let start = text.find(|c: char| c.is_ascii_digit()).unwrap_or_default();
        let end = text[start..].find(char::is_alphabetic).map_or(text.len(), |e| start + e);
        let groups: Vec<&str> =
            text[start..end].split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
        let (digits, lens) = (groups.concat(), groups.iter().map(|g| g.len()).collect::<Vec<_>>());
        id(text, start, &digits, &lens).is_some_and(|named| !lexicon.reference_between(text, named, start))
    }

    /// An id's check: the byte where its naming word ends, if the number is one.
    type Id = fn(&str, usize, &str, &[usize]) -> Option<usize>;

    #[test]
    fn checks_of_known_numbers() {
        let cases: &[(Id, &str, bool)] = &[
            (bsn, "BSN 111222333", true),
            (bsn, "BSN 111222334", false),
            (bsn, "order 111222333", false),
            (
                bsn,
                "de Belastingdienst vraagt mijn BSN in een mail. Ik heb hem al ingevuld (111222333) via de link",
                true,
            ),
            (bsn, "mijn BSN staat er niet op, wel de 11 cijfers van het klantnummer en 111222333 artikelen", false),
            (sin, "my SIN 046 454 286", true),
            (sin, "sin 046 454 286", false),
            (sin, "my SIN 046 454 287", false),
            (sin, "SIN NOTICIAS DEL PEDIDO 046 454 286", false),
            (sin, "my car insurance number 046 454 286", false),
            (sin, "social insurance number: 046 454 286", true),
            // Named, then what happened to it; or with a reference word between.
            (sin, "HR asked for my SIN over email, is that normal? already sent it lol (046 454 286)", true),
            (sin, "my SIN is fine, the policy number 046 454 286 is not", false),
            (sin, "SIN question (ticket closed): my social insurance number 046 454 286", true),
            (sin, "Mon NAS Synology a transféré 046 454 286 fichiers cette nuit", false),
            (sin, "Mon employeur me demande mon NAS par courriel. Je l'ai déjà envoyé... 046 454 286 😬", true),
            (sin, "my SIN 046 454 286 was rejected", true),
            (sin, "SIN PALABRAS: el video ya va por 046.454.286 vistas", false),
            // The Bundeszentralamt für Steuern's sample Steuer-ID, and the same with a wrong check digit, a digit
            // three times in a row, no repeated digit, or only a reference word before it.
            (steuer_id, "Steuer-ID: 86095742719", true),
            (steuer_id, "meine Steuer-IdNr. lautet 86 095 742 719", true),
            (steuer_id, "Steuer-ID: 86095742718", false),
            (steuer_id, "Steuer-ID: 11145678908", false),
            (steuer_id, "Steuer-ID: 12345678903", false),
            (steuer_id, "Kunden-ID: 86095742719", false),
            (steuer_id, "Kunden-IdNr 86095742719", false),
            (steuer_id, "IdNr. 86 095 742 719 steht auf dem Brief", true),
            (steuer_id, "Steuer-ID beantragt, Bestellung vom Montag 86095742719", false),
            (steuer_id, "die falsche Steuer-ID bei ELStAM hinterlegt. Meine ist 86095742719", true),
            (pesel, "PESEL: 44051401359", true),
            (pesel, "mój pesel to 02270803624", true),
            (pesel, "PESEL: 44051401358", false),
            (pesel, "PESEL: 44135401356", false),
            (pesel, "zamówienie 44051401359", false),
            (personnummer, "personnummer 850709-9805", true),
            (personnummer, "pnr 19850709-9805", true),
            (personnummer, "@RailMinIndia PNR 8507099805 train late again", false),
            (personnummer, "Pers.nr 19850709-9805 står på kvittot", true),
            (personnummer, "samordningsnummer 850769-9802", true),
            (personnummer, "personnummer 850709-9806", false),
            (personnummer, "personnummer 851309-9807", false),
            (personnummer, "ordernummer 850709-9805", false),
            // The CPF by its written form or after its name; two check digits.
            (cpf, "meu CPF 529.982.247-25 foi bloqueado", true),
            (cpf, "CPF: 52998224725", true),
            (cpf, "pedido 52998224725", false),
            (cpf, "meu CPF 529.982.247-26 foi bloqueado", false),
            (cpf, "111.111.111-11", false),
            (fodselsnummer, "fødselsnummer 15038512363", true),
            (fodselsnummer, "fnr 150385 12363 står feil", true),
            (fodselsnummer, "fødselsnummer 15038512364", false),
            (fodselsnummer, "ordrenummer 15038512363", false),
            (cpr, "mit CPR-nr er 150385-1234", true),
            (cpr, "cpr 320185-1234", false),
            (cpr, "ordrenr 150385-1234", false),
            (belgian, "85.07.30-033.28 staat op de brief", true),
            (belgian, "rijksregisternummer 85073003328", true),
            (belgian, "NISS: 04031512346", true),
            (belgian, "bestelling 85073003328", false),
            (belgian, "85.07.30-033.29 staat op de brief", false),
            (aadhaar, "Somebody is using my Aadhaar 4991 1866 5246 to take loans", true),
            (aadhaar, "Aadhaar 4991 1866 5247", false),
            (aadhaar, "order 4991 1866 5246", false),
            (south_african, "my ID number is 8001015009087 and the app says invalid", true),
            (south_african, "ID 800101 5009 087, cell 071 448 2093", true),
            (south_african, "ID 8001015009088", false),
            (south_african, "tracking 8001015009087", false),
        ];
        for (id, text, expected) in cases {
            assert_eq!(check(*id, text), *expected, "{text}");
        }
    }
}
