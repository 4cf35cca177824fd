//! Languages told apart by their letters, for short posts in a script that few languages share: whatlang's
//! trigrams need more text than a one- or two-word post gives ("спасибо" came back Ukrainian, "не работает"
//! Belarusian, "هاتف رائع جدا" Persian, each unreliable), but a letter that only one language of the script uses
//! decides it.

use whatlang::Script;

use crate::tokenize::is_letter;

/// Letters of the Arabic script that Urdu writes and Arabic and Persian do not (ٹ ڈ ڑ ں ھ ہ ۃ ے).
const URDU: &[char] = &['\u{679}', '\u{688}', '\u{691}', '\u{6BA}', '\u{6BE}', '\u{6C1}', '\u{6C3}', '\u{6D2}'];

/// Letters Persian (and Urdu) write and Arabic does not (پ چ ژ گ ک ی).
const PERSIAN: &[char] = &['\u{67E}', '\u{686}', '\u{698}', '\u{6AF}', '\u{6A9}', '\u{6CC}'];

/// Cyrillic letters Russian writes and Ukrainian, Bulgarian, Serbian and Macedonian do not.
const RUSSIAN: &[char] = &['ы', 'э', 'ё'];

/// Cyrillic letters of Ukrainian that Russian and Belarusian do not write.
const UKRAINIAN: &[char] = &['ї', 'є', 'ґ'];

/// Cyrillic letters of the languages other than Russian and Ukrainian: Belarusian `ў`, Serbian and Macedonian
/// `ј љ њ ћ ђ џ ѓ ќ ѕ`, Kazakh, Kyrgyz, Tatar and Mongolian `ә ғ қ ң ө ұ ү һ`.
const OTHER_CYRILLIC: &[char] =
    &['ў', 'ј', 'љ', 'њ', 'ћ', 'ђ', 'џ', 'ѓ', 'ќ', 'ѕ', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ'];

/// Devanagari words that Hindi writes and Marathi and Nepali do not: the copula, a postposition, negation and
/// the commonest adverbs ("है", "में", "नहीं", "बहुत"; not "का", "की", "के", "को", which one of the others writes too).
#[rustfmt::skip]
const HINDI: &[&str] = &[
    "है", "हैं", "था", "थी", "थे", "में", "से", "नहीं", "और", "यह", "वह", "भी", "बहुत", "क्या", "कोई", "गया", "गई",
    "रहा", "रही", "हूँ", "हूं", "अच्छा", "बढ़िया", "ने", "आप", "आपकी", "आपका", "आपके", "हम", "मैं", "मेरा", "मेरी",
    "मेरे", "किया", "दिया", "करो", "जल्दी",
];

/// Common Russian words that Ukrainian and Bulgarian spell otherwise, and without `ы`, `э` or `ё` (read only when
/// the letters did not decide): "это", "спасибо", "очень", "работает".
#[rustfmt::skip]
const RUSSIAN_WORDS: &[&str] = &[
    "это", "что", "очень", "спасибо", "уже", "еще", "где", "почему", "когда", "только", "тоже", "работает",
    "сейчас", "сегодня", "опять", "снова", "нет", "мне", "меня", "он", "она", "они", "хорошо", "плохо",
    "можно", "нельзя", "будет", "была", "было", "вообще", "пожалуйста", "привет", "приложение", "обновление",
    "ужасное", "ужасно", "спс", "сделали", "сделать", "всегда",
];

/// Common Ukrainian words that Russian and Bulgarian spell otherwise, and without `і`, `ї` or `є` (a post with those is
/// decided by its letters before these are read): "дякую", "це", "дуже", "працює".
#[rustfmt::skip]
const UKRAINIAN_WORDS: &[&str] = &[
    "дякую", "це", "що", "дуже", "вже", "чому", "також", "працює", "зараз", "знову", "ви", "ми", "мені",
    "мене", "оновлення", "жахливе", "жахливо", "погано", "й", "вона", "вони", "ласка", 
    "нема", "чекаю", "зробили",
];

/// Common Bulgarian words that Russian and Ukrainian spell otherwise ("благодаря", "това", "защо", "няма").
#[rustfmt::skip]
const BULGARIAN_WORDS: &[&str] = &[
    "благодаря", "това", "тази", "този", "тези", "какво", "защо", "кога", "къде", "сега", "днес", "пак", "вече", "още",
    "има", "няма", "съм", "са", "е", "ме", "аз", "ние", "вие", "работи", "ужасна", "лошо", "хубаво", "новият",
    "новия", "наистина",
];

/// Devanagari words of Marathi that Hindi and Nepali do not write ("आहे", "नाही", "आणि", "खूप").
const MARATHI: &[&str] = &["आहे", "आहेत", "नाही", "आणि", "खूप", "मला", "काय", "झाले", "आम्ही", "तुम्ही", "चांगले"];

/// Devanagari words of Nepali that Hindi and Marathi do not write ("छ", "छैन", "धेरै", "राम्रो").
const NEPALI: &[&str] = &["छ", "छन्", "छैन", "धेरै", "राम्रो", "गर्नु", "भयो", "हुन्छ", "मलाई", "तपाईं"];

/// The language that the letters of `words` (lower case) in `script` decide, if they do; letters of other scripts
/// (a brand's name in Latin letters) and vowel points are passed over. Hebrew script is Hebrew; Arabic script is
/// Urdu with an Urdu letter, else Persian with a Persian one, else Arabic, unless a letter of another language
/// (Pashto, Kurdish, Sindhi) is there; Cyrillic is Russian with `ы`, `э` or `ё`, Ukrainian with `ї`, `є`, `ґ`, or
/// `і` beside `и` (Belarusian writes `і` but no `и`), when no other language's letter is there too; without either,
/// by common words ([`by_cyrillic_words`]). Devanagari, which Hindi, Marathi and Nepali
/// share letter for letter, is told by their commonest words ([`HINDI`], [`MARATHI`], [`NEPALI`]).
pub(super) fn by_letters(words: &str, script: Script) -> Option<&'static str> {
    let in_script = |c: &char| match script {
        Script::Hebrew => ('\u{590}'..='\u{5FF}').contains(c),
        Script::Arabic => ('\u{600}'..='\u{6FF}').contains(c),
        Script::Cyrillic => ('\u{400}'..='\u{52F}').contains(c),
        _ => false,
    };
    let point =
        |c: &char| matches!(*c, '\u{591}'..='\u{5C7}' | '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}');
    let letters = || words.chars().filter(|&c| is_letter(c) && in_script(&c) && !point(&c));
    let has = |set: &[char]| letters().any(|c| set.contains(&c));
    match script {
        Script::Hebrew if letters().next().is_some() => Some("he"),
        Script::Arabic => {
            // The 28 letters, hamza forms, alef maksura and teh marbuta (U+0621..U+064A), and the Persian and Urdu
            // letters above: any other letter is another language's.
            let known = |c: char| ('\u{621}'..='\u{64A}').contains(&c) || PERSIAN.contains(&c) || URDU.contains(&c);
            if letters().next().is_none() || !letters().all(known) {
                return None;
            }
            Some(if has(URDU) {
                "ur"
            } else if has(PERSIAN) {
                "fa"
            } else {
                "ar"
            })
        }
        Script::Devanagari => {
            let words: Vec<&str> = words.split(' ').collect();
            let has_word = |list: &[&str]| words.iter().any(|w| list.contains(w));
            match (has_word(HINDI), has_word(MARATHI), has_word(NEPALI)) {
                (true, false, false) => Some("hi"),
                (false, true, false) => Some("mr"),
                (false, false, true) => Some("ne"),
                _ => None,
            }
        }
        Script::Cyrillic if !has(OTHER_CYRILLIC) => {
            let ukrainian = has(UKRAINIAN) || (has(&['і']) && has(&['и']));
            match (has(RUSSIAN), ukrainian || has(&['і'])) {
                (true, false) => Some("ru"),
                (false, true) if ukrainian => Some("uk"),
                (false, false) => by_cyrillic_words(words),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Cyrillic without a letter of its own ("спасибо", "дякую", "благодаря"): Russian, Ukrainian or Bulgarian by their
/// commonest words ([`RUSSIAN_WORDS`], [`UKRAINIAN_WORDS`], [`BULGARIAN_WORDS`]) when only one language's are there,
/// a hard sign before a consonant counting as a Bulgarian word (`изхвърля`, `върху`; Russian writes `ъ` only before
/// `е`, `ё`, `ю`, `я`).
fn by_cyrillic_words(words: &str) -> Option<&'static str> {
    let words: Vec<&str> = words.split(' ').collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
    let hard_sign = |w: &&&str| {
        let chars: Vec<char> = w.chars().collect();
        chars.windows(2).any(|p| p[0] == 'ъ' && p[1].is_alphabetic() && !"аеёиоуыэюяъь".contains(p[1]))
    };
    let bulgarian = count(BULGARIAN_WORDS) + words.iter().filter(hard_sign).count();
    match (count(RUSSIAN_WORDS), count(UKRAINIAN_WORDS), bulgarian) {
        (r, 0, 0) if r > 0 => Some("ru"),
        (0, u, 0) if u > 0 => Some("uk"),
        (0, 0, b) if b > 0 => Some("bg"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_decide_short_posts() {
        let arabic = |w| by_letters(w, Script::Arabic);
        assert_eq!(arabic("هاتف رائع جدا"), Some("ar"));
        assert_eq!(arabic("شكرا جزيلا"), Some("ar"));
        assert_eq!(arabic("این گوشی عالی است"), Some("fa"));
        assert_eq!(arabic("یہ فون بہت اچھا ہے"), Some("ur"));
        // Pashto's ښ: neither.
        assert_eq!(arabic("ډېر ښه"), None);
        let cyrillic = |w| by_letters(w, Script::Cyrillic);
        assert_eq!(cyrillic("отличный телефон"), Some("ru"));
        assert_eq!(cyrillic("чудовий сервіс"), Some("uk"));
        // Without a letter of their own, by their commonest words; a hard sign before a consonant is Bulgarian.
        assert_eq!((cyrillic("спасибо"), cyrillic("благодаря много")), (Some("ru"), Some("bg")));
        assert_eq!((cyrillic("дякую"), cyrillic("пак не работи приложението")), (Some("uk"), Some("bg")));
        assert_eq!(cyrillic("защо приложението ме изхвърля постоянно"), Some("bg"));
        assert_eq!(cyrillic("много добре благодаря"), Some("bg"));
        assert_eq!((cyrillic("отличная вещь"), cyrillic("спасибо дякую")), (None, None));
        // Belarusian (ў with ы and і), Serbian (ј), Kazakh (қ): none of the two.
        assert_eq!(
            (cyrillic("дзякуй вялікі ўсім"), cyrillic("хвала, јако добро"), cyrillic("рақмет")),
            (None, None, None)
        );
        assert_eq!(cyrillic("вялікі дзякуй"), None);
        // A brand in Latin letters, vowel points: passed over.
        assert_eq!(cyrillic("курьер ozon привёз заказ"), Some("ru"));
        assert_eq!(cyrillic("замовила на rozetka, прийшли швидко, дякую і вам"), Some("uk"));
        assert_eq!(cyrillic("нова пошта знову загубила мою посилку"), Some("uk"));
        assert_eq!(arabic("شُكْرًا جَزِيلًا"), Some("ar"));
        assert_eq!(by_letters("שירות גרוע", Script::Hebrew), Some("he"));
        assert_eq!(by_letters("שֵׁרוּת גָּרוּעַ", Script::Hebrew), Some("he"));
        let devanagari = |w| by_letters(w, Script::Devanagari);
        assert_eq!(devanagari("बहुत अच्छा"), Some("hi"));
        assert_eq!(devanagari("एयरटेल वाले हर महीने बिल बढ़ा देते हैं कोई जवाब नहीं देता"), Some("hi"));
        assert_eq!((devanagari("मला हे खूप आवडले"), devanagari("धेरै राम्रो छ")), (Some("mr"), Some("ne")));
        assert_eq!(devanagari("धन्यवाद"), None);
        assert_eq!(devanagari("धन्यवाद आपकी टीम ने जल्दी मदद की"), Some("hi"));
    }
}
