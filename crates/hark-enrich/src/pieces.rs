//! Long texts (forum posts, Hacker News comments, Stack Exchange questions, articles) scored in pieces of the length
//! the model learned from, their probabilities averaged. The learned layer sums a weight for every word, and tweets,
//! Reddit comments and brand posts of at most about 50 tokens taught it: over a long text the sums grew with its
//! length, so that a calm, technical forum post of 300 words came out sure of a sentiment, nearly always negative
//! (of 20 Newsgroups posts over 1,500 characters, 96% negative and 3% neutral).

use std::ops::Range;

use super::tokenize::{ends_clause, ends_sentence, Token};
use super::{emotion, label_of_compound, sentiment_of, Scores};

/// Texts of at most this many tokens are scored whole, as the model's training texts are (its tweets, Reddit
/// comments and brand posts: 99% have at most 42 tokens; training reads even the few longer ones, up to 84, whole);
/// a longer one in pieces ([`pieces`]).
pub(crate) const WHOLE: usize = 64;

/// A piece ends at the first sentence end once it has this many tokens (about a tweet's median); a remainder shorter
/// than this joins the piece before it.
const PIECE: usize = 24;

/// The pieces of a text of more than [`WHOLE`] tokens, contiguous and covering it: runs of whole sentences of at
/// least [`PIECE`] tokens; where no sentence ends within [`WHOLE`] tokens, the run is cut at its last clause end at
/// least [`PIECE`] tokens in, else at [`WHOLE`] tokens. With a short remainder joined, a piece has at most
/// `WHOLE + PIECE - 1` tokens.
pub(crate) fn pieces<'a>(toks: &'a [Token<'a>]) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= toks.len() {
            return None;
        }
        let mut end = toks.len();
        let mut clause_end = None;
        for (k, t) in toks.iter().enumerate().skip(start) {
            let len = k + 1 - start;
            if len >= PIECE && ends_sentence(t) {
                end = k + 1;
                break;
            }
            if ends_clause(t) {
                clause_end = Some(k + 1);
            }
            if len >= WHOLE {
                end = clause_end.filter(|c| c - start >= PIECE).unwrap_or(k + 1);
                break;
            }
        }
        if toks.len() - end < PIECE {
            end = toks.len();
        }
        let piece = start..end;
        start = end;
        Some(piece)
    })
}

/// What the scorer makes of one piece, or of a whole text: the sentiment head's probabilities (negative, neutral,
/// positive; `None` without the head), the rules' compound, and the emotion head's probabilities in
/// [`emotion::EMOTION_CLASSES`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Piece {
    /// The sentiment head's probabilities: negative, neutral, positive.
    pub sentiment: Option<[f32; 3]>,
    /// The rules' compound ([`RuleScores::compound`](super::rules::RuleScores)), the score without a sentiment head.
    pub compound: f32,
    /// The emotion head's probabilities.
    pub emotion: Option<[f32; 8]>,
}

impl Piece {
    /// The mean of `pieces`, each weighed by its number of tokens (weighing by words, hashtags and emoji instead,
    /// without links, numbers and punctuation, got 3 fewer of the 120 long posts of `tests/fixtures/long` right).
    pub(crate) fn mean(pieces: impl Iterator<Item = (usize, Piece)>) -> Piece {
        let mut sum = Piece::default();
        let mut total = 0.0f32;
        for (tokens, piece) in pieces {
            let w = tokens as f32;
            total += w;
            sum.compound += w * piece.compound;
            add(&mut sum.sentiment, piece.sentiment, w);
            add(&mut sum.emotion, piece.emotion, w);
        }
        if total > 0.0 {
            sum.compound /= total;
            sum.sentiment.iter_mut().flatten().for_each(|v| *v /= total);
            sum.emotion.iter_mut().flatten().for_each(|v| *v /= total);
        }
        sum
    }

    /// The scores hark reports: the label and compound of the sentiment head (of the rules without one), the
    /// emotions and the top one.
    pub(crate) fn scores(&self) -> Scores {
        let (sentiment, label) = match &self.sentiment {
            Some(p) => sentiment_of(p),
            None => (self.compound, label_of_compound(self.compound)),
        };
        Scores { sentiment, label, emotions: self.emotion.map(|q| emotion::summarise(&q)) }
    }
}

/// Adds `w` times `p` to `sum`.
fn add<const N: usize>(sum: &mut Option<[f32; N]>, p: Option<[f32; N]>, w: f32) {
    if let Some(p) = p {
        let sum = sum.get_or_insert([0.0; N]);
        sum.iter_mut().zip(p).for_each(|(s, v)| *s += w * v);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    #[test]
    fn short_texts_are_one_piece_and_long_ones_split_at_sentences() {
        let short = tokenize("the app crashed again. support never replied!");
        let one: Vec<Range<usize>> = pieces(&short).collect();
        assert_eq!((one.len(), &one[0]), (1, &(0..short.len())));
        let sentence = "We moved the build to the new runners last week and the cache hit rate went up a lot. ";
        let text = sentence.repeat(6);
        let toks = tokenize(&text);
        let all: Vec<Range<usize>> = pieces(&toks).collect();
        assert!(all.len() >= 3, "{all:?}");
        // Contiguous, covering every token, each ending at a sentence end, none shorter than PIECE.
        assert_eq!((all[0].start, all[all.len() - 1].end), (0, toks.len()));
        for (a, b) in all.iter().zip(&all[1..]) {
            assert_eq!(a.end, b.start);
            assert!(ends_sentence(&toks[a.end - 1]));
        }
        assert!(all.iter().all(|r| r.len() >= PIECE), "{all:?}");
    }

    #[test]
    fn a_sentence_without_end_is_cut_at_a_clause_end_or_at_whole() {
        let (commas, bare) = ("word, ".repeat(100), "word ".repeat(200));
        let toks = tokenize(&commas);
        assert!(pieces(&toks).all(|r| r.len() <= WHOLE + PIECE && ends_clause(&toks[r.end - 1])));
        let toks = tokenize(&bare);
        let all: Vec<Range<usize>> = pieces(&toks).collect();
        assert_eq!(all[0], 0..WHOLE);
        assert_eq!(all.last().map(|r| r.end), Some(200));
    }

    /// Pieces of random token sequences (words, sentence ends, clause ends, links) are contiguous, never empty,
    /// cover the text, and stay within their bounds.
    #[test]
    fn pieces_cover_every_text() {
        let parts = ["word ", "word. ", "word, ", "word! ", "http://x.co/a ", "😀 ", "word... ", "12 "];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..300 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = 65 + (seed % 400) as usize;
            for k in 0..n {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Long stretches of one part too (no sentence end for hundreds of tokens).
                let part = if k % 97 < 40 { seed % 8 } else { seed % 2 };
                text.push_str(parts[part as usize]);
            }
            let toks = tokenize(&text);
            let all: Vec<Range<usize>> = pieces(&toks).collect();
            assert_eq!((all[0].start, all[all.len() - 1].end), (0, toks.len()), "{text}");
            for (a, b) in all.iter().zip(&all[1..]) {
                assert_eq!(a.end, b.start, "{text}");
            }
            for r in &all {
                assert!(!r.is_empty() && r.len() < WHOLE + PIECE, "{r:?} in {text}");
            }
            assert!(all.len() == 1 || all.iter().all(|r| r.len() >= PIECE), "{all:?} in {text}");
        }
    }

    #[test]
    fn the_mean_weighs_pieces_by_tokens() {
        let neg = Piece { sentiment: Some([1.0, 0.0, 0.0]), compound: -1.0, emotion: None };
        let neu = Piece { sentiment: Some([0.0, 1.0, 0.0]), compound: 0.0, emotion: None };
        let m = Piece::mean([(10, neg), (30, neu)].into_iter());
        assert_eq!(m.sentiment, Some([0.25, 0.75, 0.0]));
        assert_eq!(m.compound, -0.25);
        assert_eq!(m.scores().label, super::super::Label::Neutral);
    }
}
