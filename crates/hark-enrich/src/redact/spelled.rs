//! E-mail addresses spelled out in words (`john dot smith at gmail dot com`), written so to keep them from address
//! harvesters and just as personal: told apart from prose that has the same words ("look at google dot com").

use super::kind::{Finding, PiiKind};
use super::mail_words::{is_mail_only, is_prose, is_provider, CUES, FILES};
use super::patterns::{AT_WORDS, DOT_WORDS};

/// Whether a local part (its words, in lower case, dot-words left out) is shaped like an address's: two words or
/// more (`john dot smith`), or one of three characters or more with letters and a digit or `._%+-` (`anna_k`,
/// `kev2291`), that is no version number (`v1.2`) or file name (`notes.pdf`) and does not end a sentence (`No.`).
pub(super) fn shaped(local: &[&str]) -> bool {
    let Some(first) = local.first() else { return false };
    let bytes = first.as_bytes();
    let version =
        first.trim_start_matches('v').split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let extension = first.rsplit_once('.').is_some_and(|(_, e)| FILES.contains(&e));
    local.len() >= 2
        || (bytes.iter().any(u8::is_ascii_alphabetic)
            && bytes.iter().any(|b| b.is_ascii_digit() || b"._%+-".contains(b))
            && bytes.len() >= 3
            && !version
            && !extension
            && !first.ends_with('.'))
}

/// The address a match of the spelled-out pattern (`patterns::email_spelled`) at `start..end` holds, if it is one.
/// The at-words other than "at" (`arroba`, `arobase`, `chiocciola`, ...) mostly mean `@`, but some are nouns too
/// ("собака" a dog, "małpa" a monkey): what they join is an address when the domain's dots are spelled out, the local
/// part is shaped like an address ([`shaped`]) or the domain is a known provider ("Labrador собака Avito.ru" is an
/// advert). "At" is a preposition first, so with it:
/// - a mail provider named alone (`kev2291 at hotmail`) follows a local part shaped like an address;
/// - a domain written with dots (`pete.k at protonmail.com`) or spelled with any dot-word (`l.girard AT gmail POINT
///   com`) follows a local part shaped like an address, or a word that is no prose word (`mail_words`) before a known
///   provider: "see v1.2 at github.com" is a version, "me at gmail dot com" prose;
/// - a domain spelled with "dot" (`info at kellersbakery dot com`) may follow a plain word of two letters or more,
///   no prose word, when both are written in lower case, as an address is typed: "John at Google dot com" names where
///   John works, "at this point in" has no "dot".
pub fn email_spelled(text: &str, start: usize, end: usize) -> Option<Finding> {
    let written: Vec<&str> = text[start..end].split_whitespace().collect();
    let words: Vec<String> = written.iter().map(|w| w.to_lowercase()).collect();
    let at = words.iter().position(|w| AT_WORDS.contains(&w.as_str()))?;
    let found = Finding { kind: PiiKind::Email, start, end };
    let is_dot = |w: &String| DOT_WORDS.contains(&w.as_str());
    let local: Vec<&str> = words[..at].iter().filter(|w| !is_dot(w)).map(String::as_str).collect();
    let domain = words.get(at + 1)?.as_str();
    let provider = is_provider(domain.split('.').next().unwrap_or_default());
    let first = *local.first()?;
    let shaped = shaped(&local);
    let spelled_dots = words[at + 1..].iter().any(is_dot);
    if words[at] != "at" {
        return (spelled_dots || shaped || provider).then_some(found);
    }
    // A sentence's last word ("event.  At this point"), a hyphenated word ("FTP-ing at", "Check-in at O2 Arena"), a
    // stack frame ("java.lang.NullPointerException at com.example.App.run(App.java:17)"), a possessive ("amazon dot
    // com's"): prose with "at".
    let hyphenated =
        first.contains('-') && !first.bytes().any(|b| b.is_ascii_digit() || b"._%+".contains(&b)) && !spelled_dots;
    let after = &text[end..];
    let code = after.starts_with('(')
        || ["com", "org", "net", "java", "javax", "android"].contains(&domain.split('.').next().unwrap_or_default());
    if first.ends_with('.') || hyphenated || code || after.starts_with("'s") || after.starts_with("’s") {
        return None;
    }
    // Typed in lower case, as an address is ("Chris at Verizon", "Lamp at wayfair dot com" are prose).
    let typed = written
        .iter()
        .zip(&words)
        .all(|(w, l)| AT_WORDS.contains(&l.as_str()) || l == "dot" || !w.chars().any(char::is_uppercase));
    let cue = cued(text, start);
    let plain = local.len() == 1 && first.len() >= 2 && !is_prose(first) && typed && cue != Cue::None;
    // A local part of words joined by "dot" goes with a domain spelled the same way ("polka dot dress at zara.com"
    // is a dress); one shaped by digits alone is a model as often ("a ps5 at walmart.com"), unless given as an
    // address or before a domain spelled out ("quickdeals4u at outlook dot com"); `._%+` are an address's.
    let symbols = shaped && first.bytes().any(|b| b"._%+".contains(&b)) && typed;
    let given = cue != Cue::None || spelled_dots;
    let address_shaped = if local.len() >= 2 { spelled_dots } else { symbols || (shaped && typed && given) };
    let label = domain.split('.').next().unwrap_or_default();
    if !spelled_dots && !domain.contains('.') {
        // A provider named alone ("kev2291 at hotmail"): an address-shaped local part, or a plain one after a word
        // that gives an address ("hmu jdawg at yahoo"; not "dinner at orange tonight"). Before a provider that is
        // nothing but mail, a local part shaped by digits or `._%+` is an address in any case where one is given, as
        // a phone capitalises a message's first word ("Kev2291 at hotmail", "kev2291 at Hotmail").
        let mail_only_shaped = is_mail_only(label) && shaped && cue != Cue::None;
        return (provider && (address_shaped || (plain && cue == Cue::Word) || mail_only_shaped)).then_some(found);
    }
    let known = local.len() == 1 && !is_prose(first) && (is_mail_only(label) || (provider && plain));
    if address_shaped || known {
        return Some(found);
    }
    // Before a domain spelled with "dot" ("at this point in" has none).
    (plain && spelled_dots && words[at + 1..].iter().all(|w| w == "dot" || !is_dot(w))).then_some(found)
}

/// How an address is given ([`cued`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    /// It is not.
    None,
    /// It opens the text, a line, a sentence or a clause.
    Place,
    /// A word that hands one out stands before it.
    Word,
}

/// How the address at byte `start` is given: it opens the text, a line, a sentence or a clause after `:`, a dash, an
/// arrow or a bracket ("Applications: adopt at ...", "info at ... for cake orders", "Non-smoker, quiet. tpatel at umd dot
/// edu"), or it follows a word that hands one out ([`CUES`]: "email", "send it to", "hmu"). "We're at
/// kerncountyfair dot org", "grabbed the same lamp at wayfair dot com": prose.
pub(super) fn cued(text: &str, start: usize) -> Cue {
    let before = text[..start].trim_end_matches([' ', '\t']);
    if before.is_empty() || before.ends_with(['\n', ':', '-', '–', '—', '(', '|', '>', '.', '!', '?', '→', '=']) {
        return Cue::Place;
    }
    let word = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or_default().to_lowercase();
    if CUES.contains(&word.as_str()) {
        Cue::Word
    } else {
        Cue::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_not_prose() {
        let pattern = super::super::patterns::Patterns::compile().email_spelled;
        let spelled = |t: &str| super::super::tests::first_match_confirmed(&pattern, email_spelled, t);
        for address in [
            "john dot smith at acme dot com",
            "jsmith85 at yahoo dot co dot uk",
            "anna_k at outlook dot com",
            "maria at gmail dot com",
            "Maria AT Gmail DOT com",
            "lucia.g arroba yahoo punto es",
            "marco punto rossi chiocciola gmail punto com",
            "claire arobase free point fr",
            "katya.orlova собака yandex.ru",
            "info at kellersbakery dot com",
            "pete.k at protonmail.com",
            "TRAVIS.REED AT ICLOUD.COM",
            "l.girard AT gmail POINT com",
            "kev2291 at hotmail",
            "felix.wagner ät web punkt de",
            "Applications: adopt at secondchancepaws dot org",
            "Minecraft server whitelist apps: admin AT blockhavenmc DOT net",
            "hmu jdawg at yahoo",
        ] {
            assert!(spelled(address), "{address}");
        }
        for prose in [
            "look at google dot com",
            "me at gmail dot com",
            "John at Google dot com",
            "v at x dot io",
            "order at walmart dot com",
            "I used to work at Hotmail back in 99",
            "we're at home",
            "report_v2.pdf at dropbox.com",
            "shop at target.com",
            "more info at acme dot com",
            "We're at kerncountyfair dot org for the schedule",
            "Chris at Verizon finally fixed it",
            "fair is fair: Sarah at Comcast was super helpful",
            "Grabbed the same lamp at wayfair dot com",
            "a picker at amazon dot com's warehouse",
            "NullPointerException at com.example.App.run(App.java:17)",
            "at the next X event.  At this point the list",
            "Try FTP-ing at pub-info.jpl.nasa.gov",
            "finally got a ps5 at walmart.com",
            "Bought my S24 at Verizon yesterday",
            "Check-in at O2 Arena was chaos",
            "Got a polka dot dress at zara.com",
            "dinner at orange tonight",
            "Best deal at Verizon.com",
            "arrived at this point in",
            "we met at the point of sale",
            "see v1.2 at github.com",
            "Labrador собака Avito.ru",
        ] {
            assert!(!spelled(prose), "{prose}");
        }
    }
}
