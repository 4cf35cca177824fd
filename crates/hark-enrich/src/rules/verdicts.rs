//! Verdicts in words without a valence of their own, which VADER reads as neutral or backwards: a wait that goes on
//! ("still not here"), a customer's verdict with "again" ("won't order again", "would stay again"), praise said as a
//! limit ("can't recommend them enough").

use super::super::lexicon::{affirms, PATRONAGE, PRAISE};
use super::super::tokenize::Token;
use super::{Entry, Role};

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

/// Gives "still", "again" and "enough" in `items` their verdicts. Whether any valence is then set.
pub(super) fn mark(items: &mut [(&Token<'_>, Entry, u16)]) -> bool {
    let mut any = false;
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
            any = true;
        }
        if items[i].1.role == Role::Again && items[i].1.valence == 0.0 {
            any |= verdict_again(items, i);
        }
        if items[i].1.role == Role::Enough {
            any |= praise_enough(items, i);
        }
    }
    any
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
pub(super) fn affirms_at(items: &[(&Token<'_>, Entry, u16)], j: usize) -> bool {
    let word = |k: usize| items.get(k).map_or("", |(t, _, _)| &*t.norm);
    affirms(if j > 0 { word(j - 1) } else { "" }, word(j), word(j + 1), word(j + 2), word(j + 3))
}
