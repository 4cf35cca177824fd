//! Readers for the development datasets in `../shared/datasets` (see its README): TweetEval's paired text/label files
//! and GoEmotions' TSV, used by `eval` and `train`; of the repository's own short posts in ten languages
//! (`tests/fixtures/lang`), read by a test and the enrich bench; and of its own labelled brand posts
//! (`data/brand_posts.jsonl`, `data/brand_emotions.jsonl`), which `eval` and `train` read beside the datasets.

use std::fs;
use std::path::Path;

use anyhow::Context;

use crate::emotion::{EMOTION_CLASSES, SENTIMENT_CLASSES};

/// One labelled text; `labels` are names (multi-label for GoEmotions).
#[derive(Debug, Clone)]
pub struct Labelled {
    /// The text as published.
    pub text: String,
    /// Label names.
    pub labels: Vec<String>,
}

fn read(path: &Path) -> anyhow::Result<String> {
    fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// The short posts of `tests/fixtures/lang/short_posts.tsv` (`lang<TAB>post` lines, `#` comments), each labelled with
/// its language code.
pub fn short_posts(path: &Path) -> anyhow::Result<Vec<Labelled>> {
    read(path)?
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (lang, text) =
                l.split_once('\t').with_context(|| format!("{}: not lang<TAB>post: {l}", path.display()))?;
            Ok(Labelled { text: text.to_string(), labels: vec![lang.to_string()] })
        })
        .collect()
}

/// TweetEval `task` (`sentiment`, `emotion`), `split` (`train`, `val`), labels named through `mapping.txt`.
pub fn tweeteval(datasets: &Path, task: &str, split: &str) -> anyhow::Result<Vec<Labelled>> {
    let dir = datasets.join(format!("tweeteval_{task}"));
    let names: Vec<String> =
        read(&dir.join("mapping.txt"))?.lines().filter_map(|l| l.split_whitespace().nth(1).map(String::from)).collect();
    let texts = read(&dir.join(format!("{split}_text.txt")))?;
    let labels = read(&dir.join(format!("{split}_labels.txt")))?;
    texts
        .lines()
        .zip(labels.lines())
        .map(|(t, l)| {
            let id: usize = l.trim().parse().with_context(|| format!("bad label {l:?}"))?;
            let name = names.get(id).with_context(|| format!("label {id} not in mapping.txt"))?;
            Ok(Labelled { text: t.trim_end().to_string(), labels: vec![name.clone()] })
        })
        .collect()
}

/// GoEmotions dev split in `grouping` (`original` or `ekman`), label ids named through `labels.txt`.
pub fn goemotions(datasets: &Path, grouping: &str) -> anyhow::Result<Vec<Labelled>> {
    let dir = datasets.join("goemotions").join(grouping);
    let names: Vec<String> = read(&dir.join("labels.txt"))?.lines().map(|l| l.trim().to_string()).collect();
    read(&dir.join("dev.tsv"))?
        .lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut cols = line.split('\t');
            let text = cols.next().unwrap_or_default().to_string();
            let ids = cols.next().with_context(|| format!("no labels in {line:?}"))?;
            let labels = ids
                .split(',')
                .map(|i| {
                    let id: usize = i.trim().parse().with_context(|| format!("bad label id {i:?}"))?;
                    names.get(id).cloned().with_context(|| format!("label id {id} not in labels.txt"))
                })
                .collect::<anyhow::Result<_>>()?;
            Ok(Labelled { text, labels })
        })
        .collect()
}

/// The repository's labelled brand posts (`data/brand_posts.jsonl`): posts about invented brands and products,
/// written for hark in sets of about 300, each set by another AI-assisted writer session that had not seen hark, as
/// customers and fans write them (fact complaints, explicit complaints, praise, questions and news, negation, mixed
/// verdicts, sarcasm), each labelled by its writer (not checked by a second annotator). Synthetic, not collected from
/// any platform, so they ship with the repository under its licence (Apache-2.0). Embedded (326 KB), so that a
/// training run reproduces the shipped model wherever it runs.
pub fn brand_posts() -> anyhow::Result<Vec<BrandPost>> {
    embedded_jsonl(BRAND_POSTS, "data/brand_posts.jsonl", |p: &BrandPost| {
        one_of("label", &p.label, &SENTIMENT_CLASSES)?;
        one_of("category", &p.category, &BRAND_POST_KINDS)?;
        filled(&p.text, &p.set)
    })
}

/// Parses the embedded JSON lines `text` of `file`, each checked by `check`; an error names the file and the line.
fn embedded_jsonl<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &str,
    check: impl Fn(&T) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<T>> {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let at = || format!("{file} line {}", i + 1);
            let post: T = serde_json::from_str(line).with_context(|| format!("{}: not a labelled post", at()))?;
            check(&post).map_err(|e| anyhow::anyhow!("{}: {e}", at()))?;
            Ok(post)
        })
        .collect()
}

/// Checks that `value` of field `what` is one of `allowed`.
fn one_of(what: &str, value: &str, allowed: &[&str]) -> anyhow::Result<()> {
    anyhow::ensure!(allowed.contains(&value), "{what} {value:?}, expected one of {allowed:?}");
    Ok(())
}

/// Checks that a post's text and set are not empty.
fn filled(text: &str, set: &str) -> anyhow::Result<()> {
    anyhow::ensure!(!text.trim().is_empty() && !set.is_empty(), "empty text or set");
    Ok(())
}

/// The kinds of post a brand post is written as ([`BrandPost::category`]).
pub const BRAND_POST_KINDS: [&str; 7] =
    ["fact_complaint", "explicit_complaint", "praise", "neutral", "negation", "mixed", "sarcasm"];

const BRAND_POSTS: &str = include_str!("data/brand_posts.jsonl");

/// One of [`brand_posts`].
#[derive(Debug, Clone, serde::Deserialize)]
pub struct BrandPost {
    /// The set it was written in (`A`, `B`, ...): one writer's posts, kept together in cross-validation.
    pub set: String,
    /// The post.
    pub text: String,
    /// `negative`, `neutral` or `positive`.
    pub label: String,
    /// What kind of post it was written as: one of [`BRAND_POST_KINDS`].
    pub category: String,
}

const BRAND_EMOTIONS: &str = include_str!("data/brand_emotions.jsonl");

/// One of [`brand_emotions`].
#[derive(Debug, Clone, serde::Deserialize)]
pub struct BrandEmotion {
    /// The set it was written in (`A`, `B`, ...): one writer's posts, kept together in cross-validation.
    pub set: String,
    /// The post.
    pub text: String,
    /// The emotion its writer shows most: one of [`EMOTION_CLASSES`] (`none` included).
    pub emotion: String,
    /// `negative`, `neutral` or `positive`.
    pub label: String,
}

/// The repository's brand posts labelled with an emotion (`data/brand_emotions.jsonl`): posts about invented brands, 50
/// of each emotion class in each set of 400, each set by another AI-assisted writer session that had not seen hark (A:
/// short, as on X, Bluesky and app stores; B: as on Reddit, forums and review sites; C: as in TikTok and YouTube
/// comments, Trustpilot and Discord; D: as on Mastodon, Hacker News, LinkedIn and support forums; F: as in local
/// reviews, Facebook groups, WhatsApp and Twitch chat, Product Hunt, G2 and employer reviews, in Indian, Nigerian,
/// Australian, Irish, Scottish and Singaporean English among others; E is the fixture `tests/fixtures/emotions`, never
/// trained on), two thirds of them showing their emotion without naming it, each labelled by its writer (F's sentiment
/// of 17 posts relabelled after a second annotator's and a review's check). GoEmotions (Reddit) and TweetEval (tweets
/// about people and events) hold few posts about a product or a company, and the emotion head trained on them alone
/// called most complaints `none`. Synthetic, shipped under the repository's licence, embedded like [`brand_posts`].
pub fn brand_emotions() -> anyhow::Result<Vec<BrandEmotion>> {
    embedded_jsonl(BRAND_EMOTIONS, "data/brand_emotions.jsonl", |p: &BrandEmotion| {
        one_of("emotion", &p.emotion, &EMOTION_CLASSES)?;
        one_of("label", &p.label, &SENTIMENT_CLASSES)?;
        filled(&p.text, &p.set)
    })
}

/// Whether the datasets folder has what `eval` needs.
pub fn present(datasets: &Path) -> bool {
    ["tweeteval_sentiment/val_text.txt", "tweeteval_emotion/train_text.txt", "goemotions/ekman/dev.tsv"]
        .iter()
        .all(|p| datasets.join(p).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded brand posts parse, with known labels and kinds, in seven sets of 300 or more (`hark eval` and
    /// training read them only when the datasets folder is there; this runs everywhere).
    #[test]
    fn brand_posts_parse_in_seven_sets() {
        let posts = brand_posts().expect("data/brand_posts.jsonl parses");
        let mut by_set = std::collections::BTreeMap::new();
        for p in &posts {
            *by_set.entry(p.set.as_str()).or_insert(0) += 1;
        }
        assert_eq!(by_set.keys().copied().collect::<Vec<_>>(), ["A", "B", "C", "D", "E", "F", "G"]);
        assert!(by_set.values().all(|n| *n >= 300), "{by_set:?}");
        for label in SENTIMENT_CLASSES {
            assert!(posts.iter().filter(|p| p.label == label).count() >= 400, "{label}");
        }
    }

    /// A bad line is named with its file, its line and what was expected.
    #[test]
    fn a_bad_embedded_line_is_named() {
        let text = "{\"set\": \"A\", \"text\": \"ok\", \"emotion\": \"joy\", \"label\": \"positive\"}\n\
                    {\"set\": \"A\", \"text\": \"ok\", \"emotion\": \"glee\", \"label\": \"positive\"}";
        let err =
            embedded_jsonl(text, "data/x.jsonl", |p: &BrandEmotion| one_of("emotion", &p.emotion, &EMOTION_CLASSES))
                .expect_err("glee is no emotion class");
        assert!(err.to_string().starts_with("data/x.jsonl line 2: emotion \"glee\", expected one of"), "{err}");
    }

    /// The embedded emotion posts parse, in sets A-D and F with 50 posts of each emotion class each.
    #[test]
    fn brand_emotions_parse_balanced_by_set() {
        let posts = brand_emotions().expect("data/brand_emotions.jsonl parses");
        let mut by = std::collections::BTreeMap::new();
        for p in &posts {
            *by.entry((p.set.as_str(), p.emotion.as_str())).or_insert(0) += 1;
        }
        let sets: std::collections::BTreeSet<&str> = by.keys().map(|(set, _)| *set).collect();
        assert_eq!(sets.into_iter().collect::<Vec<_>>(), ["A", "B", "C", "D", "F"]);
        assert_eq!(by.len(), 5 * EMOTION_CLASSES.len(), "{by:?}");
        assert!(by.values().all(|n| *n == 50), "{by:?}");
    }
}
