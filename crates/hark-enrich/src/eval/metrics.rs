//! The statistics behind the evaluation's figures: macro-averaged recall, Pearson's correlation and the ranks for
//! Spearman's.

/// Mean over classes of the share of each class's rows predicted as that class.
pub(super) fn macro_recall(gold: &[usize], pred: &[usize]) -> f64 {
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
