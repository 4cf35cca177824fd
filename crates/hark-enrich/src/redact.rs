//! PII redaction: personal data is replaced by typed placeholders before a mention is stored or analysed.
//!
//! What is found: e-mail addresses (also `name (at) host (dot) com`, `[arobase]`, `(punt)` and other languages'
//! words, spelled out as `name dot surname at gmail dot com` or `lucia arroba yahoo punto es`, and `%40` in links),
//! phone numbers (international, and the common national shapes), payment cards (Luhn), IBANs (mod-97 and
//! per-country length), IPv4/IPv6 addresses, US SSNs (valid area/group/serial) and national ids (UK NI number,
//! Spanish DNI/NIE, French NIR, Italian codice fiscale, Finnish HETU, Brazilian CPF and Belgian national number in
//! their written forms, and after a word naming them the Dutch BSN, the Canadian SIN, the German Steuer-ID, the
//! Polish PESEL, the Swedish personnummer, the Norwegian fødselsnummer, the Danish CPR number, India's Aadhaar, the
//! South African id, Singapore's NRIC, the Greek AMKA and AFM, the Czech and Slovak rodné číslo, the Portuguese NIF,
//! the Turkish T.C. Kimlik No, the Nigerian NIN, the CPF and the Belgian number). Each kind is replaced by its placeholder
//! (`[EMAIL]`, `[PHONE]`, ...; see [`PiiKind::placeholder`]). Digits grouped by no-break or thin spaces, and
//! full-width digits and `＠`, count as their ASCII forms (`fold`).
//!
//! What is deliberately kept: prices, dates, times, version numbers, order/tracking numbers, hashtags (`#1234567890`),
//! `@handles` (fediverse `@user@host` too: authors are pseudonymised, not redacted), and digits inside URLs. Inside a
//! URL only e-mail addresses and an IP-literal host are redacted.
//!
//! How: a byte-level prefilter (`prefilter`) rules out most posts (no `@` but handles', no run of six digits, no word
//! holding six digits, no dotted quad, no `x:y:z` token, no word `dot` or at-word such as `arroba`), most of them by
//! a quick look for rare bytes and a word-wide digit count, the rest by one walk over their bytes; what it lets
//! through goes to linear-time regexes (`patterns`) whose candidates are confirmed by checksums (`checksum`), shape
//! rules (`shape`, `ip`, `spelled`, `spaced`, `named`) and nearby keywords (`context`); the `scan` module picks
//! non-overlapping findings.

mod caseless;
mod checksum;
mod context;
mod dated;
mod fold;
mod ids;
mod ip;
mod kind;
mod mail_words;
mod named;
mod naming;
mod nordic;
mod number;
mod patterns;
mod phone;
mod prefilter;
mod scan;
mod shape;
mod spaced;
mod spelled;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

pub use kind::{Finding, PiiKind};

/// Finds and replaces personal data in free text. Build once and share: compiling the patterns costs
/// milliseconds; a post the prefilter rules out never reaches a regex.
#[derive(Debug)]
pub struct Redactor {
    patterns: patterns::Patterns,
    context: context::Lexicon,
}

impl Redactor {
    /// Compiles the patterns and keyword lists.
    pub fn new() -> Redactor {
        Redactor { patterns: patterns::Patterns::compile(), context: context::Lexicon::build() }
    }

    /// The personal data in `text` as given (not composed: [`Redactor::redact`] composes first, so pass
    /// [`composed`] text for the spans of what it replaces): byte spans, sorted by start, non-overlapping. Spellings
    /// the patterns would miss (no-break spaces, full-width forms, `%40`) are searched folded to ASCII ([`fold`]).
    pub fn find(&self, text: &str) -> Vec<Finding> {
        let Some(folded) = fold::Folded::of(text) else { return self.find_ascii(text) };
        let mut findings = self.find_ascii(&folded.text);
        for f in &mut findings {
            (f.start, f.end) = folded.original(f.start, f.end);
        }
        findings
    }

    /// Whether `text`, composed as [`Redactor::redact`] composes it, holds personal data (a yes or no where no spans
    /// are needed, such as whether an imported id may be kept).
    pub fn has_personal(&self, text: &str) -> bool {
        !self.find(&composed(text)).is_empty()
    }

    /// [`Redactor::find`] on a text without folded spellings.
    fn find_ascii(&self, text: &str) -> Vec<Finding> {
        let hints = prefilter::scan(text.as_bytes());
        if !hints.any() {
            return Vec::new();
        }
        scan::find(&self.patterns, &self.context, text, hints)
    }

    /// `text` in Unicode normal form C ([`composed`]) with every finding replaced by its kind's placeholder
    /// (`[EMAIL]`, `[PHONE]`, ...); borrowed when there is nothing to change, as in most posts.
    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match composed(text) {
            Cow::Borrowed(text) => self.redact_as_written(text),
            // Decomposed text, composed: owned already, copied again only where something is replaced.
            Cow::Owned(text) => match self.redact_as_written(&text) {
                Cow::Borrowed(_) => Cow::Owned(text),
                replaced => Cow::Owned(replaced.into_owned()),
            },
        }
    }

    /// [`Redactor::redact`] without composing: for links, whose bytes name what they link to.
    pub fn redact_as_written<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let findings = self.find(text);
        if findings.is_empty() {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(replace(text, &findings))
        }
    }
}

/// `text` in Unicode normal form C, borrowed when it is already (ASCII always is). Text typed on some systems comes
/// decomposed ("é" as "e" and a combining accent; macOS file names, some keyboards): read as it is, its words were not
/// the lexicons', the stemmers' or the PII keywords' ("Τηλέφωνο 2105551234" kept its phone), and the same word was
/// stored in two spellings. Everything downstream, the stored text included, sees the composed form.
pub fn composed(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    // A decomposed text holds a combining mark after a letter, or a character that composes otherwise: Latin,
    // Greek and Cyrillic diacritics (U+0300-U+036F, lead bytes CC and CD), Hangul's conjoining jamo and Greek's
    // extended letters (E1), kana's voicing marks (E3), Arabic's hamza and madda (U+0653-U+0655, D9), the two-part
    // vowels of Indic scripts (E0). Texts without those lead bytes, found by vectorised byte searches, are taken as
    // composed without the quick check's table lookups (a post with emoji or curly quotes cost 600 instructions more
    // with them); the rare characters that compose otherwise (the Ohm and Kelvin signs, CJK compatibility
    // ideographs) stay as written.
    let bytes = text.as_bytes();
    let marked = !text.is_ascii()
        && (memchr::memchr3(0xCC, 0xCD, 0xE1, bytes).is_some() || memchr::memchr3(0xE3, 0xD9, 0xE0, bytes).is_some());
    if !marked || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// `text` with each of `findings` (sorted by start, non-overlapping) replaced by its kind's placeholder.
pub(crate) fn replace(text: &str, findings: &[Finding]) -> String {
    if findings.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for finding in findings {
        out.push_str(&text[at..finding.start]);
        out.push_str(finding.kind.placeholder());
        at = finding.end;
    }
    out.push_str(&text[at..]);
    out
}

impl Default for Redactor {
    fn default() -> Redactor {
        Redactor::new()
    }
}
