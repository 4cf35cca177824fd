//! The candidate regexes, compiled once. They are deliberately loose (they find "could be"); the checks in
//! [`super::shape`], [`super::ip`], [`super::spelled`], [`super::spaced`], [`super::number`] (with [`super::named`]) and [`super::ids`]
//! decide. Digits are `[0-9]`, not `\d`: full-width digits are folded to ASCII before the search (`super::fold`),
//! and other scripts' digits are not PII formats anyone writes.

use regex::Regex;

/// The words people write for `@` to keep an address from harvesters: English, Spanish and Portuguese, French,
/// Italian, German (`ät` too), Polish, Dutch, Swedish, Russian (`(at)`, `[arobase]`, `arroba`, `собака`).
pub const AT_WORDS: &[&str] = &[
    "at",
    "arroba",
    "arobase",
    "chiocciola",
    "klammeraffe",
    "ät",
    "małpa",
    "malpa",
    "apenstaartje",
    "snabel-a",
    "собака",
];

/// The words written for `.` in such an address (`(dot)`, `punto`, `[point]`, `(punt)`, `kropka`).
pub const DOT_WORDS: &[&str] = &["dot", "punto", "point", "punt", "punkt", "kropka", "ponto", "piste", "prikk"];

/// E-mail: local part, `@` or an at-word in brackets (`(at)`, `[arobase]`, `<at>`, `[@]`; [`AT_WORDS`]), dot-separated
/// labels (`.` or a dot-word in brackets, [`DOT_WORDS`], or `[.]`), a letter TLD. Latin, Cyrillic and Greek letters
/// (internationalised addresses such as `иван@почта.рф`, RFC 6531), but no script written without spaces, so an
/// address glued to Japanese or Chinese text (`メールはtanaka@example.jpです`) ends where the address does. A TLD is
/// one script's letters (`.com`, `.рф`). An apostrophe between letters of the local part is part of it
/// (`o'brien@…`, `mary.o’connor@…` as phones type it), or the name before it would stay.
fn email() -> String {
    let letters = r"\p{Latin}\p{Cyrillic}\p{Greek}";
    let bracketed =
        |words: &[&str], symbol: &str| format!(r"\s?[(\[{{<]\s?(?:{}|{symbol})\s?[)\]}}>]\s?", words.join("|"));
    format!(
        concat!(
            r"(?i)[{l}0-9._%+\-]+(?:['’][{l}0-9][{l}0-9._%+\-]*)*(?:@|{at})",
            r"(?:[{l}0-9](?:[{l}0-9\-]*[{l}0-9])?(?:\.|{dot}))+",
            r"(?:\p{{Latin}}{{2,}}|\p{{Cyrillic}}{{2,}}|\p{{Greek}}{{2,}})"
        ),
        l = letters,
        at = bracketed(AT_WORDS, "@"),
        dot = bracketed(DOT_WORDS, r"\."),
    )
}

/// E-mail spelled out in words, without brackets (`john dot smith at gmail dot com`, `anna_k at outlook dot co dot
/// uk`, `lucia.g arroba yahoo punto es`, `katya собака yandex.ru`, `kev2291 at hotmail`): a local part (words joined
/// by dot-words), an at-word, then labels joined by dot-words (or by dots), the last of letters, or one label alone
/// (a mail provider named without its domain). Prose matches too ("look at google dot com", "at this point in",
/// "at home"); [`super::spelled::email_spelled`] tells an address from it.
fn email_spelled() -> String {
    let (at, dot) = (AT_WORDS.join("|"), DOT_WORDS.join("|"));
    format!(
        concat!(
            r"\b[A-Za-z0-9][A-Za-z0-9._%+\-]*(?:\s+(?i:{dot})\s+[A-Za-z0-9_%+\-]+)*\s+(?i:{at})\s+",
            r"[A-Za-z0-9][A-Za-z0-9\-]*(?:(?:(?:\s+(?i:{dot})\s+[A-Za-z0-9\-]+)*\s+(?i:{dot})\s+|(?:\.[A-Za-z0-9\-]+)*\.)",
            r"[A-Za-z]{{2,}})?\b"
        ),
        at = at,
        dot = dot,
    )
}

/// E-mail typed with whitespace around its `@` or its dots (`bartek_k @ wp . pl`, `julien.moreau@ laposte.net`, a
/// line break before the `@`): a local part (its dots may be spaced too: `zoe . carter`), the `@`, labels joined by
/// dots that have whitespace before them or none at all (`. ` alone ends a sentence), a letter TLD. (`[@]` and `[.]`
/// are [`email`]'s, with the other bracketed forms.) [`super::spaced::email_spaced`] tells an address from a price
/// (`2 @ 5.99`) or a handle (`me @maria.k.photos`).
fn email_spaced() -> String {
    let label = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?";
    format!(
        concat!(
            r"\b[A-Za-z0-9][A-Za-z0-9._%+\-]*(?:[ \t]+\.[ \t]+[A-Za-z0-9][A-Za-z0-9_%+\-]*)*\s*@\s*",
            r"{label}(?:{dot}{label})*{dot}[A-Za-z]{{2,}}\b"
        ),
        label = label,
        dot = r"(?:\.|\s+\.[ \t]*)",
    )
}

/// URLs with a scheme or `www.`, and bare `host.tld/path` links: digits inside them are left alone.
const URL: &str =
    r#"(?i)(?:https?://|www\.)[^\s<>"'()\[\]]+|[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}/[^\s<>"'()\[\]]*"#;

/// A dotted quad; octet ranges, leading zeros and context are checked afterwards.
const IPV4: &str = r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}";

/// Two to seven hex groups with colons, then a last group or an embedded IPv4; std's parser decides.
///
/// Letters here and below are spelled `[A-Za-z]`, never `(?i)[a-z]`: Unicode case folding lets that match `ſ`
/// (U+017F) and the Kelvin sign (U+212A), several bytes long, where the checks slice by ASCII positions.
const IPV6: &str = r"(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9A-Fa-f]{0,4})";

/// Two letters, two check digits, then 11–30 alphanumerics optionally grouped by one or two spaces or a hyphen; the
/// country's length trims the match afterwards.
const IBAN: &str = r"[A-Za-z]{2}[0-9]{2}(?:(?: {1,2}|-)?[A-Za-z0-9]){11,30}";

/// UK National Insurance number: two prefix letters, three digit pairs, a suffix letter A–D, either case
/// (`super::shape::nino` takes lower case only after the words that name one).
const NINO: &str = r"[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d]";

/// Spanish DNI (eight digits and a letter, the digits also as `12.345.678`) or NIE (X/Y/Z, seven digits, a letter),
/// the letters optionally after a hyphen, the check letter also after a space (`super::shape::dni` takes that only
/// after the words that name one).
const DNI: &str = r"(?:[XYZxyz]-?)?(?:[0-9]{7,8}|[0-9]{2}\.[0-9]{3}\.[0-9]{3})[- ]?[A-Za-z]";

/// A French NIR of someone born in Corsica: its department is `2A` or `2B`, so the number-like runs below, digits
/// only, never hold it. Compact or grouped as on the carte Vitale (`2 95 10 2A 206 316 36`).
const NIR_CORSICA: &str = r"[12] ?[0-9]{2} ?[0-9]{2} ?2[ABab] ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}";

/// Singapore NRIC/FIN: S, T, F, G or M, seven digits, a letter (`super::ids::nric` checks it).
const NRIC: &str = r"[STFGMstfgm][0-9]{7}[A-Za-z]";

/// Finnish henkilötunnus: the birth date, a century sign, three digits and a check character
/// (`super::nordic::hetu` checks it).
const HETU: &str = r"[0-9]{6}[-+A-FU-Ya-fu-y][0-9]{3}[0-9A-Ya-y]";

/// An Italian codice fiscale: six letters, two digits, a month letter, two digits, a letter, three digits, a check
/// letter; a digit may be written as one of `LMNPQRSTUV` (omocodia). `super::ids::codice_fiscale` checks it.
const CODICE_FISCALE: &str = concat!(
    r"[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[ABCDEHLMPRSTabcdehlmprst][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z]",
    r"[0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]"
);

/// A number-like run: digits joined by one or two of ` .-/()`, optionally opened by `+` or `(`. Phones, cards,
/// SSNs, NIRs and the national ids that are plain numbers are carved out of these runs.
const NUMBER: &str = r"\+?\(?[0-9](?:[0-9]|[ .\-/()]{1,2}[0-9])*";

/// Every compiled pattern.
#[derive(Debug)]
pub struct Patterns {
    /// See [`email`].
    pub email: Regex,
    /// See [`email_spelled`].
    pub email_spelled: Regex,
    /// See [`email_spaced`].
    pub email_spaced: Regex,
    /// See [`URL`].
    pub url: Regex,
    /// See [`IPV4`].
    pub ipv4: Regex,
    /// See [`IPV6`].
    pub ipv6: Regex,
    /// See [`IBAN`].
    pub iban: Regex,
    /// See [`NINO`].
    pub nino: Regex,
    /// See [`DNI`].
    pub dni: Regex,
    /// See [`NIR_CORSICA`].
    pub nir_corsica: Regex,
    /// See [`CODICE_FISCALE`].
    pub codice_fiscale: Regex,
    /// See [`HETU`].
    pub hetu: Regex,
    /// See [`NRIC`].
    pub nric: Regex,
    /// See [`NUMBER`].
    pub number: Regex,
}

impl Patterns {
    /// Compiles the patterns; they are constants, so failing is a bug caught by any test.
    pub fn compile() -> Patterns {
        let re = |pattern: &str| Regex::new(pattern).expect("built-in PII pattern compiles");
        Patterns {
            email: re(&email()),
            email_spelled: re(&email_spelled()),
            email_spaced: re(&email_spaced()),
            url: re(URL),
            ipv4: re(IPV4),
            ipv6: re(IPV6),
            iban: re(IBAN),
            nino: re(NINO),
            dni: re(DNI),
            nir_corsica: re(NIR_CORSICA),
            codice_fiscale: re(CODICE_FISCALE),
            hetu: re(HETU),
            nric: re(NRIC),
            number: re(NUMBER),
        }
    }
}
