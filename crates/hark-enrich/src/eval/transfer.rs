//! The sentiment head on texts from outside the TweetEval sentiment collection that it never trained on: the figure
//! nearest to what hark meets in use, where the TweetEval cross-validation scores tweets of the same collection,
//! topics and years as its training rows.

use std::io::Write;

use super::metrics::macro_recall;
use super::{index_of, Labelled};
use crate::{label_of_compound, Enricher, Label};

/// GoEmotions' own sentiment grouping of its labels (`sentiment_mapping.json` in its repository), as a sentiment
/// class; `None` for the ambiguous ones (surprise, realization, curiosity, confusion).
fn goemotions_sentiment(label: &str) -> Option<usize> {
    match label {
        "amusement" | "excitement" | "joy" | "love" | "desire" | "optimism" | "caring" | "pride" | "admiration"
        | "gratitude" | "relief" | "approval" => Some(2),
        "fear" | "nervousness" | "remorse" | "embarrassment" | "disappointment" | "sadness" | "grief" | "disgust"
        | "anger" | "annoyance" | "disapproval" => Some(0),
        "neutral" => Some(1),
        _ => None,
    }
}

/// The sentiment class of a GoEmotions comment whose labels all fall in one class of [`goemotions_sentiment`];
/// `None` for a comment with an ambiguous label or labels of two classes.
fn comment_class(labels: &[String]) -> Option<usize> {
    let mut classes = labels.iter().map(|l| goemotions_sentiment(l));
    let first = classes.next()??;
    classes.all(|c| c == Some(first)).then_some(first)
}

/// The sentiment class of a TweetEval emotion label: anger and sadness negative, joy and optimism positive.
fn tweet_class(label: &str) -> Option<usize> {
    match label {
        "anger" | "sadness" => Some(0),
        "joy" | "optimism" => Some(2),
        _ => None,
    }
}

/// hark's and the VADER rules' class of each text (an unscored text counted neutral, so wrong for these sets).
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
    let mut parts = Vec::new();
    for (c, name) in ["negative", "neutral", "positive"].iter().enumerate() {
        let n = gold.iter().filter(|g| **g == c).count();
        if n > 0 {
            let right = gold.iter().zip(pred).filter(|(g, p)| **g == c && **p == c).count();
            parts.push(format!("{name} {:.3}", right as f64 / n as f64));
        }
    }
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
            tweets.iter().filter_map(|r| Some((r.text.as_str(), tweet_class(r.labels.first()?)?))).collect(),
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
        assert_eq!((tweet_class("optimism"), tweet_class("sadness"), tweet_class("fear")), (Some(2), Some(0), None));
    }
}
