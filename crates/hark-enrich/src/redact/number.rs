//! Carves phones, cards, SSNs, French NIRs and the national ids written as plain numbers (`named`) out of
//! number-like runs, and keeps prices, dates, times, versions, order numbers and hashtags out.
//!
//! A run (`+44 (0)20 7946 0958`, `2024-03-15`, `4000-1234`) is split into chunks at spaces; at each chunk the
//! longest chunk range that classifies wins, so `card 4111 1111 1111 1111 exp 12/26` and two phones in a row
//! both come out right. Each range is read as digit groups and the separators between them.

use super::context::{Lean, Lexicon, Topic};
use super::kind::{Finding, PiiKind};
use super::phone::{drawn_numbers, phone, Number};
use super::shape::{char_at, char_before, is_word_char};
use super::{checksum, named};

/// The most digits any kind accepts: a card's 19 (a `00`-prefixed phone has at most 17, a NIR 15, an SSN 9).
const MAX_DIGITS: usize = 19;

/// The most chunks (parts between spaces) tried for a range that starts mid-run, where no phone may start (a
/// NIR takes 7, `1 85 05 78 006 084 91`; one more to spare): a run of one- and two-digit chunks (a pasted table,
/// `1 2 3 4 ...`) then no longer tries 19 ranges at each of its chunks. Where a phone may start (the run's start,
/// right after a number found, `+` or `(`) every range is tried: a phone spelled digit by digit to slip past
/// filters (`call me on 0 7 9 1 1 1 2 3 4 5 6`) takes eleven.
const MAX_CHUNKS: usize = 8;

/// The fewest digits any kind has ([`classify`] turns shorter ranges down).
const MIN_DIGITS: usize = 7;

/// Adds the findings inside the run `start..end` to `out`.
pub fn run(text: &str, start: usize, end: usize, lexicon: &Lexicon, out: &mut Vec<Finding>) {
    if !standalone(text, start, end) {
        return;
    }
    // Parts between slashes that all hold 7 digits or more are numbers of their own (`0612345678/0698765432`, two
    // phones), each read from its own start; a slash between short groups (`15/03/2024`, `12/26`) stays inside.
    let run = &text[start..end];
    let long = |part: &str| part.bytes().filter(u8::is_ascii_digit).count() >= 7;
    if !run.contains('/') || !run.split('/').all(long) {
        return carve(text, start, end, lexicon, out);
    }
    let mut at = start;
    for part in run.split('/') {
        carve(text, at, at + part.len(), lexicon, out);
        at += part.len() + 1;
    }
}

/// Finds the phones, cards, SSNs, NIRs and named national ids of one run (or one part of it).
fn carve(text: &str, start: usize, end: usize, lexicon: &Lexicon, out: &mut Vec<Finding>) {
    // Lottery and bingo numbers hold no part of a phone either ([`drawn_numbers`]); a run opened by `+` or `(` is
    // one (`+45 51 62 73 84`).
    if !text[start..end].starts_with(['+', '(']) && drawn_numbers(&text[start..end]) {
        return;
    }
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut chunk_start = start;
    for (i, c) in text[start..end].char_indices() {
        if c == ' ' {
            if chunk_start < start + i {
                chunks.push((chunk_start, start + i));
            }
            chunk_start = start + i + 1;
        }
    }
    chunks.push((chunk_start, end));
    let digits: Vec<usize> =
        chunks.iter().map(|&(s, e)| text[s..e].bytes().filter(u8::is_ascii_digit).count()).collect();
    // Chunks of four digits and nothing else beside a range grouped in fours make it part of a list of such numbers
    // (`2560 1440 1920 1080 3840 2160`, resolutions; `3258 4044 3482 5029 6116`, benchmark scores), not a card;
    // except the chunk right next to it when it reads as a card's expiry (`0926`, `1225`) or a year (`2027`): `card
    // 4111 1111 1111 1111 0926`, `2024 4111 1111 1111 1111`. A card word before the range outweighs the list
    // (`card 4111 1111 1111 1111 0926 1234`), and a card right after another is two cards, not a list.
    let four = |k: usize| chunks.get(k).is_some_and(|&(s, e)| e - s == 4 && digits[k] == 4);
    // A four-digit chunk ([`four`]) that reads as an expiry, a month and a year to come (`0926`, not `1280`), or a
    // year (`2027`, `1999`).
    let expiry_or_year = |k: usize| {
        let number = |at: usize| text[chunks[k].0 + at..chunks[k].0 + at + 2].parse::<u32>().unwrap_or(0);
        let (first, second) = (number(0), number(2));
        ((1..=12).contains(&first) && (20..=45).contains(&second)) || first == 19 || first == 20
    };
    let card_at = |k: usize| {
        (k..k + 4).all(four)
            && card(&chunks[k..k + 4].iter().map(|&(s, e)| &text[s..e]).collect::<String>(), &[4; 4], true)
    };
    // Where a number may start as a run does: at the run's start, or right after a number found in it (`Tel
    // 0612345678 0698765432`, two phones).
    let (mut i, mut opens) = (0, 0);
    while i < chunks.len() {
        // The ranges from `i` that stay within `MAX_DIGITS`: a longer one classifies as nothing.
        let at = match (i == 0, i == opens) {
            (true, _) => Opens::Run,
            (false, true) => Opens::AfterFound,
            _ => Opens::Inside,
        };
        let mut last = i;
        let mut sum = digits[i];
        let cap = if phone_may_start(at, &text[chunks[i].0..]) { usize::MAX } else { i + MAX_CHUNKS };
        while last + 1 < chunks.len() && last + 1 < cap && sum + digits[last + 1] <= MAX_DIGITS {
            last += 1;
            sum += digits[last];
        }
        // The ranges with too few digits to be anything are not read at all.
        let (mut first, mut short) = (i, 0);
        while first <= last && short + digits[first] < MIN_DIGITS {
            short += digits[first];
            first += 1;
        }
        // Four chunks each way tell all the rule needs (a list, or a card after), and keep a run of thousands of
        // chunks (a pasted table) linear.
        let before = (opens..i).rev().take_while(|&k| four(k)).take(4).count();
        let hit = (first..=last).rev().find_map(|j| {
            let (s, e) = (chunks[i].0, chunks[j].1);
            let after = (j + 1..chunks.len()).take_while(|&k| four(k)).take(4).count();
            let beside = |n: usize, next: usize| n - usize::from(n > 0 && expiry_or_year(next));
            let others = beside(after, j + 1) + if before > 0 { beside(before, i - 1) } else { 0 };
            let listed = others > 0 && !(after >= 4 && card_at(j + 1));
            let kind = classify(text, s, e, at, listed, lexicon)?;
            // Only a phone keeps an opening `+` or `(`: `(265063301234565)` is an id in parentheses.
            let s = if kind == PiiKind::Phone { s } else { s + text[s..e].find(|c: char| c.is_ascii_digit())? };
            Some((j, Finding { kind, start: s, end: e }))
        });
        match hit {
            Some((j, finding)) => {
                out.push(finding);
                (i, opens) = (j + 1, j + 1);
            }
            None => i += 1,
        }
    }
}

/// Whether the run is a number of its own: not glued to letters (`v1.2`, `A1234567`), not a hashtag or
/// order reference (`#123456789`), not a money amount (`$1,299.00`, `1.234.567,89 €`), not part of a path.
fn standalone(text: &str, start: usize, end: usize) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let before = char_before(text, start);
    let before2 = char_before(text, start - before.map_or(0, char::len_utf8));
    let after = char_at(text, end);
    let after2 = char_at(text, end + after.map_or(0, char::len_utf8));
    // A `#` right after a word is a number sign (`Cell#415-555-0132`, `SSN#536-22-1234`), not a hashtag.
    let number_sign = before == Some('#') && before2.is_some_and(is_word_char);
    let glued_before = before.is_some_and(|c| is_word_char(c) || ("#@$€£¥/\\&=".contains(c) && !number_sign))
        || (before.is_some_and(|c| ",.:'".contains(c)) && digit(before2))
        || (before == Some('-') && before2.is_some_and(char::is_alphanumeric));
    let glued_after = after.is_some_and(|c| is_word_char(c) || "%€$£¥°".contains(c))
        || (after.is_some_and(|c| ",.:".contains(c)) && digit(after2))
        || (after == Some('-') && after2.is_some_and(char::is_alphanumeric));
    !glued_before && !glued_after
}

/// Whether a phone may start at `span`, standing at `at` in its run: anywhere but mid-run, or at a `+` or `(`.
fn phone_may_start(at: Opens, span: &str) -> bool {
    at != Opens::Inside || span.starts_with(['+', '('])
}

/// Where a range stands in its run, for the phone rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opens {
    /// At the run's start.
    Run,
    /// Right after a number found in the run: a phone only by a shape of its own, not by a phone word before the
    /// first one (`call 0612345678 2024 2025 2026` holds one phone).
    AfterFound,
    /// Mid-run: a phone only if it opens with `+` or `(` (`1 85 05 78 006 084 36` holds no phone `05 78 006 084`).
    Inside,
}

/// What the range `start..end` of a run is, if anything; `listed` when chunks of four digits beside it make it part
/// of a list (a range grouped in fours is then no card, unless a card word stands before it).
fn classify(text: &str, start: usize, end: usize, opens: Opens, listed: bool, lexicon: &Lexicon) -> Option<PiiKind> {
    let span = &text[start..end];
    let groups: Vec<&str> = span.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    let seps: Vec<&str> =
        span.trim_start_matches(['+', '(']).split(|c: char| c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    let digits = groups.concat();
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let uniform =
        |allowed: &[&str]| seps.iter().all(|s| *s == seps[0]) && seps.first().is_none_or(|s| allowed.contains(s));
    if digits.len() < MIN_DIGITS || is_date(&groups, &seps) {
        return None;
    }
    if nir(&digits, &lens) {
        return Some(PiiKind::NationalId);
    }
    let card_lean = || lexicon.lean(text, start, Topic::Card);
    let in_list = listed && lens.len() > 1 && lens.iter().all(|&l| l == 4) && card_lean() != Lean::For;
    if !in_list && card(&digits, &lens, uniform(&[" ", "-", ".", "  "])) && card_lean() != Lean::Against {
        return Some(PiiKind::Card);
    }
    let ssn_lean = || lexicon.lean(text, start, Topic::Ssn);
    if lens == [3, 2, 4] && uniform(&["-", " "]) && ssn_lean() != Lean::Against && ssn(&digits) {
        return Some(PiiKind::Ssn);
    }
    let number = Number { span, digits: &digits, lens: &lens, seps: &seps };
    // A national id written as a plain number, named by a word before it ([`named::plain_id`]). Before the compact
    // SSN, whose words include a bare "social" ("my social is …"): a Canadian "social insurance number 527183909" is
    // a SIN.
    if named::plain_id(text, start, &number, |from| lexicon.reference_between(text, from, start)) {
        return Some(PiiKind::NationalId);
    }
    if lens == [9] && ssn_lean() == Lean::For && ssn(&digits) {
        return Some(PiiKind::Ssn);
    }
    let phone_start = phone_may_start(opens, span);
    // The SSN shape (3-2-4) is never read as a phone, also when the SSN itself is invalid; a list of dates or times
    // is none either.
    (phone_start
        && lens != [3, 2, 4]
        && !dates_or_times(span)
        && phone(text, start, &number, opens != Opens::AfterFound, lexicon))
    .then_some(PiiKind::Phone)
}

/// A French NIR: 15 digits (compact, `1 85 05 78 006 084 91`, or for the overseas departments, whose number has
/// three digits and the commune's two, `1 64 10 974 11 027 40`), sex 1/2, a month or a special code, its key.
pub(super) fn nir(digits: &str, lens: &[usize]) -> bool {
    let month: u32 = digits.get(3..5).and_then(|m| m.parse().ok()).unwrap_or(0);
    let overseas = lens == [1, 2, 2, 3, 2, 3, 2] && matches!(digits.get(5..7), Some("97" | "98"));
    digits.len() == 15
        && (lens == [15] || lens == [1, 2, 2, 2, 3, 3, 2] || overseas)
        && matches!(digits.as_bytes()[0], b'1' | b'2')
        && ((1..=12).contains(&month) || month >= 20)
        && checksum::nir_key_ok(digits)
}

/// A card: 13–19 digits, an issuer prefix 2–6 (Mir 2200–2204 and Mastercard 2221–2720, Amex/Diners/JCB, Visa,
/// Mastercard, Discover/Maestro/UnionPay) or Troy's 9792, compact or grouped in fours (or Amex's 4-6-5), Luhn. No
/// card starts 20xx: four years in a row (`2023 2024 2025 2026`, 16 digits in fours) pass Luhn one time in ten.
fn card(digits: &str, lens: &[usize], uniform: bool) -> bool {
    let two_series =
        || digits.get(..4).and_then(|p| p.parse::<u32>().ok()).is_some_and(|p| matches!(p, 2200..=2204 | 2221..=2720));
    let grouped = lens.len() == 1
        || (uniform
            && (lens == [4, 6, 5]
                || lens == [4, 6, 4]
                || (lens[..lens.len() - 1].iter().all(|&l| l == 4) && lens[lens.len() - 1] <= 4)));
    (13..=19).contains(&digits.len())
        && match digits.as_bytes()[0] {
            b'2' => two_series(),
            b'9' => digits.starts_with("9792"),
            first => (b'3'..=b'6').contains(&first),
        }
        && grouped
        && digits.bytes().any(|b| b != digits.as_bytes()[0])
        && checksum::luhn(digits)
}

/// A US SSN with a valid area (not 000, 666, 900–999), group (not 00) and serial (not 0000), and not one of
/// the numbers famously printed in advertising.
fn ssn(digits: &str) -> bool {
    let area: u32 = digits[..3].parse().unwrap_or(0);
    area != 0
        && area != 666
        && area < 900
        && &digits[3..5] != "00"
        && &digits[5..] != "0000"
        && !["078051120", "219099999", "457555462"].contains(&digits)
}

/// Whether the range is a list of dates or times, two or more: `05.03.24 14.30`, `07/03 08/03 12/03`,
/// `06.00 14.00 22.00`, `06/07 07/08 08/09`, or three or more 24-hour times without a separator in the order of a
/// timetable (`0645 0930 1215`; not `0151 2015 1230`, a phone).
fn dates_or_times(span: &str) -> bool {
    let number = |g: &str, lens: &[usize]| lens.contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit());
    let dated = |chunk: &str| {
        let mut parts = chunk.split(['.', '/', ':', '-']);
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(a), Some(b), None, _) => number(a, &[1, 2]) && number(b, &[2]),
            (Some(a), Some(b), Some(year), None) => number(a, &[1, 2]) && number(b, &[1, 2]) && number(year, &[2, 4]),
            _ => false,
        }
    };
    let clock = |chunk: &str| {
        number(chunk, &[4])
            && chunk[..2].parse::<u32>().is_ok_and(|h| h < 24)
            && chunk[2..].parse::<u32>().is_ok_and(|m| m < 60)
    };
    let chunks = || span.split(' ').filter(|c| !c.is_empty());
    let n = chunks().count();
    let in_order = chunks().zip(chunks().skip(1)).all(|(a, b)| a < b);
    (n >= 2 && chunks().all(dated)) || (n >= 3 && chunks().all(clock) && in_order)
}

/// A date at the start of the range: `2024-03-15`, `15/03/2024`, `03.15.2024`.
fn is_date(groups: &[&str], seps: &[&str]) -> bool {
    if groups.len() < 3 || seps.len() < 2 || seps[0] != seps[1] || !["-", "/", "."].contains(&seps[0]) {
        return false;
    }
    let small = |g: &str| g.len() <= 2 && g.parse::<u32>().is_ok_and(|v| (1..=31).contains(&v));
    (groups[0].len() == 4 && small(groups[1]) && small(groups[2]))
        || (small(groups[0]) && small(groups[1]) && groups[2].len() == 4)
}
