//! Changes in what a customer pays or gets: "StreamFlix raised prices again", "our bill dropped 35%", "fewer crashes
//! since the patch", "the update halved my battery life", "my phone bill went from $85 to $30". Customers state them
//! as facts, in words VADER scores neutral or backwards ("increased" +1.1, "cut" -1.1, "errors" -1.4 in "errors are
//! down"): a cost that rises or a benefit that falls is a complaint, the other way round praise.

use smallvec::SmallVec;

use super::super::lexicon::is_negation;
use super::super::tokenize::{ends_sentence, Kind, Token};
use super::{Entry, Role};

/// The valence of a change in a cost or a benefit, as of a rating in the bottom fifth (VADER's "worse" is -2.1,
/// "worst" -3.1): on the odd lines of a blind set of 240 such posts, 1.8, 2.5 and 3.2 got 67, 70 and 71 of 120 right.
const CHANGE: f32 = 2.5;

/// How many items may stand between a quantity and its change.
const REACH: usize = 3;

/// The role of a word that names a quantity or a change of one, if it does.
pub(super) fn role(norm: &str) -> Option<Role> {
    Some(match norm {
        "price" | "prices" | "pricing" | "cost" | "costs" | "bill" | "bills" | "fee" | "fees" | "fare" | "fares"
        | "rent" | "premium" | "premiums" | "subscription" | "subscriptions" | "surcharge" | "surcharges" | "tax"
        | "taxes" | "charges" | "deductible" | "wait" | "waits" | "queue" | "queues" | "delay" | "delays"
        | "latency" | "ping" | "lag" | "downtime" | "outage" | "outages" | "error" | "errors" | "crash" | "crashes"
        | "bug" | "bugs" | "ads" | "spam" | "load" | "loading" | "boot" | "startup" | "shipping" | "delivery"
        | "renewal" | "charge" | "charging" => Role::Cost,
        "battery" | "speed" | "speeds" | "bandwidth" | "storage" | "range" | "savings" | "uptime" | "performance"
        | "fps" | "framerate" | "quality" | "capacity" | "allowance" | "rewards" | "cashback" | "discount"
        | "discounts" | "points" | "throughput" | "coverage" | "warranty" | "mileage" | "efficiency" | "sales"
        | "revenue" | "profit" | "profits" | "earnings" | "portion" | "portions" | "limit" | "limits" => Role::Benefit,
        "raise" | "raised" | "raises" | "raising" | "hike" | "hikes" | "hiked" | "hiking" | "increase"
        | "increases" | "increased" | "increasing" | "double" | "doubled" | "doubles" | "doubling" | "tripled"
        | "quadrupled" | "rose" | "rise" | "rises" | "rising" | "risen" | "jumped" | "jumps" | "spiked" | "spikes"
        | "skyrocketed" | "soared" | "soaring" | "climbed" | "climbing" | "surged" | "up" | "higher" | "more"
        | "bumped" | "grew" | "grown" | "growing" | "boosted" | "expanded" | "extended" | "longer" | "bigger"
        | "larger" | "added" | "adds" | "adding" | "introduced" | "introduces" | "started" | "starts" => Role::Up,
        "cut" | "cuts" | "cutting" | "drop" | "dropped" | "drops" | "dropping" | "fell" | "falls" | "falling"
        | "fallen" | "lower" | "lowered" | "lowers" | "lowering" | "reduce" | "reduced" | "reduces" | "reducing"
        | "reduction" | "decrease" | "decreased" | "decreases" | "halved" | "slashed" | "down" | "shrank"
        | "shrunk" | "shrinking" | "less" | "fewer" | "plummeted" | "tanked" | "dipped" | "declined" | "decline"
        | "declining" | "shorter" | "smaller" | "removed" | "removes" | "removing" | "waived" | "waives"
        | "scrapped" | "eliminated" | "ditched" => Role::Down,
        _ => return None,
    })
}

/// Words that may stand between a quantity and the change that follows it ("prices have gone up", "the bill just
/// went down", "battery life doubled", "load times are finally down"), negations too ("prices haven't gone up").
fn links(norm: &str) -> bool {
    is_negation(norm)
        || matches!(
            norm,
            "went"
                | "go"
                | "goes"
                | "gone"
                | "going"
                | "has"
                | "have"
                | "had"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "got"
                | "get"
                | "gets"
                | "getting"
                | "just"
                | "finally"
                | "now"
                | "again"
                | "already"
                | "all"
                | "way"
                | "literally"
                | "basically"
                | "also"
                | "even"
                | "keep"
                | "keeps"
                | "kept"
                | "to"
                | "will"
                | "would"
                | "almost"
                | "nearly"
                | "over"
                | "by"
                | "suddenly"
                | "apparently"
                | "quietly"
                | "recently"
                | "actually"
                | "really"
                | "seriously"
                | "significantly"
                | "drastically"
                | "massively"
                | "life"
                | "time"
                | "times"
                | "rate"
                | "rates"
                | "usage"
                | "level"
                | "levels"
        )
}

/// Prepositions and conjunctions, which a change does not reach across to a quantity ("dropped Comcast after 3
/// outages" drops no outage).
fn joins(norm: &str) -> bool {
    matches!(
        norm,
        "after"
            | "before"
            | "for"
            | "from"
            | "with"
            | "to"
            | "in"
            | "on"
            | "at"
            | "of"
            | "by"
            | "and"
            | "or"
            | "but"
            | "since"
            | "because"
            | "than"
            | "then"
            | "about"
            | "into"
            | "over"
            | "under"
            | "through"
    )
}

/// Gives each change of a cost or a benefit in `items` its valence, on the word of the change, and takes the
/// quantity's own ("errors" -1.4) away; then each comparison of numbers ([`comparisons`]) of a quantity named before it
/// in its sentence, or of money, its valence, on the quantity (or the word before). `tokens` are the text's, which
/// `items` refer to, for the numbers, which are no items. Whether any valence was set.
pub(super) fn mark(items: &mut [(&Token<'_>, Entry, u16)], tokens: &[Token<'_>]) -> bool {
    // The quantities read, each once: by a change word, else by a comparison after it.
    let mut read: SmallVec<[usize; 4]> = SmallVec::new();
    for n in 0..items.len() {
        let worth = match items[n].1.role {
            Role::Cost => -1.0,
            Role::Benefit => 1.0,
            _ => continue,
        };
        let Some((at, direction)) = change_of(items, n).filter(|_| !supposed(items, n)) else { continue };
        items[n].1.valence = 0.0;
        items[at].1.valence = worth * direction * CHANGE;
        read.push(n);
    }
    let mut any = !read.is_empty();
    for (at, direction, money) in comparisons(tokens) {
        // The quantity: the nearest named in the sentence before the comparison, else a price when it is money.
        let start = tokens[..at].iter().rposition(ends_sentence).map_or(0, |e| e + 1);
        let named = items.iter().rposition(|(t, e, _)| {
            (start..at).contains(&index_of(tokens, t)) && matches!(e.role, Role::Cost | Role::Benefit)
        });
        if named.is_some_and(|n| read.contains(&n) || supposed(items, n)) {
            continue;
        }
        let worth = match named.map(|n| items[n].1.role) {
            Some(Role::Benefit) => 1.0,
            Some(_) => -1.0,
            None if money => -1.0,
            None => continue,
        };
        // Said on the quantity, else on the last word before the comparison's end.
        let Some(n) = named.or_else(|| items.iter().rposition(|(t, _, _)| index_of(tokens, t) < at)) else {
            continue;
        };
        if items[n].1.valence == 0.0 {
            items[n].1.valence = worth * direction * CHANGE;
            any = true;
        }
    }
    any
}

/// Whether the quantity at `items[n]` may change rather than did: "it may cost more, but ...", "if prices go up".
fn supposed(items: &[(&Token<'_>, Entry, u16)], n: usize) -> bool {
    (n.saturating_sub(2)..n).any(|k| matches!(&*items[k].0.norm, "may" | "might" | "could" | "if"))
}

/// The index in `tokens` of a token of theirs (items hold references into the text's tokens).
fn index_of(tokens: &[Token<'_>], t: &Token<'_>) -> usize {
    debug_assert!(tokens.as_ptr_range().contains(&(t as *const Token<'_>)), "a token of another slice");
    (t as *const Token<'_> as usize - tokens.as_ptr() as usize) / std::mem::size_of::<Token<'_>>()
}

/// Numbers compared in `tokens`: "from A to B", "A -> B", "A → B", "B instead of A", and a change said with its
/// start ("down from $11.99", "up from 370"). Each as where it ends, its direction (+1 a rise), and whether it is
/// money (a currency sign before a number).
fn comparisons(tokens: &[Token<'_>]) -> Vec<(usize, f32, bool)> {
    let mut found = Vec::new();
    let word = |k: usize| tokens.get(k).map_or("", |t| &*t.norm);
    for (k, t) in tokens.iter().enumerate() {
        let pair = match &*t.norm {
            "from" => {
                let a = number_at(tokens, k + 1);
                let said = match word(k.wrapping_sub(1)) {
                    "up" => Some(1.0),
                    "down" => Some(-1.0),
                    _ => None,
                };
                match (said, a) {
                    (Some(d), Some((_, end, money))) => Some((end, d, money)),
                    (None, Some((x, end, m))) => (end..(end + 3).min(tokens.len()))
                        .find(|&j| word(j) == "to")
                        .and_then(|j| number_at(tokens, j + 1))
                        .map(|(y, end, money)| (end, y - x, m || money)),
                    _ => None,
                }
            }
            "instead" if word(k + 1) == "of" => {
                // A number that ends before "instead" (`n.1`, just past it, at most `k`).
                let before = (k.saturating_sub(4)..k).rev().find_map(|j| number_at(tokens, j).filter(|n| n.1 <= k));
                match (before, number_at(tokens, k + 2)) {
                    (Some((y, _, m)), Some((x, end, money))) => Some((end, y - x, m || money)),
                    _ => None,
                }
            }
            "→" | ">" if t.kind != Kind::Word => {
                let back = if t.text == ">" && word(k.wrapping_sub(1)) == "-" { 2 } else { 1 };
                let before = (k.saturating_sub(back + 2)..k + 1 - back)
                    .rev()
                    .find_map(|j| number_at(tokens, j).filter(|n| n.1 <= k + 1 - back));
                match (before, number_at(tokens, k + 1)) {
                    (Some((x, _, m)), Some((y, end, money))) => Some((end, y - x, m || money)),
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some((end, d, money)) = pair.filter(|p| p.1 != 0.0) {
            found.push((end, d.signum() as f32, money));
        }
    }
    found
}

/// The number starting at or within two tokens after `tokens[k]` ("$85", "4s", "1,299", "under 1s", "~20"): its
/// value, the index just past it, and whether a currency sign stands before it.
fn number_at(tokens: &[Token<'_>], k: usize) -> Option<(f64, usize, bool)> {
    let mut money = false;
    for (j, t) in tokens.iter().enumerate().skip(k).take(3) {
        if t.kind == Kind::Punct && matches!(t.text, "$" | "€" | "£" | "¥") {
            money = true;
            continue;
        }
        let lead = t.text.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ','))).unwrap_or(t.text.len());
        let lead = &t.text[..lead];
        // Thousands separators dropped ("1,299"); a copy only then.
        let value = if lead.contains(',') { lead.replace(',', "").parse::<f64>() } else { lead.parse::<f64>() };
        if let Ok(v) = value {
            return Some((v, j + 1, money));
        }
        if !matches!(&*t.norm, "under" | "over" | "about" | "around" | "like" | "just" | "only" | "~") {
            return None;
        }
    }
    None
}

/// The change of the quantity at `items[n]` in its clause, and where it is said: the change after it, with only
/// linking words between ([`links`]: "prices went up", "price hike"), or before it with at most two words between
/// that carry nothing ("raised prices", "cut my heating bill", "fewer crashes"; "up" and "down" only after it).
fn change_of(items: &[(&Token<'_>, Entry, u16)], n: usize) -> Option<(usize, f32)> {
    let clause = items[n].2;
    let direction = |k: usize| match items[k].1.role {
        Role::Up => Some(1.0),
        Role::Down => Some(-1.0),
        _ => None,
    };
    for k in (n + 1..items.len()).take(REACH + 1).take_while(|k| items[*k].2 == clause) {
        if let Some(d) = direction(k) {
            return Some((k, d));
        }
        if !links(&items[k].0.norm) {
            break;
        }
    }
    for k in (n.saturating_sub(3)..n).rev().take_while(|k| items[*k].2 == clause) {
        if let Some(d) = direction(k).filter(|_| !matches!(&*items[k].0.norm, "up" | "down")) {
            return Some((k, d));
        }
        let (t, e, _) = &items[k];
        if e.valence != 0.0 || e.negation || e.role != Role::Other || t.kind != Kind::Word || joins(&t.norm) {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::super::lexicon::Lexicon;
    use super::super::super::tokenize::tokenize;
    use super::super::score;

    fn c(text: &str) -> f32 {
        score(&Lexicon::new(), &tokenize(text)).compound
    }

    #[test]
    fn a_cost_that_rises_or_a_benefit_that_falls_is_a_complaint() {
        for text in [
            "StreamFlix raised prices again",
            "price hike number 4 this year",
            "delivery fees have gone up",
            "the update halved my battery life",
            "more ads than ever",
            "upload speed dropped to 5 Mbps",
            "my phone bill went from $30 to $85",
            "the price: $10 -> $15",
            "my bill 85 -> 120",
            "the price is $15 instead of $10 now",
            "$15 instead of $10",
            "went from $10 to $15",
        ] {
            assert!(c(text) < -0.2, "{text}: {}", c(text));
        }
    }

    #[test]
    fn a_cost_that_falls_or_a_benefit_that_rises_is_praise() {
        for text in [
            "our bill dropped 35% for the same workload",
            "cut my heating bill by $40 a month",
            "fewer crashes since the patch",
            "errors are down to almost zero",
            "the new firmware doubled my battery life",
            "lower fees and more storage",
            "load time went from 4s to under 1s",
            "prices haven't gone up",
            "monthly price: $12 → $9",
            "Netflix basic is $6.99, down from $9.99",
        ] {
            assert!(c(text) > 0.2, "{text}: {}", c(text));
        }
    }

    #[test]
    fn other_senses_of_the_words_are_left_alone() {
        for text in ["dropped my phone in the sink", "raised a ticket with support", "up all night", "more of the same"]
        {
            assert_eq!(c(text), 0.0, "{text}");
        }
        // VADER's own "cut" (-1.1) stays where nothing paid or got is cut.
        assert!(c("cut my hair today") < 0.0);
        assert!(c("they increased my storage, not the price") > 0.2, "the change nearest its quantity");
        assert_eq!(c("it may cost more"), 0.0, "a change that may come");
        assert_eq!(c("if prices went from $8 to $12"), 0.0, "a comparison that may come");
        // A quantity changed in words and in numbers counts once.
        assert_eq!(c("prices dropped from $24 to $11"), c("prices dropped"));
    }
}
