//! E-mail addresses typed with whitespace around the `@` or the dots (`bartek_k @ wp . pl`, `julien.moreau@
//! laposte.net`, a line break before the `@`): told apart from prices and times (`2 @ 5.99`) and from handles with
//! dots (`follow me @maria.k.photos`).

use super::kind::{Finding, PiiKind};
use super::mail_words::{is_prose, is_provider};
use super::shape::{char_before, is_word_char};
use super::spelled::{cued, shaped, Cue};

/// The address a match of the spaced pattern (`patterns::email_spaced`) at `start..end` holds, if it is one. A match
/// without whitespace is the plain pattern's. The local part glued to the `@` (`accounts@ wexfordprint.ie`)
/// makes an address, as does one shaped like an address ([`shaped`]: `anna.m @gmx.de`) or a word that is no prose word
/// before a known provider (`maria @ gmail.com`). A plain word in lower case makes one when whitespace follows the
/// `@`, as no handle has it, where an address is given (`go to john @ dunmore-robotics.org`; [`cued`]; not `50% off
/// sneakers @ nike.com`); `anna @maria.k.photos` is a mention.
pub fn email_spaced(text: &str, start: usize, end: usize) -> Option<Finding> {
    let span = &text[start..end];
    if !span.contains(char::is_whitespace) {
        return None;
    }
    if char_before(text, start).is_some_and(|c| is_word_char(c) || "@._%+-".contains(c)) {
        return None;
    }
    let at = span.find('@')?;
    let (written, domain) = (&span[..at], &span[at + 1..]);
    let local_written = written.trim_end();
    let glued = local_written.len() == written.len();
    let local: String = local_written.split_whitespace().collect::<Vec<_>>().concat().to_lowercase();
    let label = domain.trim_start();
    let label = &label[..label.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(label.len())];
    let spaced_after = domain.starts_with(char::is_whitespace);
    let plain = !local.is_empty() && !is_prose(&local) && !local_written.chars().any(char::is_uppercase);
    let address = glued
        || shaped(&[local.as_str()])
        || (is_provider(label) && !is_prose(&local))
        || (plain && local.len() >= 2 && spaced_after && cued(text, start) != Cue::None);
    address.then_some(Finding { kind: PiiKind::Email, start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_addresses_not_prices_or_handles() {
        let pattern = super::super::patterns::Patterns::compile().email_spaced;
        let found = |t: &str| super::super::tests::first_match_confirmed(&pattern, email_spaced, t);
        for address in [
            "bartek_k @ wp . pl",
            "anna.m @gmx.de",
            "go to john @ dunmore-robotics.org",
            "julien.moreau@ laposte.net",
            "m.rossi@libero .it",
            "zoe . carter @ icloud . com",
            "sophie.laurent\n@wanadoo.fr",
            "maria @ gmail.com",
        ] {
            assert!(found(address), "{address}");
        }
        let others =
            ["me @ gmail.com", "anna @maria.k.photos", "Tickets @ ticketmaster.com", "bob@example.com", "2 @ 5.99"];
        for other in others {
            assert!(!found(other), "{other}");
        }
    }
}
