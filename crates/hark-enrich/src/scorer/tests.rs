//! The hot path against the reference: language from `lang::detect` with string lookups, stems from `stem_all`,
//! named features from `features::extract` and each head's `predict`, the way training sees a text. Scores must be
//! equal to the bit, not close: both sum the same weights in the same order.

use std::path::PathBuf;

use super::super::features::{extract, hash_parts, FeatureId};
use super::super::pieces::{pieces, Piece, WHOLE};
use super::super::tokenize::Token;
use super::super::*;

/// Language, scores and content stems of a text the slow way.
fn reference(e: &Enricher, model: &Model, text: &str, hint: Option<&str>) -> (Option<String>, Option<Scores>, String) {
    let redacted = e.redactor.redact(text);
    let toks = tokenize::tokenize(&redacted);
    let learned = |w: &str| model.heads.iter().any(|h| h.knows(hash_parts(&["u:", w])));
    let english = |w: &str| {
        e.lexicon.word(w).is_some() || learned(w) || e.stemmers.stem("en", w).is_some_and(|s| s != w && learned(&s))
    };
    let lang = hint.and_then(lang::normalise_hint).or_else(|| lang::detect(&toks, e.stop, english).map(String::from));
    let stems = e.stemmers.stems(lang.as_deref(), &toks, e.stop).join(" ");
    // What the facts of an emoji, emoticon or hashtag say without a language, worked out the slow way.
    let signal = |i: usize| {
        let t = &toks[i];
        let (name, base) = (features::emoji_name(t), stem::base_word(t));
        let row = |parts: &[&str]| model.heads.iter().any(|h| h.knows(hash_parts(parts)));
        let known = match t.kind {
            Kind::Emoji | Kind::Emoticon => row(&["e:", &name]) || emotion::emoji_cue(&name).is_some(),
            _ => {
                let base = base.unwrap_or_default();
                let stem = e.stemmers.stem("en", &base).unwrap_or_default();
                row(&["u:", &stem])
                    || emotion::cue(t.norm.trim_start_matches('#')).is_some()
                    || english(&t.norm)
                    || (t.elongated && english(&base))
            }
        };
        known || e.lexicon.valence(t) != 0.0
    };
    if !scorable(lang.as_deref(), &toks, signal) {
        return (lang, None, stems);
    }
    // Scored whole, or in pieces averaged, as the scorer does ([`pieces`](super::super::pieces)).
    let piece = |toks: &[Token<'_>], thread: Option<bool>| {
        let english_stems = e.stemmers.stem_all(Some("en"), toks);
        let rules = rules::score_with(toks, |i| rules::Entry::of(e.lexicon, &toks[i]), thread);
        let mut feats: Vec<(FeatureId, f32)> = Vec::new();
        extract(toks, &english_stems, &rules, &mut feats);
        let mut p = model.head("sentiment").expect("sentiment head").predict(&feats);
        if rules.middling {
            super::pull_to_neutral(&mut p);
        }
        let emotion = model.head("emotion").map(|h| {
            let mut q = h.predict(&feats);
            if rules.ironic {
                super::joy_to_anger(&mut q);
            }
            q.try_into().expect("8 emotion classes")
        });
        Piece { sentiment: p.try_into().ok(), compound: rules.compound, emotion }
    };
    let scores = if toks.len() <= WHOLE {
        piece(&toks, None)
    } else {
        let thread = Some(rules::is_thread(&toks));
        Piece::mean(pieces(&toks).map(|r| (r.len(), piece(&toks[r], thread))))
    };
    (lang, Some(scores.scores()), stems)
}

/// Mentions that exercise every branch: negation scopes, bigrams across punctuation, cues, emoji with modifiers,
/// emoticons in capitals, elongations, hashtags, other languages, no words at all.
const SAMPLES: &[&str] = &[
    "I don't like waiting. Loved it!!! 😍 http://x.co",
    "this is NOT good at all, never again :( #fail",
    "sooo goooood lol :-) XD 👍🏽❤️",
    "The store opens at 9 on Monday.",
    "wtf is this?? I'm so angry and furious 😡 #Unacceptable",
    "kind of nice but the battery is awful",
    "hell yeh dude",
    "no me gusta nada",
    "Das ist wirklich ein sehr schlechtes Produkt",
    "Это очень плохой телефон",
    "😍😍 @user",
    "#love #happy",
    "#最悪 #arnaque",
    "🤔",
    "ok:( sooo happyyyy",
    "write to me at jane.doe@example.com or +44 20 7946 0958",
    "",
    "!!!",
    "great location but the rooms need a refresh, 6/10",
    "great, another Windows update that bricked my laptop. thanks microsoft 👏",
    "We moved our CI from Stratus to Nimbus last month. Builds that took 14 minutes now take 6, and the cache \
     finally works across branches! The migration guide was wrong about the runner labels, though, and support took \
     three days to answer. Overall I'm happy with it, 8/10, but I would not call the docs good. Pricing is roughly \
     the same for our 40 seats, maybe a little cheaper once you count the minutes we no longer burn on retries :)",
];

fn check(e: &Enricher, model: &Model, text: &str, hint: Option<&str>) {
    let (lang, scores, stems) = reference(e, model, text, hint);
    let out = e.enrich(text, hint);
    assert_eq!((out.lang.as_deref(), &out.stems_joined), (lang.as_deref(), &stems), "{text:?}");
    let fast = e.score_redacted(&out.text_redacted, hint);
    assert_eq!(fast, (lang, scores), "{text:?}");
    assert_eq!(out.sentiment, scores.map(|s| s.sentiment), "{text:?}");
    assert_eq!(out.emotions, scores.and_then(|s| s.emotions).map(|(e, _)| e), "{text:?}");
}

#[test]
fn hot_path_equals_the_reference_on_samples() {
    let (e, model) = (Enricher::new(), Model::shipped().expect("shipped model"));
    for text in SAMPLES {
        for hint in [None, Some("en"), Some("de")] {
            check(&e, &model, text, hint);
        }
    }
}

#[test]
fn hot_path_equals_the_reference_on_the_datasets() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets");
    let Ok(rows) = datasets::goemotions(&dir, "original") else {
        eprintln!("SKIPPED: datasets not found at {} (see shared/datasets/README.md)", dir.display());
        return;
    };
    let tweets = datasets::tweeteval(&dir, "sentiment", "val").expect("TweetEval next to GoEmotions");
    let (e, model) = (Enricher::new(), Model::shipped().expect("shipped model"));
    for r in rows.iter().chain(&tweets) {
        check(&e, &model, &r.text, None);
    }
}

/// A middling rating is the writer's verdict: mixed remarks around it leave the post neutral, where the words alone
/// lean one way.
#[test]
fn a_middling_rating_pulls_towards_neutral() {
    let e = Enricher::new();
    for text in [
        "the burger was fine but the fries were soggy, 5/10",
        "3 stars. friendly staff, tiny rooms",
        "6/10 - lovely screen but the battery dies by lunch",
        "3/5, quick delivery but the box was dented",
    ] {
        let rated = e.enrich(text, None);
        assert_eq!(rated.sentiment_label, Some(Label::Neutral), "{text}");
        let unrated =
            e.enrich(&text.replace("5/10", "").replace("3 stars", "").replace("6/10", "").replace("3/5", ""), None);
        assert!(rated.sentiment.unwrap().abs() < unrated.sentiment.unwrap().abs(), "{text}");
    }
}
