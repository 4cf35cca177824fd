//! `hark eval`: the quality figures of enrichment on the development datasets, and `hark eval --train`: the learned
//! layer retrained from them (deterministic, so the shipped `data/model.tsv` can be reproduced and checked).
//!
//! What is held out where: the shipped model is trained on TweetEval emotion *train*, TweetEval sentiment validation
//! and GoEmotions dev, so only TweetEval emotion validation is scored with it (never seen in training). TweetEval
//! sentiment and GoEmotions figures come from 5-fold cross-validation (fold = row index mod 5; each fold's model is
//! trained on the other folds of both, plus all of TweetEval emotion train).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::Context;

use super::datasets::{goemotions, present, tweeteval, Labelled};
use super::emotion::{self, EMOTION_CLASSES, SENTIMENT_CLASSES};
use super::learn::{fit, Doc, Settings};
use super::model::Model;
use super::{label_of_compound, Enricher, Label};

const FOLDS: usize = 5;

/// How much a TweetEval emotion row counts as a sentiment example. Emotion is not sentiment (an angry tweet can be
/// neutral about a brand, optimism is not always positive), so these rows only nudge the words the 1,600 in-domain
/// rows of a fold rarely show: in cross-validation 0.05 gave macro recall 0.634, 0.1 gave 0.630, 0.2 gave 0.618 and
/// 1.0 (counting them fully) 0.60.
const EMOTION_AS_SENTIMENT: f32 = 0.05;

/// The training documents of both heads. Sentiment: TweetEval sentiment rows, and TweetEval emotion rows as negative
/// (anger, sadness) or positive (joy, optimism) at a small weight; GoEmotions' sentiment grouping was tried and left
/// out, as it did not raise macro recall on tweets in cross-validation (0.626-0.634 at weights 0.05-0.2, with or
/// without its neutral rows). Emotion: GoEmotions (original labels, multi-label rows split) and TweetEval emotion
/// rows.
fn docs(
    extracted: &Extracted<'_>,
    goemo: &[&Labelled],
    te: &[Labelled],
    te_sent: &[&Labelled],
) -> (Vec<Doc>, Vec<Doc>) {
    let (mut sentiment, mut emotions) = (Vec::new(), Vec::new());
    let feats = |text: &str| extracted.of(text);
    for row in goemo {
        let classes: Vec<usize> = row.labels.iter().filter_map(|l| emotion::from_goemotions(l)).collect();
        if !classes.is_empty() {
            let share = 1.0 / classes.len() as f32;
            emotions.push(Doc {
                features: feats(&row.text),
                targets: classes.iter().map(|c| (*c, share)).collect(),
                weight: 1.0,
            });
        }
    }
    for row in te {
        let label = row.labels.first().map(String::as_str).unwrap_or_default();
        let f = feats(&row.text);
        if let Some(s) = emotion::sentiment_of_tweeteval(label) {
            sentiment.push(Doc { features: f.clone(), targets: vec![(s, 1.0)], weight: EMOTION_AS_SENTIMENT });
        }
        if let Some(c) = emotion::from_tweeteval(label) {
            emotions.push(Doc { features: f, targets: vec![(c, 1.0)], weight: 1.0 });
        }
    }
    for row in te_sent {
        let class = class_of(row.labels.first().map(String::as_str).unwrap_or_default());
        sentiment.push(Doc { features: feats(&row.text), targets: vec![(class, 1.0)], weight: 1.0 });
    }
    (sentiment, emotions)
}

/// Fits both heads on GoEmotions rows (original labels), TweetEval emotion rows and TweetEval sentiment rows. Both
/// are class-balanced (macro recall and macro-F1 weigh rare classes, such as negative tweets or disgust, like
/// common ones). Sentiment is regularised harder (C 0.05: 1,600-2,000 short in-domain texts, and the VADER-rule
/// features carry most of the signal; C 0.02-0.05 all gave 0.62-0.634 in cross-validation), emotion less (C 0.1;
/// 0.05-0.3 gave GoEmotions macro-F1 0.48-0.49).
pub fn fit_model(extracted: &Extracted<'_>, goemo: &[&Labelled], te: &[Labelled], te_sent: &[&Labelled]) -> Model {
    let (sentiment, emotions) = docs(extracted, goemo, te, te_sent);
    let s = Settings::default();
    Model {
        heads: vec![
            fit("sentiment", &SENTIMENT_CLASSES, &sentiment, Settings { c: 0.05, ..s }),
            fit("emotion", &EMOTION_CLASSES, &emotions, Settings { c: 0.1, ..s }),
        ],
    }
}

/// The named features of the training texts, extracted once for all the fits of an evaluation (the shipped model
/// and five folds); extraction (redaction, tokens, stems, rules) costs more than fitting.
pub struct Extracted<'a> {
    by_text: HashMap<&'a str, Vec<(String, f32)>>,
}

impl<'a> Extracted<'a> {
    /// Extracts the features of every text of `sets`.
    pub fn new(sets: &'a [Vec<Labelled>]) -> Extracted<'a> {
        let enricher = Enricher::with_model(Model::default());
        let mut by_text = HashMap::new();
        for row in sets.iter().flat_map(|set| set.iter()) {
            by_text.entry(row.text.as_str()).or_insert_with(|| {
                let mut f: Vec<(String, f32)> = Vec::new();
                enricher.features_of(&row.text, &mut f);
                f
            });
        }
        Extracted { by_text }
    }

    /// The features of a text given to [`Extracted::new`].
    fn of(&self, text: &str) -> Vec<(String, f32)> {
        self.by_text.get(text).cloned().expect("a text given to Extracted::new")
    }
}

/// The training sets: GoEmotions dev (original labels), TweetEval emotion train, TweetEval sentiment validation.
fn training_sets(datasets: &Path) -> anyhow::Result<[Vec<Labelled>; 3]> {
    Ok([
        goemotions(datasets, "original")?,
        tweeteval(datasets, "emotion", "train")?,
        tweeteval(datasets, "sentiment", "val")?,
    ])
}

/// The shipped model's file: fitted on all of `sets` (from [`training_sets`]).
fn shipped_model(sets: &[Vec<Labelled>; 3], extracted: &Extracted<'_>) -> String {
    let [goemo, te, sent] = sets;
    let model = fit_model(extracted, &goemo.iter().collect::<Vec<_>>(), te, &sent.iter().collect::<Vec<_>>());
    let comment = format!(
        "Generated by `hark eval --train --datasets DIR` (enrich::eval::train); do not edit.\n\
         Trained on GoEmotions dev ({} rows, original labels), TweetEval emotion train ({} rows) and TweetEval\n\
         sentiment validation ({} rows). Held out: TweetEval emotion validation; the rest is scored by 5-fold CV.",
        goemo.len(),
        te.len(),
        sent.len()
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

/// Prints every quality figure of enrichment (and the VADER-rule baseline) on the datasets in `datasets`.
pub fn evaluate(datasets: &Path, mut out: impl Write) -> anyhow::Result<()> {
    figures(datasets, &mut out).map(|_| ())
}

/// The headline figures, as `evaluate` prints them.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    /// TweetEval sentiment validation, 5-fold CV.
    pub sentiment: SentimentFigures,
    /// TweetEval emotion validation macro-F1 over anger, joy, sadness (held out).
    pub tweeteval_emotion: f64,
    /// GoEmotions Ekman macro-F1 over the six emotions, 5-fold CV.
    pub goemotions: f64,
}

/// Computes and prints the figures: the shipped model on held-out TweetEval emotion validation, and 5-fold
/// cross-validation (fold = row index mod 5) for TweetEval sentiment validation and GoEmotions, each fold's model
/// trained on the other folds of both plus all of TweetEval emotion train.
pub fn figures(datasets: &Path, out: &mut impl Write) -> anyhow::Result<Figures> {
    if !present(datasets) {
        anyhow::bail!("datasets not found under {} (see shared/datasets/README.md)", datasets.display());
    }
    let sets = training_sets(datasets)?;
    let extracted = Extracted::new(&sets);
    let same = shipped_model(&sets, &extracted) == super::model::SHIPPED;
    let [original, te, sent] = &sets;
    writeln!(
        out,
        "model: shipped data/model.tsv {} a fresh `hark eval --train`",
        if same { "equals" } else { "DIFFERS from" }
    )?;
    let ekman = goemotions(datasets, "ekman")?;
    let mut sent_pred = vec![Scored::default(); sent.len()];
    let mut emo_pred = vec![String::new(); original.len()];
    for fold in 0..FOLDS {
        let train_g: Vec<&Labelled> =
            original.iter().enumerate().filter(|(i, _)| i % FOLDS != fold).map(|(_, r)| r).collect();
        let train_s: Vec<&Labelled> =
            sent.iter().enumerate().filter(|(i, _)| i % FOLDS != fold).map(|(_, r)| r).collect();
        let e = Enricher::with_model(fit_model(&extracted, &train_g, te, &train_s));
        for (i, r) in sent.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            let (auto, en) = (e.enrich(&r.text, None), e.enrich(&r.text, Some("en")));
            sent_pred[i] = Scored {
                auto: auto.sentiment_label,
                label: en.sentiment_label,
                compound: en.sentiment,
                rule: e.rule_compound(&r.text),
            };
        }
        for (i, r) in original.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            let en = e.enrich(&r.text, Some("en"));
            let top = en.emotion.and_then(|t| EMOTION_CLASSES.iter().position(|c| *c == t)).unwrap_or(emotion::NONE);
            emo_pred[i] = emotion::ekman(top).to_string();
        }
    }
    let sentiment = sentiment_figures(sent, &sent_pred, out)?;
    let shipped = Enricher::new();
    let tweeteval_emotion = tweeteval_emotion(&shipped, &tweeteval(datasets, "emotion", "val")?, out)?;
    let gold: Vec<Vec<String>> = ekman.iter().map(|r| r.labels.clone()).collect();
    writeln!(out, "\nGoEmotions dev, Ekman grouping ({} comments), {FOLDS}-fold cross-validation", ekman.len())?;
    let six = ["anger", "disgust", "fear", "joy", "sadness", "surprise"];
    let goemotions = f1_table(&six, &gold, &emo_pred, "hark's top emotion (confusion counted as surprise)", out)?;
    f1_table(&["neutral"], &gold, &emo_pred, "neutral (hark's none)", out)?;
    Ok(Figures { sentiment, tweeteval_emotion, goemotions })
}

/// One cross-validated sentiment prediction.
#[derive(Debug, Clone, Copy, Default)]
struct Scored {
    auto: Option<Label>,
    label: Option<Label>,
    compound: Option<f32>,
    rule: f32,
}

/// TweetEval sentiment validation: macro recall and correlation of the compound with the label, hark vs VADER rules.
fn sentiment_figures(rows: &[Labelled], pred: &[Scored], out: &mut impl Write) -> anyhow::Result<SentimentFigures> {
    let gold: Vec<usize> = rows.iter().map(|r| class_of(&r.labels[0])).collect();
    let idx = |l: Option<Label>| index_of(l.unwrap_or(Label::Neutral));
    let hinted: Vec<usize> = pred.iter().map(|p| idx(p.label)).collect();
    let auto: Vec<usize> = pred.iter().map(|p| idx(p.auto)).collect();
    let rule: Vec<usize> = pred.iter().map(|p| index_of(label_of_compound(p.rule))).collect();
    let c_ours: Vec<f32> = pred.iter().map(|p| p.compound.unwrap_or(0.0)).collect();
    let c_rule: Vec<f32> = pred.iter().map(|p| p.rule).collect();
    let unscored = pred.iter().filter(|p| p.auto.is_none()).count();
    let y: Vec<f32> = gold.iter().map(|g| *g as f32 - 1.0).collect();
    let f = SentimentFigures {
        macro_recall: macro_recall(&gold, &hinted),
        macro_recall_auto: macro_recall(&gold, &auto),
        vader_rules: macro_recall(&gold, &rule),
        pearson: (pearson(&c_ours, &y), pearson(&c_rule, &y)),
        spearman: (pearson(&ranks(&c_ours), &ranks(&y)), pearson(&ranks(&c_rule), &ranks(&y))),
    };
    writeln!(out, "\nTweetEval sentiment validation ({} tweets), {FOLDS}-fold cross-validation", rows.len())?;
    let recall = |c: usize| {
        let n = gold.iter().filter(|g| **g == c).count().max(1);
        gold.iter().zip(&hinted).filter(|(g, p)| **g == c && **p == c).count() as f64 / n as f64
    };
    writeln!(
        out,
        "  macro recall, hark (lang hint en):        {:.3}  (negative {:.3}, neutral {:.3}, positive {:.3})",
        f.macro_recall,
        recall(0),
        recall(1),
        recall(2)
    )?;
    writeln!(
        out,
        "  macro recall, hark (language detected):  {:.3}  ({unscored} unscored, counted neutral)",
        f.macro_recall_auto
    )?;
    writeln!(out, "  macro recall, VADER rules (hark's port): {:.3}", f.vader_rules)?;
    writeln!(out, "  compound vs label (-1/0/1), Pearson:  hark {:.3}  VADER rules {:.3}", f.pearson.0, f.pearson.1)?;
    writeln!(out, "  compound vs label (-1/0/1), Spearman: hark {:.3}  VADER rules {:.3}", f.spearman.0, f.spearman.1)?;
    Ok(f)
}

/// The sentiment figures `sentiment_figures` prints.
#[derive(Debug, Clone, Copy)]
pub struct SentimentFigures {
    /// Macro-averaged recall with the language hint `en`.
    pub macro_recall: f64,
    /// Macro-averaged recall with the language detected (unscored counted neutral).
    pub macro_recall_auto: f64,
    /// Macro-averaged recall of the VADER rules alone.
    pub vader_rules: f64,
    /// Pearson correlation of the compound with the label: (hark, VADER rules).
    pub pearson: (f64, f64),
    /// Spearman correlation: (hark, VADER rules).
    pub spearman: (f64, f64),
}

fn class_of(label: &str) -> usize {
    SENTIMENT_CLASSES.iter().position(|c| *c == label).unwrap_or(1)
}

fn index_of(l: Label) -> usize {
    match l {
        Label::Negative => 0,
        Label::Neutral => 1,
        Label::Positive => 2,
    }
}

/// TweetEval emotion validation, Ekman emotions present (anger, joy with optimism, sadness): per-label F1 with the
/// prediction the most probable of those three, and with hark's own top emotion (which may be another or `none`).
fn tweeteval_emotion(e: &Enricher, rows: &[Labelled], out: &mut impl Write) -> anyhow::Result<f64> {
    let present = ["anger", "joy", "sadness"];
    let at = present.map(|name| emotion::from_tweeteval(name).expect("an emotion class"));
    let (mut closed, mut open, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    for r in rows {
        let en = e.enrich(&r.text, Some("en"));
        let scores = en.emotions.unwrap_or_default();
        let best = (0..present.len()).max_by(|a, b| scores[at[*a]].total_cmp(&scores[at[*b]]));
        closed.push(best.map(|k| present[k].to_string()).unwrap_or_default());
        open.push(en.emotion.unwrap_or_default().to_string());
        gold.push(vec![if r.labels[0] == "optimism" { "joy".to_string() } else { r.labels[0].clone() }]);
    }
    writeln!(out, "\nTweetEval emotion validation ({} tweets; never trained on), optimism counted as joy", rows.len())?;
    let m = f1_table(&present, &gold, &closed, "top of anger/joy/sadness", out)?;
    f1_table(&present, &gold, &open, "hark's top emotion (any of 7 or none)", out)?;
    Ok(m)
}

/// Prints per-label F1 (gold may hold several labels, the prediction one) and returns their mean.
fn f1_table(
    labels: &[&str],
    gold: &[Vec<String>],
    pred: &[String],
    what: &str,
    out: &mut impl Write,
) -> anyhow::Result<f64> {
    let mut f1s = Vec::new();
    let mut line = String::new();
    for l in labels {
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        for (g, p) in gold.iter().zip(pred) {
            let (in_gold, in_pred) = (g.iter().any(|x| x == l), p == l);
            tp += f64::from(u8::from(in_gold && in_pred));
            fp += f64::from(u8::from(!in_gold && in_pred));
            fn_ += f64::from(u8::from(in_gold && !in_pred));
        }
        let f1 = if tp == 0.0 { 0.0 } else { 2.0 * tp / (2.0 * tp + fp + fn_) };
        line.push_str(&format!(" {l} {f1:.3}"));
        f1s.push(f1);
    }
    let mean = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
    writeln!(out, "  {what}: macro-F1 {mean:.3};{line}")?;
    Ok(mean)
}

/// Mean over classes of the share of each class's rows predicted as that class.
fn macro_recall(gold: &[usize], pred: &[usize]) -> f64 {
    let k = gold.iter().chain(pred).max().map_or(0, |m| m + 1);
    let recalls: Vec<f64> = (0..k)
        .filter_map(|c| {
            let n = gold.iter().filter(|g| **g == c).count();
            let hit = gold.iter().zip(pred).filter(|(g, p)| **g == c && **p == c).count();
            (n > 0).then(|| hit as f64 / n as f64)
        })
        .collect();
    recalls.iter().sum::<f64>() / recalls.len().max(1) as f64
}

/// Pearson correlation.
fn pearson(a: &[f32], b: &[f32]) -> f64 {
    let n = a.len().min(b.len()) as f64;
    let (ma, mb) = (a.iter().map(|x| f64::from(*x)).sum::<f64>() / n, b.iter().map(|x| f64::from(*x)).sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (f64::from(*x) - ma, f64::from(*y) - mb);
        sab += dx * dy;
        saa += dx * dx;
        sbb += dy * dy;
    }
    if saa == 0.0 || sbb == 0.0 {
        0.0
    } else {
        sab / (saa * sbb).sqrt()
    }
}

/// Average ranks (ties share their mean rank), for Spearman's correlation.
fn ranks(v: &[f32]) -> Vec<f32> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|a, b| v[*a].total_cmp(&v[*b]));
    let mut r = vec![0.0f32; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        for k in &idx[i..=j] {
            r[*k] = (i + j) as f32 / 2.0;
        }
        i = j + 1;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics() {
        assert!((macro_recall(&[0, 0, 1, 2], &[0, 1, 1, 1]) - (0.5 + 1.0 + 0.0) / 3.0).abs() < 1e-9);
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-9);
        assert_eq!(ranks(&[3.0, 1.0, 1.0]), vec![2.0, 0.5, 0.5]);
    }
}
