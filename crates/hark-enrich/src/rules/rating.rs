//! Review ratings: "8/10", "2 out of 5", "1 star", "five-star", "★★★☆☆". A verdict in numbers and symbols, which no
//! lexicon scores: "5 stars" and "1 star" were both neutral, "10/10" and "⭐⭐⭐⭐⭐" alone unscored. Dates, shares and
//! numbering look the same ("on 3/10", "9/10 times", "9 out of 10 dentists", "page 4/10", a thread's "1/5"), so a
//! pair of numbers counts only where a rating stands: at the end of its clause, at the start of one before what it
//! rates, before a verdict ("10/10 would buy again", "3/10 at best"), or after a word that gives one ("a", "rated",
//! "solid"); and not after a word of dates and parts, nor before a share's "of" or plural, nor in a thread.

use super::{Entry, Role};
use crate::lexicon::is_negation;
use crate::tokenize::{ends_clause, Kind, Token};

/// Words before a pair of numbers, up to three back in its clause, that make it a rating ("rated it 2/5 and", "a
/// solid 8/10 for"); "a" and "an" only right before it ("an 8/10 burger", not "a table for 3/10").
const CUES: &str = "rate rated rating rates score give gave giving solid verdict";

/// Words after a pair of numbers that a rating stands before ("3/10 at best", "8/10 tops", "9/10 tbh"); "would",
/// "for" and "from" are [`verdict_after`]'s.
const AFTER: &str = "tops overall imo honestly tbh ngl lol recommend stars star";

/// Words that, the nearest word before a pair of numbers (punctuation between or not), make it a date, a part or a
/// page ("on 3/10", "Friday, 3/10", "release date: 4/10", "Ep. 3/10", "pt 1/5"), or a score or share received ("got
/// 3/5", "scored 8/10").
const NOT_BEFORE: &str = "on by until till til since before after due thru through to for starting from \
    mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday \
    today tonight tomorrow yesterday date dated born eta update updated edit release released launch launches opens \
    page pg step part pt chapter ch episode ep season vol volume round game set sets level day week no nr goal progress \
    got scored";

/// Words after a pair of numbers that make it a share ("9/10 times", "3/5 of my friends", "a 1/10 chance"), as a
/// plural does ("9 out of 10 dentists").
const SHARES: &str = "of times time chance chances odds people";

/// Words after a pair of numbers at the start of a clause that go on with a date, not with what a rating rates.
const GOES_ON: &str = "would will is are was were at in on to and or from works work";

/// Words after "N stars" that make it a class, not a verdict ("a 5-star hotel", "a four-star general", "a 2-star
/// Michelin restaurant", "a 4-star commit").
const CLASSES: &str = "hotel hotels resort resorts general generals admiral michelin recruit recruits commit commits \
    prospect prospects player players";

/// Words before "N stars" that make them stars won or held, not given ("got all 3 stars", "the hotel has 4 stars",
/// "the 4.8 stars it has on the app store", "got 3 stars on every level"; not "got 5 stars from me").
const HELD: &str = "all the has have had got earned won";

/// Verbs after "N stars to" that make them stars to win ("3 stars to collect"; not "5 stars to the chef").
const TO_WIN: &str = "collect earn unlock get win";

/// Whether `word` is one of the space-separated `list`: these lists are read only where a rating may stand.
fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// The valence of a rating of `score` out of `best` on the lexicon's scale (VADER's "horrible" is -2.5, "great"
/// 3.1): the bottom fifth as bad as it gets, a middling 5 or 6 out of 10 or 3 stars neutral, 9 and 10 out of 10
/// praise, and so is a fan's "11/10" (which [`numeric`] reads only after "a" or "an", or before "would").
fn valence(score: f32, best: f32) -> f32 {
    match score / best {
        r if r <= 0.2 => -2.5,
        r if r <= 0.4 => -1.8,
        r if r < 0.7 => 0.0,
        r if r < 0.85 => 1.9,
        _ => 2.8,
    }
}

/// How many tokens back [`numeric`] looks for the word before a number: in a long document of ratings without words
/// (a pasted table of scores) the walk back would otherwise go to its start at every number.
const REACH: usize = 64;

/// Whether a text is (part of) a thread, whose "1/5", "3/10" count its posts: it holds "🧵" or the word "thread".
pub(crate) fn thread(tokens: &[Token<'_>]) -> bool {
    tokens.iter().any(|t| t.text.starts_with('🧵') || t.norm == "thread")
}

/// [`thread`] worked out on first call only, for rules that ask it once per pair of numbers and usually never;
/// `known` is the answer when `tokens` are a piece of a longer text that already said.
pub(crate) fn thread_once<'t, 'a>(tokens: &'t [Token<'a>], known: Option<bool>) -> impl Fn() -> bool + use<'t, 'a> {
    let marked = std::cell::OnceCell::new();
    move || *marked.get_or_init(|| known.unwrap_or_else(|| thread(tokens)))
}

/// A rating in numbers starting at number token `i` ("8/10", "8 / 10", "7.5/10", "85/100", "8 out of 10", "9 outta
/// 10"): its valence, where it stands as a rating (see the top of this file). `thread()` says whether the text is a
/// thread ([`thread`]; asked only of a pair of numbers, and worked out once by the caller). With the valence, the
/// rating's scale (5, 10 or 100), on which a bare number after it is read ([`bare`]).
pub(crate) fn numeric(tokens: &[Token<'_>], i: usize, thread: &impl Fn() -> bool) -> Option<(f32, f32)> {
    let word = |k: usize| tokens.get(k).filter(|t| t.kind == Kind::Word).map(|t| &*t.norm);
    let punct = |k: usize, p: &str| tokens.get(k).is_some_and(|t| t.kind == Kind::Punct && t.text == p);
    let (best_at, best) = best(tokens, i)?;
    let score = number(&tokens[i])?;
    // Part of a date ("2024/3/10", "3/10/2024"), or of a thread ("🧵", "thread", "1/5" counted by its parts).
    if (i > 0 && punct(i - 1, "/")) || punct(best_at + 1, "/") || thread() {
        return None;
    }
    // The nearest word before, across punctuation ("Friday, 3/10"), and the cues of its clause.
    let before =
        (i.saturating_sub(REACH)..i).rev().take_while(|k| !ends_clause(&tokens[*k]) || *k + 2 >= i).filter_map(word);
    // A score received, unless the writer gives it as a verdict ("the movie got 2/10 from me").
    let verdict = verdict_after(tokens, best_at + 1);
    if before.clone().next().is_some_and(|w| listed(NOT_BEFORE, w) && !(matches!(w, "got" | "scored") && verdict)) {
        return None;
    }
    let article = i > 0 && matches!(word(i - 1), Some("a" | "an"));
    let cued = article || before.take(3).any(|w| listed(CUES, w));
    let next = tokens.get(best_at + 1);
    let share = next.is_some_and(|t| {
        t.kind == Kind::Word && !listed(AFTER, &t.norm) && (listed(SHARES, &t.norm) || plural(&t.norm))
    });
    if share || (score > best && !(best == 10.0 && score <= 12.0 && (article || verdict))) {
        return None;
    }
    let stands = verdict
        || match next {
            None => true,
            Some(t) => match t.kind {
                Kind::Punct => ends_clause(t) || matches!(t.text, ")" | "]" | "-" | "–" | "—" | "|" | "~"),
                Kind::Emoji | Kind::Emoticon | Kind::Hashtag => true,
                // At the start of a clause, a rating stands before what it rates ("10/10 day", "1/10 experience
                // with Hertz"); a capital there starts a sentence ("1/5 Here's why"), and a verb or a preposition
                // goes on with a date ("3/10 would work", "3/10 at 9").
                Kind::Word => {
                    let opens =
                        i == 0 || tokens.get(i - 1).is_some_and(|p| ends_clause(p) || matches!(p.text, "(" | "-"));
                    let rated = !t.text.starts_with(char::is_uppercase) && !listed(GOES_ON, &t.norm);
                    listed(AFTER, &t.norm) || (opens && rated)
                }
                _ => false,
            },
        };
    // "10/10 would not recommend" is a joke at the product's expense.
    let sarcastic = verdict
        && word(best_at + 1) == Some("would")
        && tokens
            .get(best_at + 2)
            .is_some_and(|t| t.norm.ends_with("not") || t.norm == "never" || t.norm.ends_with("n't"));
    let valence = if sarcastic { -valence(score, best).abs() } else { valence(score, best) };
    (cued || stands).then_some((valence, best))
}

/// Where the best score of a pair of numbers starting at token `i` stands, and what it is: 5, 10 or 100 after "/",
/// "out of" or "outta".
fn best(tokens: &[Token<'_>], i: usize) -> Option<(usize, f32)> {
    let word = |k: usize| tokens.get(k).filter(|t| t.kind == Kind::Word).map(|t| &*t.norm);
    let best_at = match (tokens.get(i + 1).map(|t| t.text), word(i + 1), word(i + 2)) {
        (Some("/"), _, _) | (_, Some("outta"), _) => i + 2,
        (_, Some("out"), Some("of")) => i + 3,
        _ => return None,
    };
    let best = tokens.get(best_at).and_then(number).filter(|b| matches!(*b as u32, 5 | 10 | 100) && b.fract() == 0.0);
    best.map(|b| (best_at, b))
}

/// A bare number given as a rating on the scale of one the post gave before ("Trustpilot says 4.6 stars but my
/// experience was a 1", "not a 10/10 but definitely an 8"): a whole number of at most `best` (5 or 10) right after
/// "a" or "an", standing where a rating does (the end of its clause or the post, or before an emoji or one of the
/// words a rating stands before, "an 8 tbh"); not "a 1 in 5 chance", "a 2 hour wait", "a 2-hour wait", nor after
/// a negation, which says what the thing is not ("8/10 but only because nothing is a 10").
pub(crate) fn bare(tokens: &[Token<'_>], i: usize, best: f32) -> Option<f32> {
    // The article first: it rules out nearly every number.
    let article = i.checked_sub(1).and_then(|k| tokens.get(k)).is_some_and(|t| matches!(&*t.norm, "a" | "an"));
    if !article {
        return None;
    }
    let score = number(&tokens[i]).filter(|s| s.fract() == 0.0 && *s <= best && matches!(best as u32, 5 | 10))?;
    let negated = (i.saturating_sub(5)..i.saturating_sub(1))
        .rev()
        .map(|k| &tokens[k])
        .take_while(|t| !ends_clause(t))
        .any(|t| is_negation(&t.norm));
    // Not before a hyphen ("a 2-hour wait", "a 5-star hotel") nor before stars, which [`stars`] and [`symbols`] read.
    let stands = match tokens.get(i + 1) {
        None => true,
        Some(t) => match t.kind {
            Kind::Punct => ends_clause(t) || t.text == ")",
            Kind::Emoji => symbol(t.text).is_none(),
            Kind::Emoticon => true,
            Kind::Word => {
                !matches!(&*t.norm, "star" | "stars") && (listed(AFTER, &t.norm) || verdict_after(tokens, i + 1))
            }
            _ => false,
        },
    };
    (stands && !negated).then(|| valence(score, best))
}

/// Weighs a post that gives a rating, `items` and their `sentiments`, as a reader does: the rating is the writer's
/// verdict and the words around it count half ("a generous 3/10, tasted like cardboard"), a tenth beside a middling
/// one ("great food, rude staff, 6/10", "3 stars, decent but bland"; on a third set of rating posts held out until
/// then, a half, a quarter and a tenth got 107, 110 and 114 of 140 right). Of several ratings, the one the post calls
/// its verdict ("overall 8/10", "Final score: 6/10", "overall still a 7 for me") decides: the others rate parts
/// ("10/10 swinging, 6/10 story, overall 8/10") and count a tenth. Whether the verdict is middling.
pub(super) fn weigh(items: &[(&Token<'_>, Entry, u16)], sentiments: &mut [f32]) -> bool {
    let verdict = overall(items);
    let counts = |i: usize| verdict.is_none_or(|v| v == i);
    let middling =
        items.iter().enumerate().all(|(i, (_, e, _))| e.role != Role::Rating || e.valence == 0.0 || !counts(i));
    for (i, (s, (_, e, _))) in sentiments.iter_mut().zip(items).enumerate() {
        if e.role != Role::Rating {
            *s *= if middling { 0.1 } else { 0.5 };
        } else if !counts(i) {
            *s *= 0.1;
        }
    }
    middling
}

/// The last rating among several that the post calls its verdict, if any: "overall" or "verdict" up to three words
/// before it in its clause ("overall a 5/10 watch") or right after it ("9/10 overall"), or such a word, or a score,
/// rating or verdict called final, total or overall, ending the clause before the one it opens ("Overall rating:
/// 2/5", "Final score: 6/10"; not "final episode 3/10", "total bill $80, food 9/10").
fn overall(items: &[(&Token<'_>, Entry, u16)]) -> Option<usize> {
    let ratings = items.iter().filter(|(_, e, _)| e.role == Role::Rating).count();
    let norm = |j: usize| &*items[j].0.norm;
    let calls = |j: usize| {
        matches!(norm(j), "overall" | "verdict")
            || (matches!(norm(j), "score" | "rating" | "grade")
                && j > 0
                && matches!(norm(j - 1), "final" | "total" | "overall"))
    };
    let clause = |j: usize| items[j].2;
    let called = |i: usize| {
        let within = (i.saturating_sub(3)..i).any(|j| clause(j) == clause(i) && calls(j));
        let after = items.get(i + 1).is_some_and(|(t, _, c)| *c == clause(i) && t.norm == "overall");
        let opens = i > 0 && clause(i - 1) != clause(i) && calls(i - 1);
        within || after || opens
    };
    (ratings > 1).then(|| (0..items.len()).rev().find(|&i| items[i].1.role == Role::Rating && called(i))).flatten()
}

/// Whether the words from token `k` give a verdict on the rating before them: "would" with "recommend" or "again"
/// within four words ("10/10 would recommend", "8/10 would watch again"; not "3/10 would work for me"), "at best" or
/// "at most", "for me", "from me".
fn verdict_after(tokens: &[Token<'_>], k: usize) -> bool {
    let word = |k: usize| tokens.get(k).filter(|t| t.kind == Kind::Word).map(|t| &*t.norm);
    match word(k) {
        Some("would") => (k + 1..k + 5).any(|j| matches!(word(j), Some("recommend" | "again"))),
        Some("at") => matches!(word(k + 1), Some("best" | "most")),
        Some("for" | "from") => word(k + 1) == Some("me"),
        _ => false,
    }
}

/// Whether a lower-case word looks like an English plural: ends in "s" but not "ss", "us", "is" or "'s".
fn plural(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !["ss", "us", "is", "'s"].iter().any(|e| w.ends_with(e))
}

/// A rating in stars ending at the word "star" or "stars", token `i` ("1 star", "five stars", "4.5 stars", "5-star",
/// "zero stars"): its valence. Not where the number is the end of a rating in numbers ("4/5 stars", "4 out of 5
/// stars", which [`numeric`] reads), a class ("a 5-star hotel"), stars won ("got all 3 stars", "3 stars to
/// collect"), nor a name ("one Star Wars film").
pub(crate) fn stars(tokens: &[Token<'_>], i: usize) -> Option<f32> {
    let at = |k: usize| i.checked_sub(k).and_then(|k| tokens.get(k));
    let hyphen = at(1).is_some_and(|t| t.kind == Kind::Punct && t.text == "-");
    let n = if hyphen { 2 } else { 1 };
    let score = at(n).and_then(|t| match t.kind {
        Kind::Number => number(t),
        Kind::Word => spelled(&t.norm),
        _ => None,
    })?;
    let after = |k: usize| tokens.get(i + k).filter(|t| t.kind == Kind::Word);
    let of_pair =
        at(n + 1).is_some_and(|t| (t.kind == Kind::Punct && t.text == "/") || matches!(&*t.norm, "of" | "outta"));
    let class = after(1).is_some_and(|t| listed(CLASSES, &t.norm));
    // Stars received are the writer's verdict when one follows ("got 5 stars from me", "got 5 stars, would
    // recommend"), as for a rating in numbers.
    let held = (at(n + 1).is_some_and(|t| t.kind == Kind::Word && listed(HELD, &t.norm))
        && !verdict_after(tokens, i + 1))
        || (after(1).is_some_and(|t| t.norm == "to") && after(2).is_some_and(|t| listed(TO_WIN, &t.norm)));
    let capital = |t: &Token<'_>| t.text.starts_with(char::is_uppercase);
    let name = capital(&tokens[i]) && after(1).is_some_and(capital);
    (score <= 5.0 && !of_pair && !class && !held && !name).then(|| valence(score, 5.0))
}

/// A rating in star symbols ending at token `i`: three to five filled (⭐, ★, 🌟), or five with the empty (☆) after
/// the filled, as in "★★★☆☆", or one after a number of five or less ("4⭐"): its valence. A star or two alone is
/// praise or decoration, not a rating.
pub(crate) fn symbols(tokens: &[Token<'_>], i: usize) -> Option<f32> {
    let kind = |k: usize| tokens.get(k).filter(|t| t.kind == Kind::Emoji).and_then(|t| symbol(t.text));
    kind(i)?;
    if kind(i + 1).is_some() {
        return None;
    }
    let start = (0..=i).rev().take_while(|k| kind(*k).is_some()).last().unwrap_or(i);
    let run: Vec<bool> = (start..=i).filter_map(kind).collect();
    let filled = run.iter().take_while(|f| **f).count();
    if run.len() == 1 && filled == 1 {
        let score = i.checked_sub(1).and_then(|k| tokens.get(k)).and_then(number).filter(|s| *s <= 5.0)?;
        return Some(valence(score, 5.0));
    }
    let rated = run[filled..].iter().all(|f| !*f) && (run.len() == 5 || (filled == run.len() && filled >= 3));
    (rated && run.len() <= 5).then(|| valence(filled as f32, 5.0))
}

/// Whether a text holds a rating: what makes a post of numbers or star symbols alone ("10/10", "⭐⭐⭐⭐⭐") scorable.
pub(crate) fn any(tokens: &[Token<'_>]) -> bool {
    let thread = thread_once(tokens, None);
    (0..tokens.len()).any(|i| at(tokens, i, &thread).is_some())
}

/// The valence of the rating that token `i` carries, if any: a number starting one ([`numeric`]), a star symbol
/// ending one ([`symbols`]), the word "star" or "stars" ending one ([`stars`]; the rules know those words by their
/// cached role instead of comparing strings).
fn at(tokens: &[Token<'_>], i: usize, thread: &impl Fn() -> bool) -> Option<f32> {
    let t = &tokens[i];
    match t.kind {
        Kind::Number => numeric(tokens, i, thread).map(|(valence, _)| valence),
        Kind::Emoji => symbols(tokens, i),
        Kind::Word if matches!(&*t.norm, "star" | "stars") => stars(tokens, i),
        _ => None,
    }
}

/// A star symbol: filled (`true`) or empty (`false`); the emoji's variation selector may follow.
fn symbol(text: &str) -> Option<bool> {
    match text.trim_end_matches('\u{FE0F}') {
        "⭐" | "★" | "🌟" => Some(true),
        "☆" => Some(false),
        _ => None,
    }
}

/// The value of a number token ("8", "7.5", "4,5" as written in much of Europe; not "10,000").
fn number(t: &Token<'_>) -> Option<f32> {
    if t.kind != Kind::Number {
        return None;
    }
    let decimal_comma = t.text.rsplit_once(',').is_none_or(|(_, fraction)| fraction.len() <= 2);
    decimal_comma.then(|| t.text.replacen(',', ".", 1).parse().ok()).flatten()
}

/// A count of stars spelled out ("zero", "one" ... "five"; not "no", as in "no stars out tonight").
fn spelled(w: &str) -> Option<f32> {
    Some(match w {
        "zero" => 0.0,
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
