//! Confirms the letter-bearing candidates (e-mail, IBAN, NI number, DNI/NIE; IP addresses are `ip`'s): boundaries,
//! ranges, registry rules, check digits. Each check takes the regex match and returns the finding, possibly trimmed.

use super::checksum;
use super::kind::{Finding, PiiKind};
use super::naming::identifier_before;
use super::naming::{named_before, named_in, words_before};

/// The character just before byte `i` (`None` at the start, or if `i` is not a character boundary).
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The character at byte `i` (`None` at the end, or if `i` is not a character boundary).
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// Whether `c` would glue to a number or address as part of one word. Han, kana, Hangul, Thai, Lao, Myanmar and
/// Khmer do not: those scripts write no spaces between words, so `電話は03-1234-5678まで` and `โทร081-234-5678`
/// still have a standalone number.
pub fn is_word_char(c: char) -> bool {
    c == '_'
        || (c.is_alphanumeric()
            && !matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}'
                | '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}'))
}

/// Whether nothing alphanumeric is glued to either end of `start..end`.
pub(super) fn standalone(text: &str, start: usize, end: usize) -> bool {
    let glued = |c: Option<char>| c.is_some_and(is_word_char);
    !glued(char_before(text, start)) && !glued(char_at(text, end))
}

/// An e-mail address, unless it is the second half of a fediverse handle (`@user@host`), an scp-style remote
/// (`git@github.com:org/repo`) or an image at a pixel density (`logo@2x.png`).
pub fn email(text: &str, start: usize, end: usize) -> Option<Finding> {
    let end = glued_word_cut(text, start, end)?;
    let local_byte = |c: char| is_word_char(c) || "._%+-@".contains(c);
    // scp's `host:path` names a file or folder: its path holds a `/`, a `~` or an extension dot, and a name
    // (`:org/repo.git`, `:~/notes`, `:backup.tar`). `bob@example.com:)`, `:D`, `:xD`, `:/` are emoticons and
    // `bob@example.com: thanks` or `:thanks` punctuation, all after an address.
    let path = text.get(end + 1..).unwrap_or("").split(char::is_whitespace).next().unwrap_or("");
    let path = path.trim_end_matches(|c: char| ".,;:!?)]}\"'".contains(c));
    let scp = char_at(text, end) == Some(':')
        && path.starts_with(|c: char| c.is_alphanumeric() || "/~._".contains(c))
        && path.contains(['/', '~', '.'])
        && path.contains(char::is_alphanumeric);
    let tld = text[..end].rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if char_before(text, start).is_some_and(local_byte)
        || char_at(text, end).is_some_and(|c| is_word_char(c) || c == '@')
        || scp
        || ["png", "jpg", "jpeg", "gif", "svg", "webp"].contains(&tld.as_str())
    {
        return None;
    }
    let start = start + text[start..].bytes().take_while(|b| b"._%+-".contains(b)).count();
    Some(Finding { kind: PiiKind::Email, start: after_elision(text, start, end), end })
}

/// Where an address's local part starts once an elided article before it is left out: an apostrophe after one
/// letter is a name's (`o'brien@…`, `mary.o'connor@…`, `d'angelo@…`), after more an article's (`all'info@…`,
/// Italian "to the").
fn after_elision(text: &str, start: usize, end: usize) -> usize {
    let local = &text[start..end];
    let Some(apostrophe) = local.find(['\'', '’']) else { return start };
    let before = &local[..apostrophe];
    let name = before.rsplit(['.', '_', '%', '+', '-']).next().unwrap_or(before);
    if name.chars().count() <= 1 {
        start
    } else {
        start + apostrophe + local[apostrophe..].chars().next().map_or(1, char::len_utf8)
    }
}

/// `end`, cut before a last label in another script than the label before it: a word glued after the address
/// (`ivan@mail.ru.Спасибо`), not its top-level domain; `None` when no domain with a dot is left (`ivan@mail.Спасибо`).
fn glued_word_cut(text: &str, start: usize, end: usize) -> Option<usize> {
    let address = &text[start..end];
    let Some(dot) = address.rfind('.') else { return Some(end) };
    let script = |label: &str| {
        label.chars().find(|c| c.is_alphabetic()).map(|c| match c {
            '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' => 1,
            '\u{400}'..='\u{52F}' => 2,
            _ => 0,
        })
    };
    let label = address[..dot].rsplit(['.', '@']).next().unwrap_or("");
    match (script(label), script(&address[dot + 1..])) {
        (Some(a), Some(b)) if a != b => {
            let at = address.rfind('@')?;
            address[at..dot].contains('.').then_some(start + dot)
        }
        _ => Some(end),
    }
}

/// An IBAN: a known country, exactly its length (spaces or hyphens allowed between characters), mod-97.
pub fn iban(text: &str, start: usize, end: usize) -> Option<Finding> {
    if char_before(text, start).is_some_and(is_word_char) {
        return None;
    }
    let length = checksum::iban_length(text.get(start..start + 2)?)?;
    let mut compact = String::with_capacity(length);
    let mut stop = start;
    for (i, c) in text[start..end].char_indices() {
        if c != ' ' && c != '-' {
            compact.push(c);
            stop = start + i + c.len_utf8();
            if compact.len() == length {
                break;
            }
        }
    }
    let ok =
        compact.len() == length && !char_at(text, stop).is_some_and(is_word_char) && checksum::iban_mod97(&compact);
    ok.then_some(Finding { kind: PiiKind::Iban, start, end: stop })
}

/// A UK National Insurance number: HMRC's prefix rules (first letter not D, F, I, Q, U, V; second not D, F,
/// I, O, Q, U, V; not BG, GB, NK, KN, TN, NT, ZZ). Where the words just before name one, in either case ("my ni
/// no. is nb688030a"); else in upper case, and not right after an article or a word naming a part or model number:
/// lower case hits too many tokens (part numbers, usernames), and a chip's part number has the shape too ("a
/// MC146818A Real Time Clock", "part MC146818A"; "HMRC account: JG103759A" is one).
pub fn nino(text: &str, start: usize, end: usize) -> Option<Finding> {
    let candidate = &text[start..end];
    let prefix = candidate[..2].to_ascii_uppercase();
    let prefix = prefix.as_str();
    let unnamed = || {
        let article = words_before(text, start, 1)
            .first()
            .is_some_and(|w| ["a", "an", "the"].iter().any(|a| w.eq_ignore_ascii_case(a)));
        candidate.bytes().all(|b| !b.is_ascii_lowercase()) && !article && !identifier_before(text, start)
    };
    let ok = standalone(text, start, end)
        && (ni_named_before(text, start) || unnamed())
        && !"DFIQUV".contains(&prefix[..1])
        && !"DFIOQUV".contains(&prefix[1..])
        && !["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].contains(&prefix);
    ok.then_some(Finding { kind: PiiKind::NationalId, start, end })
}

/// Whether one of the five words before `at` names a National Insurance number: `NINO`, "national insurance", `NI`
/// in capitals, or `ni` before "no" or "number" or after "my", "your" (Spanish and French "ni" is "nor": "ni
/// idea").
fn ni_named_before(text: &str, at: usize) -> bool {
    let words = words_before(text, at, 5);
    let ni = words.iter().enumerate().any(|(k, w)| {
        *w == "NI"
            || (w.eq_ignore_ascii_case("ni")
                && ((k > 0 && ["no", "number", "num", "nr"].iter().any(|n| words[k - 1].eq_ignore_ascii_case(n)))
                    || words
                        .get(k + 1)
                        .is_some_and(|p| ["my", "your", "his", "her"].iter().any(|m| p.eq_ignore_ascii_case(m)))))
    });
    ni || named_in(&words, &["nino"], &[("national", "insurance")])
}

/// A Corsican NIR ([`NIR_CORSICA`](super::patterns)): with `2A` read as 19 and `2B` as 18, as INSEE computes the key,
/// a NIR as any other ([`number::nir`](super::number::nir): the card's groups, sex, month, key).
pub fn nir_corsica(text: &str, start: usize, end: usize) -> Option<Finding> {
    let candidate = &text[start..end];
    let lens: Vec<usize> = candidate.split(' ').map(str::len).collect();
    let upper = candidate.replace(' ', "").to_ascii_uppercase();
    let department = if &upper[5..7] == "2A" { "19" } else { "18" };
    let digits = format!("{}{department}{}", &upper[..5], &upper[7..]);
    (standalone(text, start, end) && super::number::nir(&digits, &lens)).then_some(Finding {
        kind: PiiKind::NationalId,
        start,
        end,
    })
}

/// A Spanish DNI (`12345678Z`) or NIE (`X1234567L`) whose letter matches the number; with a space before the
/// letter (`99848430 W`) only after the words that name one (DNI, NIE, NIF), as a word after a number ("12345678 y
/// ...") has the right letter one time in 23.
pub fn dni(text: &str, start: usize, end: usize) -> Option<Finding> {
    let spaced = text[start..end].contains(' ');
    if !standalone(text, start, end) || (spaced && !named_before(text, start, &["dni", "nie", "nif"], &[])) {
        return None;
    }
    let candidate: String = text[start..end].chars().filter(|&c| !matches!(c, '-' | '.' | ' ')).collect();
    let (body, letter) = candidate.split_at(candidate.char_indices().last()?.0);
    // Eight binary digits and `B` are a binary literal in code (`DB 00001000B`), whose `B` is the check letter one
    // time in 23; a DNI of zeros and ones alone is one in 390,000.
    if body.bytes().all(|b| matches!(b, b'0' | b'1')) && letter.eq_ignore_ascii_case("b") {
        return None;
    }
    let number = match body.as_bytes()[0].to_ascii_uppercase() {
        prefix @ b'X'..=b'Z' if body.len() == 8 => format!("{}{}", prefix - b'X', &body[1..]),
        b'0'..=b'9' if body.len() == 8 => body.to_owned(),
        _ => return None,
    };
    let number: u32 = number.parse().ok()?;
    let ok = letter.eq_ignore_ascii_case(&checksum::dni_letter(number).to_string());
    ok.then_some(Finding { kind: PiiKind::NationalId, start, end })
}
