//! The brand posts' part of `hark eval`: their cross-validation folds, one set (one writer) to a fold, and their
//! figures beside the VADER rules'.

use std::collections::BTreeSet;
use std::io::Write;

use super::{class_of, index_of, macro_recall, Scored, FOLDS};
use crate::datasets::{BrandPost, BRAND_POST_KINDS};
use crate::{label_of_compound, Label};

/// Each brand post's fold: its set's place among the sets (A, B, ...), mod [`FOLDS`].
pub(super) fn set_folds(posts: &[BrandPost]) -> Vec<usize> {
    let sets: BTreeSet<&str> = posts.iter().map(|p| p.set.as_str()).collect();
    posts.iter().map(|p| sets.range(..p.set.as_str()).count() % FOLDS).collect()
}

/// Brand posts: macro recall of hark and of the VADER rules, and hark's share right per kind of post.
pub(super) fn brand_figures(posts: &[BrandPost], pred: &[Scored], out: &mut impl Write) -> anyhow::Result<(f64, f64)> {
    let gold: Vec<usize> = posts.iter().map(|p| class_of(&p.label)).collect();
    let ours: Vec<usize> = pred.iter().map(|p| index_of(p.label.unwrap_or(Label::Neutral))).collect();
    let rule: Vec<usize> = pred.iter().map(|p| index_of(label_of_compound(p.rule))).collect();
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
