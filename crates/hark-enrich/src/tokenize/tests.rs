//! The tokenizer on social text: pieces kept whole, elongations, capitals, scripts, and the ASCII word path
//! against the general one.

use super::ascii::ascii_word;
use super::*;

fn kinds(text: &str) -> Vec<(String, Kind)> {
    tokenize(text).into_iter().map(|t| (t.text.to_string(), t.kind)).collect()
}

#[test]
fn social_pieces_stay_whole() {
    let toks = kinds("@user I don't like https://t.co/x?a=1 #BadDay :-( sooo!!! 😡😍 <3 [EMAIL]");
    let want = [
        ("@user", Kind::Handle),
        ("I", Kind::Word),
        ("don't", Kind::Word),
        ("like", Kind::Word),
        ("https://t.co/x?a=1", Kind::Url),
        ("#BadDay", Kind::Hashtag),
        (":-(", Kind::Emoticon),
        ("sooo", Kind::Word),
        ("!!!", Kind::Punct),
        ("😡", Kind::Emoji),
        ("😍", Kind::Emoji),
        ("<3", Kind::Emoticon),
        ("[EMAIL]", Kind::Placeholder),
    ];
    let want: Vec<(String, Kind)> = want.iter().map(|(t, k)| (t.to_string(), *k)).collect();
    assert_eq!(toks, want);
}

#[test]
fn emoji_sequences_and_flags_are_one_token() {
    assert_eq!(kinds("👍🏽👨‍👩‍👧🇫🇷").len(), 3);
    assert_eq!(kinds("❤️!").len(), 2);
}

#[test]
fn emoticons_need_boundaries() {
    assert_eq!(kinds("xD")[0].1, Kind::Emoticon);
    assert_eq!(kinds("boxD")[0].1, Kind::Word);
    assert_eq!(kinds("http:p").len(), 3);
    // Emoticons that open and end with a sign glue to a word, not to a digit.
    assert_eq!(kinds("ok:(")[1], (":(".to_string(), Kind::Emoticon));
    assert_eq!(kinds("love you<3")[2], ("<3".to_string(), Kind::Emoticon));
    assert_eq!(kinds("update:-)")[1].1, Kind::Emoticon);
    assert_eq!(kinds("score 2:3").len(), 4);
    assert_eq!(kinds("sec:s")[1].1, Kind::Punct);
    assert_eq!(kinds("**Update:** the app")[2], (":".to_string(), Kind::Punct));
}

#[test]
fn elongation_caps_and_punct_runs() {
    let toks = tokenize("GREAT sooo goooood I ?!? ... 3.5");
    assert!(toks[0].caps && !toks[3].caps);
    assert_eq!((&*toks[1].norm, toks[1].elongated), ("soo", true));
    assert_eq!(unelongated(toks[1].text), "so");
    assert_eq!(unelongated("HAPPYYYY"), "happy", "the doubled p is the word's");
    assert_eq!(unelongated("goooood!!!"), "god!!!", "punctuation runs stay");
    assert_eq!(unelongated("Nooo’ooo"), "no'o");
    assert!(matches!(tokenize("plain")[0].norm, Cow::Borrowed("plain")));
    assert_eq!(toks[2].norm, "good");
    assert_eq!((toks[4].text, toks[5].text, toks[6].kind), ("?!?", "...", Kind::Number));
    // Letter runs count whatever the case.
    let runs: Vec<(String, bool)> =
        tokenize("KKk #PhilippPlein xDDdD").into_iter().map(|t| (t.norm.into_owned(), t.elongated)).collect();
    let want = [("kk", true), ("#philipplein", true), ("xdd", true)];
    assert_eq!(runs, want.map(|(n, e)| (n.to_string(), e)));
}

#[test]
fn ascii_word_path_agrees_with_the_general_one() {
    let words = [
        "plain", "Capital", "GREAT", "I", "sooo", "SoOo", "KKk", "don't", "can't!", "x'", "x' y", "9's", "3.5",
        "1,000", "12.ab", "abc.def", "end,", "end.", "a1b2", "42", "aaa'aaa", "naïve", "l'été", "it’s", "x.y",
    ];
    let mut fast = 0;
    for w in words {
        let (len, kind) = word_len(w);
        let general = make(&w[..len], kind);
        if let Some(t) = ascii_word(w) {
            fast += 1;
            assert_eq!(format!("{t:?}"), format!("{general:?}"), "{w:?}");
            // `make` takes the same ASCII shortcut, so check the shape against the general rules too: `squeeze`'s
            // lower case and letter runs, capitals as two letters or more and none lower-case.
            let text = &w[..len];
            let (norm, elongated) = if kind == Kind::Word { squeeze(text) } else { (text.into(), false) };
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            let caps = kind == Kind::Word && letters >= 2 && !text.chars().any(char::is_lowercase);
            assert_eq!((&*t.norm, t.elongated, t.caps), (&*norm, elongated, caps), "{w:?}");
        }
    }
    assert!(fast >= 20, "the fast path took {fast} of {}", words.len());
}

#[test]
fn curly_apostrophes_and_scripts() {
    assert_eq!(tokenize("don’t")[0].norm, "don't");
    assert_eq!(kinds("Привет мир").len(), 2);
    assert_eq!(kinds("வணக்கம் உலகம்").len(), 2);
}

#[test]
fn letter_blocks_are_letters() {
    for (first, last) in LETTER_BLOCKS {
        for c in (first..=last).filter_map(char::from_u32) {
            assert!(c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
        }
    }
}
