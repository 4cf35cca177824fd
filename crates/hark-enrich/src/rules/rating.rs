//! Review ratings: "8/10", "2 out of 5", "1 star", "five-star", "★★★☆☆". A verdict in numbers and symbols, which no
//! lexicon scores: "5 stars" and "1 star" were both neutral, "10/10" and "⭐⭐⭐⭐⭐" alone unscored. Dates, shares and
//! numbering look the same ("on 3/10", "9/10 times", "9 out of 10 dentists", "page 4/10"), so a pair of numbers
//! counts only where a rating stands: at the end of its clause, before "would" ("10/10 would buy again") or "at
//! best", or after a word that gives one ("rated", "solid").

use crate::tokenize::{ends_clause, Kind, Token};

/// Words before a pair of numbers that make it a rating wherever it stands ("rated it 2/5 and", "a solid 8/10 for",
/// "an 8/10 burger").
const CUES: &[&str] =
    &["a", "an", "rate", "rated", "rating", "rates", "score", "give", "gave", "giving", "solid", "verdict"];

/// Words after a pair of numbers that a rating stands before ("10/10 would recommend", "3/10 at best", "8/10 tops").
const AFTER: &[&str] = &["would", "at", "tops", "overall", "imo", "honestly", "lol", "stars", "star", "from"];

/// Words before a pair of numbers that make it a date, a part or a page ("on 3/10", "due 4/10", "page 2/5").
const NOT_BEFORE: &[&str] = &[
    "on",
    "by",
    "until",
    "till",
    "til",
    "since",
    "before",
    "after",
    "due",
    "thru",
    "through",
    "to",
    "starting",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "page",
    "pg",
    "step",
    "part",
    "chapter",
    "ch",
    "episode",
    "ep",
    "season",
    "vol",
    "volume",
    "round",
    "game",
    "set",
    "sets",
    "level",
    "day",
    "week",
    "date",
    "dated",
    "born",
];

/// Words after "N stars" that make it a class, not a verdict ("a 5-star hotel", "a four-star general"), or stars to win
/// ("3 stars to collect").
const CLASSES: &[&str] =
    &["hotel", "hotels", "resort", "resorts", "general", "generals", "admiral", "recruit", "recruits", "to"];

/// Words before "N stars" that make them stars won or held, not given ("got all 3 stars", "the hotel has 4 stars").
const HELD: &[&str] = &["all", "the", "has", "have", "had"];

/// The valence of a rating of `score` out of `best` on the lexicon's scale (VADER's "horrible" is -2.5, "great"
/// 3.1): the bottom fifth as bad as it gets, a middling 5 or 6 out of 10 or 3 stars neutral, 9 and 10 out of 10 (and
/// the "11/10" of a fan) praise.
pub(crate) fn valence(score: f32, best: f32) -> f32 {
    match score / best {
        r if r <= 0.2 => -2.5,
        r if r <= 0.4 => -1.8,
        r if r < 0.7 => 0.0,
        r if r < 0.85 => 1.9,
        _ => 2.8,
    }
}

/// A rating in numbers starting at number token `i` ("8/10", "8 / 10", "7.5/10", "85/100", "8 out of 10", "9 outta
/// 10"): its valence, where it stands as a rating (see the top of this file).
pub(crate) fn numeric(tokens: &[Token<'_>], i: usize) -> Option<f32> {
    let word = |k: usize| tokens.get(k).filter(|t| t.kind == Kind::Word).map(|t| &*t.norm);
    let punct = |k: usize, p: &str| tokens.get(k).is_some_and(|t| t.kind == Kind::Punct && t.text == p);
    let best_at = if punct(i + 1, "/") {
        i + 2
    } else if word(i + 1) == Some("out") && word(i + 2) == Some("of") {
        i + 3
    } else if word(i + 1) == Some("outta") {
        i + 2
    } else {
        return None;
    };
    let score = number(&tokens[i])?;
    let best =
        tokens.get(best_at).and_then(number).filter(|b| matches!(*b as u32, 5 | 10 | 100) && b.fract() == 0.0)?;
    // Part of a date ("2024/3/10", "3/10/2024").
    if score < 0.0 || (i > 0 && punct(i - 1, "/")) || punct(best_at + 1, "/") {
        return None;
    }
    let before = |k: usize| i.checked_sub(k).and_then(word);
    if before(1).is_some_and(|w| NOT_BEFORE.contains(&w)) {
        return None;
    }
    let cued = (1..=3).any(|k| before(k).is_some_and(|w| CUES.contains(&w)));
    let next = word(best_at + 1);
    let would = next == Some("would");
    // Past the top only as a fan's "11/10" or "12/10", which is a date too ("12/10 DJ night"): with a cue or "would".
    if score > best && !(best == 10.0 && score <= 12.0 && (cued || would)) {
        return None;
    }
    let stands = match tokens.get(best_at + 1) {
        None => true,
        Some(t) => match t.kind {
            Kind::Punct => ends_clause(t) || matches!(t.text, ")" | "]" | "-" | "–" | "—" | "|" | "~"),
            Kind::Emoji | Kind::Emoticon | Kind::Hashtag => true,
            Kind::Word => {
                // At the start of a clause, a rating stands before what it rates ("10/10 day", "1/10 experience with
                // Hertz", "4/10 the new start menu"); a share before a plural or "of" ("9/10 times", "3/5 of us").
                let opens = i == 0 || tokens.get(i - 1).is_some_and(|p| ends_clause(p) || matches!(p.text, "(" | "-"));
                let share = matches!(&*t.norm, "of" | "times" | "time") || plural(&t.norm);
                AFTER.contains(&&*t.norm) && (t.norm != "at" || matches!(word(best_at + 2), Some("best" | "most")))
                    || (opens && !share)
            }
            _ => false,
        },
    };
    (cued || stands).then(|| valence(score, best))
}

/// Whether a lower-case word looks like an English plural ("times", "people" aside): ends in "s" but not "ss", "us",
/// "is" or "'s".
fn plural(w: &str) -> bool {
    w == "people" || (w.len() > 3 && w.ends_with('s') && !["ss", "us", "is", "'s"].iter().any(|e| w.ends_with(e)))
}

/// A rating in stars ending at the word "star" or "stars", token `i` ("1 star", "five stars", "4.5 stars", "5-star",
/// "zero stars"): its valence. Not where the number is the end of a rating in numbers ("4/5 stars", "4 out of 5
/// stars", which [`numeric`] reads), a class ("a 5-star hotel"), nor stars won ("got all 3 stars").
pub(crate) fn stars(tokens: &[Token<'_>], i: usize) -> Option<f32> {
    let at = |k: usize| i.checked_sub(k).and_then(|k| tokens.get(k));
    let hyphen = at(1).is_some_and(|t| t.kind == Kind::Punct && t.text == "-");
    let n = if hyphen { 2 } else { 1 };
    let score = at(n).and_then(|t| match t.kind {
        Kind::Number => number(t),
        Kind::Word => spelled(&t.norm),
        _ => None,
    })?;
    let of_pair =
        at(n + 1).is_some_and(|t| (t.kind == Kind::Punct && t.text == "/") || matches!(&*t.norm, "of" | "outta"));
    let class = tokens.get(i + 1).is_some_and(|t| CLASSES.contains(&&*t.norm));
    let held = at(n + 1).is_some_and(|t| t.kind == Kind::Word && HELD.contains(&&*t.norm));
    (score <= 5.0 && !of_pair && !class && !held).then(|| valence(score, 5.0))
}

/// A rating in star symbols ending at token `i`: exactly five, the filled (⭐, ★, 🌟) before the empty (☆), as in
/// "★★★☆☆" or "⭐⭐⭐⭐⭐": its valence. A star or two alone is praise or decoration, not a rating.
pub(crate) fn symbols(tokens: &[Token<'_>], i: usize) -> Option<f32> {
    let kind = |k: usize| tokens.get(k).filter(|t| t.kind == Kind::Emoji).and_then(|t| symbol(t.text));
    kind(i)?;
    if kind(i + 1).is_some() {
        return None;
    }
    let start = i.checked_sub(4)?;
    if start > 0 && kind(start - 1).is_some() {
        return None;
    }
    let run: Option<Vec<bool>> = (start..=i).map(kind).collect();
    let run = run?;
    let filled = run.iter().take_while(|f| **f).count();
    run[filled..].iter().all(|f| !*f).then(|| valence(filled as f32, 5.0))
}

/// Whether a text holds a rating: what makes a post of numbers or star symbols alone ("10/10", "⭐⭐⭐⭐⭐") scorable.
pub(crate) fn any(tokens: &[Token<'_>]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| match t.kind {
        Kind::Number => numeric(tokens, i).is_some(),
        Kind::Emoji => symbols(tokens, i).is_some(),
        _ => false,
    })
}

/// A star symbol: filled (`true`) or empty (`false`); the emoji's variation selector may follow.
fn symbol(text: &str) -> Option<bool> {
    match text.trim_end_matches('\u{FE0F}') {
        "⭐" | "★" | "🌟" => Some(true),
        "☆" => Some(false),
        _ => None,
    }
}

/// The value of a number token ("8", "7.5", "4,5" as written in much of Europe).
fn number(t: &Token<'_>) -> Option<f32> {
    (t.kind == Kind::Number).then(|| t.text.replace(',', ".").parse().ok()).flatten()
}

/// A count of stars spelled out ("no stars", "zero", "one" ... "five").
fn spelled(w: &str) -> Option<f32> {
    Some(match w {
        "no" | "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
