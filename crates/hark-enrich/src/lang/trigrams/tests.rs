//! The fast path against whatlang itself: the same language, script and confidence, to the last bit, on real posts
//! and on generated text that mixes languages' letters, accents, digits and case.

use std::path::Path;

use whatlang::Lang;

use super::{Detector, Guess};

/// The test fixtures' posts (short posts in ten languages, the labelled PII set in a dozen), the development data
/// when it is there, and edge cases.
fn real_posts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut posts: Vec<String> = crate::datasets::short_posts(&root.join("tests/fixtures/lang/short_posts.tsv"))
        .expect("the short-posts fixture")
        .into_iter()
        .map(|p| p.text)
        .collect();
    let cases = std::fs::read_to_string(root.join("tests/fixtures/pii/cases.jsonl")).expect("the PII fixture");
    for line in cases.lines() {
        let case: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        posts.push(case["text"].as_str().expect("a text").to_string());
    }
    let datasets = root.join("../shared/datasets");
    match crate::datasets::tweeteval(&datasets, "sentiment", "val") {
        Ok(rows) => posts.extend(rows.into_iter().map(|r| r.text)),
        Err(_) => eprintln!("SKIPPED the development texts: no datasets at {}", datasets.display()),
    }
    posts.extend(
        ["a", "I", "İstanbul'da", "ß", "Ĳssel", "Straße ŉ ǅ", "hello 123 !!!", "Привет hello", "naïve café", "ÀÉÎÕÜ"]
            .map(String::from),
    );
    posts
}

/// Texts drawn from the profiles' own trigrams: two languages' letter runs mixed (of one script, or Latin and
/// Cyrillic), some in capitals, with digits and punctuation between (a fixed linear congruential sequence, so every
/// run tests the same texts).
fn generated(n: usize) -> Vec<String> {
    let profiles: Vec<Vec<&str>> = include_str!("../../data/whatlang_profiles.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').nth(3).expect("trigrams").split('|').collect())
        .collect();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |below: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % below as u64) as usize
    };
    (0..n)
        .map(|_| {
            let (a, b) = (next(profiles.len()), next(profiles.len()));
            let mut text = String::new();
            for _ in 0..1 + next(40) {
                let from = if next(3) == 0 { b } else { a };
                let t = profiles[from][next(profiles[from].len())];
                match next(12) {
                    0 => text.push_str(&t.to_uppercase()),
                    1 => text.push_str(", 42 "),
                    _ => text.push_str(t),
                }
            }
            text
        })
        .collect()
}

/// Asserts both give the same guesses; how many of the texts whatlang read as Latin and as Cyrillic script.
fn assert_same(detector: &Detector, whatlang: &whatlang::Detector, texts: &[String]) -> (usize, usize) {
    let (mut latin, mut cyrillic) = (0, 0);
    for text in texts {
        let reference = whatlang.detect(text).map(Guess::of);
        latin += usize::from(reference.is_some_and(|g| g.script == whatlang::Script::Latin));
        cyrillic += usize::from(reference.is_some_and(|g| g.script == whatlang::Script::Cyrillic));
        let fast = detector.detect(text);
        assert_eq!(fast.map(|g| (g.lang, g.script)), reference.map(|g| (g.lang, g.script)), "{text:?}");
        let bits = |g: Option<Guess>| g.map(|g| g.confidence.to_bits());
        assert_eq!(bits(fast), bits(reference), "{text:?}: confidence {fast:?} against {reference:?}");
    }
    (latin, cyrillic)
}

#[test]
fn guesses_equal_whatlangs() {
    let denied = [Lang::Jav, Lang::Uzb, Lang::Tuk, Lang::Lat, Lang::Epo, Lang::Zul, Lang::Sna, Lang::Aka];
    let mut texts = real_posts();
    texts.extend(generated(3_000));
    // Long posts (an article, a forum thread's first post): past 300 distinct trigrams whatlang no longer discounts
    // the missing ones, and past 600 it ranks only the first 600. Forty posts of each set run together.
    let long: Vec<String> = texts.chunks(40).map(|c| c.join(" ")).collect();
    let distinct = |t: &String| {
        let spaced = format!(" {} ", t.to_lowercase());
        let chars: Vec<char> = spaced.chars().map(|c| if super::is_stop_char(c) { ' ' } else { c }).collect();
        let trigrams = chars.windows(3).filter(|w| !(w[1] == ' ' && (w[0] == ' ' || w[2] == ' ')));
        trigrams.collect::<std::collections::HashSet<_>>().len()
    };
    assert!(long.iter().filter(|t| distinct(t) > 650).count() >= 50, "long texts past the 600-trigram cut");
    texts.extend(long);
    let (latin, cyrillic) =
        assert_same(&Detector::denying(&denied), &whatlang::Detector::with_denylist(denied.to_vec()), &texts);
    assert!(latin * 2 > texts.len(), "{latin} of {} texts in Latin script", texts.len());
    assert!(cyrillic * 20 > texts.len(), "{cyrillic} of {} texts in Cyrillic script", texts.len());
    assert_same(&Detector::denying(&[]), &whatlang::Detector::new(), &texts);
    let cyrillic = [Lang::Rus, Lang::Bul];
    assert_same(&Detector::denying(&cyrillic), &whatlang::Detector::with_denylist(cyrillic.to_vec()), &texts);
    let nordic = [Lang::Dan, Lang::Nob, Lang::Swe];
    assert_same(&Detector::allowing(&nordic), &whatlang::Detector::with_allowlist(nordic.to_vec()), &texts);
}

/// The data file holds a profile for exactly each of the script's languages (ties fall by whatlang's own order,
/// `Script::langs`, read when the program runs, not by the file's line order; each profile's length is checked as
/// the file is read).
#[test]
fn the_copied_profiles_are_whatlangs_languages() {
    for p in super::PROFILES.iter() {
        let mut copied = p.langs.clone();
        let mut expected = p.script.langs().to_vec();
        copied.sort_by_key(|l| l.code());
        expected.sort_by_key(|l| l.code());
        assert_eq!(copied, expected, "{}", p.script);
    }
}
