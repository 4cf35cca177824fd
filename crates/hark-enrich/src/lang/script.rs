//! Languages told apart by their letters, for short posts in a script that few languages share: whatlang's
//! trigrams need more text than a one- or two-word post gives ("спасибо" came back Ukrainian, "не работает"
//! Belarusian, "هاتف رائع جدا" Persian, each unreliable), but a letter that only one language of the script uses
//! decides it.

use whatlang::Script;

/// Letters of the Arabic script that Urdu writes and Arabic and Persian do not (ٹ ڈ ڑ ں ھ ہ ۃ ے).
const URDU: &[char] = &['\u{679}', '\u{688}', '\u{691}', '\u{6BA}', '\u{6BE}', '\u{6C1}', '\u{6C3}', '\u{6D2}'];

/// Letters Persian (and Urdu) write and Arabic does not (پ چ ژ گ ک ی).
const PERSIAN: &[char] = &['\u{67E}', '\u{686}', '\u{698}', '\u{6AF}', '\u{6A9}', '\u{6CC}'];

/// Cyrillic letters Russian writes and Ukrainian, Bulgarian, Serbian and Macedonian do not.
const RUSSIAN: &[char] = &['ы', 'э', 'ё'];

/// Cyrillic letters of Ukrainian that Russian does not write (Belarusian shares `і`, and is told by `ў`).
const UKRAINIAN: &[char] = &['і', 'ї', 'є', 'ґ'];

/// Cyrillic letters of the languages other than Russian and Ukrainian: Belarusian `ў`, Serbian and Macedonian
/// `ј љ њ ћ ђ џ ѓ ќ ѕ`, Kazakh, Kyrgyz, Tatar and Mongolian `ә ғ қ ң ө ұ ү һ`.
const OTHER_CYRILLIC: &[char] =
    &['ў', 'ј', 'љ', 'њ', 'ћ', 'ђ', 'џ', 'ѓ', 'ќ', 'ѕ', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ'];

/// The language that the letters of `words` (lower case, all in `script`) decide, if they do: Hebrew script is
/// Hebrew; Arabic script is Urdu with an Urdu letter, else Persian with a Persian one, else Arabic, unless a letter
/// of another language (Pashto, Kurdish, Sindhi) is there; Cyrillic is Russian with `ы`, `э` or `ё`, Ukrainian with
/// `ї`, `є`, `ґ` or `і`, when no other language's letter is there too. Cyrillic without either ("спасибо",
/// "благодаря") stays undecided.
pub(super) fn by_letters(words: &str, script: Script) -> Option<&'static str> {
    let letters = || words.chars().filter(|c| c.is_alphabetic());
    let has = |set: &[char]| letters().any(|c| set.contains(&c));
    match script {
        Script::Hebrew if letters().all(|c| ('\u{5D0}'..='\u{5EA}').contains(&c)) => Some("he"),
        Script::Arabic => {
            // The 28 letters, hamza forms, alef maksura and teh marbuta (U+0621..U+064A), and the Persian and Urdu
            // letters above: any other letter is another language's.
            let known = |c: char| ('\u{621}'..='\u{64A}').contains(&c) || PERSIAN.contains(&c) || URDU.contains(&c);
            if !letters().all(known) {
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
        Script::Cyrillic if letters().all(|c| ('\u{400}'..='\u{4FF}').contains(&c)) && !has(OTHER_CYRILLIC) => {
            match (has(RUSSIAN), has(UKRAINIAN)) {
                (true, false) => Some("ru"),
                (false, true) => Some("uk"),
                _ => None,
            }
        }
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
        assert_eq!((cyrillic("спасибо"), cyrillic("благодаря много")), (None, None));
        // Belarusian (ў with ы and і), Serbian (ј), Kazakh (қ): none of the two.
        assert_eq!(
            (cyrillic("дзякуй вялікі ўсім"), cyrillic("хвала, јако добро"), cyrillic("рақмет")),
            (None, None, None)
        );
        assert_eq!(by_letters("שירות גרוע", Script::Hebrew), Some("he"));
        assert_eq!(by_letters("बहुत अच्छा", Script::Devanagari), None);
    }
}
