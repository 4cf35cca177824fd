//! hark's text enrichment of a mention: PII redaction first, then language, tokens, stems, sentiment and emotion on
//! the redacted text; author pseudonyms. [`Enricher`] is built once (lexicons, stemmers, model) and shared across
//! threads. hark re-exports this crate as `hark::enrich`.
//!
//! - [`tokenize`]: the social-text tokenizer.
//! - [`lang`], [`stem`]: language detection, stop words and Snowball stems.
//! - [`lexicon`], [`rules`]: VADER's lexicon and rules (the rule-based baseline and the learned layer's main input).
//! - [`features`], [`model`], [`learn`]: the learned layer (logistic regression heads) and its training; [`joint`]
//!   and `scorer`: the same heads laid out for fast scoring.
//! - [`emotion`]: label sets and dataset label mappings. [`datasets`], [`eval`]: figures and training from datasets.
//! - [`score`]: `hark score`, JSON lines in and out.
//! - [`redact`], [`pseudonym`]: PII redaction and keyed author pseudonyms (the governance of the write path).

pub mod datasets;
pub mod emotion;
pub mod eval;
mod facts;
pub mod features;
pub mod joint;
pub mod lang;
pub mod learn;
pub mod lexicon;
pub mod model;
mod pieces;
pub mod pseudonym;
pub mod redact;
pub mod rules;
pub mod score;
mod scorer;
pub mod stem;
pub mod tokenize;
mod words;

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use thread_local::ThreadLocal;

use features::Sink;
use model::Model;
use tokenize::{Kind, Token};

/// A sentiment label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Mostly negative.
    Negative,
    /// Neither, or balanced.
    Neutral,
    /// Mostly positive.
    Positive,
}

impl Label {
    /// The stored and printed name: `negative`, `neutral` or `positive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Negative => "negative",
            Label::Neutral => "neutral",
            Label::Positive => "positive",
        }
    }
}

/// What enrichment adds to a mention.
#[derive(Debug, Clone)]
pub struct Enriched {
    /// ISO 639-1 code (the source's hint, else detected); `None` when undetermined.
    pub lang: Option<Cow<'static, str>>,
    /// The text with personal data replaced by typed placeholders (`[EMAIL]`, ...).
    pub text_redacted: String,
    /// Byte ranges of the tokens in `text_redacted`, read through [`Enriched::tokens`].
    token_spans: Vec<Range<u32>>,
    /// Content stems, space-separated, read through [`Enriched::stems`].
    stems_joined: String,
    /// Compound sentiment in [-1, 1] (P(positive) - P(negative)); `None` when the language is not supported.
    pub sentiment: Option<f32>,
    /// The most probable sentiment class; `None` when unscored.
    pub sentiment_label: Option<Label>,
    /// Probabilities in [`emotion::EMOTIONS`] order (anger, disgust, fear, joy, sadness, surprise, confusion);
    /// `None` when unscored.
    pub emotions: Option<[f32; 7]>,
    /// The most probable emotion, or `none`; `None` when unscored.
    pub emotion: Option<&'static str>,
}

impl Enriched {
    /// Tokens of the redacted text as written (URLs, handles, hashtags, emoji, emoticons kept whole).
    pub fn tokens(&self) -> impl Iterator<Item = &str> + '_ {
        self.token_spans.iter().map(|r| &self.text_redacted[r.start as usize..r.end as usize])
    }

    /// Stems of the content words in `lang` (stop words dropped).
    pub fn stems(&self) -> impl Iterator<Item = &str> + '_ {
        self.stems_joined.split(' ').filter(|s| !s.is_empty())
    }
}

/// Serialises as `hark score` would print it, with the tokens and stems as lists and the emotions by name.
impl Serialize for Enriched {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Enriched", 8)?;
        st.serialize_field("lang", &self.lang)?;
        st.serialize_field("text_redacted", &self.text_redacted)?;
        st.serialize_field("tokens", &self.tokens().collect::<Vec<_>>())?;
        st.serialize_field("stems", &self.stems().collect::<Vec<_>>())?;
        st.serialize_field("sentiment", &self.sentiment.map(decimal))?;
        st.serialize_field("sentiment_label", &self.sentiment_label)?;
        st.serialize_field("emotions", &self.emotions.map(|e| emotion::by_name(&e.map(decimal))))?;
        st.serialize_field("emotion", &self.emotion)?;
        st.end()
    }
}

/// Sentiment and emotions of a scorable mention: what `hark run` stores for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Compound sentiment in [-1, 1] (P(positive) - P(negative)).
    pub sentiment: f32,
    /// The most probable sentiment class.
    pub label: Label,
    /// Probabilities in [`emotion::EMOTIONS`] order, and the most probable emotion or `none`; `None` without an
    /// emotion head.
    pub emotions: Option<([f32; 7], &'static str)>,
}

impl Scores {
    /// The scores as hark prints and stores them, every number as its three decimals ([`decimal`]).
    pub fn stored(&self) -> Stored {
        Stored {
            sentiment: decimal(self.sentiment),
            label: self.label,
            emotions: self.emotions.map(|(e, top)| (e.map(decimal), top)),
        }
    }
}

/// [`Scores`] as `hark score` prints them and `hark run` stores them ([`Scores::stored`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stored {
    /// Compound sentiment, three decimals.
    pub sentiment: f64,
    /// The most probable sentiment class.
    pub label: Label,
    /// Emotion probabilities (three decimals) in [`emotion::EMOTIONS`] order, and the top emotion or `none`.
    pub emotions: Option<([f64; 7], &'static str)>,
}

/// The enrichment pipeline, built once. Send + Sync: share it behind `&` or `Arc`.
pub struct Enricher {
    redactor: redact::Redactor,
    stop: &'static stem::StopWords,
    stemmers: stem::Stemmers,
    lexicon: &'static lexicon::Lexicon,
    scoring: scorer::Scoring,
    /// Each thread's facts of the tokens it has seen, made from this enricher's lexicons and model.
    facts: ThreadLocal<RefCell<facts::Cache>>,
}

impl Default for Enricher {
    fn default() -> Self {
        Self::new()
    }
}

impl Enricher {
    /// Builds the pipeline with the shipped model.
    pub fn new() -> Enricher {
        // The shipped model is checked by a unit test; an unreadable one degrades to the rule-based scores.
        Enricher::with_model(Model::shipped().unwrap_or_default())
    }

    /// Builds the pipeline with another model (cross-validation, experiments).
    pub fn with_model(model: Model) -> Enricher {
        Enricher {
            redactor: redact::Redactor::new(),
            stop: stem::StopWords::shared(),
            stemmers: stem::Stemmers::new(),
            lexicon: lexicon::Lexicon::shared(),
            scoring: scorer::Scoring::new(&model),
            facts: ThreadLocal::new(),
        }
    }

    /// The text with personal data replaced by typed placeholders, as [`Enricher::enrich`] redacts it.
    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        self.redactor.redact(text)
    }

    /// Enriches one text; `lang_hint` is the source's language tag, if any ("en", "en-US", "deu").
    pub fn enrich(&self, text: &str, lang_hint: Option<&str>) -> Enriched {
        self.enrich_composed(self.redactor.redact(text).into_owned(), lang_hint)
    }

    /// Enriches a text that was redacted already (stored mentions are redacted on the write path), composed first
    /// ([`redact::composed`]: a mention stored before hark composed text may be decomposed).
    pub fn enrich_redacted(&self, text_redacted: String, lang_hint: Option<&str>) -> Enriched {
        let composed = match redact::composed(&text_redacted) {
            Cow::Owned(text) => Some(text),
            Cow::Borrowed(_) => None,
        };
        self.enrich_composed(composed.unwrap_or(text_redacted), lang_hint)
    }

    /// [`Enricher::enrich_redacted`] of a text already composed.
    fn enrich_composed(&self, text_redacted: String, lang_hint: Option<&str>) -> Enriched {
        let toks = tokenize::tokenize(&text_redacted);
        let mut cache = self.facts.get_or_default().borrow_mut();
        let looked = self.look_up(&mut cache, &toks);
        let lang = self.language(&toks, &looked, lang_hint);
        let scores = self.scores(&toks, &looked, lang.as_deref());
        let stems_joined = self.content_stems(&toks, &looked, lang.as_deref());
        let base = text_redacted.as_ptr() as usize;
        let token_spans = toks
            .iter()
            .map(|t| {
                let start = (t.text.as_ptr() as usize - base) as u32;
                start..start + t.text.len() as u32
            })
            .collect();
        Enriched {
            lang,
            token_spans,
            stems_joined,
            sentiment: scores.map(|s| s.sentiment),
            sentiment_label: scores.map(|s| s.label),
            emotions: scores.and_then(|s| s.emotions).map(|(e, _)| e),
            emotion: scores.and_then(|s| s.emotions).map(|(_, top)| top),
            text_redacted,
        }
    }

    /// The language and, when it is scorable, the scores of a redacted text: [`Enricher::enrich_redacted`] without
    /// the tokens and content stems, which `hark run` does not store.
    pub fn score_redacted(&self, text_redacted: &str, lang_hint: Option<&str>) -> (Option<String>, Option<Scores>) {
        let text = redact::composed(text_redacted);
        let toks = tokenize::tokenize(&text);
        let mut cache = self.facts.get_or_default().borrow_mut();
        let looked = self.look_up(&mut cache, &toks);
        let lang = self.language(&toks, &looked, lang_hint);
        let scores = self.scores(&toks, &looked, lang.as_deref());
        (lang.map(Cow::into_owned), scores)
    }

    /// The learned layer's features of an English text, after redaction (training and evaluation use this).
    pub fn features_of(&self, text: &str, sink: &mut impl Sink) {
        let redacted = self.redactor.redact(text);
        let toks = tokenize::tokenize(&redacted);
        let stems = self.stemmers.stem_all(Some("en"), &toks);
        features::extract(&toks, &stems, &rules::score(self.lexicon, &toks), sink);
    }

    /// VADER-rule compound of a text (the rule-based baseline), after redaction.
    pub fn rule_compound(&self, text: &str) -> f32 {
        rules::score(self.lexicon, &tokenize::tokenize(&self.redactor.redact(text))).compound
    }
}

/// A score (3 decimals) as hark prints and stores it: the `f64` nearest its decimals. `f64::from` keeps the `f32`'s
/// binary error, which JSON and DuckDB then print in full (0.162 as 0.16200000047683716).
pub fn decimal(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}

/// The compound (P(positive) - P(negative), 3 decimals) and the most probable class of the sentiment head's
/// probabilities (negative, neutral, positive); ties go to neutral.
fn sentiment_of(p: &[f32]) -> (f32, Label) {
    let compound = ((p[2] - p[0]) * 1000.0).round() / 1000.0;
    let label = if p[1] >= p[0] && p[1] >= p[2] {
        Label::Neutral
    } else if p[2] > p[0] {
        Label::Positive
    } else {
        Label::Negative
    };
    (compound, label)
}

/// VADER's own thresholds (±0.05), for the rule-based baseline.
pub fn label_of_compound(c: f32) -> Label {
    if c >= 0.05 {
        Label::Positive
    } else if c <= -0.05 {
        Label::Negative
    } else {
        Label::Neutral
    }
}

/// English text is scored; so is text without words but with an emoji, emoticon or hashtag that says something
/// without a language (`signal(i)`: in a lexicon, a cue, a weight of the model, or a hashtag of a known English word),
/// or a rating ("10/10", "⭐⭐⭐⭐⭐").
/// Text with none of these (empty, a handle, a link, punctuation, `#最悪`, an emoji the model never saw) has nothing
/// to score: unscored, not a made-up neutral.
fn scorable(lang: Option<&str>, toks: &[Token<'_>], signal: impl Fn(usize) -> bool) -> bool {
    match lang {
        Some(l) => l == "en",
        None => {
            !toks.iter().any(|t| t.kind == Kind::Word)
                && (toks
                    .iter()
                    .enumerate()
                    .any(|(i, t)| matches!(t.kind, Kind::Emoji | Kind::Emoticon | Kind::Hashtag) && signal(i))
                    || rules::has_rating(toks))
        }
    }
}

#[cfg(test)]
mod tests;
