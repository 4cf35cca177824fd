//! An elongated word's letter runs cut back ("happyyyy" -> "happy"): what the lexicon, the stems and the learned
//! layer read an elongation as.

/// An elongated word with each letter run of 3 or more cut to one letter, the letters written twice kept
/// ("happyyyy" -> "happy", "sooo" -> "so", "goooood" -> "god"): lower case, apostrophes straight, as
/// [`Token::norm`](super::Token::norm). The other guess at the word is its `norm` ("goood" -> "good"); [`lexicon`](crate::lexicon)
/// and [`stem::base_word`](crate::stem::base_word) try both.
pub fn unelongated(text: &str) -> String {
    cut_runs(text, |_| false).0
}

/// [`unelongated`], but letter runs of 3 or more of a letter `double` accepts are cut to two; says whether a run was
/// cut. With every letter doubled it is the tokenizer's normal form of a word ([`Token::norm`](super::Token::norm)).
pub(crate) fn cut_runs(text: &str, double: impl Fn(char) -> bool) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let (mut last, mut run, mut cut) = ('\0', 0, false);
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c == '’' { '\'' } else { c };
        run = if c == last { run + 1 } else { 1 };
        last = c;
        if run > 2 && c.is_alphabetic() {
            // The run's second letter goes too, unless the letter stays doubled.
            if run == 3 && !double(c) {
                out.pop();
            }
            cut = true;
            continue;
        }
        out.push(c);
    }
    (out, cut)
}
