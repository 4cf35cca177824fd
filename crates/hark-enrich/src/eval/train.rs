//! `hark eval --train`: the learned layer's training documents and fits, shared by the shipped model and each
//! cross-validation fold.

use std::path::Path;

use anyhow::Context;

use super::class_of;
use super::sets::{training_sets, Extracted, Sets};
use crate::datasets::{BrandEmotion, BrandPost, Labelled};
use crate::emotion::{self, EMOTION_CLASSES, SENTIMENT_CLASSES};
use crate::learn::{fit, Doc, Settings};
use crate::model::Model;

/// How much a TweetEval emotion row counts as a sentiment example. Emotion is not sentiment (an angry tweet can be
/// neutral about a brand, optimism is not always positive), so these rows only nudge the words the 1,600 in-domain
/// rows of a fold rarely show: in cross-validation 0.05 gave macro recall 0.634, 0.1 gave 0.630, 0.2 gave 0.618 and
/// 1.0 (counting them fully) 0.60.
const EMOTION_AS_SENTIMENT: f32 = 0.05;

/// How much a brand post counts as a sentiment example, beside a TweetEval sentiment row's 1, before the class
/// scaling of [`docs`] (which makes it 0.18 for a negative post, 1.15 for a neutral one and 0.95 for a positive one).
/// Tweets about celebrities and events rarely state a complaint as a fact ("third week waiting for the refund"),
/// which is a fifth of what customers write about a brand and which a head trained on tweets alone called neutral
/// (21 of 60 right on a held-out set); brand posts teach it, at a cost to the tweets: with six sets in training and
/// the seventh held out, weights 0.4, 0.6 and 1.0 gave that set macro recall 0.810, 0.832 and 0.851 (0.739 without)
/// and TweetEval cross-validation 0.630, 0.633 and 0.628 (0.636 without). The posts written for an emotion
/// (`data/brand_emotions.jsonl`) carry their writers' sentiment too and count here alike: TweetEval 0.633 -> 0.635,
/// the seven sets 0.852 -> 0.861 with the first four sets, 0.635 -> 0.633 and 0.861 with set F, and the fixtures
/// never trained on as the README's figures table says.
const BRAND_WEIGHT: f32 = 0.6;

/// How much a brand post labelled with an emotion counts as an emotion example, beside a GoEmotions or TweetEval
/// row's 1 (the fit then balances the classes). With the four sets, each scored by a model trained on the other
/// three: 1,023, 1,083 and 1,127 of 1,600 right at 0.5, 1 and 2, GoEmotions cross-validation 0.474, 0.467 and 0.444
/// (0.493 without; the issue asks 0.45). 1 traded a little of GoEmotions for posts about brands, hark's own domain.
/// Set F came later; 0.8 keeps the five sets' share of the head's training at what four had at 1: at 1, 0.8
/// and 0.6, 1,415, 1,397 and 1,363 of the 2,000 right by set, GoEmotions 0.471, 0.475 and 0.481, the emotion fixture
/// 293, 290 and 280 of 400. Weighing each class's posts by that class's share of the other rows, as [`BRAND_WEIGHT`]
/// does, did no better. The README's "Emotions of posts about brands" has the measurements.
const BRAND_EMOTION_WEIGHT: f32 = 0.8;

/// The share of a GoEmotions `curiosity` label that teaches `none` rather than `confusion`. Curiosity is the calm
/// question ("Has anyone run Shieldly and Portside side by side?", "Does the Kestrel battery fit the 2021 frame?"),
/// which the writers of the brand posts and of the general fixture all call `none`, and which, taught as confusion,
/// made every support question `confusion` (general fixture: 45 posts called confused, 14 of its 21 confused ones among
/// them). GoEmotions' Ekman grouping counts curiosity as surprise, so teaching it all as `none` costs there: with two
/// brand emotion sets at weight 2, at 0, 0.5 and 1, the general fixture's top emotion 152, 159 and 167 of 300 right
/// (posts called confused 45, 37, 23), brand posts with an emotion 484, 491 and 491 of 800 (cross-validation by set),
/// GoEmotions macro-F1 0.483, 0.480 and 0.463 (its surprise 0.506, 0.479 and 0.356).
const CURIOSITY_AS_NONE: f32 = 0.5;

/// The training documents of both heads. Sentiment: TweetEval sentiment rows; TweetEval emotion rows as negative
/// (anger, sadness) or positive (joy, optimism) at a small weight; brand posts at [`BRAND_WEIGHT`], each class
/// scaled so that the brand posts add to the classes in the proportions of the TweetEval sentiment rows. 47% of the
/// first 2,120 posts are negative against 16% of those tweets: counted as written they were 59% of the negative
/// class's weight (25% of neutral's), and the class, balanced against the others by `fit`, learned brand complaints
/// more than negative tweets (TweetEval negative recall 0.62 -> 0.56 at weight 0.4); scaled, they were 32-39% of each
/// class's weight (TweetEval emotion rows counted), with the 1,600 posts written for an emotion (55% negative)
/// 45-53%, and with set F's 400 more 48-55%.
/// GoEmotions' sentiment grouping was tried and left out, as it did not raise macro recall
/// on tweets in cross-validation (0.626-0.634 at weights 0.05-0.2, with or without its neutral rows). The sentiment
/// head does without the confusion cue ("how", "what", "why", 🤔): on tweets it had learned a lean to negative from
/// "why would you...", which made support questions about a brand ("how do I export my notes?") negative; without
/// it, TweetEval macro recall moved 0.639 -> 0.636 (within the folds' noise), and of seven blind brand-post sets five
/// rose by 0.005-0.012, one stayed, one fell by 0.006. Emotion: GoEmotions (original labels, multi-label rows split),
/// TweetEval emotion rows and the brand posts labelled with an emotion, at [`BRAND_EMOTION_WEIGHT`].
fn docs(extracted: &Extracted<'_>, rows: &Rows<'_>) -> (Vec<Doc>, Vec<Doc>) {
    let (mut sentiment, mut emotions) = (Vec::new(), Vec::new());
    let feats = |text: &str| extracted.of(text).to_vec();
    // The sentiment head's features: all but the confusion cue's (`_cue:confusion`, `_ncue:confusion`).
    let for_sentiment =
        |text: &str| extracted.of(text).iter().filter(|(name, _)| !name.ends_with("cue:confusion")).cloned().collect();
    for row in rows.goemo {
        let labelled: Vec<(&String, usize)> =
            row.labels.iter().filter_map(|l| emotion::from_goemotions(l).map(|c| (l, c))).collect();
        if !labelled.is_empty() {
            let share = 1.0 / labelled.len() as f32;
            let mut targets = Vec::new();
            for (label, class) in labelled {
                if label == "curiosity" {
                    targets.push((class, share * (1.0 - CURIOSITY_AS_NONE)));
                    targets.push((emotion::NONE, share * CURIOSITY_AS_NONE));
                } else {
                    targets.push((class, share));
                }
            }
            emotions.push(Doc { features: feats(&row.text), targets, weight: 1.0 });
        }
    }
    for row in rows.te {
        let label = row.labels.first().map(String::as_str).unwrap_or_default();
        if let Some(s) = emotion::sentiment_of_tweeteval(label) {
            let features = for_sentiment(&row.text);
            sentiment.push(Doc { features, targets: vec![(s, 1.0)], weight: EMOTION_AS_SENTIMENT });
        }
        if let Some(c) = emotion::from_tweeteval(label) {
            emotions.push(Doc { features: feats(&row.text), targets: vec![(c, 1.0)], weight: 1.0 });
        }
    }
    let tweet_class: Vec<usize> =
        rows.sent.iter().map(|r| class_of(r.labels.first().map(String::as_str).unwrap_or_default())).collect();
    for (row, class) in rows.sent.iter().zip(&tweet_class) {
        sentiment.push(Doc { features: for_sentiment(&row.text), targets: vec![(*class, 1.0)], weight: 1.0 });
    }
    // Every brand post with a sentiment: those written for it and those written for an emotion.
    let written = rows.brand.iter().map(|p| (p.text.as_str(), class_of(&p.label)));
    let posts: Vec<(&str, usize)> =
        written.chain(rows.brand_emo.iter().map(|p| (p.text.as_str(), class_of(&p.label)))).collect();
    let brand_class: Vec<usize> = posts.iter().map(|(_, class)| *class).collect();
    let (tweets, brand) = (shares(&tweet_class), shares(&brand_class));
    for (text, class) in &posts {
        // `brand[class]` is not 0: this post is of the class.
        let weight = BRAND_WEIGHT * tweets[*class] / brand[*class];
        sentiment.push(Doc { features: for_sentiment(text), targets: vec![(*class, 1.0)], weight });
    }
    for post in rows.brand_emo {
        let class = emotion::class_index(&post.emotion).expect("brand_emotions checks emotions");
        emotions.push(Doc { features: feats(&post.text), targets: vec![(class, 1.0)], weight: BRAND_EMOTION_WEIGHT });
    }
    (sentiment, emotions)
}

/// Each sentiment class's share of `classes` (all 0 for none).
fn shares(classes: &[usize]) -> [f32; 3] {
    let mut n = [0.0f32; 3];
    classes.iter().for_each(|c| n[*c] += 1.0);
    n.map(|k| k / classes.len().max(1) as f32)
}

/// The rows one model is fitted on: all of a training run's, or a cross-validation fold's.
pub(super) struct Rows<'a> {
    /// GoEmotions rows (original labels).
    pub goemo: &'a [&'a Labelled],
    /// TweetEval emotion rows.
    pub te: &'a [Labelled],
    /// TweetEval sentiment rows.
    pub sent: &'a [&'a Labelled],
    /// Brand posts.
    pub brand: &'a [&'a BrandPost],
    /// Brand posts labelled with an emotion.
    pub brand_emo: &'a [&'a BrandEmotion],
}

/// Fits both heads on `rows`. Both are class-balanced (macro recall and macro-F1 weigh rare classes, such as
/// negative tweets or disgust, like common ones). Sentiment is regularised harder (C 0.05: a few thousand short
/// texts, and the VADER-rule features carry most of the signal; C 0.02-0.05 all gave 0.62-0.634 in cross-validation on
/// tweets alone; with the brand posts at weight 1, C 0.03, 0.05 and 0.1 gave TweetEval 0.629, 0.628 and 0.625 and the
/// held-out seventh set 0.842, 0.851 and 0.851), emotion less (C 0.1; 0.05-0.3 gave GoEmotions macro-F1 0.48-0.49;
/// checked again with the brand posts with an emotion: C 0.05 and 0.2 gave GoEmotions 0.470 and 0.470 against 0.475,
/// and 1,085 and 1,101 of those posts right against 1,098; class balance 0.75 and 1.25 gave 0.453 and 0.469, 1,084 and
/// 1,089).
pub(super) fn fit_model(extracted: &Extracted<'_>, rows: &Rows<'_>) -> Model {
    let (sentiment, emotions) = docs(extracted, rows);
    let s = Settings::default();
    Model {
        heads: vec![
            fit("sentiment", &SENTIMENT_CLASSES, &sentiment, Settings { c: 0.05, ..s }),
            fit("emotion", &EMOTION_CLASSES, &emotions, Settings { c: 0.1, ..s }),
        ],
    }
}

/// The shipped model's file: fitted on all of `sets` (from [`training_sets`]).
pub(super) fn shipped_model(sets: &Sets, extracted: &Extracted<'_>) -> String {
    let (goemo, te_sent): (Vec<&Labelled>, Vec<&Labelled>) = (sets.goemo.iter().collect(), sets.sent.iter().collect());
    let brand: Vec<&BrandPost> = sets.brand.iter().collect();
    let brand_emo: Vec<&BrandEmotion> = sets.brand_emo.iter().collect();
    let rows = Rows { goemo: &goemo, te: &sets.te, sent: &te_sent, brand: &brand, brand_emo: &brand_emo };
    let model = fit_model(extracted, &rows);
    let comment = format!(
        "Generated by `hark eval --train --datasets DIR` (enrich::eval::train); do not edit.\n\
         Trained on GoEmotions dev ({} rows, original labels), TweetEval emotion train ({} rows), TweetEval\n\
         sentiment validation ({} rows) and the repository's brand posts ({} posts, data/brand_posts.jsonl;\n\
         {} with an emotion, data/brand_emotions.jsonl).\n\
         Held out: TweetEval emotion validation; the rest is scored by 5-fold CV.",
        sets.goemo.len(),
        sets.te.len(),
        sets.sent.len(),
        sets.brand.len(),
        sets.brand_emo.len()
    );
    model.to_text(&comment)
}

/// Retrains the learned layer from `datasets` and writes it to `model_out` (normally
/// `crates/hark-enrich/src/data/model.tsv`).
pub fn train(datasets: &Path, model_out: &Path) -> anyhow::Result<()> {
    let sets = training_sets(datasets)?;
    let text = shipped_model(&sets, &Extracted::new(&sets));
    std::fs::write(model_out, text).with_context(|| format!("writing {}", model_out.display()))
}

#[cfg(test)]
mod tests {
    use crate::features::hash_parts;
    use crate::model::Model;

    /// The shipped model's sentiment head has no weights for the confusion cue ([`docs`](super::docs)); its emotion
    /// head does.
    #[test]
    fn sentiment_head_does_without_the_confusion_cue() {
        let model = Model::shipped().expect("the shipped model parses");
        let head = |name: &str| model.heads.iter().find(|h| h.name == name).expect("a head");
        for cue in ["_cue:confusion", "_ncue:confusion"] {
            assert!(!head("sentiment").index.contains_key(&hash_parts(&[cue])), "{cue}");
        }
        assert!(head("emotion").index.contains_key(&hash_parts(&["_cue:confusion"])));
    }
}
