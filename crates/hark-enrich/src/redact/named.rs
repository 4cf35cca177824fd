//! National ids that are plain numbers, which order numbers, phones and account numbers share: each is read only
//! when its own check passes, and after a word naming it unless its written form is its own (the Brazilian CPF's
//! `123.456.789-09`). The Dutch BSN (the "11-proof"), the Canadian SIN (Luhn), the German Steuer-ID (ISO 7064 and the
//! rule on repeated digits), the CPF (two mod-11 digits) and India's Aadhaar (Verhoeff) are here; the ids that open
//! with a birth date, in `dated`.

use super::checksum::{luhn, verhoeff};
use super::dated::{belgian, cpr, fodselsnummer, personnummer, pesel, south_african};
use super::naming::{is_name, naming_end};
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
    [bsn, sin, steuer_id, cpf, aadhaar, pesel, personnummer, fodselsnummer, cpr, belgian, south_african]
        .iter()
        .any(|id| id(text, start, number).is_some_and(|named| !reference_between(named)))
}

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
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `id` reads the number of `text` (from its first digit to the last before the next letter) as an id,
    /// with no reference word between its name and the number.
    fn check(id: Id, text: &str) -> bool {
        let lexicon = super::super::context::Lexicon::build();
        let start = text.find(|c: char| c.is_ascii_digit()).unwrap_or_default();
        let region = text[start..].find(char::is_alphabetic).map_or(text.len(), |e| start + e);
        let span = &text[start..=text[..region].rfind(|c: char| c.is_ascii_digit()).unwrap_or_default()];
        let groups: Vec<&str> = span.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
        let seps: Vec<&str> = span.split(|c: char| c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
        let (digits, lens) = (groups.concat(), groups.iter().map(|g| g.len()).collect::<Vec<_>>());
        let number = Number { span, digits: &digits, lens: &lens, seps: &seps };
        id(text, start, &number).is_some_and(|named| !lexicon.reference_between(text, named, start))
    }

    /// An id's check: the byte where its naming word ends, if the number is one.
    type Id = fn(&str, usize, &Number<'_>) -> Option<usize>;

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
