//! Stop words of languages that language detection tells apart by their function words but that Snowball has no
//! stemmer for: Indonesian (NLTK's list, and the colloquial words of posts that it lacks), and Malay, Tagalog and
//! Hindi written in Latin letters, which no list in the `stop-words` crate covers (NLTK has no Malay, Tagalog or
//! romanised Hindi; stopwords-iso's lists, the crate's other source, are not built with the NLTK feature and run to
//! content words). Hand-written: the commonest function words of each, as posts spell them.

/// The languages, by ISO 639-1 code, in the order of their bits after [`STEMMED`](super::STEMMED)'s.
pub const LISTED: [&str; 4] = ["id", "ms", "tl", "hi"];

/// Colloquial Indonesian that NLTK's list lacks ("gak bisa", "udah", "banget", "aja", "sih").
#[rustfmt::skip]
const INDONESIAN: &[&str] = &[
    "gak", "nggak", "ngga", "enggak", "udah", "udh", "aja", "banget", "bgt", "sih", "dong", "deh", "gimana", "emang",
    "gue", "gua", "yg", "dgn", "tdk", "blm", "krn", "kalo", "kayak", "bikin", "pake", "trus", "terus", "makasih",
    "kenapa", "lagi", "pas", "abis",
];

/// Malay function words, and Malaysian spellings Indonesian does not share ("tak boleh", "dah", "nak", "korang").
#[rustfmt::skip]
const MALAY: &[&str] = &[
    "tak", "nak", "dah", "ni", "tu", "kat", "korang", "je", "mcm", "macam", "camne", "takde", "xde", "awak", "kau",
    "aku", "saya", "kami", "kita", "dia", "mereka", "ini", "itu", "yang", "dan", "dengan", "untuk", "dari", "pada",
    "boleh", "sangat", "betul", "lagi", "pun", "lah", "ke", "di", "ada", "tidak", "sudah", "belum", "apa", "kenapa",
    "bila", "mana", "sini", "sana", "juga", "tapi", "atau", "kalau", "sebab", "memang", "terima", "kasih",
];

/// Tagalog function words ("ang", "ng", "mga", "po", "naman", "ayaw").
#[rustfmt::skip]
const TAGALOG: &[&str] = &[
    "ang", "ng", "mga", "sa", "na", "po", "ko", "mo", "ka", "ay", "si", "nang", "pa", "lang", "naman", "talaga",
    "ayaw", "bakit", "hindi", "wala", "kasi", "yung", "ung", "din", "rin", "ba", "kayo", "tayo", "ako", "siya",
    "nila", "namin", "natin", "sobrang", "salamat", "sana", "pero", "kung", "ito", "yan", "dito", "doon", "kami",
    "ninyo", "niya", "nga", "kahit", "kaya", "lahat", "pag", "tapos", "gusto",
];

/// Hindi written in Latin letters, as Hinglish posts spell it ("ye phone bahut slow hai", "kya bakwas"); not the
/// words that Italian, Spanish or French list too ("ne", "ho", "se", "par", "mai").
#[rustfmt::skip]
const HINDI: &[&str] = &[
    "hai", "hain", "ka", "ki", "ke", "ko", "mein", "nahi", "nahin", "nhi", "kya", "kuch", "bhi", "aur",
    "ye", "yeh", "woh", "mera", "meri", "mere", "tera", "apna", "hum", "tum", "aap", "kar", "karo", "kiya", "diya",
    "gaya", "gayi", "raha", "rahi", "rahe", "tha", "thi", "hota", "hoti", "bahut", "bohot", "yaar",
    "bhai", "abhi", "phir", "sab", "koi", "kab", "kaise", "kyun", "kyu", "wala", "wale", "wali", "ek", "toh",
    "accha", "acha", "bas", "hua", "hui", "pe", "liye", "mujhe", "bilkul", "naya", "nayi",
];

/// Each language's words: `LISTED[i]`'s are `words(i)`.
pub fn words(i: usize) -> Vec<String> {
    match LISTED.get(i) {
        Some(&"id") => stop_words::get("id").into_iter().chain(INDONESIAN.iter().map(|w| w.to_string())).collect(),
        Some(&"ms") => MALAY.iter().map(|w| w.to_string()).collect(),
        Some(&"tl") => TAGALOG.iter().map(|w| w.to_string()).collect(),
        Some(&"hi") => HINDI.iter().map(|w| w.to_string()).collect(),
        _ => Vec::new(),
    }
}
