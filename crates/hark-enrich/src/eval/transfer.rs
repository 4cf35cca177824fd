//! The sentiment head on texts outside TweetEval sentiment that it never trained on: Reddit comments of another
//! collection, and held-out tweets of TweetEval emotion (whose train split counts a little in the sentiment head).
//! The TweetEval cross-validation scores tweets of the same collection, topics and years as the head's training rows;
//! these are nearer to what hark meets in use.

use std::io::Write;

use super::metrics::{class_recall, macro_recall};
use super::{index_of, Labelled};
use crate::emotion::{sentiment_of_goemotions, sentiment_of_tweeteval};
use crate::{label_of_compound, Enricher, Label};

/// The sentiment class of a GoEmotions comment whose labels all fall in one class of
/// [`sentiment_of_goemotions`]; `None` for a comment with an ambiguous label or labels of two classes.
fn comment_class(labels: &[String]) -> Option<usize> {
    let mut classes = labels.iter().map(|l| sentiment_of_goemotions(l));
    let first = classes.next()??;
    classes.all(|c| c == Some(first)).then_some(first)
}

/// hark's and the VADER rules' class of each text (an unscored text counted neutral: a miss on TweetEval emotion,
/// which has no neutral tweets).
fn classes(e: &Enricher, texts: &[&str]) -> (Vec<usize>, Vec<usize>) {
    texts
        .iter()
        .map(|t| {
            let hark = e.enrich(t, Some("en")).sentiment_label.unwrap_or(Label::Neutral);
            (index_of(hark), index_of(label_of_compound(e.rule_compound(t))))
        })
        .unzip()
}

/// Recall of each class present in `gold`, in the order negative, neutral, positive, as `name 0.123 name 0.456`.
fn recalls(gold: &[usize], pred: &[usize]) -> String {
    let named = ["negative", "neutral", "positive"].iter().enumerate();
    let parts: Vec<String> =
        named.filter_map(|(c, name)| class_recall(gold, pred, c).map(|r| format!("{name} {r:.3}"))).collect();
    parts.join(" ")
}

/// Prints the shipped model's sentiment on GoEmotions dev (its own sentiment grouping; the sentiment head never
/// trains on GoEmotions) and on TweetEval emotion validation (held out; no neutral tweets, so a neutral answer is
/// wrong), with the VADER rules beside it; returns the macro recalls (GoEmotions, TweetEval emotion) of hark and of
/// the VADER rules.
pub(super) fn transfer_figures(
    e: &Enricher,
    goemotions: &[Labelled],
    tweets: &[Labelled],
    out: &mut impl Write,
) -> anyhow::Result<Transfer> {
    writeln!(
        out,
        "\nSentiment outside TweetEval sentiment, on texts the sentiment head never trained on (shipped model)"
    )?;
    let mut figures = [(0.0, 0.0); 2];
    let sets: [(&str, Vec<(&str, usize)>); 2] = [
        (
            "GoEmotions dev, its sentiment grouping (comments of one class)",
            goemotions.iter().filter_map(|r| Some((r.text.as_str(), comment_class(&r.labels)?))).collect(),
        ),
        (
            "TweetEval emotion validation (anger, sadness negative; joy, optimism positive)",
            tweets.iter().filter_map(|r| Some((r.text.as_str(), sentiment_of_tweeteval(r.labels.first()?)?))).collect(),
        ),
    ];
    for ((what, rows), figure) in sets.iter().zip(&mut figures) {
        let (texts, gold): (Vec<&str>, Vec<usize>) = rows.iter().copied().unzip();
        let (hark, rules) = classes(e, &texts);
        // Over the classes present in `gold`: a neutral answer to a TweetEval emotion tweet counts only as a miss.
        *figure = (macro_recall(&gold, &hark), macro_recall(&gold, &rules));
        writeln!(out, "  {what}, {} texts", texts.len())?;
        writeln!(out, "    macro recall, hark: {:.3} ({})", figure.0, recalls(&gold, &hark))?;
        writeln!(out, "    macro recall, VADER rules (hark's port): {:.3} ({})", figure.1, recalls(&gold, &rules))?;
    }
    Ok(Transfer { goemotions: figures[0], tweeteval_emotion: figures[1] })
}

/// Macro recall (hark, VADER rules) of the sentiment on texts outside TweetEval sentiment that the sentiment head
/// never trained on.
#[derive(Debug, Clone, Copy)]
pub struct Transfer {
    /// GoEmotions dev, three classes.
    pub goemotions: (f64, f64),
    /// TweetEval emotion validation, negative and positive.
    pub tweeteval_emotion: (f64, f64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_of_one_class_only() {
        let labels = |ls: &[&str]| ls.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        assert_eq!(comment_class(&labels(&["joy", "gratitude"])), Some(2));
        assert_eq!(comment_class(&labels(&["anger"])), Some(0));
        assert_eq!(comment_class(&labels(&["neutral"])), Some(1));
        assert_eq!(comment_class(&labels(&["joy", "anger"])), None);
        assert_eq!(comment_class(&labels(&["surprise"])), None);
        assert_eq!(comment_class(&labels(&["joy", "curiosity"])), None);
    }
}
