//! Language detection on short posts: English from stop words and known words, other languages left to their
//! stop words or whatlang, source hints.

use super::super::stem::StopWords;
use super::super::tokenize::tokenize;
use super::*;

fn lang(text: &str) -> Option<&'static str> {
    detect(&tokenize(text), &StopWords::new(), |_| false)
}

/// A stand-in vocabulary for the tests: the sentiment lexicon plus a few everyday words.
fn lang_with_vocabulary(text: &str) -> Option<&'static str> {
    let lexicon = super::super::lexicon::Lexicon::new();
    let everyday = [
        "hell", "yeh", "dude", "hold", "beer", "pretty", "please", "sad", "music", "go", "follow", "wanna", "man",
        "cool", "gut", "male",
    ];
    detect(&tokenize(text), &StopWords::new(), |w| lexicon.word(w).is_some() || everyday.contains(&w))
}

#[test]
fn detects_common_languages() {
    assert_eq!(lang("I really love this new phone, the camera is great"), Some("en"));
    assert_eq!(lang("Je n'aime pas du tout ce nouveau téléphone, il est trop cher"), Some("fr"));
    assert_eq!(lang("Das ist wirklich ein sehr schlechtes Produkt und ich bin enttäuscht"), Some("de"));
    assert_eq!(lang("Это очень плохой телефон, я разочарован"), Some("ru"));
}

#[test]
fn short_english_and_no_words() {
    assert_eq!(lang("@user lol this is sooo good 😍 http://x.co"), Some("en"));
    assert_eq!(lang("😍😍 @user"), None);
    assert_eq!(lang("the café was great"), Some("en"));
    assert_eq!((lang("lcsc"), lang("gracias amigos")), (None, None));
}

/// Indonesian and Malay evidence is Malay only with a word that only Malay writes, not with the stop words both
/// share (whatlang's Indonesian was renamed Malay whenever any of them stood in the post).
#[test]
fn shared_stop_words_are_indonesian_a_malay_word_malay() {
    let (id, ms) = (detect_index("id").unwrap_or_default(), detect_index("ms").unwrap_or_default());
    let mut evidence = [0usize; 32];
    evidence[id] = 3;
    assert_eq!((malay_or_indonesian(&evidence), count_of(&evidence, "ms")), ("id", 3));
    evidence[ms] = 1;
    assert_eq!((malay_or_indonesian(&evidence), count_of(&evidence, "id")), ("ms", 4));
}

/// A listed language's word that VADER scores stays English ("nah" is on NLTK's Indonesian list).
#[test]
fn english_words_on_other_lists_stay_english() {
    assert_eq!(lang_with_vocabulary("nah thanks"), Some("en"));
}

#[test]
fn known_english_words_decide_short_posts() {
    for text in [
        "hell yeh dude",
        "wow wow wow hold my beer",
        "pretty please",
        "sad music",
        "go follow",
        "im so unhappy",
        "i wanna die",
        "I agree 100%",
        "u make me sad, hold my beer and go follow them dude",
        // One elongated word, known by its base.
        "greaaaat!!!",
        "baaaad",
        "looooove",
        // English words alone (whatlang called these Finnish and Norwegian).
        "on me",
        "for me",
        "No.",
        // A capitalised word beside a lower-case one is a name.
        "love Revolut",
    ] {
        assert_eq!(lang_with_vocabulary(text), Some("en"), "{text}");
    }
    // Other languages' stop words, unknown words, or too few known ones: left to whatlang.
    for text in [
        "hasta la vista baby",
        "no me gusta nada",
        "merci beaucoup mon ami",
        "danke schön für alles",
        "obrigado pela ajuda",
        "grazie mille amico",
        "tack så mycket",
        "dank je wel",
        "terima kasih banyak",
        "salamat po sa inyo",
        "la musica",
        // A stop word English shares with another language, a capitalised unknown word set aside, one English stop
        // word in three.
        "Me encanta",
        "Odiei o celular",
        "To jest świetne",
        "zase to nefunguje",
        // One known word beside an unknown one, or known words all of them other languages' too.
        "voll gut",
        "molto male",
        "trop cool",
        "no me gusta",
    ] {
        assert_ne!(lang_with_vocabulary(text), Some("en"), "{text}");
    }
}

#[test]
fn hints_normalise() {
    assert_eq!(normalise_hint("EN-us").as_deref(), Some("en"));
    assert_eq!(normalise_hint("deu").as_deref(), Some("de"));
    assert_eq!(normalise_hint("no").as_deref(), Some("nb"));
    assert_eq!(normalise_hint("english"), None);
}

/// Short posts in the Arabic and Hebrew scripts and in Cyrillic, which whatlang leaves unreliable (or gets wrong):
/// decided by letters only one language of the script writes, or by its commonest words, else undetermined.
#[test]
fn short_posts_in_other_scripts() {
    assert_eq!(lang("هاتف رائع جدا"), Some("ar"));
    assert_eq!(lang("خدمة سيئة"), Some("ar"));
    assert_eq!(lang("این گوشی عالی است"), Some("fa"));
    assert_eq!(lang("یہ فون بہت اچھا ہے"), Some("ur"));
    assert_eq!(lang("שירות גרוע"), Some("he"));
    assert_eq!(lang("ужасный сервис"), Some("ru"));
    assert_eq!((lang("спасибо"), lang("не работает")), (Some("ru"), Some("ru")));
}

/// Sentences of five words or more that whatlang guesses right at low confidence: the guess stands when the
/// language's stop words are there and lead (or, without a stop-word list, none lead and the confidence is not
/// noise); romanised Hindi, which whatlang takes for Tagalog or Javanese, is told by its function words.
#[test]
fn sentences_with_names_take_the_trigram_guess() {
    // Stop words of languages without a stemmer: Indonesian, Malay, Tagalog, romanised Hindi.
    assert_eq!(lang("kenapa aplikasinya gak bisa dibuka dari pagi sih"), Some("id"));
    assert_eq!(lang("korang ada masalah tak dengan app ni? nak bayar pun tak boleh"), Some("ms"));
    assert_eq!(lang("ang tagal ng delivery, gutom na ako"), Some("tl"));
    assert_eq!(lang("yaar ye phone bahut slow hai"), Some("hi"));
    assert_eq!(lang("adoro i Nutella Biscuits, ne ho mangiati troppi stasera"), Some("it"));
    assert_eq!(lang("pociąg opóźniony o godzinę, jak zwykle zresztą"), Some("pl"));
    // A list of names in Title Case is no sentence; one shared stop word is no evidence beside English words.
    assert_eq!(lang("Moet Chandon Dom Perignon Veuve Clicquot Ruinart Krug"), None);
    assert_eq!(lang("wer r da pumpkin spice lattes starbucks"), None);
    assert_eq!(lang("net mijn bestelling van bol.com binnen, supersnel geleverd"), Some("nl"));
    assert_eq!(lang("mujhe ye naya iPhone bilkul pasand nahi aaya, paisa barbaad"), Some("hi"));
    assert_eq!(lang("एयरटेल वाले हर महीने बिल बढ़ा देते हैं, कोई जवाब नहीं देता"), Some("hi"));
    assert_eq!(lang("курьер Ozon привёз заказ раньше срока, очень приятно"), Some("ru"));
    // Turkish, not Turkmen (which whatlang no longer ranks); whatlang's unsure English gives way to Hindi "hai".
    assert_eq!(lang("neden Getir siparişim hala gelmedi bir saattir bekliyorum"), Some("tr"));
    assert_ne!(lang("ekdum mast phone hai"), Some("en"));
    // Russian's stop words, Bulgarian's words.
    assert_eq!(lang("защо приложението на банката не работи"), Some("bg"));
}
