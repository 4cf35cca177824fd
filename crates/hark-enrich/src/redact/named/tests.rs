//! Known numbers, valid and one check away from valid, for each plain-number national id.

use super::*;

/// Whether `id` reads the number of `text` (from its first digit to the last before the next letter) as an id,
/// with no reference word between its name and the number.
fn check(id: Id, text: &str) -> bool {
    let lexicon = super::super::context::Lexicon::build();
    let start = text.find(|c: char| c.is_ascii_digit()).unwrap_or_default();
    let region = text[start..].find(char::is_alphabetic).map_or(text.len(), |e| start + e);
    let span = &text[start..=text[..region].rfind(|c: char| c.is_ascii_digit()).unwrap_or_default()];
    let groups: Vec<&str> = span.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    let seps: Vec<&str> = span.split(|c: char| c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    let (digits, lens) = (groups.concat(), groups.iter().map(|g| g.len()).collect::<Vec<_>>());
    let number = Number { span, digits: &digits, lens: &lens, seps: &seps };
    id(text, start, &number).is_some_and(|named| !lexicon.reference_between(text, named, start))
}

#[test]
fn checks_of_known_numbers() {
    let cases: &[(Id, &str, bool)] = &[
        (bsn, "BSN 111222333", true),
        (bsn, "BSN 111222334", false),
        (bsn, "order 111222333", false),
        (bsn, "de Belastingdienst vraagt mijn BSN in een mail. Ik heb hem al ingevuld (111222333) via de link", true),
        (bsn, "mijn BSN staat er niet op, wel de 11 cijfers van het klantnummer en 111222333 artikelen", false),
        (sin, "my SIN 046 454 286", true),
        (sin, "sin 046 454 286", false),
        (sin, "my SIN 046 454 287", false),
        (sin, "SIN NOTICIAS DEL PEDIDO 046 454 286", false),
        (sin, "my car insurance number 046 454 286", false),
        (sin, "social insurance number: 046 454 286", true),
        // Named, then what happened to it; or with a reference word between.
        (sin, "HR asked for my SIN over email, is that normal? already sent it lol (046 454 286)", true),
        (sin, "my SIN is fine, the policy number 046 454 286 is not", false),
        (sin, "SIN question (ticket closed): my social insurance number 046 454 286", true),
        (sin, "Mon NAS Synology a transféré 046 454 286 fichiers cette nuit", false),
        (sin, "Mon employeur me demande mon NAS par courriel. Je l'ai déjà envoyé... 046 454 286 😬", true),
        (sin, "my SIN 046 454 286 was rejected", true),
        (sin, "SIN PALABRAS: el video ya va por 046.454.286 vistas", false),
        // The Bundeszentralamt für Steuern's sample Steuer-ID, and the same with a wrong check digit, a digit
        // three times in a row, no repeated digit, or only a reference word before it.
        (steuer_id, "Steuer-ID: 86095742719", true),
        (steuer_id, "meine Steuer-IdNr. lautet 86 095 742 719", true),
        (steuer_id, "Steuer-ID: 86095742718", false),
        (steuer_id, "Steuer-ID: 11145678908", false),
        (steuer_id, "Steuer-ID: 12345678903", false),
        (steuer_id, "Kunden-ID: 86095742719", false),
        (steuer_id, "Kunden-IdNr 86095742719", false),
        (steuer_id, "IdNr. 86 095 742 719 steht auf dem Brief", true),
        (steuer_id, "Steuer-ID beantragt, Bestellung vom Montag 86095742719", false),
        (steuer_id, "die falsche Steuer-ID bei ELStAM hinterlegt. Meine ist 86095742719", true),
        (pesel, "PESEL: 44051401359", true),
        (pesel, "mój pesel to 02270803624", true),
        (pesel, "PESEL: 44051401358", false),
        (pesel, "PESEL: 44135401356", false),
        (pesel, "zamówienie 44051401359", false),
        (personnummer, "personnummer 850709-9805", true),
        (personnummer, "pnr 19850709-9805", true),
        (personnummer, "@RailMinIndia PNR 8507099805 train late again", false),
        (personnummer, "Pers.nr 19850709-9805 står på kvittot", true),
        (personnummer, "samordningsnummer 850769-9802", true),
        (personnummer, "personnummer 850709-9806", false),
        (personnummer, "personnummer 851309-9807", false),
        (personnummer, "ordernummer 850709-9805", false),
        // The CPF by its written form or after its name; two check digits.
        (cpf, "meu CPF 529.982.247-25 foi bloqueado", true),
        (cpf, "CPF: 52998224725", true),
        (cpf, "pedido 52998224725", false),
        (cpf, "meu CPF 529.982.247-26 foi bloqueado", false),
        (cpf, "111.111.111-11", false),
        (fodselsnummer, "fødselsnummer 15038512363", true),
        (fodselsnummer, "fnr 150385 12363 står feil", true),
        (fodselsnummer, "fødselsnummer 15038512364", false),
        (fodselsnummer, "ordrenummer 15038512363", false),
        (cpr, "mit CPR-nr er 150385-1234", true),
        (cpr, "cpr 320185-1234", false),
        (cpr, "ordrenr 150385-1234", false),
        (belgian, "85.07.30-033.28 staat op de brief", true),
        (belgian, "rijksregisternummer 85073003328", true),
        (belgian, "NISS: 04031512346", true),
        (belgian, "bestelling 85073003328", false),
        (belgian, "85.07.30-033.29 staat op de brief", false),
        (aadhaar, "Somebody is using my Aadhaar 4991 1866 5246 to take loans", true),
        (aadhaar, "Aadhaar 4991 1866 5247", false),
        (aadhaar, "order 4991 1866 5246", false),
        (south_african, "my ID number is 8001015009087 and the app says invalid", true),
        (south_african, "ID 800101 5009 087, cell 071 448 2093", true),
        (south_african, "ID 8001015009088", false),
        (south_african, "tracking 8001015009087", false),
        // The Portuguese NIF of a person (not a company's, which opens with 5), then a wrong check digit.
        (nif, "o meu NIF 234567899 aparece na fatura de outra pessoa", true),
        (nif, "número de contribuinte: 123 456 789", true),
        (nif, "NIF da empresa 501234560", false),
        (nif, "NIF 234567898", false),
        (nif, "encomenda 234567899", false),
        (nigerian, "my NIN 70123456789 is not linking to my SIM", true),
        (nigerian, "National Identification Number: 70123456789", true),
        (nigerian, "nin 70123456789", false),
        (nigerian, "NIN is fine, call 08031234567", false),
        (nigerian, "NIN slip collected, order 70123456789 still pending", false),
        // The Greek AFM (a person's, and the Public Power Corporation's), one off its check.
        (afm, "ο ΑΦΜ μου είναι 123456783", true),
        (afm, "Α.Φ.Μ.: 090000045", true),
        (afm, "AFM 123 456 783", true),
        (afm, "ΑΦΜ 123456784", false),
        (afm, "to afm mou 123456783", true),
        (afm, "afm images uploaded, sample 123456783", false),
        (afm, "παραγγελία 123456783", false),
        (afm, "my AFM is 123456783", true),
        (afm, "AFM images uploaded, sample 123456783 shows the defect", false),
        (nigerian, "my BVN 22123456789 was flagged", true),
        (nigerian, "Bank Verification Number: 22123456789", true),
        (nigerian, "bvn 22123456789", false),
        (nigerian, "BVN issue, call 08031234567", false),
        (nigerian, "BVN linked, order 22123456789 still pending", false),
        // The Greek AMKA (a real date, Luhn), then a wrong check digit and a 15th month.
        (amka, "ο ΑΜΚΑ μου 15038512347 δεν βγαίνει στην πλατφόρμα", true),
        (amka, "AMKA: 15038512347", true),
        (amka, "AMKA: 15038512348", false),
        (amka, "AMKA: 15158512344", false),
        (amka, "παραγγελία 15038512347", false),
        // The Turkish T.C. Kimlik No, in capitals with the dotted İ, then one off each check digit.
        (tc_kimlik, "T.C. KİMLİK NO: 10000000146", true),
        (tc_kimlik, "kimlik numaram 10000000146 ama sistem kabul etmiyor", true),
        (tc_kimlik, "TCKN 10000000146", true),
        (tc_kimlik, "T.C. Kimlik No: 10000000156", false),
        (tc_kimlik, "T.C. Kimlik No: 10000000147", false),
        (tc_kimlik, "sipariş 10000000146", false),
        // The Czech and Slovak rodné číslo: a woman's (month plus 50), a number from 2004, one off its check.
        (rodne_cislo, "moje rodné číslo 855307/1230 je v tom mailu", true),
        (rodne_cislo, "RČ: 040712/3453", true),
        (rodne_cislo, "zadejte rodného čísla 9061154322 prosím", true),
        (rodne_cislo, "rodné číslo 855307/1231", false),
        (rodne_cislo, "R. Č. 855307/1230", true),
        (rodne_cislo, "objednávka 855307/1230", false),
    ];
    for (id, text, expected) in cases {
        assert_eq!(check(*id, text), *expected, "{text}");
    }
}
