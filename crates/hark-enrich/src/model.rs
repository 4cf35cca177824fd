//! The learned layer: multinomial logistic regression heads (sentiment, emotion) over `features`, stored as a small
//! text file that `eval::train` writes and `include_str!` embeds.
//!
//! File format: a header line `hark-enrich-model 1`, comment lines starting with `#`, then per head a line
//! `head NAME CLASS...` followed by `FEATURE\tW1 W2 ...` lines (one weight per class).

use std::fmt::Write as _;

use anyhow::{bail, Context};

use super::emotion::{EMOTION_CLASSES, SENTIMENT_CLASSES};
use super::features::{hash_parts, FastMap, FeatureId};

/// The model shipped with hark, trained by `hark eval --train`.
pub const SHIPPED: &str = include_str!("data/model.tsv");

/// Named weight rows of a head.
type Rows = Vec<(String, Vec<f32>)>;

/// One softmax classifier.
#[derive(Debug, Clone, Default)]
pub struct Head {
    /// The head's name (`sentiment`, `emotion`).
    pub name: String,
    /// Class names, in weight order.
    pub classes: Vec<String>,
    pub(crate) index: FastMap<FeatureId, u32>,
    names: Vec<String>,
    pub(crate) weights: Vec<f32>,
}

impl Head {
    /// A head from named weight rows (one weight per class each).
    pub fn from_rows(name: &str, classes: &[&str], rows: Vec<(String, Vec<f32>)>) -> Head {
        let mut head =
            Head { name: name.into(), classes: classes.iter().map(|c| c.to_string()).collect(), ..Head::default() };
        for (feature, w) in rows {
            head.index.insert(hash_parts(&[&feature]), head.names.len() as u32);
            head.names.push(feature);
            head.weights.extend_from_slice(&w);
        }
        head
    }

    /// Whether the head has a weight row for a feature.
    #[cfg(test)]
    pub(crate) fn knows(&self, id: FeatureId) -> bool {
        self.index.contains_key(&id)
    }

    /// Class probabilities for hashed features; features the model never saw are ignored.
    pub fn predict(&self, features: &[(FeatureId, f32)]) -> Vec<f32> {
        let k = self.classes.len();
        let mut z = vec![0.0f32; k];
        for (id, value) in features {
            if let Some(&row) = self.index.get(id) {
                let w = &self.weights[row as usize * k..(row as usize + 1) * k];
                for (zi, wi) in z.iter_mut().zip(w) {
                    *zi += wi * value;
                }
            }
        }
        softmax(&mut z);
        z
    }
}

/// Turns scores into probabilities in place.
pub(crate) fn softmax(z: &mut [f32]) {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in z.iter_mut() {
        *v /= sum;
    }
}

/// The heads of the learned layer.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The heads, looked up by name.
    pub heads: Vec<Head>,
}

impl Model {
    /// The model embedded in the binary.
    pub fn shipped() -> anyhow::Result<Model> {
        Model::parse(SHIPPED)
    }

    /// The head called `name`, if the model has one.
    pub fn head(&self, name: &str) -> Option<&Head> {
        self.heads.iter().find(|h| h.name == name)
    }

    /// Parses the text format described at the top of this file.
    pub fn parse(text: &str) -> anyhow::Result<Model> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, "hark-enrich-model 1")) => {}
            _ => bail!("not a hark enrichment model (expected the line `hark-enrich-model 1` first)"),
        }
        let mut heads: Vec<(String, Vec<String>, Rows)> = Vec::new();
        for (n, line) in lines {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix("head ") {
                let mut parts = rest.split(' ');
                let name = parts.next().unwrap_or_default().to_string();
                let classes: Vec<String> = parts.map(String::from).collect();
                // The scorer reads these two heads' classes by place.
                let expected: &[&str] = match name.as_str() {
                    "sentiment" => &SENTIMENT_CLASSES,
                    "emotion" => &EMOTION_CLASSES,
                    _ => &[],
                };
                if !expected.is_empty() && classes != expected {
                    bail!("model line {}: head {name} has classes {classes:?}, expected {expected:?}", n + 1);
                }
                heads.push((name, classes, Vec::new()));
                continue;
            }
            let (feature, weights) = line.split_once('\t').with_context(|| format!("model line {}: no tab", n + 1))?;
            let Some((_, classes, rows)) = heads.last_mut() else {
                bail!("model line {}: weights before a head", n + 1)
            };
            let w: Vec<f32> = weights
                .split(' ')
                .map(str::parse)
                .collect::<Result<_, _>>()
                .with_context(|| format!("model line {}: bad weight", n + 1))?;
            if w.len() != classes.len() {
                bail!("model line {}: {} weights for {} classes", n + 1, w.len(), classes.len());
            }
            rows.push((feature.to_string(), w));
        }
        let heads = heads
            .into_iter()
            .map(|(name, classes, rows)| {
                let classes: Vec<&str> = classes.iter().map(String::as_str).collect();
                Head::from_rows(&name, &classes, rows)
            })
            .collect();
        Ok(Model { heads })
    }

    /// Writes the text format, weights rounded to 3 decimals, rows whose weights are all below 0.01 left out.
    pub fn to_text(&self, comment: &str) -> String {
        let mut out = String::from("hark-enrich-model 1\n");
        for line in comment.lines() {
            let _ = writeln!(out, "# {line}");
        }
        for h in &self.heads {
            let _ = writeln!(out, "head {} {}", h.name, h.classes.join(" "));
            let k = h.classes.len();
            let mut order: Vec<usize> = (0..h.names.len()).collect();
            order.sort_by(|a, b| h.names[*a].cmp(&h.names[*b]));
            for i in order {
                let w = &h.weights[i * k..(i + 1) * k];
                if w.iter().all(|v| v.abs() < 0.01) {
                    continue;
                }
                let ws: Vec<String> = w.iter().map(|v| format!("{:.3}", v).replace("-0.000", "0.000")).collect();
                let _ = writeln!(out, "{}\t{}", h.names[i], ws.join(" "));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_predicts() {
        let head = Head::from_rows("s", &["neg", "pos"], vec![("u:good".into(), vec![-1.0, 1.0])]);
        let model = Model { heads: vec![head] };
        let parsed = Model::parse(&model.to_text("test")).expect("parses");
        let p = parsed.head("s").expect("head").predict(&[(hash_parts(&["u:good"]), 1.0), (42, 5.0)]);
        assert!(p[1] > 0.8 && (p[0] + p[1] - 1.0).abs() < 1e-5);
        assert!(Model::parse("nonsense").is_err());
        assert!(Model::parse("hark-enrich-model 1\nhead s a b\nu:x\t1\n").is_err());
    }

    #[test]
    fn heads_the_scorer_reads_by_place_must_have_its_classes() {
        let bad = "hark-enrich-model 1\nhead sentiment positive negative\nu:good\t1 -1\n";
        let err = Model::parse(bad).expect_err("sentiment head with two classes").to_string();
        assert!(err.contains("line 2") && err.contains("expected"), "{err}");
        let other = "hark-enrich-model 1\nhead topic a b\nu:good\t1 -1\n";
        assert!(Model::parse(other).is_ok());
    }

    #[test]
    fn shipped_model_loads() {
        let m = Model::shipped().expect("shipped model parses");
        assert!(m.head("sentiment").is_some() && m.head("emotion").is_some());
    }
}
