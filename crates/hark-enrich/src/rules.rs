//! VADER's rules over hark's tokens: negation, boosters and dampeners, "but" contrast, capitals, elongation and
//! exclamation emphasis, and hark's own for what VADER misreads: review ratings ([`rating`]), ironic praise
//! ([`irony`]), idioms, verdicts with "again" and praise said as a limit. Ported rather than bound to Python so that it
//! runs in-process at tens of thousands of mentions a second; it is both the baseline and the main input of the
//! learned layer (`model`).

use arrayvec::ArrayVec;
use smallvec::SmallVec;

use super::lexicon::{
    affirms, booster, is_filler, is_fix, is_negation, phrase_group, phrases_in, Lexicon, B_INCR, NOT, PATRONAGE, PRAISE,
};
use super::tokenize::{ends_clause, Kind, Token};

mod irony;
mod rating;

pub(crate) use rating::any as has_rating;

/// VADER's emphasis for a word in capitals among lower-case ones.
const C_INCR: f32 = 0.733;
/// VADER's scaling of a negated valence.
const N_SCALAR: f32 = -0.74;
/// The valence of "still" before a negation (the phrase "still waiting" has -1.3).
const STILL_NOT: f32 = -1.2;
/// The valence of "again" after a negation: a customer who will not come back ("won't order again").
const NOT_AGAIN: f32 = -1.5;
/// The valence of "again" after "would": a customer who would come back ("would stay again").
const WOULD_AGAIN: f32 = 1.2;
/// The valence of "enough" after a negation and a verb of praise: "can't recommend them enough".
const PRAISE_ENOUGH: f32 = 2.5;
/// How many words before "enough" the negation may stand ("can't recommend the night staff enough").
const ENOUGH_REACH: usize = 6;
/// How many words before "again" a negation or "would" may stand ("never buying from them again").
const AGAIN_REACH: usize = 5;

/// The rule-based scores of one text, VADER's four numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RuleScores {
    /// Normalised sum in [-1, 1].
    pub compound: f32,
    /// Share of positive intensity.
    pub pos: f32,
    /// Share of negative intensity.
    pub neg: f32,
    /// Share of neutral items.
    pub neu: f32,
    /// Whether the text gives a rating and its verdict is middling: every rating it gives ("6/10", "3 stars"), or
    /// the one it calls its verdict among several ("overall 5/10").
    pub middling: bool,
    /// Whether the text praises a failure ([`irony`]), so that its praise words counted against.
    pub ironic: bool,
}

/// What the rules need of one token from the lexicons: valence, booster increment, whether it negates, the phrases
/// it ends, its [`Role`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Entry {
    /// The token's valence ([`Lexicon::valence`]); 0 when unknown.
    pub valence: f32,
    /// Its booster or dampener increment ([`booster`]), if it is one.
    pub booster: Option<f32>,
    /// Whether it negates what follows ([`is_negation`]).
    pub negation: bool,
    /// The group of [`PHRASES`](super::lexicon::PHRASES) it ends ([`phrase_group`]; 0 for none), whose words take
    /// the phrase's valences.
    pub phrases: u8,
    /// What the rules read of the word itself beyond the lexicons.
    pub role: Role,
}

/// Words the rules treat apart, known once per distinct word (in the facts cache) rather than compared per text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Role {
    /// Any other word.
    #[default]
    Other,
    /// "a", "an" or "single", which a negation's three-word reach does not count ("never had a single problem").
    Filler,
    /// "still", a wait that goes on before a negation ([`STILL_NOT`]).
    Still,
    /// "again", a customer's verdict after a negation or "would" ([`verdict_again`]).
    Again,
    /// "star" or "stars", which a number before makes a rating ([`rating::stars`]).
    Star,
    /// "enough", praise after a negation and a verb of praise ([`praise_enough`]).
    Enough,
    /// A rating ([`rating`]): a negation does not turn a bad one into praise ("not even 1 star", "can't give zero
    /// stars"), nor does a fix word ("zero stars").
    Rating,
}

impl Role {
    /// The role of a lower-case word.
    fn of(norm: &str) -> Role {
        match norm {
            _ if is_filler(norm) => Role::Filler,
            "still" => Role::Still,
            "again" => Role::Again,
            "star" | "stars" => Role::Star,
            "enough" => Role::Enough,
            _ => Role::Other,
        }
    }
}

impl Entry {
    /// Looks a token up in the lexicons.
    pub(crate) fn of(lex: &Lexicon, t: &Token<'_>) -> Entry {
        Entry {
            valence: lex.valence(t),
            booster: booster(t),
            negation: is_negation(&t.norm),
            phrases: phrase_group(&t.norm),
            role: Role::of(&t.norm),
        }
    }
}

/// Scores tokens with VADER's rules; all-zero when nothing carries sentiment.
pub fn score(lex: &Lexicon, tokens: &[Token<'_>]) -> RuleScores {
    score_with(tokens, |i| Entry::of(lex, &tokens[i]))
}

/// [`score`] with the lexicon entries of token `i` given by `entry(i)` (a scorer that cached them per word).
pub(crate) fn score_with(tokens: &[Token<'_>], entry: impl Fn(usize) -> Entry) -> RuleScores {
    // The items, each with its clause (a negation reaches no further than its clause, [`ends_clause`]), in a stack
    // array (a `SmallVec::push` was a call per token), in a `Vec` past its size. An `ArrayVec`, not an array filled
    // first: filling 32 items was 220 instructions of straight-line code, a dozen instruction-cache misses per call.
    let mut inline: ArrayVec<(&Token<'_>, Entry, u16), 32> = ArrayVec::new();
    let mut spilled = Vec::new();
    let (mut n_caps, mut n_words, mut any_valence, mut any_phrase, mut any_rating) =
        (0usize, 0usize, false, false, false);
    let mut clause = 0u16;
    // The scale of the last rating: a bare number given as a rating after one is read on it ([`rating::bare`]).
    let mut scale = None;
    for (i, t) in tokens.iter().enumerate() {
        if ends_clause(t) {
            clause = clause.wrapping_add(1);
        }
        let item = if matches!(t.kind, Kind::Word | Kind::Hashtag | Kind::Emoji | Kind::Emoticon) {
            let mut e = entry(i);
            let rated = if e.role == Role::Star {
                rating::stars(tokens, i)
            } else if t.kind == Kind::Emoji {
                rating::symbols(tokens, i)
            } else {
                None
            };
            if let Some(valence) = rated {
                (e.valence, e.role) = (valence, Role::Rating);
                scale = Some(5.0);
            }
            Some(e)
        } else if t.kind == Kind::Number {
            // A number is an item only as a rating ("8/10"), which has no word to stand on.
            let rated = rating::numeric(tokens, i);
            if rated.is_some() {
                scale = rating::scale(tokens, i).or(scale);
            }
            let rated = rated.or_else(|| scale.and_then(|best| rating::bare(tokens, i, best)));
            rated.map(|valence| Entry { valence, role: Role::Rating, ..Entry::default() })
        } else {
            None
        };
        if let Some(e) = item {
            n_caps += usize::from(t.caps);
            n_words += usize::from(t.kind == Kind::Word);
            any_valence |= e.valence != 0.0;
            any_phrase |= e.phrases != 0;
            any_rating |= e.role == Role::Rating;
            if !spilled.is_empty() {
                spilled.push((t, e, clause));
            } else if let Err(full) = inline.try_push((t, e, clause)) {
                spilled.extend(inline.drain(..));
                spilled.push(full.element());
            }
        }
    }
    let items: &mut [(&Token<'_>, Entry, u16)] = if spilled.is_empty() { &mut inline } else { &mut spilled };
    if any_phrase {
        any_valence |= apply_phrases(items);
    }
    // "still" right before a negation is a wait that goes on ("still not here", "still hasn't replied", "still no
    // refund"): a complaint stated as a fact, in words without a valence. Not before a negation that affirms ("still
    // can't believe how good it is").
    for i in 1..items.len() {
        if items[i].1.negation
            && items[i - 1].1.valence == 0.0
            && items[i - 1].1.role == Role::Still
            && !affirms_at(items, i)
        {
            items[i - 1].1.valence = STILL_NOT;
            any_valence = true;
        }
        if items[i].1.role == Role::Again && items[i].1.valence == 0.0 {
            any_valence |= verdict_again(items, i);
        }
        if items[i].1.role == Role::Enough {
            any_valence |= praise_enough(items, i);
        }
    }
    let items = &*items;
    if items.is_empty() {
        return RuleScores::default();
    }
    let mut sentiments: SmallVec<[f32; 32]> = smallvec::smallvec![0.0f32; items.len()];
    if !any_valence {
        // Nothing to score, nothing to contrast: every item is neutral, a middling rating too ("Watched Dune. 6/10").
        let middling = any_rating && rating::weigh(items, &mut sentiments);
        return RuleScores { middling, ..finish(&sentiments, tokens) };
    }
    let cap_diff = n_caps > 0 && n_caps < n_words;
    let word = |j: usize| &*items[j].0.norm;
    let valence = |j: usize| items[j].1.valence;
    let boost = |j: usize| items[j].1.booster;
    let negation = |j: usize| items[j].1.negation;
    // A booster boosts the sentiment word right after it in its clause ("super helpful"), and then its own valence,
    // if it has one, does not count; where it boosts none, it does ("the staff were super!", "the series is
    // incredible. Binged it", "mad at them").
    let boosting =
        |k: usize| boost(k).is_some() && k + 1 < items.len() && items[k + 1].2 == items[k].2 && valence(k + 1) != 0.0;
    // A booster in Title Case before another Title Case word starts a name ("Super Bowl", "Mad Max"; not "SUPER
    // FAST", nor "Incredible service").
    let title = |k: usize| {
        let text = items[k].0.text;
        text.starts_with(char::is_uppercase) && text.chars().any(char::is_lowercase)
    };
    let names = |k: usize| boost(k).is_some() && k + 1 < items.len() && title(k) && title(k + 1);
    for (i, (t, _, _)) in items.iter().enumerate() {
        let base = valence(i);
        if base == 0.0 || boosting(i) || names(i) || (word(i) == "kind" && i + 1 < items.len() && word(i + 1) == "of") {
            continue;
        }
        // "no" before a sentiment word negates it instead of counting as negative itself.
        if word(i) == "no" && i + 1 < items.len() && valence(i + 1) != 0.0 {
            continue;
        }
        let mut v = base;
        if t.caps && cap_diff {
            v += C_INCR.copysign(v);
        }
        if t.elongated {
            v += B_INCR.copysign(v);
        }
        let pictorial = matches!(t.kind, Kind::Emoji | Kind::Emoticon);
        // VADER's three words back, not counting articles and "single" ("never had a single problem").
        let (mut j, mut back) = (i, 0usize);
        while back < 3 {
            let Some(k) = j.checked_sub(1) else { break };
            j = k;
            if items[j].1.role == Role::Filler {
                continue;
            }
            back += 1;
            let prev = items[j].0;
            // A booster with a valence of its own boosts only the word it stands before ([`boosting`]): where it
            // counted for itself, it boosts nothing further on ("super quick and friendly").
            if valence(j) == 0.0 || negation(j) || (boosting(j) && j + 1 == i) {
                if let Some(b) = boost(j) {
                    let mut s = b * v.signum() * [1.0, 0.95, 0.9][back - 1];
                    if prev.caps && cap_diff {
                        s += C_INCR.copysign(v);
                    }
                    v += s;
                }
                // A negation of a fix ("hasn't fixed the crashes") leaves the fault as it is; one in an earlier
                // clause negates nothing here ("never an issue, best rates": VADER, which drops punctuation, flips
                // "best"); nor does one that negates a word before an emoji or emoticon, which says how the writer
                // feels about what they wrote ("not happy 😡", "didn't disappoint 🔥"; but "not 👍").
                let same_clause = items[j].2 == items[i].2;
                // A negation takes back a good rating ("not a 10/10", "wouldn't give it 5 stars"), but none turns a
                // bad one into praise ("can't even give it one star"), nor does one that negates a sentiment word
                // between ("not bad 8/10").
                let kept_rating = items[i].1.role == Role::Rating && (v < 0.0 || (j + 1..i).any(|k| valence(k) != 0.0));
                if negation(j)
                    && same_clause
                    && !(kept_rating || (pictorial && back > 1))
                    && !affirms_at(items, j)
                    && !(j + 1..i).any(|k| is_fix(word(k)))
                {
                    // "never so good" is VADER's emphatic case; any other negation in reach flips and damps.
                    let emphatic = word(j) == "never" && j + 1 < i && matches!(word(j + 1), "so" | "this");
                    v *= if emphatic { 1.25 } else { N_SCALAR };
                }
            }
        }
        if i >= 1 && word(i - 1) == "least" && !(i >= 2 && matches!(word(i - 2), "at" | "very")) {
            v *= N_SCALAR;
        }
        if i >= 2 && word(i - 2) == "kind" && word(i - 1) == "of" {
            v -= B_INCR.copysign(v);
        }
        // A fault that was fixed is news of a fix: "the update fixes crashes", "zero crashes since the patch". Only
        // the first fault word within three after a fix word ("zero" right before it), and not a fix that failed or
        // has not come: a negation just before the fix word or between ("nobody has fixed the leak", "the fix
        // didn't work"), "but", "still" or "again" between ("fixed but still broken"), or another fault between
        // ("fixing one bug broke three more").
        let fixed = |b: usize| {
            let Some(f) = i.checked_sub(b).filter(|f| is_fix(word(*f)) && (b == 1 || word(*f) != "zero")) else {
                return false;
            };
            // The word, not `negation(k)`: a phrase clears its negations ("didn't work"), which still undo a fix.
            let negated = |k: usize| is_negation(word(k)) || word(k) == "nobody";
            let failed = (f.saturating_sub(2)..f).any(negated)
                || (f + 1..i).any(|k| negated(k) || matches!(word(k), "but" | "still" | "again") || valence(k) < 0.0);
            !failed
        };
        if v < 0.0 && items[i].1.role != Role::Rating && (1..=3).any(fixed) {
            v *= N_SCALAR;
        }
        sentiments[i] = v;
    }
    // Contrast: what follows "but" counts more than what precedes it. A rating before it is the writer's verdict,
    // which a remark after "but" qualifies but does not overturn ("1/10 but the staff were lovely", "9/10 but the
    // parking was awful"); only another rating after it does ("the app is a 6/10 but support made it a 9/10").
    if let Some(b) = items.iter().position(|(t, _, _)| matches!(&*t.norm, "but" | "however")) {
        let rated_after = items[b..].iter().any(|(_, e, _)| e.role == Role::Rating);
        for (i, (s, (_, e, _))) in sentiments.iter_mut().zip(items.iter()).enumerate() {
            if rated_after || e.role != Role::Rating {
                *s *= if i < b { 0.5 } else { 1.5 };
            }
        }
    }
    let middling = any_rating && rating::weigh(items, &mut sentiments);
    // Praise that means the opposite counts against ([`irony`]).
    let ironic = sentiments.iter().sum::<f32>() > 0.0 && irony::ironic(tokens);
    if ironic {
        for s in sentiments.iter_mut().filter(|s| **s > 0.0) {
            *s = -*s;
        }
    }
    RuleScores { middling, ironic, ..finish(&sentiments, tokens) }
}

/// Gives "again" at `items[i]` a customer's verdict when a verb of coming back as a customer ([`PATRONAGE`]: "order",
/// "fly", "stay", ...) stands between it and a negation or "would" of its clause, up to [`AGAIN_REACH`] words before
/// it, with no sentiment word between: [`NOT_AGAIN`] after a negation ("won't order again", "never buying from them
/// again"), the negation then part of the phrase, not a flip; [`WOULD_AGAIN`] after "would" ("would use again", "I'd
/// fly with them again"). Not "won't happen again", "haven't had to restart it again", "wish it would work again",
/// "didn't crash again", nor after a negation that affirms. Whether it did.
fn verdict_again(items: &mut [(&Token<'_>, Entry, u16)], i: usize) -> bool {
    let clause = items[i].2;
    let (mut verb, mut would) = (false, false);
    for j in (i.saturating_sub(AGAIN_REACH)..i).rev().take_while(|j| items[*j].2 == clause) {
        let (t, e, _) = &items[j];
        if e.valence != 0.0 {
            break;
        }
        verb |= PATRONAGE.contains(&&*t.norm);
        // A negation before "would" still decides ("don't think I'd order again").
        would |= verb && matches!(&*t.norm, "would" | "i'd" | "we'd");
        if verb && e.negation && !affirms_at(items, j) {
            items[i].1.valence = NOT_AGAIN;
            items[j].1.negation = false;
            return true;
        }
    }
    if would {
        items[i].1.valence = WOULD_AGAIN;
    }
    would
}

/// Gives "enough" at `items[i]` the valence of praise ([`PRAISE_ENOUGH`]) when "can't", "cannot" or "couldn't"
/// stands right before a verb of praise ([`PRAISE`]) up to [`ENOUGH_REACH`] words before it in its clause: "can't
/// recommend this place enough", "cannot thank the team enough" (VADER flipped "recommend" and "thank"), "can't get
/// enough of it" (not "can't get enough sleep"); and, "enough" coming before what is praised, "can't say enough good
/// things" (before a fault, "can't say enough bad things", the negation then flips nothing and "enough" stays
/// neutral). Not after another negation, where "enough" is too little ("doesn't thank its drivers enough"). The
/// negation negates nothing and the words between carry no valence of their own. Whether "enough" became praise.
fn praise_enough(items: &mut [(&Token<'_>, Entry, u16)], i: usize) -> bool {
    let clause = items[i].2;
    // "can't get enough of it", not "can't get enough sleep"; "can't say enough good things", not "bad things".
    let of = items.get(i + 1).is_some_and(|(t, _, _)| t.norm == "of");
    let bad_after = items[i + 1..].iter().take_while(|(_, _, c)| *c == clause).any(|(_, e, _)| e.valence < 0.0);
    let unable = |w: &str| matches!(w, "can't" | "cant" | "cannot" | "couldn't" | "couldnt");
    for j in (i.saturating_sub(ENOUGH_REACH)..i).rev().take_while(|j| items[*j].2 == clause) {
        let verb = items
            .get(j + 1)
            .filter(|(t, _, _)| j + 1 < i && PRAISE.contains(&&*t.norm) && (t.norm != "get" || of))
            .map(|(t, _, _)| &*t.norm);
        if let Some(verb) = verb.filter(|_| unable(&items[j].0.norm) && !affirms_at(items, j)) {
            // Before a fault, the limit says how bad, and the negation flips nothing: "can't say enough bad things".
            let praise = !(verb == "say" && bad_after);
            for (_, e, _) in &mut items[j..i] {
                (e.valence, e.negation) = (0.0, false);
            }
            if praise {
                items[i].1.valence = PRAISE_ENOUGH;
            }
            return praise;
        }
    }
    false
}

/// Whether the negation at `items[j]` affirms instead ([`affirms`], read with the words around it): "no doubt",
/// "couldn't be happier".
fn affirms_at(items: &[(&Token<'_>, Entry, u16)], j: usize) -> bool {
    let word = |k: usize| items.get(k).map_or("", |(t, _, _)| &*t.norm);
    affirms(if j > 0 { word(j - 1) } else { "" }, word(j), word(j + 1), word(j + 2), word(j + 3))
}

/// Gives the words of every phrase in `items` ([`PHRASES`](super::lexicon::PHRASES)) the phrase's valences: the
/// last word the phrase's, the others none, and none of them negates. Whether any valence is then set.
fn apply_phrases(items: &mut [(&Token<'_>, Entry, u16)]) -> bool {
    let mut any = false;
    for end in 0..items.len() {
        if items[end].1.phrases == 0 {
            continue;
        }
        for (words, valence) in phrases_in(items[end].1.phrases) {
            // A phrase does not reach across a clause's end ("So, based on", "Nope. Worth it.").
            let Some(start) = (end + 1).checked_sub(words.len()).filter(|s| items[*s].2 == items[end].2) else {
                continue;
            };
            if items[start..=end].iter().zip(*words).all(|((t, e, _), w)| phrase_word(&t.norm, e.negation, w)) {
                items[start..=end].iter_mut().for_each(|(_, e, _)| (e.valence, e.negation) = (0.0, false));
                items[end].1.valence = *valence;
                any |= *valence != 0.0;
            }
        }
    }
    any
}

/// Whether a token (lower case, negating or not) is the phrase word `word`: the same letters with or without
/// apostrophes ("didnt", "didn't"), or any negation for [`NOT`].
fn phrase_word(norm: &str, negation: bool, word: &str) -> bool {
    if word == NOT {
        return negation;
    }
    let letter = |b: &u8| *b != b'\'';
    norm.bytes().filter(letter).eq(word.bytes().filter(letter))
}

fn finish(sentiments: &[f32], tokens: &[Token<'_>]) -> RuleScores {
    let sum: f32 = sentiments.iter().sum();
    let (mut bangs, mut questions) = (0usize, 0usize);
    for t in tokens.iter().filter(|t| t.kind == Kind::Punct) {
        bangs += t.text.bytes().filter(|b| *b == b'!').count();
        questions += t.text.bytes().filter(|b| *b == b'?').count();
    }
    let ep = bangs.min(4) as f32 * 0.292;
    let qm = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f32 * 0.18,
        _ => 0.96,
    };
    let amp = ep + qm;
    let total = if sum > 0.0 {
        sum + amp
    } else if sum < 0.0 {
        sum - amp
    } else {
        0.0
    };
    let compound = (total / (total * total + 15.0).sqrt()).clamp(-1.0, 1.0);
    let (mut pos, mut neg, mut neu) = (0.0f32, 0.0f32, 0.0f32);
    for s in sentiments {
        if *s > 0.0 {
            pos += s + 1.0;
        } else if *s < 0.0 {
            neg += s - 1.0;
        } else {
            neu += 1.0;
        }
    }
    if pos > neg.abs() {
        pos += amp;
    } else if pos < neg.abs() {
        neg -= amp;
    }
    let all = pos + neg.abs() + neu;
    if all == 0.0 {
        return RuleScores { compound, ..RuleScores::default() };
    }
    RuleScores { compound, pos: pos / all, neg: neg.abs() / all, neu: neu / all, middling: false, ironic: false }
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    fn c(text: &str) -> f32 {
        score(&Lexicon::new(), &tokenize(text)).compound
    }

    /// Asserts that every one of `texts` scores below `ceiling`, naming the first that does not.
    fn below(ceiling: f32, texts: &[&str]) {
        for text in texts {
            assert!(c(text) < ceiling, "{text}: {}", c(text));
        }
    }

    /// Asserts that every one of `texts` scores above `floor`, naming the first that does not.
    fn above(floor: f32, texts: &[&str]) {
        for text in texts {
            assert!(c(text) > floor, "{text}: {}", c(text));
        }
    }

    #[test]
    fn polarity_and_negation() {
        assert!(c("this phone is good") > 0.3);
        assert!(c("this phone is not good") < -0.2);
        assert!(c("this phone isn't good") < -0.2);
        // Negations that affirm.
        assert!(c("couldn't be happier") > 0.3 && c("could not be worse") < -0.3);
        assert!(c("no doubt the best phone") > 0.3 && c("no issues so far") > 0.2);
        assert!(c("nothing but problems") < -0.3);
        assert!(c("won't be better than the original") < 0.0 && c("couldn't be more disappointed") < -0.3);
        assert!(c("can't wait for the new phone") > 0.3 && c("I can't believe how bad it is") < -0.3);
        assert!(c("thanks for nothing") < -0.3 && c("the staff were super!") > 0.3);
        assert!(c("the update fixes crashes") > 0.0 && c("zero crashes since the patch") > 0.0);
        // A fix that failed or has not come turns no fault around.
        below(
            0.0,
            &[
                "zero stars, terrible app",
                "supposedly fixed but still broken",
                "fixing one bug broke three more",
                "nobody has fixed the leak yet",
                "the patch still hasn't fixed the crashes",
                "didnt fix the crash",
            ],
        );
        assert!(c("to be honest the camera is not good") < -0.2 && c("honestly the camera is bad") < -0.4);
        assert!(c("this phone is bad") < -0.3);
        assert_eq!(c("this phone is blue"), 0.0);
        // A negation's scope ends with its clause: VADER, which drops punctuation, flips "best" here.
        assert!(c("two years, never an issue, best rates I've found") > 0.3);
        assert!(c("never an issue. great rates") > 0.3 && c("never a great rate") < 0.0);
    }

    /// Complaints and praise in phrases of neutral words, a negation inside them part of the phrase: VADER scored
    /// "doesn't work" 0, "can't complain" as mild as "can't be bad", and "nobody came" or "logs me out" 0.
    #[test]
    fn customer_phrases() {
        below(
            -0.2,
            &[
                "the app doesn't work since the update",
                "my package never arrived",
                "on hold for 2 hours and then they hung up",
                "still waiting for my refund",
                "emailed support twice, no response",
                "got charged twice for one order",
                "my router stopped working again",
                "the fix didn't work",
                "nothing works since the update",
                "the app isnt working again",
                "they canceled my flight",
                "another outage tonight",
                "overcharged again",
                "billed twice for October",
                "the courier never showed up",
                "paid but the order never went through",
                "cancelled in May and still being charged",
                "never again, Skyward",
                "can't stand the new UI",
                "Order #4411 still not here, 3 weeks now",
                "transfer sent Monday. Recipient still hasn't got it",
                "still no refund",
                "the update really let me down",
                "the season pass is a cash grab",
                "sent it back after a week",
                "engineer booked for the 14th, nobody came",
                "the app logs me out every time I switch tabs",
                "tracking still says in transit",
                "the site has been down since Friday",
                "left earbud stopped charging at 3 months",
                "Won't be renewing my policy next year",
                "customer service is a joke",
                "this app is an absolute joke",
                "what a joke",
                "your a joke",
                "support ghosted me",
                "this update is a downgrade",
                "£9 for a flat white is daylight robbery",
                "fed up with Thames Water",
                "not worth it at $70",
                "you had ONE job @PrimeVideo",
                "support left me on read for 5 days",
                "Chipotle portions fell off so hard",
                "patch 2.3 dropped and we're cooked",
                "underwhelmed by the new game",
                "the ick when the app asks me to pay",
                "Ryanair's bag fees are highway robbery",
                "total waste of money",
                "4 hrs late AGAIN. i've had enough of Quickcart",
                "the new timeline is dogwater",
                "this new flavor is so mid",
                "the rep was a massive red flag",
                "can't get enough sleep since the update, the alerts are terrible",
            ],
        );
        // A joke told is still a joke: only contempt turns it round.
        above(0.2, &["that was a funny joke", "just a joke bro"]);
        // "enough" is praise after "can't" and a verb of praise, not after another negation, nor before a fault.
        below(0.0, &["I cannot stress enough how awful this app is", "can't say enough bad things about them"]);
        below(0.3, &["Amazon doesn't thank its drivers enough"]);
        // Phrases in their plain sense, or across a clause's end, say nothing.
        for plain in [
            "So, based on the reviews, I ordered one",
            "we had enough time",
            "turn on read receipts",
            "I had one job interview today",
            "got kicked out of the park",
            "everything is cooked to order",
            "this is peak season",
            "the Pixel 8a is mid-range",
        ] {
            assert_eq!(c(plain), 0.0, "{plain}");
        }
        above(
            0.3,
            &[
                "still can't believe how good the new camera is",
                "no complaints about the ride",
                "honestly can't complain",
                "no regrets switching banks",
                "worth every penny",
                "the new location is spotless",
                "checkout was smooth and seamless",
                "Pixelforge sale got me 6 games for $20, absolute steal",
                "the new privacy controls are a big W",
                "upgraded us without asking. Class act.",
                "can't recommend this place enough",
                "I can't recommend them enough",
                "cannot thank you enough",
                "can't say enough good things about the staff",
                "customer support went above and beyond",
                "can't get enough of this app",
                "the Kindle was a no brainer",
                "you can't beat the price",
                "the Canon R50 punches above its weight",
                "Nandos understood the assignment",
                "the new chai is a vibe",
                "the glow up on the Wise app",
                "M&S lasagne is elite",
                "they knocked it out of the park",
                "the trainers go the extra mile",
                "the app update is a W",
                "Monzo pots are a lifesaver",
            ],
        );
        above(
            0.2,
            &[
                "SwiftDrop has never let me down",
                "it never lets me down",
                "this brand won't let you down",
                "never fails to impress",
                "rock solid for a month",
                "no hassle at all",
                "it does the job",
                "nobody beats their prices",
                "been with them 5 years, never had an issue",
                "my new holy grail. Obsessed!!",
            ],
        );
        // The phrase, stronger than VADER's flip of "fault" (0.31).
        assert!(c("can't fault them") > 0.4);
        // "Never fails to" passes what follows through; "never fails me" is still a flip.
        assert!(c("never fails to disappoint") < -0.2 && c("it never fails me") > 0.2);
        // A negation right before the phrase still turns it.
        assert!(c("never not working") > 0.0);
        // A phrase's last word negates nothing after it: "nothing" ends "thanks for nothing".
        assert!(c("thanks for nothing great app") > c("thanks for nothing"));
    }

    /// A customer's verdict in "again": leaving after a negation, staying after "would", and neither where "again" is
    /// no verdict.
    #[test]
    fn verdicts_with_again() {
        below(
            -0.2,
            &["won't be ordering from them again", "Never buying from Munchr again", "don't think I'd order again"],
        );
        above(0.2, &["would use again", "I'd fly with them again", "we'd happily book again"]);
        // "again" adds nothing here.
        for neither in [
            "sorry, it won't happen again",
            "haven't had to restart it again",
            "wish the app would work again",
            "they asked for my ID again at the door",
            "sorted without me having to chase them again",
        ] {
            assert_eq!(c(neither), c(&neither.replace(" again", "")), "{neither}");
        }
        // A negation in an earlier clause leaves "would" its verdict.
        assert!(c("not cheap, but would buy again") > 0.0);
        assert!(c("didn't crash again") > 0.0 && c("can't wait to go again") > 0.3);
    }

    /// Negations reach across "a" and "single", flip a word before an emoji but not the emoji, and a booster with a
    /// valence of its own counts where it boosts nothing.
    #[test]
    fn negation_reach_emoji_and_boosters() {
        above(
            0.2,
            &[
                "never had a single problem with them",
                "haven't had a single outage in two years",
                "the new model didn't disappoint 🔥",
                "the series is incredible. Binged it in a night",
                "Incredible service from the team",
                "the staff were super, food was cold though",
                "ridiculously good coffee",
                "couldn't ask for a better day off",
            ],
        );
        below(
            -0.2,
            &[
                "not happy 😡",
                "don't like it 😭",
                "so mad at them",
                "service was not 👍",
                "couldn't ask for help, the chat was down",
            ],
        );
        assert!(c("super helpful staff") > c("helpful staff"));
        assert_eq!(c("Super Bowl tickets"), 0.0);
        // A booster that counted for itself boosts nothing further on: as if the next word were in another clause.
        assert_eq!(c("super quick and friendly"), c("super quick. and friendly"));
    }

    #[test]
    fn intensity_modifiers() {
        assert!(c("very good") > c("good"));
        assert!(c("slightly good") < c("good"));
        assert!(c("this is GOOD") > c("this is good"));
        assert!(c("good!!!") > c("good"));
        assert!(c("sooo good") > c("good"));
        assert!(c("goooood") > c("good"));
    }

    #[test]
    fn long_texts_keep_every_rule() {
        // Past the 32 items kept on the stack: negation looks back across the spill, "but" still splits.
        let filler = "the ".repeat(31);
        assert!(c(&format!("{filler}not good")) < -0.2);
        assert!(c(&format!("{filler}good")) > 0.3);
        let (bad, good) = ("bad ".repeat(20), "good ".repeat(20));
        assert!(c(&format!("{bad}but {good}")) > 0.0 && c(&format!("{good}but {bad}")) < 0.0);
        assert_eq!(c(&format!("{filler}{filler}")), 0.0);
        // More clauses than a u16 counts, where the count wraps: a negation still reaches only within its clause.
        // (Whether `+=` would have panicked is not tested: this crate builds without overflow checks.)
        let commas = ", ".repeat(70_000);
        assert!(c(&format!("{commas}not good")) < -0.2 && c(&format!("{commas}not, good")) > 0.3);
    }

    #[test]
    fn contrast_emoji_emoticons_slang() {
        assert!(c("the screen is great but the battery is terrible") < 0.0);
        assert!(c("the battery is terrible but the screen is great") > 0.0);
        assert!(c("new update 😡") < -0.3 && c("new update 😍") > 0.3);
        assert!(c("new update :(") < -0.3 && c("new update :-)") > 0.3);
        assert!(c("lol") > 0.3 && c("fml") < -0.3);
    }
}
