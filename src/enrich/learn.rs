//! Fits one `model::Head`: L2-regularised multinomial logistic regression by AdaGrad, class-balanced, deterministic
//! (fixed shuffling seed), so `hark eval --train` reproduces the shipped file exactly.
//!
//! Hand-written because the model is tiny (a few thousand sparse features) and linfa/smartcore would bring large
//! dependency trees for forty lines of arithmetic.

use std::collections::HashMap;

use super::model::{softmax, Head};

/// One training document: named features and its target classes with their share (multi-label rows split 1/n).
pub struct Doc {
    /// Features as the extractor named them.
    pub features: Vec<(String, f32)>,
    /// (class index, share); shares sum to 1.
    pub targets: Vec<(usize, f32)>,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Passes over the data.
    pub epochs: usize,
    /// AdaGrad base step.
    pub rate: f32,
    /// L2 penalty per update.
    pub l2: f32,
    /// Features seen in fewer documents are dropped (the `_` dense features always stay).
    pub min_count: usize,
    /// Logit adjustment after training: each class's bias is lowered by `balance * ln(prior)`; 0 keeps the training
    /// priors, 1 makes every class equally likely a priori (the balanced setting that macro metrics reward).
    pub balance: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { epochs: 3, rate: 0.1, l2: 1e-3, min_count: 2, balance: 0.5 }
    }
}

/// Fits a head over `docs`.
pub fn fit(name: &str, classes: &[&str], docs: &[Doc], s: Settings) -> Head {
    let k = classes.len();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for d in docs {
        for (f, _) in &d.features {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> =
        counts.iter().filter(|(f, c)| f.starts_with('_') || **c >= s.min_count).map(|(f, _)| *f).collect();
    names.sort_unstable();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let rows: Vec<Vec<(usize, f32)>> = docs
        .iter()
        .map(|d| d.features.iter().filter_map(|(f, v)| index.get(f.as_str()).map(|i| (*i, *v))).collect())
        .collect();
    let mut mass = vec![0.0f32; k];
    for d in docs {
        for (c, share) in &d.targets {
            mass[*c] += share;
        }
    }
    let mut w = vec![0.0f32; names.len() * k];
    let mut g2 = vec![1e-6f32; names.len() * k];
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut z = vec![0.0f32; k];
    for _ in 0..s.epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &d in &order {
            let (row, targets) = (&rows[d], &docs[d].targets);
            z.iter_mut().for_each(|v| *v = 0.0);
            for (f, v) in row {
                for (c, zc) in z.iter_mut().enumerate() {
                    *zc += w[f * k + c] * v;
                }
            }
            softmax(&mut z);
            for (c, target) in targets {
                z[*c] -= target;
            }
            for (f, v) in row {
                for (c, err) in z.iter().enumerate() {
                    let at = f * k + c;
                    let g = err * v + s.l2 * w[at];
                    g2[at] += g * g;
                    w[at] -= s.rate * g / g2[at].sqrt();
                }
            }
        }
    }
    if let Some(bias) = index.get("_bias") {
        let n = docs.len().max(1) as f32;
        for (c, m) in mass.iter().enumerate() {
            w[bias * k + c] -= s.balance * (m.max(0.5) / n).ln();
        }
    }
    let rows = names.iter().enumerate().map(|(i, f)| (f.to_string(), w[i * k..(i + 1) * k].to_vec())).collect();
    Head::from_rows(name, classes, rows)
}

#[cfg(test)]
mod tests {
    use super::super::features::hash_parts;
    use super::*;

    #[test]
    fn learns_a_separable_toy_problem() {
        let doc =
            |f: &str, c: usize| Doc { features: vec![("_bias".into(), 1.0), (f.into(), 1.0)], targets: vec![(c, 1.0)] };
        let docs: Vec<Doc> = (0..20).map(|i| if i % 2 == 0 { doc("u:good", 1) } else { doc("u:bad", 0) }).collect();
        let head = fit("t", &["neg", "pos"], &docs, Settings::default());
        let p = head.predict(&[(hash_parts(&["_bias"]), 1.0), (hash_parts(&["u:good"]), 1.0)]);
        assert!(p[1] > 0.7, "{p:?}");
        let p = head.predict(&[(hash_parts(&["_bias"]), 1.0), (hash_parts(&["u:bad"]), 1.0)]);
        assert!(p[0] > 0.7, "{p:?}");
    }
}
