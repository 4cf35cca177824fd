//! VADER's rules over hark's tokens: negation, boosters and dampeners, "but" contrast, capitals, elongation and
//! exclamation emphasis, and hark's own for what VADER misreads: review ratings ([`rating`]), ironic praise
//! ([`irony`]), idioms, verdicts with "again" and praise said as a limit. Ported rather than bound to Python so that it
//! runs in-process at tens of thousands of mentions a second; it is both the baseline and the main input of the
//! learned layer (`model`).

use arrayvec::ArrayVec;
use smallvec::SmallVec;

use super::lexicon::{booster, is_filler, is_fix, is_negation, phrase_group, Lexicon, B_INCR};
use super::tokenize::{ends_clause, unelongated, Kind, Token};
use phrases::apply_phrases;
use verdicts::affirms_at;

mod change;
mod irony;
mod phrases;
mod rating;
mod verdicts;

pub(crate) use rating::{any as has_rating, thread as is_thread};

/// VADER's emphasis for a word in capitals among lower-case ones.
const C_INCR: f32 = 0.733;
/// VADER's scaling of a negated valence.
const N_SCALAR: f32 = -0.74;

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
    /// "still", a wait that goes on before a negation ([`verdicts`]).
    Still,
    /// "again", a customer's verdict after a negation or "would" ([`verdicts`]).
    Again,
    /// "star" or "stars", which a number before makes a rating ([`rating::stars`]).
    Star,
    /// "enough", praise after a negation and a verb of praise ([`verdicts`]).
    Enough,
    /// A rating ([`rating`]): a negation does not turn a bad one into praise ("not even 1 star", "can't give zero
    /// stars"), nor does a fix word ("zero stars").
    Rating,
    /// What a customer pays or bears ("price", "fees", "wait", "crashes"), whose rise is a complaint ([`change`]).
    Cost,
    /// What a customer gets ("battery", "storage", "speed"), whose rise is praise ([`change`]).
    Benefit,
    /// A rise ("raised", "doubled", "up", "more").
    Up,
    /// A fall ("cut", "dropped", "halved", "fewer").
    Down,
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
            _ => change::role(norm).unwrap_or(Role::Other),
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
            // A stretched last word ends its phrase too ("hell yeahhh"), by its plain form.
            phrases: match phrase_group(&t.norm) {
                0 if t.elongated => phrase_group(&unelongated(t.text)),
                group => group,
            },
            role: Role::of(&t.norm),
        }
    }
}

/// Scores tokens with VADER's rules; all-zero when nothing carries sentiment.
pub fn score(lex: &Lexicon, tokens: &[Token<'_>]) -> RuleScores {
    score_with(tokens, |i| Entry::of(lex, &tokens[i]), None)
}

/// [`score`] with the lexicon entries of token `i` given by `entry(i)` (a scorer that cached them per word), and
/// whether the whole text is a thread ([`rating::thread`]) when `tokens` are a piece of it (`None`: these tokens say).
pub(crate) fn score_with(tokens: &[Token<'_>], entry: impl Fn(usize) -> Entry, thread: Option<bool>) -> RuleScores {
    let thread = rating::thread_once(tokens, thread);
    // The items, each with its clause (a negation reaches no further than its clause, [`ends_clause`]), in a stack
    // array (a `SmallVec::push` was a call per token), in a `Vec` past its size. An `ArrayVec`, not an array filled
    // first: filling 32 items was 220 instructions of straight-line code, a dozen instruction-cache misses per call.
    let mut inline: ArrayVec<(&Token<'_>, Entry, u16), 32> = ArrayVec::new();
    let mut spilled = Vec::new();
    let (mut n_caps, mut n_words, mut any_valence, mut any_phrase, mut any_rating, mut any_quantity) =
        (0usize, 0usize, false, false, false, false);
    let mut clause = 0u16;
    // The scale of the last rating: a bare number given as a rating after one is read on it ([`rating::bare`]).
    let mut scale = None;
    for (i, t) in tokens.iter().enumerate() {
        // Money compared counts as a price with no cost named ("$15 instead of $10", [`change::mark`]).
        any_quantity |= t.kind == Kind::Punct && matches!(t.text, "$" | "€" | "£" | "¥");
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
            let rated = rating::numeric(tokens, i, &thread).map(|(valence, best)| {
                scale = Some(best);
                valence
            });
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
            any_quantity |= matches!(e.role, Role::Cost | Role::Benefit);
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
    any_valence |= verdicts::mark(items);
    if any_quantity {
        any_valence |= change::mark(items, tokens);
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

/// VADER's normalisation: the sum of the sentiments with the emphasis of "!" and "?", squashed into [-1, 1], and the
/// shares of positive, negative and neutral items.
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
    RuleScores { compound, pos: pos / all, neg: neg.abs() / all, neu: neu / all, ..RuleScores::default() }
}

#[cfg(test)]
mod tests;
