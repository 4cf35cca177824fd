//! `hark eval`: the quality figures of enrichment on the development datasets, and `hark eval --train`: the learned
//! layer retrained from them (deterministic, so the shipped `data/model.tsv` can be reproduced and checked).
//!
//! What is held out where: the shipped model is trained on TweetEval emotion *train*, TweetEval sentiment validation,
//! GoEmotions dev and the repository's brand posts, so only TweetEval emotion validation is scored with it (never seen
//! in training), and, for sentiment only, GoEmotions dev (`transfer`). TweetEval sentiment, GoEmotions and brand-post
//! figures come from 5-fold cross-validation (fold = row index mod 5, and for brand posts their set's place in A-G mod
//! 5, so A and F share a fold, as do B and G: one writer's posts are never in their own fold's training; the brand
//! posts labelled with an emotion likewise, sets A-D and F in folds 0-4; each fold's model is trained on the other
//! folds of the five, plus all of TweetEval emotion train). The sentiment head never trains on GoEmotions nor on
//! TweetEval emotion validation, so the shipped model's sentiment is also scored on both (`transfer`): Reddit comments
//! from another collection, and held-out tweets of the emotion collection whose train split counts a little in the
//! sentiment head.

use std::io::Write;
use std::path::Path;

use super::datasets::{goemotions, present, tweeteval, BrandEmotion, BrandPost, Labelled};
use super::emotion::{self, SENTIMENT_CLASSES};
use super::{label_of_compound, Enricher, Label};

mod brand;
mod metrics;
mod sets;
mod train;
mod transfer;

use brand::{brand_figures, emotion_figures, set_folds};
use metrics::{class_recall, f1_table, macro_recall, pearson, ranks};
use sets::{training_sets, Extracted, Sets};
pub use train::train;
use train::{fit_model, shipped_model, Rows};
use transfer::transfer_figures;
pub use transfer::Transfer;

const FOLDS: usize = 5;

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
    /// Brand posts, 5-fold CV by set: macro recall of (hark, VADER rules).
    pub brand: (f64, f64),
    /// Brand posts with an emotion, CV by set (each set held out once): macro-F1 of the top emotion over the eight
    /// classes.
    pub brand_emotion: f64,
    /// Sentiment on texts outside TweetEval sentiment that the sentiment head never trained on (shipped model).
    pub transfer: Transfer,
}

/// Computes and prints the figures: the shipped model on held-out TweetEval emotion validation (and its sentiment on
/// GoEmotions), and 5-fold cross-validation for TweetEval sentiment validation, GoEmotions and the brand posts (see
/// the module's note).
pub fn figures(datasets: &Path, out: &mut impl Write) -> anyhow::Result<Figures> {
    if !present(datasets) {
        anyhow::bail!("datasets not found under {} (see shared/datasets/README.md)", datasets.display());
    }
    let sets = training_sets(datasets)?;
    let extracted = Extracted::new(&sets);
    let same = shipped_model(&sets, &extracted) == super::model::SHIPPED;
    let Sets { goemo: original, te, sent, brand, brand_emo } = &sets;
    writeln!(
        out,
        "model: shipped data/model.tsv {} a fresh `hark eval --train`",
        if same { "equals" } else { "DIFFERS from" }
    )?;
    let ekman = goemotions(datasets, "ekman")?;
    let mut sent_pred = vec![Scored::default(); sent.len()];
    // TweetEval sentiment's labels with the language detected rather than hinted (unscored: `None`).
    let mut sent_auto = vec![None; sent.len()];
    let mut emo_pred = vec![String::new(); original.len()];
    let mut brand_pred = vec![Scored::default(); brand.len()];
    let brand_fold = set_folds(brand.iter().map(|p| p.set.as_str()));
    let mut brand_emo_pred = vec![Scored::default(); brand_emo.len()];
    let brand_emo_fold = set_folds(brand_emo.iter().map(|p| p.set.as_str()));
    for fold in 0..FOLDS {
        let train_g: Vec<&Labelled> =
            original.iter().enumerate().filter(|(i, _)| i % FOLDS != fold).map(|(_, r)| r).collect();
        let train_s: Vec<&Labelled> =
            sent.iter().enumerate().filter(|(i, _)| i % FOLDS != fold).map(|(_, r)| r).collect();
        let train_b: Vec<&BrandPost> =
            brand.iter().zip(&brand_fold).filter(|(_, f)| **f != fold).map(|(p, _)| p).collect();
        let train_be: Vec<&BrandEmotion> =
            brand_emo.iter().zip(&brand_emo_fold).filter(|(_, f)| **f != fold).map(|(p, _)| p).collect();
        let rows = Rows { goemo: &train_g, te, sent: &train_s, brand: &train_b, brand_emo: &train_be };
        let e = Enricher::with_model(fit_model(&extracted, &rows));
        let score = |text: &str| {
            let en = e.enrich(text, Some("en"));
            Scored { label: en.sentiment_label, compound: en.sentiment, rule: e.rule_compound(text), top: en.emotion }
        };
        for (i, r) in sent.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            sent_pred[i] = score(&r.text);
            sent_auto[i] = e.enrich(&r.text, None).sentiment_label;
        }
        for (i, p) in brand.iter().enumerate().filter(|(i, _)| brand_fold[*i] == fold) {
            brand_pred[i] = score(&p.text);
        }
        for (i, r) in original.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            let en = e.enrich(&r.text, Some("en"));
            let top = en.emotion.and_then(emotion::class_index).unwrap_or(emotion::NONE);
            emo_pred[i] = emotion::ekman(top).to_string();
        }
        for (i, p) in brand_emo.iter().enumerate().filter(|(i, _)| brand_emo_fold[*i] == fold) {
            brand_emo_pred[i] = score(&p.text);
        }
    }
    let sentiment = sentiment_figures(sent, &sent_pred, &sent_auto, out)?;
    let shipped = Enricher::new();
    let te_val = tweeteval(datasets, "emotion", "val")?;
    let tweeteval_emotion = tweeteval_emotion(&shipped, &te_val, out)?;
    let gold: Vec<Vec<String>> = ekman.iter().map(|r| r.labels.clone()).collect();
    writeln!(out, "\nGoEmotions dev, Ekman grouping ({} comments), {FOLDS}-fold cross-validation", ekman.len())?;
    let six = ["anger", "disgust", "fear", "joy", "sadness", "surprise"];
    let goemotions = f1_table(&six, &gold, &emo_pred, "hark's top emotion (confusion counted as surprise)", out)?;
    f1_table(&["neutral"], &gold, &emo_pred, "neutral (hark's none)", out)?;
    let brand = brand_figures(brand, &brand_pred, out)?;
    let brand_emotion = emotion_figures(brand_emo, &brand_emo_pred, out)?;
    let transfer = transfer_figures(&shipped, original, &te_val, out)?;
    Ok(Figures { sentiment, tweeteval_emotion, goemotions, brand, brand_emotion, transfer })
}

/// One cross-validated prediction, with the language hinted as English.
#[derive(Debug, Clone, Copy, Default)]
struct Scored {
    label: Option<Label>,
    compound: Option<f32>,
    rule: f32,
    /// hark's top emotion with the language hinted.
    top: Option<&'static str>,
}

impl Scored {
    /// hark's class with the language hinted (an unscored text counted neutral).
    fn class(&self) -> usize {
        index_of(self.label.unwrap_or(Label::Neutral))
    }

    /// The VADER rules' class.
    fn rule_class(&self) -> usize {
        index_of(label_of_compound(self.rule))
    }
}

/// TweetEval sentiment validation: macro recall and correlation of the compound with the label, hark vs VADER rules;
/// `detected` holds hark's labels with the language detected rather than hinted.
fn sentiment_figures(
    rows: &[Labelled],
    pred: &[Scored],
    detected: &[Option<Label>],
    out: &mut impl Write,
) -> anyhow::Result<SentimentFigures> {
    let gold: Vec<usize> = rows.iter().map(|r| class_of(&r.labels[0])).collect();
    let hinted: Vec<usize> = pred.iter().map(Scored::class).collect();
    let auto: Vec<usize> = detected.iter().map(|l| index_of(l.unwrap_or(Label::Neutral))).collect();
    let rule: Vec<usize> = pred.iter().map(Scored::rule_class).collect();
    let c_ours: Vec<f32> = pred.iter().map(|p| p.compound.unwrap_or(0.0)).collect();
    let c_rule: Vec<f32> = pred.iter().map(|p| p.rule).collect();
    let unscored = detected.iter().filter(|l| l.is_none()).count();
    let y: Vec<f32> = gold.iter().map(|g| *g as f32 - 1.0).collect();
    let f = SentimentFigures {
        macro_recall: macro_recall(&gold, &hinted),
        macro_recall_auto: macro_recall(&gold, &auto),
        vader_rules: macro_recall(&gold, &rule),
        pearson: (pearson(&c_ours, &y), pearson(&c_rule, &y)),
        spearman: (pearson(&ranks(&c_ours), &ranks(&y)), pearson(&ranks(&c_rule), &ranks(&y))),
    };
    writeln!(out, "\nTweetEval sentiment validation ({} tweets), {FOLDS}-fold cross-validation", rows.len())?;
    let recall = |c: usize| class_recall(&gold, &hinted, c).unwrap_or(0.0);
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
