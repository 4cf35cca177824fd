//! The label sets of the sentiment and emotion heads, and how dataset labels map onto them (GoEmotions' 28 labels,
//! its Ekman grouping, TweetEval's four emotions). Kept apart so the taxonomy changes in one place.

use std::collections::BTreeMap;

/// The emotions hark scores, in head order.
pub const EMOTIONS: [&str; 7] = ["anger", "disgust", "fear", "joy", "sadness", "surprise", "confusion"];
/// The emotion head's classes: the emotions, then `none`.
pub const EMOTION_CLASSES: [&str; 8] = ["anger", "disgust", "fear", "joy", "sadness", "surprise", "confusion", "none"];
/// The sentiment head's classes.
pub const SENTIMENT_CLASSES: [&str; 3] = ["negative", "neutral", "positive"];
/// Index of `none` in `EMOTION_CLASSES`.
pub const NONE: usize = 7;
/// Index of `anger` in `EMOTION_CLASSES`.
pub const ANGER: usize = 0;
/// Index of `joy` in `EMOTION_CLASSES`.
pub const JOY: usize = 3;

/// Cue words of each emotion (hark's own short lists, surface forms lower-case): a feature the learned layer can
/// weigh for words too rare in the training data to get a weight of their own. Disgust also has the gross things a
/// post finds (mold, slime, cockroaches, a stench) and words of contempt for a company (sleazy, predatory,
/// vultures): with them GoEmotions 0.467 -> 0.475 (disgust 0.28 -> 0.33), brand posts with an emotion 1,083 -> 1,098
/// of 1,600; lists of the same kind were left out for fear (hacked, breach, overheating: no change), sadness
/// (discontinued, farewell, gutted) and anger (useless, garbage, scam), which lowered GoEmotions or TweetEval
/// sentiment. Grief's words (devastated, heartbreaking, condolences, mourning; "RIP Robin Williams. Devastated." was
/// anger) were kept: TweetEval emotion, held out, 0.746 -> 0.749. Not "rip", which is a rip-off as often (as a cue
/// it made "what a rip off, $80 for this" sad).
pub fn cue(word: &str) -> Option<&'static str> {
    Some(match word {
        "angry" | "anger" | "furious" | "mad" | "pissed" | "rage" | "raging" | "livid" | "outraged" | "outrageous"
        | "infuriating" | "annoyed" | "annoying" | "irritated" | "irritating" | "hate" | "hated" | "hating"
        | "frustrated" | "frustrating" | "unacceptable" | "ridiculous" | "wtf" | "ffs" => "anger",
        "disgust" | "disgusted" | "disgusting" | "gross" | "ew" | "eww" | "yuck" | "nasty" | "vile" | "repulsive"
        | "revolting" | "sickening" | "sick" | "creepy" | "filthy" | "pathetic" | "despicable" | "shameful"
        | "horrible" | "vomit" | "mold" | "mould" | "moldy" | "mouldy" | "slime" | "slimy" | "greasy" | "grime"
        | "grimy" | "crusty" | "stench" | "stink" | "stinks" | "stinky" | "smelly" | "rancid" | "rotten"
        | "rotting" | "maggots" | "cockroach" | "cockroaches" | "roach" | "roaches" | "droppings" | "urine"
        | "sewage" | "puke" | "unhygienic" | "unsanitary" | "sleazy" | "scummy" | "vultures" | "predatory"
        | "tasteless" | "shameless" | "icky" | "ick" => "disgust",
        "afraid" | "scared" | "scary" | "fear" | "fears" | "feared" | "terrified" | "terrifying" | "frightened"
        | "frightening" | "anxious" | "anxiety" | "nervous" | "worried" | "worry" | "worrying" | "panic" | "dread"
        | "horrified" | "horrifying" | "creeped" | "nightmare" | "danger" | "dangerous" | "unsafe" => "fear",
        "happy" | "glad" | "joy" | "love" | "loved" | "loving" | "awesome" | "amazing" | "great" | "thanks"
        | "thank" | "excited" | "yay" | "delighted" | "wonderful" | "lol" | "haha" | "proud" | "grateful" => "joy",
        "sad" | "sadly" | "unhappy" | "depressed" | "depressing" | "cry" | "crying" | "cried" | "tears" | "miss"
        | "missed" | "heartbroken" | "lonely" | "sorry" | "disappointed" | "disappointing" | "grief" | "lost"
        | "hurts" | "devastated" | "devastating" | "heartbreaking" | "condolences" | "mourning" => "sadness",
        "wow" | "whoa" | "woah" | "omg" | "surprised" | "surprising" | "shocked" | "shocking" | "unexpected"
        | "unbelievable" | "realized" | "realised" | "amazed" | "astonished" => "surprise",
        "confused" | "confusing" | "confusion" | "understand" | "unclear" | "wondering" | "curious" | "huh" | "why"
        | "how" | "what" | "explain" | "idk" | "puzzled" => "confusion",
        _ => return None,
    })
}

/// The cue index of emotion `e` as facts keep it: 1 + its place in [`EMOTIONS`], 0 for none.
pub(crate) fn cue_index(e: &str) -> u8 {
    EMOTIONS.iter().position(|x| *x == e).map_or(0, |i| i as u8 + 1)
}

/// The emotion an emoji or emoticon cues (by its name as the features spell it: modifiers dropped,
/// emoticons in lower case), if it clearly cues one: the same `_cue:` features as the cue words, so that what the
/// model learned of cue words counts for the emoji too (😱 raises fear, top in "the price 😱😱", though alone below
/// sadness, as the model weighs the emoji's own feature; 🤔 raises confusion, though alone not above `none`).
pub fn emoji_cue(name: &str) -> Option<&'static str> {
    Some(match name {
        "😡" | "🤬" | "😠" | "😤" | "👿" | ">:(" | ">:-(" => "anger",
        "🤮" | "🤢" | "😖" => "disgust",
        "😱" | "😨" | "😰" | "😧" | "😟" | "😬" => "fear",
        "😂" | "🤣" | "😊" | "😍" | "🥰" | "😁" | "😄" | "😃" | "🥳" | "🎉" | "❤" | ":)" | ":-)" | ":d" | ":-d"
        | "<3" => "joy",
        // Not 😭: as often overwhelmed joy ("perfect 😭😭") as grief.
        "😢" | "😞" | "😔" | "💔" | "😿" | "☹" | "😥" | ":(" | ":-(" | ":'(" => "sadness",
        "😮" | "😲" | "🤯" | "😳" | "😯" | ":o" | ":-o" => "surprise",
        "🤔" | "😕" | "🤷" | "❓" | "🧐" | ":/" | ":-/" => "confusion",
        _ => return None,
    })
}

/// The index in [`EMOTION_CLASSES`] of the class called `name` (`none` included).
pub fn class_index(name: &str) -> Option<usize> {
    EMOTION_CLASSES.iter().position(|c| *c == name)
}

/// The emotion class of one of GoEmotions' 28 labels: the Ekman grouping (monologg/GoEmotions-pytorch), except that
/// confusion and curiosity form hark's `confusion` rather than joining surprise (training teaches half of curiosity as
/// `none`: see `eval::train`).
pub fn from_goemotions(label: &str) -> Option<usize> {
    let class = match label {
        "anger" | "annoyance" | "disapproval" => "anger",
        "disgust" => "disgust",
        "fear" | "nervousness" => "fear",
        "joy" | "amusement" | "approval" | "excitement" | "gratitude" | "love" | "optimism" | "relief" | "pride"
        | "admiration" | "desire" | "caring" => "joy",
        "sadness" | "disappointment" | "embarrassment" | "grief" | "remorse" => "sadness",
        "surprise" | "realization" => "surprise",
        "confusion" | "curiosity" => "confusion",
        "neutral" => "none",
        _ => return None,
    };
    class_index(class)
}

/// The emotion class of a TweetEval emotion label (optimism counts as joy).
pub fn from_tweeteval(label: &str) -> Option<usize> {
    class_index(if label == "optimism" { "joy" } else { label })
}

/// The Ekman label an emotion class counts as when scored against GoEmotions' Ekman grouping.
pub fn ekman(class: usize) -> &'static str {
    match EMOTION_CLASSES.get(class).copied() {
        Some("confusion") => "surprise",
        Some("none") | None => "neutral",
        Some(other) => other,
    }
}

/// The sentiment class of a TweetEval emotion label (anger and sadness negative, joy and optimism positive).
pub fn sentiment_of_tweeteval(label: &str) -> Option<usize> {
    match label {
        "anger" | "sadness" => Some(0),
        "joy" | "optimism" => Some(2),
        _ => None,
    }
}

/// The sentiment class of a GoEmotions label, by GoEmotions' own grouping (`goemotions/data/sentiment_dict.json` in
/// google-research/google-research), with its `neutral` label neutral; `None` for the labels it calls ambiguous
/// (realization, surprise, curiosity, confusion).
pub fn sentiment_of_goemotions(label: &str) -> Option<usize> {
    match label {
        "amusement" | "excitement" | "joy" | "love" | "desire" | "optimism" | "caring" | "pride" | "admiration"
        | "gratitude" | "relief" | "approval" => Some(2),
        "fear" | "nervousness" | "remorse" | "embarrassment" | "disappointment" | "sadness" | "grief" | "disgust"
        | "anger" | "annoyance" | "disapproval" => Some(0),
        "neutral" => Some(1),
        _ => None,
    }
}

/// The 7 emotion scores (the head's probabilities, rounded to 3 decimals, in [`EMOTIONS`] order, never summing past
/// 1) and the top class name, `none` included.
pub fn summarise(probs: &[f32]) -> ([f32; 7], &'static str) {
    let mut milli: [i32; 7] = std::array::from_fn(|i| (probs.get(i).copied().unwrap_or(0.0) * 1000.0).round() as i32);
    // Rounded one by one, probabilities that leave `none` next to nothing can sum to 1.001 or 1.002 (0.761 fear,
    // 0.224 sadness, ...): the excess thousandths come off the largest scores, which they change least.
    for _ in 1000..milli.iter().sum::<i32>() {
        if let Some(largest) = milli.iter_mut().max() {
            *largest -= 1;
        }
    }
    let scores = milli.map(|m| m as f32 / 1000.0);
    let top = probs
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .and_then(|(i, _)| EMOTION_CLASSES.get(i))
        .unwrap_or(&"none");
    (scores, top)
}

/// The scores by emotion name, as `hark score` prints them; pass them rounded
/// ([`Scores::stored`](crate::Scores::stored)).
pub fn by_name(scores: &[f64; 7]) -> BTreeMap<&'static str, f64> {
    EMOTIONS.iter().copied().zip(scores.iter().copied()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings() {
        assert_eq!(from_goemotions("annoyance"), Some(0));
        assert_eq!(from_goemotions("curiosity").map(ekman), Some("surprise"));
        assert_eq!(from_goemotions("neutral"), Some(NONE));
        assert_eq!(from_tweeteval("optimism"), Some(3));
        assert_eq!([EMOTION_CLASSES[ANGER], EMOTION_CLASSES[JOY], EMOTION_CLASSES[NONE]], ["anger", "joy", "none"]);
    }

    #[test]
    fn summary_picks_the_top_class() {
        let (scores, top) = summarise(&[0.1, 0.0, 0.0, 0.6, 0.1, 0.0, 0.0, 0.2]);
        assert_eq!((scores[3], top), (0.6, "joy"));
        assert_eq!(by_name(&scores.map(super::super::decimal)).get("joy"), Some(&0.6));
        assert_eq!(summarise(&[0.0, 0.0, 0.0, 0.1, 0.0, 0.0, 0.0, 0.9]).1, "none");
    }

    /// Seven probabilities that each round up, `none` at nothing: 1.002 rounded one by one.
    #[test]
    fn rounded_scores_never_sum_past_one() {
        let probs = [0.1426, 0.1426, 0.1426, 0.1444, 0.1426, 0.1426, 0.1426, 0.0];
        let (scores, top) = summarise(&probs);
        let milli: i32 = scores.iter().map(|s| (s * 1000.0).round() as i32).sum();
        assert_eq!((milli, top), (1000, "joy"), "{scores:?}");
        assert!(scores.iter().zip(probs).all(|(s, p)| (s - p).abs() < 0.002), "{scores:?}");
        let (scores, _) = summarise(&[0.009, 0.0, 0.001, 0.761, 0.005, 0.224, 0.0, 0.0]);
        assert_eq!(scores, [0.009, 0.0, 0.001, 0.761, 0.005, 0.224, 0.0], "a sum of 1 is left as it is");
    }
}
