//! The scanner: runs the pattern families the prefilter allowed, confirms candidates, drops what sits inside
//! URLs, and resolves overlaps so findings come out sorted and disjoint.

use std::collections::BTreeMap;

use super::context::Lexicon;
use super::kind::{Finding, PiiKind};
use super::patterns::Patterns;
use super::prefilter::Hints;
use super::{ids, ip, nordic, number, phone, shape, spaced, spelled};
use regex::Regex;

/// Every finding in `text`, sorted by start, non-overlapping.
pub fn find(patterns: &Patterns, lexicon: &Lexicon, text: &str, hints: Hints) -> Vec<Finding> {
    let mut found = Vec::new();
    if hints.at {
        confirm(&patterns.email, text, &mut found, |s, e| shape::email(text, s, e));
        confirm(&patterns.email_spaced, text, &mut found, |s, e| spaced::email_spaced(text, s, e));
    }
    if hints.spelled {
        confirm(&patterns.email_spelled, text, &mut found, |s, e| spelled::email_spelled(text, s, e));
    }
    if hints.digits {
        confirm(&patterns.iban, text, &mut found, |s, e| shape::iban(text, s, e));
        confirm(&patterns.nino, text, &mut found, |s, e| shape::nino(text, s, e));
        confirm(&patterns.dni, text, &mut found, |s, e| shape::dni(text, s, e));
        confirm(&patterns.nir_corsica, text, &mut found, |s, e| shape::nir_corsica(text, s, e));
        confirm(&patterns.hetu, text, &mut found, |s, e| nordic::hetu(text, s, e));
        confirm(&patterns.nric, text, &mut found, |s, e| ids::nric(text, s, e));
        for m in patterns.number.find_iter(text) {
            number::run(text, m.start(), m.end(), lexicon, &mut found);
        }
    }
    if hints.coded {
        confirm(&patterns.codice_fiscale, text, &mut found, |s, e| ids::codice_fiscale(text, s, e));
    }
    if hints.dotted {
        confirm(&patterns.ipv4, text, &mut found, |s, e| ip::ipv4(text, s, e, lexicon));
    }
    if hints.colons {
        confirm(&patterns.ipv6, text, &mut found, |s, e| ip::ipv6(text, s, e));
    }
    if !found.is_empty() {
        drop_url_parts(&patterns.url, text, &mut found);
    }
    // After the URL parts are dropped: these phones are inside links.
    if hints.digits {
        click_to_chat(text, &mut found);
    }
    disjoint(found)
}

/// A rejected match longer than this is skipped whole instead of retried a character later: no PII candidate is
/// this long, and retrying inside a long run (40,000 letters before `@2x.png`) rescanned it once per character.
const RETRY_WITHIN: usize = 128;

/// Runs `re` over `text` and keeps what `check` confirms. A rejected match is retried one character later
/// (a greedy match may have swallowed a valid candidate's start), unless it is longer than [`RETRY_WITHIN`]; the
/// checks' boundary rules stop that from finding the tail of a rejected token.
fn confirm(re: &Regex, text: &str, out: &mut Vec<Finding>, check: impl Fn(usize, usize) -> Option<Finding>) {
    let mut at = 0;
    while let Some(m) = re.find_at(text, at) {
        match check(m.start(), m.end()) {
            Some(finding) => {
                out.push(finding);
                at = finding.end.max(m.start() + 1);
            }
            None if m.len() > RETRY_WITHIN => at = m.end(),
            None => at = m.start() + shape::char_at(text, m.start()).map_or(1, char::len_utf8),
        }
        if at >= text.len() {
            break;
        }
    }
}

/// Where a link carries a phone number: WhatsApp's click-to-chat (`wa.me/447911123456`) and `phone=` parameters
/// (`api.whatsapp.com/send?phone=5511912345678`).
const PHONE_IN_LINK: [&str; 2] = ["wa.me/", "phone="];

/// The phone numbers of click-to-chat links and `phone=` parameters, in international form without the `+`
/// ([`phone::international`]), ending where the digits do. The link's host or the parameter's name stands alone
/// (`?microphone=`, `headphone=` are no phone's).
fn click_to_chat(text: &str, out: &mut Vec<Finding>) {
    for marker in PHONE_IN_LINK {
        for (at, _) in text.match_indices(marker) {
            let before = shape::char_before(text, at);
            let alone = if marker == "phone=" {
                matches!(before, None | Some('?' | '&' | ';'))
            } else {
                !before.is_some_and(|c| shape::is_word_char(c) || c == '.' || c == '-')
            };
            if !alone {
                continue;
            }
            let start = at + marker.len();
            let start = start + usize::from(text[start..].starts_with('+'));
            let n = text[start..].bytes().take_while(u8::is_ascii_digit).count();
            let glued = shape::char_at(text, start + n).is_some_and(shape::is_word_char);
            if phone::international(&text[start..start + n]) && !glued {
                out.push(Finding { kind: PiiKind::Phone, start, end: start + n });
            }
        }
    }
}

/// Drops findings inside URLs, except e-mail addresses (`?email=`, `mailto:`) and an IP-literal host
/// (`http://203.0.113.9:8080/`): ids, tracking codes and dates in paths stay. (Click-to-chat phones are found after.)
fn drop_url_parts(url: &Regex, text: &str, found: &mut Vec<Finding>) {
    let urls: Vec<(usize, usize)> = url.find_iter(text).map(|m| (m.start(), m.end())).collect();
    if urls.is_empty() {
        return;
    }
    found.retain(|f| {
        let inside = urls.iter().any(|&(s, e)| s <= f.start && f.end <= e);
        let host = f.kind == PiiKind::Ip && ["://", "://[", "@"].iter().any(|p| text[..f.start].ends_with(p));
        !inside || f.kind == PiiKind::Email || host
    });
}

/// Keeps, among overlapping findings, the one of the most trusted kind (checksummed before shape-only), then
/// the earliest; returns them sorted by start. The kept findings, disjoint, are held by start: only the last one
/// starting before a finding's end can overlap it, so each finding costs one ordered lookup.
fn disjoint(mut found: Vec<Finding>) -> Vec<Finding> {
    found.sort_by_key(|f| (f.kind.precedence(), f.start, usize::MAX - f.end));
    let mut kept: BTreeMap<usize, Finding> = BTreeMap::new();
    for f in found {
        if kept.range(..f.end).next_back().is_none_or(|(_, k)| k.end <= f.start) {
            kept.insert(f.start, f);
        }
    }
    kept.into_values().collect()
}
