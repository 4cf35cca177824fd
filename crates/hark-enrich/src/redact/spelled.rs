//! E-mail addresses spelled out in words (`john dot smith at gmail dot com`), written so to keep them from address
//! harvesters and just as personal: told apart from prose that has the same words ("look at google dot com").

use super::kind::{Finding, PiiKind};
use super::patterns::{AT_WORDS, DOT_WORDS};

/// Mail providers whose addresses people spell out: a one-word local part before one of these is an address.
const PROVIDERS: &[&str] = &[
    "gmail",
    "googlemail",
    "yahoo",
    "ymail",
    "hotmail",
    "outlook",
    "live",
    "msn",
    "icloud",
    "aol",
    "protonmail",
    "proton",
    "gmx",
    "yandex",
    "mail",
    "zoho",
    "fastmail",
    "tutanota",
    "qq",
    "naver",
    "rediffmail",
    "libero",
    "orange",
    "wanadoo",
    "btinternet",
    "comcast",
    "verizon",
    "wp",
    "o2",
    "onet",
    "interia",
    "seznam",
    "rambler",
    "posteo",
    "laposte",
    "sfr",
    "virgilio",
    "tiscali",
    "uol",
    "ziggo",
    "telenet",
    "bluewin",
    "freenet",
    "t-online",
];

/// Words that stand before "at" in prose ("email me at", "look at", "find us at"): never a local part.
const PROSE: &[&str] = &[
    "me",
    "us",
    "you",
    "him",
    "her",
    "them",
    "it",
    "we",
    "i",
    "one",
    "this",
    "that",
    "here",
    "there",
    "look",
    "looking",
    "looked",
    "find",
    "found",
    "reach",
    "follow",
    "email",
    "mail",
    "contact",
    "write",
    "message",
    "dm",
    "anyone",
    "someone",
    "everyone",
    "anything",
    "something",
    "stuff",
    "work",
    "home",
    "available",
    "now",
    "online",
    "info",
];

/// The address a match of the spelled-out pattern (`patterns::email_spelled`) at `start..end` holds, if it is one.
/// The at-words other than "at" (`arroba`, `arobase`, `chiocciola`, ...) mostly mean `@`, but some are nouns too
/// ("собака" a dog, "małpa" a monkey): what they join is an address when the domain's dots are spelled out, the local
/// part is shaped like an address or the domain is a known provider ("Labrador собака Avito.ru" is an advert). With
/// "at", "dot" joins the domain's parts and nothing else does ("at this point in" is prose, "v1.2 at github.com" a
/// version), and the local part is shaped like an address (words joined by "dot", or a digit or `._%+-` beside
/// letters), or is one word that is no prose word before a known provider ([`PROVIDERS`]).
pub fn email_spelled(text: &str, start: usize, end: usize) -> Option<Finding> {
    let words: Vec<String> = text[start..end].split_whitespace().map(str::to_lowercase).collect();
    let at = words.iter().position(|w| AT_WORDS.contains(&w.as_str()))?;
    let found = Finding { kind: PiiKind::Email, start, end };
    let is_dot = |w: &String| DOT_WORDS.contains(&w.as_str());
    let local: Vec<&str> = words[..at].iter().filter(|w| !is_dot(w)).map(String::as_str).collect();
    let domain = words.get(at + 1)?.as_str();
    let provider = PROVIDERS.contains(&domain.split('.').next().unwrap_or_default());
    let first = *local.first()?;
    let shaped = local.len() >= 2
        || (first.bytes().any(|b| b.is_ascii_alphabetic())
            && first.bytes().any(|b| b.is_ascii_digit() || b"._%+-".contains(&b))
            && first.len() >= 3);
    if words[at] != "at" {
        return (words[at..].iter().any(is_dot) || shaped || provider).then_some(found);
    }
    if words.iter().any(|w| w != "dot" && is_dot(w)) || !words[at..].iter().any(|w| w == "dot") {
        return None;
    }
    let plain = local.len() == 1 && provider && !PROSE.contains(&first);
    (shaped || plain).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_not_prose() {
        let spelled = |t: &str| email_spelled(t, 0, t.len()).is_some();
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
        ] {
            assert!(spelled(address), "{address}");
        }
        for prose in [
            "look at google dot com",
            "me at gmail dot com",
            "john at google dot com",
            "v at x dot io",
            "arrived at this point in",
            "we met at the point of sale",
            "see v1.2 at github.com",
            "Labrador собака Avito.ru",
        ] {
            assert!(!spelled(prose), "{prose}");
        }
    }
}
