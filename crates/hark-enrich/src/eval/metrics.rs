//! The statistics behind the evaluation's figures: recall per class and macro-averaged, F1 per label, Pearson's
//! correlation and the ranks for Spearman's.

use std::io::Write;

/// The share of class `c`'s rows predicted as `c`; `None` when `gold` has none.
pub(super) fn class_recall(gold: &[usize], pred: &[usize], c: usize) -> Option<f64> {
    let n = gold.iter().filter(|g| **g == c).count();
    let hit = gold.iter().zip(pred).filter(|(g, p)| **g == c && **p == c).count();
    (n > 0).then(|| hit as f64 / n as f64)
}

/// Mean over the classes present in `gold` of [`class_recall`].
pub(super) fn macro_recall(gold: &[usize], pred: &[usize]) -> f64 {
    let k = gold.iter().chain(pred).max().map_or(0, |m| m + 1);
    let recalls: Vec<f64> = (0..k).filter_map(|c| class_recall(gold, pred, c)).collect();
    recalls.iter().sum::<f64>() / recalls.len().max(1) as f64
}

/// Pearson correlation.
pub(super) fn pearson(a: &[f32], b: &[f32]) -> f64 {
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
pub(super) fn ranks(v: &[f32]) -> Vec<f32> {
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

/// Prints per-label F1 (gold may hold several labels, the prediction one) and returns their mean.
pub(super) fn f1_table(
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
