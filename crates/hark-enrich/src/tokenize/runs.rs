//! An elongated word's letter runs cut back ("happyyyy" -> "happy"): what the lexicon, the stems and the learned
//! layer read an elongation as.

/// An elongated word with each letter run of 3 or more cut to one letter, the letters written twice kept
/// ("happyyyy" -> "happy", "sooo" -> "so", "goooood" -> "god"): lower case, apostrophes straight, as
/// [`Token::norm`](super::Token::norm). The other guess at the word is its `norm` ("goood" -> "good"); [`lexicon`](crate::lexicon)
/// and [`stem::base_word`](crate::stem::base_word) try both.
pub fn unelongated(text: &str) -> String {
    cut_runs(text, |_| false)
}

/// [`unelongated`], but letter runs of 3 or more of a letter `double` accepts are cut to two.
pub(crate) fn cut_runs(text: &str, double: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut last, mut run) = ('\0', 0);
    let mut pending = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c == '’' { '\'' } else { c };
        if c == last {
            run += 1;
        } else {
            // A run ends: 3 or more letters become one (or two).
            flush(&mut out, &mut pending, last, run, &double);
            (last, run) = (c, 1);
        }
        if run <= 2 || !c.is_alphabetic() {
            pending.push(c);
        }
    }
    flush(&mut out, &mut pending, last, run, &double);
    out
}

/// Appends a finished run of `c` (`pending`, at most two letters) to `out`: one `c` (two if `double(c)`) if the run
/// was of 3 or more letters.
fn flush(out: &mut String, pending: &mut String, c: char, run: usize, double: impl Fn(char) -> bool) {
    if run > 2 && c.is_alphabetic() {
        out.push(c);
        if double(c) {
            out.push(c);
        }
    } else {
        out.push_str(pending);
    }
    pending.clear();
}
