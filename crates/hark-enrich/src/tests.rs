//! Behaviour of the whole enrichment on concrete mentions, and the quality targets on the development datasets.

use std::path::PathBuf;

use super::*;

fn enricher() -> Enricher {
    Enricher::new()
}

fn sentiment(e: &Enricher, text: &str) -> (f32, Label) {
    let out = e.enrich(text, Some("en"));
    (out.sentiment.expect("scored"), out.sentiment_label.expect("scored"))
}

#[test]
fn sentiment_handles_social_text() {
    let e = enricher();
    assert_eq!(sentiment(&e, "this phone is good").1, Label::Positive);
    assert_eq!(sentiment(&e, "this phone is not good").1, Label::Negative);
    assert_eq!(sentiment(&e, "the screen is nice but the battery is awful").1, Label::Negative);
    assert_eq!(sentiment(&e, "new update 😡").1, Label::Negative);
    assert_eq!(sentiment(&e, "new update 😍").1, Label::Positive);
    assert_eq!(sentiment(&e, "my order arrived broken :(").1, Label::Negative);
    assert_eq!(sentiment(&e, "sooo good lol :-)").1, Label::Positive);
    assert_eq!(sentiment(&e, "The store opens at 9 on Monday.").1, Label::Neutral);
    assert!(sentiment(&e, "this is GREAT!!!").0 > sentiment(&e, "this is great").0 - 0.05);
    let (c, _) = sentiment(&e, "I hate waiting");
    assert!((-1.0..=1.0).contains(&c) && c < 0.0);
}

#[test]
fn emotions_have_seven_scores_and_a_top() {
    let e = enricher();
    let out = e.enrich("I am so angry and furious about this 😡", None);
    let scores = out.emotions.expect("scored");
    assert_eq!(scores.len(), 7);
    assert_eq!(out.emotion, Some("anger"));
    assert_eq!(e.enrich("I'm scared and terrified", Some("en")).emotion, Some("fear"));
    assert_eq!(e.enrich("I'm so happy, thank you!", Some("en")).emotion, Some("joy"));
    // Ironic praise is annoyance, not joy; sincere thanks for a failure put right stay joy.
    for text in ["great, another Windows update that bricked my laptop. thanks microsoft 👏", "thanks i guess"] {
        assert_eq!(e.enrich(text, Some("en")).emotion, Some("anger"), "{text:?}");
    }
    assert_eq!(
        e.enrich("flight cancelled but they rebooked me in 2 minutes, thanks!", Some("en")).emotion,
        Some("joy")
    );
}

/// Disgust at what a post found rather than at a word for disgust (the cue words of gross things and of contempt,
/// `emotion::cue`); posts unlike any training post.
#[test]
fn disgust_at_what_was_found() {
    let e = enricher();
    for text in [
        "there was a dead cockroach in my Munchbox salad",
        "hotel room at the Bayview had mold on the ceiling and the carpet was crusty",
        "Rentwise charging tenants a fee to pay rent online. predatory.",
    ] {
        assert_eq!(e.enrich(text, Some("en")).emotion, Some("disgust"), "{text:?}");
    }
}

#[test]
fn unsupported_language_is_unscored_not_neutral() {
    let e = enricher();
    let out = e.enrich("Das ist wirklich ein sehr schlechtes Produkt und ich bin enttäuscht", None);
    assert_eq!(out.lang.as_deref(), Some("de"));
    assert!(
        out.sentiment.is_none() && out.sentiment_label.is_none() && out.emotions.is_none() && out.emotion.is_none()
    );
    assert_eq!(out.stems().collect::<Vec<_>>(), ["wirklich", "schlecht", "produkt", "enttauscht"]);
    let hinted = e.enrich("ok", Some("fr"));
    assert_eq!((hinted.lang.as_deref(), hinted.sentiment), (Some("fr"), None));
}

#[test]
fn emoji_only_is_scored_and_fields_serialise() {
    let e = enricher();
    let out = e.enrich("😍😍", None);
    assert_eq!((out.lang.as_deref(), out.sentiment_label), (None, Some(Label::Positive)));
    // Nothing to score at all: no fake neutral either.
    for text in ["", "@user", "https://t.co/abc", "!!!", "[EMAIL]"] {
        let out = e.enrich(text, None);
        assert_eq!((out.lang.as_deref(), out.sentiment, out.emotion), (None, None, None), "{text:?}");
    }
    let json = serde_json::to_value(e.enrich("I love it", None)).expect("serialises");
    assert_eq!(json["sentiment_label"], "positive");
    assert_eq!(json["tokens"], serde_json::json!(["I", "love", "it"]));
}

fn datasets() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets");
    if datasets::present(&dir) {
        Some(dir)
    } else {
        eprintln!("SKIPPED: datasets not found at {} (see shared/datasets/README.md)", dir.display());
        None
    }
}

/// The figures of `hark eval` (5-fold CV + held-out TweetEval emotion; trains 6 pairs of small models, seconds at
/// -O1) against the targets: sentiment macro recall 0.62 and a compound that correlates with the label at
/// least as well as VADER's, Ekman macro-F1 0.45 on GoEmotions and on TweetEval emotion; and on the brand posts,
/// macro recall 0.80 (0.839 at the commit that added them) and better than the VADER rules; on the brand posts with
/// an emotion, macro-F1 0.62 over the eight classes (0.410 before they were trained on, 0.685 when the floor was set);
/// the shipped model's sentiment on texts outside TweetEval sentiment it never trained on, GoEmotions comments
/// (0.63, and ahead of the VADER rules) and TweetEval emotion tweets (0.72; the rules are ahead there).
#[test]
fn quality_targets_on_the_datasets() {
    let Some(dir) = datasets() else { return };
    let f = eval::figures(&dir, &mut Vec::new()).expect("evaluates");
    assert!(f.sentiment.macro_recall >= 0.62, "{f:?}");
    assert!(
        f.sentiment.pearson.0 >= f.sentiment.pearson.1 && f.sentiment.spearman.0 >= f.sentiment.spearman.1,
        "{f:?}"
    );
    assert!(f.tweeteval_emotion >= 0.45, "{f:?}");
    assert!(f.goemotions >= 0.45, "{f:?}");
    assert!(f.brand.0 >= 0.80 && f.brand.0 > f.brand.1, "{f:?}");
    assert!(f.brand_emotion >= 0.62, "{f:?}");
    // Texts the sentiment head never trained on: Reddit comments, three classes, ahead of the VADER rules (0.641
    // against 0.632 when set); emotion tweets, negative and positive, where the rules are ahead (0.752 against 0.772).
    let t = f.transfer;
    assert!(t.goemotions.0 >= 0.63 && t.goemotions.0 > t.goemotions.1, "{t:?}");
    assert!(t.tweeteval_emotion.0 >= 0.72, "{t:?}");
}

#[test]
fn short_english_posts_are_detected_and_scored() {
    let e = enricher();
    for text in [
        "hell yeh dude",
        "good job homie",
        "oh ok got ya lol",
        "pretty please",
        "wow wow wow hold my beer",
        "greaaaat!!!",
        "amazinggg",
    ] {
        let out = e.enrich(text, None);
        assert_eq!((out.lang.as_deref(), out.sentiment.is_some()), (Some("en"), true), "{text}");
    }
    for text in [
        "no me gusta nada",
        "que buena onda la verdad",
        "la casa es muy bonita",
        "merci beaucoup mon ami",
        "danke schön für alles",
        "obrigado pela ajuda",
        "ik hou van deze telefoon",
    ] {
        assert_ne!(e.enrich(text, None).lang.as_deref(), Some("en"), "{text}");
    }
}

/// Language identification on `tests/fixtures/lang/short_posts.tsv`: hand-written short posts in ten languages,
/// where trigram detectors are least reliable. Prints the accuracy per language.
#[test]
fn short_posts_in_ten_languages() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/lang/short_posts.tsv");
    let posts = super::datasets::short_posts(std::path::Path::new(path)).expect("fixture");
    let e = enricher();
    let (mut right, mut wrong, mut total) = (0usize, 0usize, 0usize);
    let mut by_lang: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for p in &posts {
        let (want, post) = (p.labels[0].as_str(), p.text.as_str());
        let got = e.enrich(post, None).lang;
        let ok = got.as_deref() == Some(want);
        if !ok {
            println!("{want} -> {got:?}: {post}");
        }
        let entry = by_lang.entry(want).or_default();
        *entry = (entry.0 + usize::from(ok), entry.1 + 1);
        (right, total) = (right + usize::from(ok), total + 1);
        wrong += usize::from(!ok && got.is_some());
    }
    println!("short posts: {right}/{total} right, {wrong} given another language; by language {by_lang:?}");
    assert_eq!(total, 100);
    // 90 right and one wrong (Danish read as Norwegian) when written, 92 and two wrong since; whatlang alone got 47.
    assert!(right >= 88 && wrong <= 2, "{right} right, {wrong} wrong of {total}");
}

/// Brand and product names are no language's words: short English posts about a product stay English.
#[test]
fn names_do_not_hide_english() {
    let e = enricher();
    for post in [
        "Feature request: markdown export in Lumora.",
        "Anyone else getting timeouts on Brightdesk API?",
        "Lumora Zapier connector silently stopped syncing yesterday.",
        "Popeyes chicken",
    ] {
        assert_eq!(e.enrich(post, None).lang.as_deref(), Some("en"), "{post}");
    }
    // Title Case is not a row of names.
    let urdu =
        "Tum Kya Samajhty Ho Choro Gay To Mar Jayen Gay hum,  .H!NA  1 Bat Kahun Tum Se Jee to wo b rahy he jin \
                ko chora ta tere liye.  Sweet prince.";
    assert_ne!(e.enrich(urdu, None).lang.as_deref(), Some("en"));
}

/// A text scores the same whatever the thread enriched before: an elongated word's facts come from its letter runs
/// ("Aaahh" is "ahh", "AAAHHHH" "ah"), so the facts cache keys it by those, not by its normal form ("aahh" for both),
/// or the spelling seen first decided the other's stem and model rows.
#[test]
fn scores_do_not_depend_on_what_came_before() {
    let text = "Aaahh so good to be home";
    let fresh = enricher().enrich(text, None);
    let used = enricher();
    used.enrich("AAAHHHH", None);
    let after = used.enrich(text, None);
    assert_eq!((after.sentiment, after.emotions), (fresh.sentiment, fresh.emotions));
    assert_eq!(after.stems().collect::<Vec<_>>(), fresh.stems().collect::<Vec<_>>());
}

mod fixtures;
