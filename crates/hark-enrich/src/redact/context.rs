//! Nearby words that tip an ambiguous number one way: "call 555-1234" is a phone, "order 4000-1234" is not;
//! "server 10.2.3.4" is an address, "version 10.2.3.4" is not. The closest keyword in a short window before
//! the candidate wins ([`Lexicon::lean`]); a national id named some words before its number is voided by any
//! reference word between the two ([`Lexicon::reference_between`]). A part, model or reference number named right
//! before a number is `naming`'s.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::caseless;
use super::shape::is_word_char;

/// What a keyword is evidence about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Phone numbers.
    Phone,
    /// Card numbers.
    Card,
    /// Social Security numbers.
    Ssn,
    /// IP addresses.
    Ip,
}

/// Which way the context leans for a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    /// The closest relevant keyword says "this is one".
    For,
    /// The closest relevant keyword says "this is an order number, a version, ...".
    Against,
    /// No relevant keyword nearby.
    Neutral,
}

/// Reference-like words: order, tracking, invoice, ticket numbers (several languages), `|`-separated. Against
/// phones, cards and SSNs.
const REFERENCES: &str = concat!(
    "order|tracking|track|invoice|ticket|support case|case number|case no|case id|case ref|ref|reference|confirmation|",
    "booking|reservation|isbn|sku|",
    "serial|model|part|item|product|build|version|release|firmware|patch|kb|issue|commit|transaction|",
    "receipt|shipment|parcel|package|awb|bestellung|bestellnummer|sendung|sendungsnummer|rechnung|",
    "auftrag|commande|facture|suivi|colis|pedido|factura|seguimiento|ordine|fattura|spedizione|zip|",
    "fatura|encomenda|",
    "postcode|account|id|imei|iccid|isin|ean|upc|asin|customer number|customer no|customer id|client number|",
    "client no|client id|policy number|policy no|claim number|claim no|contract number|member number|",
    "membership number|student number|meter number|meter reading|dossier|promo code|voucher|coupon|",
    "discount code|gift code|friend code|trainer code|code promo|kundennummer|vertragsnummer|rechnungsnummer|",
    "mitgliedsnummer|auftragsnummer|kontonummer|versicherungsnummer|referenz|numéro client|numero client|",
    "numéro de client|número de cliente|numero cliente|numéro de commande|número de pedido|numero ordine|",
    "номер заказа|номер отслеживания|трек номер|loto|lotto|lottery|eurojackpot|euromillions|euromillones|",
    "jackpot|powerball|tirage|bestellnr|auftragsnr|rechnungsnr|kundennr|vertragsnr|sendungsnr|referenznr|",
    "resi|no resi|nomor resi|nomor pesanan|kollinummer|sändningsnummer|spårningsnummer|forsendelsesnummer|",
    "sporingsnummer|pakkenummer|zendingnummer|pakketnummer|trackingnummer|track & trace|track and trace|",
    "numer przesyłki|nr przesyłki|numer paczki|takip numarası|takip no|gönderi numarası|kargo takip|sipariş|",
    "routing number|routing no|aba routing|sort code|bsb|barcode|bar code|gtin|regon|nip|krs|vat|vat number|tva|btw|",
    "numéro d'entreprise|numero d'entreprise|ondernemingsnummer|p.iva|partita iva|piva|betalingskenmerk|",
    "payment reference|zahlungsreferenz|verwendungszweck|παραγγελία|παραγγελίας|τιμολόγιο|τιμολογίου|αποστολής|",
    "замовлення|номер замовлення|відстеження|ттн|накладна|накладної|накладная|накладной|поръчка|поръчката|",
    "номер на поръчка|товарителница|поруџбина|поруџбине|porudžbina|porudžbine|narudžba|narudžbe|договор|договора|",
    "objednávka|objednávky|zamówienie|zamówienia",
);
/// Words before a phone number (several languages, and the phone emoji), in any case ([`caseless`]).
const PHONE: &str = concat!(
    "call|phone|tel|telephone|mobile|cell|text me|txt|whatsapp|ring|dial|sms|fax|hotline|helpline|",
    "contact|reach me|my number|📞|☎|📱|telefon|handy|ruf|anrufen|téléphone|tél|appelle|appelez|portable|",
    "llama|llámame|teléfono|móvil|chiama|chiamami|cellulare|telefono|ligue|telefone|celular|bel me|",
    "mobiel|mob:|mob.|ph:|ph.|ph no|cel|celu|contacto|contato|kontakt|mi número|mi numero|meu número|",
    "meu numero|número de teléfono|número de telefone|número de contacto|il mio numero|numero di telefono|tlf|",
    "informes al|info al|informes whatsapp|wsp|wpp|llamame|my line|mere number|mera mobile number|gcash|recharge|",
    "τηλέφωνο|τηλ|κινητό|καλέστε|επικοινωνήστε|επικοινωνία|",
    "tfno|telf|whats|no zap|caller|caller id|text us|мой номер|номер телефона|llamadme|llamad|",
    "llámanos|llamanos|liga-me|ligue-me|márcame|marcame|márcanos|marcanos|",
    "liguem|contacte|contactem|contactar|contacta|contate|contatem|contatar|telemóvel|telemovel|tlm|",
    "ligar|rückruf|zurückrufen|tel.-nr|tel. nr|tel nr|telefonnr|handynr|mój numer|mój nr|numer telefonu|",
    "mera number|mera no|mera mobile|mera phone|mera whatsapp|",
    "zadzwoń|zadzwońcie|dzwoń|dzwońcie|volejte|zavolejte|volat|тел|телефон|звони|звоните|звонить|позвонить|",
    "телефонуйте|дзвоніть|подзвоніть|звънете|обадете се|позовите|зовите|pozovite|zovite|",
    "电话|電話|手机|手機|微信|",
    "联系|聯繫|致电|携帯|전화|연락처|휴대폰",
);
/// Short or many-sense words that name a phone only right before one (`text 4155550132`, `Ph: 9876543210`,
/// `Mob. 98765 43210`, `zap 11 91234-5678`, `número 612345678`): "the text has 1500000 characters", "pH 7.4, about
/// 12345678 cells" hold none.
const PHONE_ADJACENT: &str = "text|ph|mob|zap|número|numero|номер";
/// Phrases that hold a phone word but name something else: the noun "call" of a title ("Call of Duty 2024 1080
/// 1440", "the call of the wild"). Matched longest first, they take the place of their phone word and say nothing.
const NOT_PHONE: &str = "call of";
/// Words before a card number.
const CARD: &str = concat!(
    "card|visa|mastercard|amex|cc|credit|debit|kreditkarte|carte|tarjeta|carta|jcb|unionpay|union pay|rupay|",
    "dankort|diners club|troy kart|kartı|kartım|kartımdan|kartımı|kartımla|paid with|pay with|paying with|",
    "paid using|charged to|charged|billed|debited",
);
/// Reference words that say little about a number next to a card or SSN word: "my credit card on this account is
/// …" is a card, where "gift card order number …" is an order.
const WEAK_REFERENCES: &str = "account|id|case number|case no|case id|case ref|issue|package|item|part|model|product";
/// Words before a Social Security number; needed for the nine-digit compact form.
const SSN: &str = "ssn|social security|ss#|soc sec|social";
/// Words before an IP address.
const IP_FOR: &str = concat!(
    "ip|ips|ipv4|address|addr|server|host|ping|ssh|proxy|vpn|dns|gateway|router|subnet|blocked|banned|",
    "from|connect|connecting|login|logged|attack|ddos|traceroute|whois|firewall|origin",
);
/// Words before a version or section number that looks like a dotted quad.
const IP_AGAINST: &str = concat!(
    "version|ver|v|build|release|firmware|fw|update|updated|upgrade|upgraded|patch|driver|bios|kernel|",
    "ios|android|windows|macos|app|sdk|chrome|firefox|python|java|library|lib|package|npm|pip|crate|",
    "changelog|installed|section|chapter|clause|§|step|paragraph|figure|table|rule|isbn|beta|hotfix|launcher|",
    "bedrock|minecraft",
);

/// The keyword automaton and what each keyword says.
#[derive(Debug)]
pub struct Lexicon {
    automaton: AhoCorasick,
    keywords: Vec<Keyword>,
}

/// What one keyword says.
#[derive(Debug, Clone, Copy)]
struct Keyword {
    /// How it leans on each topic (indexed by `Topic as usize`).
    lean: [Lean; 4],
    /// Whether it counts against the closest keyword in [`Lexicon::lean`]'s card and SSN rule: all but the
    /// [`WEAK_REFERENCES`] and a bare "social" (as in "social media").
    decisive: bool,
    /// Whether it counts only right before the candidate ([`PHONE_ADJACENT`]).
    adjacent: bool,
}

impl Lexicon {
    /// Builds the automaton over the keywords folded ([`caseless`]), which the searches fold their text for; the
    /// longest keyword at a position wins.
    pub fn build() -> Lexicon {
        let mut words: Vec<String> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut add = |list: &'static str, topic: Topic, lean: Lean| {
            for word in list.split('|') {
                let folded = caseless::folded(word).into_owned();
                let index = words.iter().position(|w| *w == folded).unwrap_or_else(|| {
                    words.push(folded);
                    let weak = word == "social" || WEAK_REFERENCES.split('|').any(|r| r == word);
                    let adjacent = PHONE_ADJACENT.split('|').any(|a| a == word);
                    keywords.push(Keyword { lean: [Lean::Neutral; 4], decisive: !weak, adjacent });
                    words.len() - 1
                });
                keywords[index].lean[topic as usize] = lean;
            }
        };
        for topic in [Topic::Phone, Topic::Card, Topic::Ssn] {
            add(REFERENCES, topic, Lean::Against);
        }
        add(PHONE, Topic::Phone, Lean::For);
        add(NOT_PHONE, Topic::Phone, Lean::Neutral);
        add(PHONE_ADJACENT, Topic::Phone, Lean::For);
        add(CARD, Topic::Card, Lean::For);
        add(SSN, Topic::Ssn, Lean::For);
        add(IP_FOR, Topic::Ip, Lean::For);
        add(IP_AGAINST, Topic::Ip, Lean::Against);
        // Turkish capitals: "İ" stays as it is when folded (its lower case is longer) and "I" folds to "i", so
        // "TAKİP NUMARASI" reads "takİp numarasi" and "KARTIM" "kartim"; each keyword with an "i" or "ı" is also
        // listed with both swapped at once.
        for k in 0..words.len() {
            let capitals = words[k].replace('i', "İ").replace('ı', "i");
            if !words.contains(&capitals) {
                words.push(capitals);
                keywords.push(keywords[k]);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .expect("keyword automaton builds");
        Lexicon { automaton, keywords }
    }

    /// How the word right after byte `end` of `text` leans on `topic` when it is a keyword as a whole ("14.2.1.0
    /// update": a version); [`Lean::Neutral`] when it is none.
    pub fn lean_after(&self, text: &str, end: usize, topic: Topic) -> Lean {
        let rest = text[end..].trim_start();
        let word = caseless::folded(&rest[..rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())]);
        match self.automaton.find(&*word) {
            Some(m) if m.start() == 0 && m.end() == word.len() => {
                self.keywords[m.pattern().as_usize()].lean[topic as usize]
            }
            _ => Lean::Neutral,
        }
    }

    /// Whether a reference word (order, policy number, Bestellung, ...) stands in `text[from..to]` as a word of its
    /// own: a national id named before it is then not what the number after it is.
    pub fn reference_between(&self, text: &str, from: usize, to: usize) -> bool {
        self.automaton.find_iter(&*caseless::folded(&text[from..to])).any(|m| {
            self.keywords[m.pattern().as_usize()].lean[Topic::Ssn as usize] == Lean::Against
                && is_whole_word(&text[..to], from + m.start(), from + m.end())
        })
    }

    /// How the words just before byte `start` of `text` lean on `topic`: the closest keyword within 48 characters
    /// that says something about the topic decides. Keywords match whole words, plurals included ("calls"). Cards
    /// and SSNs pass a checksum or range check of their own, so for them their own word anywhere in the window
    /// outweighs a closer weak reference word ("my credit card on this account is …", "my SSN for the case: …"),
    /// unless a strong one (order, ticket, …) is there too.
    pub fn lean(&self, text: &str, start: usize, topic: Topic) -> Lean {
        // 48 characters, not bytes: Greek and Cyrillic take two bytes a letter ("Звоните или пишите в телеграм: …").
        let from = text[..start].char_indices().rev().nth(47).map_or(0, |(at, _)| at);
        let window = caseless::folded(&text[from..start]);
        let (mut lean, mut named, mut strong) = (Lean::Neutral, false, false);
        for m in self.automaton.find_iter(&*window) {
            let k = m.pattern().as_usize();
            let keyword = self.keywords[k];
            let says = keyword.lean[topic as usize];
            // Whole words of the text up to the candidate, not of the window: a window that starts inside "graph"
            // holds no "ph"; a keyword glued to the candidate (`微信139…`) is one.
            let (s, e) = (from + m.start(), from + m.end());
            let near = !keyword.adjacent || (start - e <= 2 && text[e..start].bytes().all(|b| b" :.#-".contains(&b)));
            if says != Lean::Neutral && near && is_whole_word(&text[..start], s, e) {
                lean = says;
                named |= says == Lean::For && keyword.decisive;
                strong |= says == Lean::Against && keyword.decisive;
            }
        }
        if named && !strong && matches!(topic, Topic::Card | Topic::Ssn) {
            Lean::For
        } else {
            lean
        }
    }
}

/// Whether `text[start..end]` is a word of its own (or one followed by a plural `s`). Han, kana and Hangul
/// bound a word ([`is_word_char`]): those scripts write no spaces (`我的手机 138…`, `加微信139…`).
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let starts = before.is_none_or(|c| !is_word_char(c));
    let ends = match after.next() {
        Some('s') => after.next().is_none_or(|c| !is_word_char(c)),
        Some(c) => !is_word_char(c),
        None => true,
    };
    starts && ends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_keyword_wins() {
        let lexicon = Lexicon::build();
        let lean = |text: &str, topic| lexicon.lean(text, text.len(), topic);
        assert_eq!(lean("call me about order ", Topic::Phone), Lean::Against);
        assert_eq!(lean("order arrived, call ", Topic::Phone), Lean::For);
        assert_eq!(lean("my iPhone says ", Topic::Ip), Lean::Neutral);
        assert_eq!(lean("Windows build ", Topic::Ip), Lean::Against);
        assert_eq!(lean("calls go to ", Topic::Phone), Lean::For);
        assert_eq!(lean("Call of Duty ", Topic::Phone), Lean::Neutral);
        assert_eq!(lean("call of duty? call ", Topic::Phone), Lean::For);
        // A card's or SSN's own word anywhere in the window wins; a phone's does not.
        assert_eq!(lean("my credit card on this account is ", Topic::Card), Lean::For);
        assert_eq!(lean("my ssn for the case: ", Topic::Ssn), Lean::For);
        assert_eq!(lean("order ", Topic::Card), Lean::Against);
        // A strong reference word still decides, and "social" alone names no SSN.
        assert_eq!(lean("gift card order number ", Topic::Card), Lean::Against);
        assert_eq!(lean("DM'd their social team, ticket ", Topic::Ssn), Lean::Against);
        assert_eq!(lean("social media, account ", Topic::Ssn), Lean::Against);
    }

    #[test]
    fn keywords_match_in_any_case_and_script() {
        let lexicon = Lexicon::build();
        let lean = |text: &str, topic| lexicon.lean(text, text.len(), topic);
        for text in
            ["Τηλέφωνο ", "ΤΗΛΕΦΩΝΟ: ", "τηλεφωνο ", "Κινητό ", "ЗВОНИТЕ ", "Мой номер ", "TÉLÉPHONE ", "LLÁMAME "]
        {
            assert_eq!(lean(text, Topic::Phone), Lean::For, "{text}");
        }
        for text in ["ΤΙΜΟΛΟΓΙΟ ", "Παραγγελία ", "НОМЕР ЗАКАЗА ", "Номер отслеживания ", "NUMÉRO DE COMMANDE "]
        {
            assert_eq!(lean(text, Topic::Phone), Lean::Against, "{text}");
        }
        let bill = "ΑΦΜ εταιρείας, ΤΙΜΟΛΟΓΙΟ ";
        assert!(lexicon.reference_between(bill, 0, bill.len()));
        assert_eq!(lexicon.lean_after("1.2.3.4 ΠΑΡΑΓΓΕΛΙΑ", 7, Topic::Phone), Lean::Against);
        // The window is 48 characters, not bytes: these 31 are 56.
        assert_eq!(lean("Звоните или пишите в телеграм: ", Topic::Phone), Lean::For);
        assert_eq!(lean("Звоните мне. Доставка обычно приходит через неделю, а код ", Topic::Phone), Lean::Neutral);
        assert_eq!(lean("TAKİP NO: ", Topic::Phone), Lean::Against);
        // Both letters swapped in one word: "İ" kept and "I" for "ı".
        assert_eq!(lean("TAKİP NUMARASI: ", Topic::Phone), Lean::Against);
        assert_eq!(lean("GÖNDERİ NUMARASI ", Topic::Phone), Lean::Against);
        assert_eq!(lean("KARTIM ", Topic::Card), Lean::For);
        // Whole words only, in capitals too ("κινητο" is not "ΚΙΝΗΤΟΥ"'s start).
        assert_eq!(lean("Ο ΑΡΙΘΜΟΣ ΚΙΝΗΤΟΥ ", Topic::Phone), Lean::Neutral);
    }
}
