//! The kinds of personal data the redactor knows, their placeholders, and the finding record.

/// A kind of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PiiKind {
    /// An e-mail address, also written `name (at) host (dot) com` or `name at gmail dot com`.
    Email,
    /// A phone number, international (`+44 20 7946 0958`, `0044 ...`) or national.
    Phone,
    /// A payment card number (13–19 digits, Luhn-checked, plausible issuer prefix).
    Card,
    /// An IBAN (known country, its length, mod-97 check).
    Iban,
    /// An IPv4 or IPv6 address.
    Ip,
    /// A US Social Security number with a valid area, group and serial.
    Ssn,
    /// Another national id: UK National Insurance number, Spanish DNI/NIE, French NIR, Italian codice fiscale, Dutch
    /// BSN, Canadian SIN, German Steuer-ID, Polish PESEL, Swedish personnummer, Norwegian fødselsnummer, Danish CPR,
    /// Belgian national number, Finnish HETU, Brazilian CPF, Indian Aadhaar, South African id, Singapore NRIC/FIN,
    /// Greek AMKA, Czech and Slovak rodné číslo, Portuguese NIF, Nigerian NIN.
    NationalId,
}

impl PiiKind {
    /// Every kind, in the order reports list them.
    #[cfg(test)]
    pub const ALL: [PiiKind; 7] =
        [PiiKind::Email, PiiKind::Phone, PiiKind::Card, PiiKind::Iban, PiiKind::Ip, PiiKind::Ssn, PiiKind::NationalId];

    /// The text that replaces a finding of this kind.
    pub fn placeholder(self) -> &'static str {
        match self {
            PiiKind::Email => "[EMAIL]",
            PiiKind::Phone => "[PHONE]",
            PiiKind::Card => "[CARD]",
            PiiKind::Iban => "[IBAN]",
            PiiKind::Ip => "[IP]",
            PiiKind::Ssn => "[SSN]",
            PiiKind::NationalId => "[NATIONAL_ID]",
        }
    }

    /// The placeholder without brackets (`EMAIL`), as the labelled test set names kinds.
    #[cfg(test)]
    pub fn label(self) -> &'static str {
        let placeholder = self.placeholder();
        &placeholder[1..placeholder.len() - 1]
    }

    /// Which kind wins when two candidates overlap: checksummed kinds before shape-only ones.
    pub(crate) fn precedence(self) -> u8 {
        match self {
            PiiKind::Email => 0,
            PiiKind::Iban => 1,
            PiiKind::Card => 2,
            PiiKind::NationalId => 3,
            PiiKind::Ssn => 4,
            PiiKind::Ip => 5,
            PiiKind::Phone => 6,
        }
    }
}

/// One piece of personal data: its kind and its byte span in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    /// What was found.
    pub kind: PiiKind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}
