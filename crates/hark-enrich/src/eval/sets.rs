//! The training sets of `hark eval` and `hark eval --train`, and the features of their texts, extracted once: what
//! is read changes here, how it is weighed and fitted in `train`.

use std::collections::HashMap;
use std::path::Path;

use crate::datasets::{brand_emotions, brand_posts, goemotions, tweeteval, BrandEmotion, BrandPost, Labelled};
use crate::model::Model;
use crate::Enricher;

/// The named features of the training texts, extracted once for all the fits of an evaluation (the shipped model
/// and five folds); extraction (redaction, tokens, stems, rules) costs more than fitting.
pub(super) struct Extracted<'a> {
    by_text: HashMap<&'a str, Vec<(String, f32)>>,
}

impl<'a> Extracted<'a> {
    /// Extracts the features of every text of `sets`.
    pub(super) fn new(sets: &'a Sets) -> Extracted<'a> {
        let enricher = Enricher::with_model(Model::default());
        let mut by_text = HashMap::new();
        let labelled = [&sets.goemo, &sets.te, &sets.sent].into_iter().flat_map(|set| set.iter().map(|r| &r.text));
        let brand = sets.brand.iter().map(|p| &p.text).chain(sets.brand_emo.iter().map(|p| &p.text));
        for text in labelled.chain(brand) {
            by_text.entry(text.as_str()).or_insert_with(|| {
                let mut f: Vec<(String, f32)> = Vec::new();
                enricher.features_of(text, &mut f);
                f
            });
        }
        Extracted { by_text }
    }

    /// The features of a text given to [`Extracted::new`].
    pub(super) fn of(&self, text: &str) -> &[(String, f32)] {
        self.by_text.get(text).expect("a text given to Extracted::new")
    }
}

/// The training sets.
pub(super) struct Sets {
    /// GoEmotions dev, original labels.
    pub goemo: Vec<Labelled>,
    /// TweetEval emotion train.
    pub te: Vec<Labelled>,
    /// TweetEval sentiment validation.
    pub sent: Vec<Labelled>,
    /// The repository's brand posts.
    pub brand: Vec<BrandPost>,
    /// The repository's brand posts labelled with an emotion.
    pub brand_emo: Vec<BrandEmotion>,
}

/// The training sets: GoEmotions dev (original labels), TweetEval emotion train, TweetEval sentiment validation from
/// `datasets`, and the repository's brand posts.
pub(super) fn training_sets(datasets: &Path) -> anyhow::Result<Sets> {
    Ok(Sets {
        goemo: goemotions(datasets, "original")?,
        te: tweeteval(datasets, "emotion", "train")?,
        sent: tweeteval(datasets, "sentiment", "val")?,
        brand: brand_posts()?,
        brand_emo: brand_emotions()?,
    })
}
