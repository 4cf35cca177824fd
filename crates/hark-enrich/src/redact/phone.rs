//! Whether a run of digits is a phone: international and national shapes, the country formats written without a
//! trunk prefix, and the phone words before a number; amounts and lists of pairs are no phone.

use super::context::{Lean, Lexicon, Topic};
use super::naming::{identifier_before, reference_number_before};

/// A number's parts, as [`classify`](super::number) split them.
pub(super) struct Number<'a> {
    pub(super) span: &'a str,
    pub(super) digits: &'a str,
    pub(super) lens: &'a [usize],
    pub(super) seps: &'a [&'a str],
}

/// A phone: international (`+` or `00` and a country code), an area code in parentheses, a national number
/// with trunk `0`, the North American 3-3-4 shape, Spanish 3-2-2-2, or, when `by_word`, any 7–13 digits right
/// after a phone word ("call", "tel", "WhatsApp", "llámame", ...). A reference word (order, tracking, invoice, ...)
/// vetoes all but `+`, an area code in parentheses, the North American shape with separators (unless a part,
/// model or reference number is named right before it), Spanish 3-2-2-2 and Russian `8 (9xx)`.
pub(super) fn phone(text: &str, start: usize, number: &Number<'_>, by_word: bool, lexicon: &Lexicon) -> bool {
    let Number { span, digits, lens, seps } = *number;
    let n = digits.len();
    if span.starts_with('+') {
        // `+12 000 000 de vues`, `+12.500.000 Euro`: thousands groups ending in 000 are an amount.
        let amount = lens.len() >= 3 && lens[1..].iter().all(|&l| l == 3) && digits.ends_with("000");
        return international(digits) && !amount;
    }
    let lean = lexicon.lean(text, start, Topic::Phone);
    if digits.starts_with("00") {
        return (9..=15).contains(&(n - 2)) && digits.as_bytes()[2] != b'0' && lean != Lean::Against;
    }
    let national_seps = seps.iter().all(|s| [" ", "-", ".", "/"].contains(s));
    // A four-digit area code in parentheses is a national one with its trunk 0 (`(0161)`): `(2020) 345-356` is a
    // year and pages.
    let area_in_parens = span.starts_with('(')
        && (2..=4).contains(&lens[0])
        && (lens[0] < 4 || digits.starts_with('0'))
        && (9..=12).contains(&n);
    // Two-digit groups are the French and Dutch way of writing a 10-digit number: five of them, in a run of pairs
    // that holds whole such numbers (`01 23 45 67 89 06 12 34 56 78`, two phones); other runs of pairs are lists
    // (`lottery numbers 04 12 19 33 41 45`).
    let pairs = lens.iter().all(|&l| l == 2) && (lens.len() != 5 || !whole_fives(text, start, start + span.len()));
    let trunk =
        digits.starts_with('0') && (9..=12).contains(&n) && lens.iter().all(|&l| l >= 2) && !pairs && national_seps;
    // A part, model or reference number in the same shape names itself right before it (`part no. 430-221-8876`,
    // `Claim number 407-555-0188`, `RMA #646-555-0123`); not a reference's line to call ("call our reservation
    // number: 212-555-0182", "Booking no: 407-555-0188 (call or text)"), nor a toll-free number or one opening with
    // the country code ("claim number 1-800-555-0199").
    let toll_free = || ["800", "888", "877", "866", "855", "844", "833"].iter().any(|t| digits.starts_with(t));
    let named = || {
        identifier_before(text, start)
            || reference_number_before(text, start).is_some_and(|noun| {
                lens.len() == 3
                    && !toll_free()
                    && lexicon.lean(text, noun, Topic::Phone) != Lean::For
                    && !phone_word_after(text, start + span.len(), lexicon)
            })
    };
    let north_american = (lens == [3, 3, 4] || (lens == [1, 3, 3, 4] && digits.starts_with('1')))
        && seps.iter().all(|s| s.chars().all(|c| " -.()".contains(c)))
        && !named();
    // A reference word (order, ticket, booking, ...) vetoes the shapes an order number takes too; an area code in
    // parentheses or the North American 3-3-4 with separators are phones' own (`Bookings: (212) 555-0182`).
    // Spanish mobiles and landlines, nine digits from 6, 7, 8 or 9, are written 3-2-2-2 (`612 34 56 78`).
    let spanish = lens == [3, 2, 2, 2] && matches!(digits.as_bytes()[0], b'6'..=b'9') && seps.iter().all(|s| *s == " ");
    // Russian numbers are written with the trunk 8 before the area code in parentheses: `8 (903) 721-44-09`.
    let russian =
        n == 11 && lens.get(..2) == Some(&[1, 3]) && digits.starts_with('8') && span[1..].trim_start().starts_with('(');
    let own_shape = area_in_parens || (north_american && !seps.is_empty()) || spanish || russian;
    // An app's version after its name, which is a phone word too ("WhatsApp 2.23.25.84"): dotted groups of one to
    // three digits after a one-digit first.
    let version =
        lens.len() >= 3 && lens[0] == 1 && lens[1..].iter().all(|&l| l <= 3) && seps.iter().all(|s| *s == ".");
    let by_word = by_word && lean == Lean::For && (7..=13).contains(&n) && !version;
    own_shape || (lean != Lean::Against && (trunk || north_american || by_word))
}

/// Whether a phone word follows the number at `end`, brackets and punctuation between ("(call or text)").
fn phone_word_after(text: &str, end: usize, lexicon: &Lexicon) -> bool {
    let rest = &text[end..];
    let skipped = rest.len() - rest.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    skipped <= 3 && lexicon.lean_after(text, end + skipped, Topic::Phone) == Lean::For
}

/// Whether the digits after a `+` (or in a click-to-chat link, which drops it) can be an international number: a
/// country code, which never starts with 0, and 8–15 digits in all (E.164's most).
pub(super) fn international(digits: &str) -> bool {
    (8..=15).contains(&digits.len()) && !digits.starts_with('0')
}

/// Whether the five pairs at `start..end` sit in a run of space-separated two-digit groups as one of its fives:
/// the pairs before them and after them each a multiple of five.
fn whole_fives(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let (mut before, mut at) = (0, start);
    while at >= 3 && b[at - 1] == b' ' && digit(at - 3) && digit(at - 2) && !(at >= 4 && digit(at - 4)) {
        (before, at) = (before + 1, at - 3);
    }
    let (mut after, mut at) = (0, end);
    while b.get(at) == Some(&b' ') && digit(at + 1) && digit(at + 2) && !digit(at + 3) {
        (after, at) = (after + 1, at + 3);
    }
    before % 5 == 0 && after % 5 == 0
}

/// Whether a run's digit groups are numbers drawn or picked rather than a phone's parts: five or more of one or two
/// digits, in rising order, the first without a leading 0 (`my numbers were 4 12 19 27 33 41`). French and Dutch
/// pairs open with 0; Danish and Norwegian numbers are four pairs. One pass, no allocation: every number run asks.
pub(super) fn drawn_numbers(run: &str) -> bool {
    let (mut count, mut previous) = (0usize, None::<u32>);
    for group in run.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()) {
        // A group of one or two digits always parses; a longer one is rejected below whatever its value.
        let value: u32 = group.parse().unwrap_or(0);
        if group.len() > 2 || previous.is_some_and(|p| value <= p) || (count == 0 && group.starts_with('0')) {
            return false;
        }
        previous = Some(value);
        count += 1;
    }
    count >= 5
}
