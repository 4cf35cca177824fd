//! Stop words of languages that language detection tells apart by their function words but that Snowball has no
//! stemmer for: Indonesian (NLTK's list, and the colloquial words of posts that it lacks), and Malay, Tagalog, Hindi
//! written in Latin letters, Polish and Czech, which the `stop-words` crate's NLTK lists do not cover (its other
//! source, stopwords-iso, is not built with the NLTK feature, and its lists run to content words). Hand-written: the
//! commonest function words of each, as posts spell them, leaving out those English lists or uses ("to", "do", "go";
//! `StopWords::new` also drops any that English lists or VADER scores). Content stems leave these words out too, so
//! no content words ("teruk", "bilkul") are here.

/// The languages, by ISO 639-1 code, in the order of their bits after [`STEMMED`](super::STEMMED)'s.
pub const LISTED: [&str; 6] = ["id", "ms", "tl", "hi", "pl", "cs"];

/// Colloquial Indonesian that NLTK's list lacks ("gak bisa", "udah", "banget", "aja", "sih").
#[rustfmt::skip]
const INDONESIAN: &[&str] = &[
    "gak", "nggak", "ngga", "enggak", "udah", "udh", "aja", "banget", "bgt", "sih", "dong", "deh", "gimana", "emang",
    "gue", "gua", "yg", "dgn", "tdk", "blm", "krn", "kalo", "kayak", "trus", "terus",
    "kenapa", "lagi", "pas",
];

/// What Malay writes and Indonesian does not (NLTK's Indonesian list holds the words the two share): its colloquial
/// function words ("nak", "dah", "korang", "kat"). Only these count for Malay, whose
/// posts lead with Indonesian's shared words; a marker among them makes the post Malay (`evidence::leading`).
#[rustfmt::skip]
const MALAY: &[&str] = &[
    "nak", "dah", "korang", "kat", "je", "takde", "xde", "awak", "camne", "mcm", "diorang", "dorang", "pastu",
    "sikit",
];

/// Tagalog function words ("ang", "ng", "mga", "po", "naman", "ayaw").
#[rustfmt::skip]
const TAGALOG: &[&str] = &[
    "ang", "ng", "mga", "sa", "na", "po", "ko", "mo", "ka", "ay", "si", "nang", "pa", "lang", "naman", "talaga",
    "ayaw", "bakit", "hindi", "wala", "kasi", "yung", "ung", "din", "rin", "ba", "kayo", "tayo", "ako", "siya",
    "nila", "namin", "natin", "sobrang", "sana", "pero", "kung", "ito", "yan", "dito", "doon", "kami", "ninyo",
    "niya", "nga", "kahit", "kaya", "lahat", "pag", "tapos",
];

/// Hindi written in Latin letters, as Hinglish posts spell it ("ye phone bahut slow hai", "kya bakwas"); not the
/// words that Italian, Spanish or French list too ("ne", "ho", "se", "par", "mai"), but "hai" (Italian "you have"),
/// "mein" (German "my") and "ki" stay: the commonest Hindi words, which the other languages' own stop words outnumber
/// in their posts.
#[rustfmt::skip]
const HINDI: &[&str] = &[
    "hai", "hain", "ka", "ki", "ke", "ko", "mein", "nahi", "nahin", "nhi", "kya", "kuch", "bhi", "aur",
    "ye", "yeh", "woh", "mera", "meri", "mere", "tera", "apna", "hum", "tum", "aap", "kar", "karo", "kiya", "diya",
    "gaya", "gayi", "raha", "rahi", "rahe", "tha", "thi", "hota", "hoti", "bahut", "bohot", "yaar",
    "bhai", "abhi", "phir", "sab", "koi", "kab", "kaise", "kyun", "kyu", "wala", "wale", "wali", "ek", "toh",
    "bas", "hua", "hui", "pe", "liye", "mujhe",
];

/// Polish function words ("jest", "nie", "się", "że", "czemu").
#[rustfmt::skip]
const POLISH: &[&str] = &[
    "jest", "nie", "się", "że", "na", "w", "z", "co", "tym", "jak", "ale", "czy", "mnie", "już", "tylko", "tak",
    "bardzo", "dla", "ktoś", "czemu", "dzięki", "jestem", "są", "był", "była", "było", "będzie", "tego", "tej", "mój",
    "moja", "moje", "nic", "coś", "gdzie", "kiedy", "dlaczego", "bo", "więc", "albo", "przez", "przy", "jeszcze",
    "znowu", "zawsze", "nigdy", "teraz", "dziś", "dzisiaj", "można", "trzeba", "wszystko", "żeby", "mam", "masz",
    "mają", "nawet",
];

/// Czech function words ("je", "že", "není", "proč", "už").
#[rustfmt::skip]
const CZECH: &[&str] = &[
    "je", "že", "ale", "jak", "mě", "už", "proč", "zase", "díky", "fakt", "moc", "není", "jsem", "jsou", "kde", "taky",
    "také", "jsme", "jste", "byl", "byla", "bylo", "bude", "toho", "můj", "moje", "jeho", "nic", "něco", "kdy",
    "protože", "nebo", "jen", "ještě", "pořád", "nikdy", "teď", "dnes", "včera", "mám", "máte", "mají", "prostě",
    "opravdu", "ani", "tady", "bych", "aby", "když", "při",
];

/// Each language's words: `LISTED[i]`'s are `words(i)`; Malay's without those Indonesian's list holds too.
pub fn words(i: usize) -> Vec<String> {
    match LISTED.get(i) {
        Some(&"id") => indonesian(),
        Some(&"ms") => {
            let indonesian = indonesian();
            MALAY.iter().filter(|w| !indonesian.iter().any(|i| i == *w)).map(|w| w.to_string()).collect()
        }
        Some(&"tl") => TAGALOG.iter().map(|w| w.to_string()).collect(),
        Some(&"hi") => HINDI.iter().map(|w| w.to_string()).collect(),
        Some(&"pl") => POLISH.iter().map(|w| w.to_string()).collect(),
        Some(&"cs") => CZECH.iter().map(|w| w.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// Indonesian's words: NLTK's list and the colloquial ones it lacks.
fn indonesian() -> Vec<String> {
    stop_words::get("id").into_iter().chain(INDONESIAN.iter().map(|w| w.to_string())).collect()
}
