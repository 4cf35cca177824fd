//! IP addresses: IPv4 dotted quads told apart from versions and section numbers, and IPv6 addresses told apart
//! from `::` paths and times.

use std::net::{Ipv4Addr, Ipv6Addr};

use super::context::{Lean, Lexicon, Topic};
use super::kind::{Finding, PiiKind};
use super::shape::{char_at, char_before, is_word_char, standalone};

/// A dotted quad: four octets 0–255 without leading zeros (`01.02.03.04` reads as a date or version), not part
/// of a longer dotted number or a pre-release (`1.2.3.4-beta`), not preceded by version-like words ("version",
/// "build", "firmware", "section", ...), and unless it is a private network's, not followed by one ("update"); not a
/// loopback address or a netmask.
pub fn ipv4(text: &str, start: usize, end: usize, lexicon: &Lexicon) -> Option<Finding> {
    let dotted_digit =
        |dot: Option<char>, digit: Option<char>| dot == Some('.') && digit.is_some_and(|c| c.is_ascii_digit());
    if !standalone(text, start, end)
        || dotted_digit(char_before(text, start), char_before(text, start.saturating_sub(1)))
        || dotted_digit(char_at(text, end), char_at(text, end + 1))
        || (char_at(text, end) == Some('-') && pre_release(text.get(end + 1..).unwrap_or("")))
    {
        return None;
    }
    // std's parser takes four octets 0-255 and no leading zeros (`01.02.03.04` reads as a date or version).
    let ip: Ipv4Addr = text[start..end].parse().ok()?;
    let first = ip.octets()[0];
    // A one-digit first octet reads as a version (`Minecraft 1.21.50.7`, `WhatsApp 2.24.6.77`) unless an IP word
    // says otherwise (`ping 8.8.8.8`); so does a public address with a version word right after it (`the 14.1.2.0
    // update`; a private network's, as people's routers and servers have, is an address whatever follows it).
    // `0.` is no host's; loopback (`127.0.0.1`) and netmasks (`255.255.255.0`) are no one's address.
    // A URL's host is an address whatever its first octet (`http://8.8.8.8:8080/`), as `ping 8.8.8.8` is.
    let lean = if text[..start].ends_with("://") { Lean::For } else { lexicon.lean(text, start, Topic::Ip) };
    let version_after = || lexicon.lean_after(text, end, Topic::Ip) == Lean::Against && !ip.is_private();
    if first == 0
        || ip.is_loopback()
        || first == 255
        || lean == Lean::Against
        || (lean != Lean::For && (first < 10 || version_after()))
    {
        return None;
    }
    Some(Finding { kind: PiiKind::Ip, start, end })
}

/// Whether what follows a dotted quad's `-` is a pre-release or build (`beta`, `1`), not the second address of a
/// range (`10.0.0.1-10.0.0.255`).
fn pre_release(after: &str) -> bool {
    let word = after.split(|c: char| !(c.is_alphanumeric() || c == '.')).next().unwrap_or("");
    // A full stop after the second address ends the sentence (`… 10.0.0.1-10.0.0.255.`).
    word.starts_with(char::is_alphanumeric) && word.trim_end_matches('.').parse::<Ipv4Addr>().is_err()
}

/// An IPv6 address as std parses it, with at least two non-empty groups, five hex digits and one decimal
/// digit: rules out `::1`, `a::b`, `std::vec`-like tokens and `12:30:45`.
pub fn ipv6(text: &str, start: usize, mut end: usize) -> Option<Finding> {
    let glued = |c: Option<char>| c.is_some_and(|c| is_word_char(c) || c == ':' || c == '.');
    if glued(char_before(text, start)) {
        return None;
    }
    if text[start..end].parse::<Ipv6Addr>().is_err() && text[start..end].ends_with(':') {
        end -= 1;
    }
    // More address follows only as a letter, digit or `_`, or as `.` or `:` before one: a full stop, colon or
    // ellipsis that ends a sentence or a label is punctuation (`… 2001:db8::1.`, `2001:db8::1: banned`).
    let word = |c: Option<char>| c.is_some_and(is_word_char);
    let after = char_at(text, end);
    let glued_after = word(after) || (matches!(after, Some('.' | ':')) && word(char_at(text, end + 1)));
    let candidate = &text[start..end];
    let groups = candidate.split(':').filter(|g| !g.is_empty()).count();
    let hex = candidate.bytes().filter(u8::is_ascii_hexdigit).count();
    if glued_after
        || groups < 2
        || hex < 5
        || !candidate.bytes().any(|b| b.is_ascii_digit())
        || candidate.parse::<Ipv6Addr>().is_err()
    {
        return None;
    }
    // The brackets of a URL's IP-literal host go with the address (`http://[2001:db8::1]:8443/` reads
    // `http://[IP]:8443/`, as an IPv4 host would), not around its placeholder (`http://[[IP]]:8443/`).
    let bracketed = start > 0 && text.as_bytes()[start - 1] == b'[' && text.as_bytes().get(end) == Some(&b']');
    let (start, end) = if bracketed { (start - 1, end + 1) } else { (start, end) };
    Some(Finding { kind: PiiKind::Ip, start, end })
}
