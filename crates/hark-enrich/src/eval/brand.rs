//! The brand posts' part of `hark eval`: their cross-validation folds, one set (one writer) to a fold, their
//! sentiment figures beside the VADER rules', and the emotion figures of the posts labelled with one.

use std::collections::BTreeSet;
use std::io::Write;

use super::{class_of, f1_table, macro_recall, Scored, FOLDS};
use crate::datasets::{BrandEmotion, BrandPost, BRAND_POST_KINDS};
use crate::emotion::EMOTION_CLASSES;

/// Each post's fold, given the set of each post: its set's place among the sets (A, B, ...), mod [`FOLDS`].
pub(super) fn set_folds<'a>(sets_of: impl Iterator<Item = &'a str> + Clone) -> Vec<usize> {
    let sets: BTreeSet<&str> = sets_of.clone().collect();
    sets_of.map(|set| sets.range(..set).count() % FOLDS).collect()
}

/// Brand posts: macro recall of hark and of the VADER rules, and hark's share right per kind of post.
pub(super) fn brand_figures(posts: &[BrandPost], pred: &[Scored], out: &mut impl Write) -> anyhow::Result<(f64, f64)> {
    let gold: Vec<usize> = posts.iter().map(|p| class_of(&p.label)).collect();
    let ours: Vec<usize> = pred.iter().map(Scored::class).collect();
    let rule: Vec<usize> = pred.iter().map(Scored::rule_class).collect();
    let (hark, vader) = (macro_recall(&gold, &ours), macro_recall(&gold, &rule));
    let sets = posts.iter().map(|p| &p.set).collect::<BTreeSet<_>>().len();
    writeln!(
        out,
        "\nBrand posts (data/brand_posts.jsonl, {} posts in {sets} sets), {FOLDS}-fold cross-validation by set",
        posts.len()
    )?;
    writeln!(out, "  macro recall, hark: {hark:.3}  VADER rules (hark's port): {vader:.3}")?;
    let mut line = String::new();
    for kind in BRAND_POST_KINDS {
        let of_kind = || (0..posts.len()).filter(|i| posts[*i].category == kind);
        let right = of_kind().filter(|i| ours[*i] == gold[*i]).count();
        line.push_str(&format!(" {kind} {right}/{}", of_kind().count()));
    }
    writeln!(out, "  right by kind of post:{line}")?;
    Ok((hark, vader))
}

/// Brand posts labelled with an emotion, each scored by a model that was not trained on its set: macro-F1 over the
/// eight classes (`none` included: telling a calm post from an emotional one is half the job on brand posts) of
/// hark's top emotion, the number right, and the sentiment macro recall of hark and of the VADER rules.
pub(super) fn emotion_figures(posts: &[BrandEmotion], pred: &[Scored], out: &mut impl Write) -> anyhow::Result<f64> {
    let gold: Vec<Vec<String>> = posts.iter().map(|p| vec![p.emotion.clone()]).collect();
    let tops: Vec<String> = pred.iter().map(|s| s.top.unwrap_or("none").to_string()).collect();
    let sets = posts.iter().map(|p| &p.set).collect::<BTreeSet<_>>().len();
    let right = posts.iter().zip(&tops).filter(|(p, top)| p.emotion == **top).count();
    writeln!(
        out,
        "\nBrand posts with an emotion (data/brand_emotions.jsonl, {} posts in {sets} sets), cross-validation by \
         set (each held out once): {right} right",
        posts.len()
    )?;
    let macro_f1 = f1_table(&EMOTION_CLASSES, &gold, &tops, "hark's top emotion", out)?;
    let sentiment: Vec<usize> = posts.iter().map(|p| class_of(&p.label)).collect();
    let ours: Vec<usize> = pred.iter().map(Scored::class).collect();
    let rule: Vec<usize> = pred.iter().map(Scored::rule_class).collect();
    let (hark, vader) = (macro_recall(&sentiment, &ours), macro_recall(&sentiment, &rule));
    writeln!(out, "  sentiment macro recall, hark: {hark:.3}  VADER rules (hark's port): {vader:.3}")?;
    Ok(macro_f1)
}
