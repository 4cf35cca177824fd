//! Fits one `model::Head`: L2-regularised multinomial logistic regression, class-weighted, solved to convergence by
//! full-batch L-BFGS. Deterministic (sequential f64 sums, no shuffling), so `hark eval --train` reproduces the
//! shipped file exactly.
//!
//! Hand-written because the data is sparse (a few thousand named features, ~60 active per text): linfa-logistic
//! wants a dense matrix (texts × features, hundreds of MB here) and smartcore the same; the objective and L-BFGS
//! are a hundred lines of arithmetic.

use std::collections::HashMap;

use super::model::Head;

/// One training document: named features, its target classes with their share (multi-label rows split 1/n), and a
/// weight (1 for in-domain rows, less for rows whose labels only approximate the head's classes).
pub struct Doc {
    /// Features as the extractor named them.
    pub features: Vec<(String, f32)>,
    /// (class index, share); shares sum to 1.
    pub targets: Vec<(usize, f32)>,
    /// How much the document counts in the loss.
    pub weight: f32,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Inverse regularisation strength, as scikit-learn's `C`: the loss is `C * Σ weighted cross-entropy + ½‖W‖²`
    /// (the `_bias` row is not penalised).
    pub c: f64,
    /// Class weighting: each class's rows are weighted by `(n / (k * mass_c))^balance`; 1 is scikit-learn's
    /// `class_weight="balanced"` (every class equally likely a priori, what macro metrics reward), 0 keeps the
    /// training priors.
    pub balance: f64,
    /// Features seen in fewer documents are dropped (the `_` dense features always stay).
    pub min_count: usize,
    /// L-BFGS iterations at most.
    pub max_iter: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { c: 0.1, balance: 1.0, min_count: 2, max_iter: 400 }
    }
}

/// The training problem in index form.
struct Problem {
    k: usize,
    rows: Vec<Vec<(usize, f64)>>,
    /// Per document: per-class weighted targets (`weight × class weight × share`).
    targets: Vec<Vec<(usize, f64)>>,
    /// Per document: the sum of its weighted targets.
    mass: Vec<f64>,
    penalised: Vec<bool>,
    inv_c: f64,
}

impl Problem {
    /// The objective at `w` and its gradient into `grad`.
    fn eval(&self, w: &[f64], grad: &mut [f64]) -> f64 {
        let k = self.k;
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut loss = 0.0;
        let mut zd = vec![0.0f64; k];
        for ((row, targets), mass) in self.rows.iter().zip(&self.targets).zip(&self.mass) {
            zd.iter_mut().for_each(|v| *v = 0.0);
            for (f, v) in row {
                for (c, zc) in zd.iter_mut().enumerate() {
                    *zc += w[f * k + c] * v;
                }
            }
            let max = zd.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let log_sum = zd.iter().map(|v| (v - max).exp()).sum::<f64>().ln() + max;
            let mut err: Vec<f64> = zd.iter().map(|v| (v - log_sum).exp() * mass).collect();
            for (c, t) in targets {
                loss += t * (log_sum - zd[*c]);
                err[*c] -= t;
            }
            for (f, v) in row {
                for (c, e) in err.iter().enumerate() {
                    grad[f * k + c] += e * v;
                }
            }
        }
        for (i, wi) in w.iter().enumerate() {
            if self.penalised[i / k] {
                loss += 0.5 * self.inv_c * wi * wi;
                grad[i] += self.inv_c * wi;
            }
        }
        loss
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
    let mut class_mass = vec![0.0f64; k];
    for d in docs {
        for (c, share) in &d.targets {
            class_mass[*c] += f64::from(d.weight * share);
        }
    }
    let total: f64 = class_mass.iter().sum();
    let present = class_mass.iter().filter(|m| **m > 0.0).count().max(1) as f64;
    let class_weight: Vec<f64> =
        class_mass.iter().map(|m| if *m > 0.0 { (total / (present * m)).powf(s.balance) } else { 0.0 }).collect();
    let targets: Vec<Vec<(usize, f64)>> = docs
        .iter()
        .map(|d| d.targets.iter().map(|(c, sh)| (*c, f64::from(d.weight * sh) * class_weight[*c])).collect())
        .collect();
    let problem = Problem {
        k,
        rows: docs
            .iter()
            .map(|d| {
                d.features.iter().filter_map(|(f, v)| index.get(f.as_str()).map(|i| (*i, f64::from(*v)))).collect()
            })
            .collect(),
        mass: targets.iter().map(|t| t.iter().map(|(_, v)| v).sum()).collect(),
        targets,
        penalised: names.iter().map(|f| *f != "_bias").collect(),
        inv_c: 1.0 / s.c,
    };
    let w = lbfgs(&problem, names.len() * k, s.max_iter);
    let rows = names
        .iter()
        .enumerate()
        .map(|(i, f)| (f.to_string(), w[i * k..(i + 1) * k].iter().map(|v| *v as f32).collect()));
    Head::from_rows(name, classes, rows.collect())
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises the problem's objective from zero by L-BFGS (10 pairs) with a backtracking Armijo line search; stops
/// when the gradient is tiny or a step no longer lowers the loss by a relative 1e-9.
fn lbfgs(p: &Problem, n: usize, max_iter: usize) -> Vec<f64> {
    const PAIRS: usize = 10;
    let mut x = vec![0.0; n];
    let mut g = vec![0.0; n];
    let mut f = p.eval(&x, &mut g);
    let (mut s_hist, mut y_hist): (Vec<Vec<f64>>, Vec<Vec<f64>>) = (Vec::new(), Vec::new());
    let mut g_new = vec![0.0; n];
    for _ in 0..max_iter {
        // Two-loop recursion: d = -H g.
        let mut d: Vec<f64> = g.iter().map(|v| -v).collect();
        let mut alphas = Vec::with_capacity(s_hist.len());
        for (s, y) in s_hist.iter().zip(&y_hist).rev() {
            let a = dot(s, &d) / dot(y, s);
            d.iter_mut().zip(y).for_each(|(di, yi)| *di -= a * yi);
            alphas.push(a);
        }
        let gamma = match (s_hist.last(), y_hist.last()) {
            (Some(s), Some(y)) => dot(s, y) / dot(y, y),
            _ => 1.0 / dot(&g, &g).sqrt().max(1e-12),
        };
        d.iter_mut().for_each(|v| *v *= gamma);
        for ((s, y), a) in s_hist.iter().zip(&y_hist).zip(alphas.into_iter().rev()) {
            let b = dot(y, &d) / dot(y, s);
            d.iter_mut().zip(s).for_each(|(di, si)| *di += (a - b) * si);
        }
        let slope = dot(&g, &d);
        if slope >= 0.0 {
            break;
        }
        let mut step = 1.0;
        let mut x_new: Vec<f64>;
        let mut f_new;
        loop {
            x_new = x.iter().zip(&d).map(|(xi, di)| xi + step * di).collect();
            f_new = p.eval(&x_new, &mut g_new);
            if f_new <= f + 1e-4 * step * slope || step < 1e-10 {
                break;
            }
            step *= 0.5;
        }
        let s: Vec<f64> = x_new.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let done = (f - f_new) <= 1e-9 * f.abs().max(1.0);
        if dot(&s, &y) > 1e-12 {
            if s_hist.len() == PAIRS {
                s_hist.remove(0);
                y_hist.remove(0);
            }
            s_hist.push(s);
            y_hist.push(y);
        }
        x = x_new;
        f = f_new;
        std::mem::swap(&mut g, &mut g_new);
        if done || g.iter().all(|v| v.abs() < 1e-6) {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::super::features::hash_parts;
    use super::*;

    fn doc(f: &str, c: usize) -> Doc {
        Doc { features: vec![("_bias".into(), 1.0), (f.into(), 1.0)], targets: vec![(c, 1.0)], weight: 1.0 }
    }

    fn predict(head: &Head, f: &str) -> Vec<f32> {
        head.predict(&[(hash_parts(&["_bias"]), 1.0), (hash_parts(&[f]), 1.0)])
    }

    #[test]
    fn learns_a_separable_toy_problem() {
        let docs: Vec<Doc> = (0..20).map(|i| if i % 2 == 0 { doc("u:good", 1) } else { doc("u:bad", 0) }).collect();
        let head = fit("t", &["neg", "pos"], &docs, Settings { c: 1.0, ..Settings::default() });
        assert!(predict(&head, "u:good")[1] > 0.7);
        assert!(predict(&head, "u:bad")[0] > 0.7);
    }

    #[test]
    fn converges_to_the_closed_form_and_balances_classes() {
        // One feature always on (the bias, unpenalised): the optimum is the class frequency, 3:1 here, unless the
        // classes are balanced, which makes both equally likely.
        let docs: Vec<Doc> = (0..40).map(|i| doc("u:x", usize::from(i % 4 == 0))).collect();
        let kept = fit("t", &["a", "b"], &docs, Settings { c: 1e-6, balance: 0.0, ..Settings::default() });
        assert!((predict(&kept, "u:x")[0] - 0.75).abs() < 1e-3, "{:?}", predict(&kept, "u:x"));
        let balanced = fit("t", &["a", "b"], &docs, Settings { c: 1e-6, balance: 1.0, ..Settings::default() });
        assert!((predict(&balanced, "u:x")[0] - 0.5).abs() < 1e-3, "{:?}", predict(&balanced, "u:x"));
    }
}
