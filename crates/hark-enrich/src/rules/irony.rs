//! Praise that means the opposite: "great job SwiftDrop, my fragile parcel now comes in 3 pieces", "so glad I pay
//! for Prime to get my 2 day package a week later", "thanks i guess". The words are praise and a lexicon scores them
//! so; what gives the irony away is praise said of a failure (a delay, a fee, a breakage, "again"), or a turn of
//! phrase that is irony on its own. Sincere thanks for a failure put right ("rebooked me in 2 minutes, legend") are
//! told apart by the putting right.

use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::tokenize::{Kind, Token};

/// Exclamations that open a post or a clause with praise, followed by punctuation ("great, another update that
/// bricked my laptop", "brilliant, charged me to print"; not "Great Monday night").
const EXCLAMATIONS: &[&str] = &[
    "great",
    "brilliant",
    "fantastic",
    "wonderful",
    "perfect",
    "cool",
    "nice",
    "lovely",
    "awesome",
    "amazing",
    "incredible",
    "stellar",
];

/// Words that open a post or a clause with praise of the brand or of the failure they name ("wow 3 hour delay",
/// "thanks Instagram for showing me posts from 4 days ago", "shoutout to Evri for delivering my parcel into the bin").
const ADDRESSES: &[&str] = &["wow", "bravo", "congrats", "congratulations", "shoutout", "kudos", "thanks", "thank"];

/// Phrases of praise or delight that, anywhere in a post telling of a failure, are irony: "so glad I paid extra",
/// "love waiting 40 mins", "really appreciate being charged", "great job cancelling the 8:02 again". Some are as often
/// sincere without the failure ("this song never gets old", "nothing says summer like", "so generous of them").
const PRAISE: &[&str] = &[
    "so glad",
    "love when",
    "love how",
    "love that",
    "love waiting",
    "love being",
    "love paying",
    "gotta love",
    "got to love",
    "really appreciate",
    "chef's kiss",
    "truly innovative",
    "such innovation",
    "top tier",
    "great job",
    "great way",
    "great move",
    "what a treat",
    "such a joy",
    "so efficient",
    "so exciting",
    "nothing says",
    "never gets old",
    "how generous",
    "so generous",
    "very generous",
    "living the dream",
    "truly inspired",
    "very creative",
];

/// Turns of phrase that are irony wherever they stand: "thanks i guess", "love that for me", "cool cool cool", "very
/// cool very legal".
const MARKERS: &[&str] = &[
    "thanks i guess",
    "love that for me",
    "cool cool cool",
    "very cool very legal",
    "much wow",
    "said no one ever",
    "what could go wrong",
    "what could possibly go wrong",
    "genius business model",
];

/// Words that tell of a failure, a charge or a repeat: what praise beside them is said about.
const FAILURES: &[&str] = &[
    "again",
    "delay",
    "delayed",
    "lost",
    "broke",
    "broken",
    "bricked",
    "crash",
    "crashed",
    "crashes",
    "down",
    "outage",
    "cancelled",
    "canceled",
    "cancelling",
    "charged",
    "charging",
    "fee",
    "fees",
    "overdraft",
    "hold",
    "wrong",
    "missing",
    "smashed",
    "error",
    "froze",
    "freezes",
    "overheats",
    "logged",
    "raising",
    "raises",
    "increase",
    "denies",
    "denied",
    "never",
    "forgot",
    "burnt",
    "soggy",
    "stale",
    "dented",
    "unplayable",
];

/// Words that tell of a failure put right, which sincere thanks are about: "shoutout to the gate agent who rebooked
/// me in 2 minutes", "finally fixed the crash, thank u devs", "kudos for the free upgrade after my outage".
const RECOVERIES: &[&str] = &[
    "fixed",
    "fix",
    "fixes",
    "back",
    "refund",
    "refunded",
    "rebooked",
    "replaced",
    "replacement",
    "free",
    "upgrade",
    "upgraded",
    "sorted",
    "resolved",
    "solved",
    "saved",
    "helped",
    "rescued",
    "compensation",
    "repay",
    "patience",
];

/// What a word is to the rule ([`EXCLAMATION`], [`ADDRESS`], [`FAILURE`], [`RECOVERY`] bits) and the phrases of
/// [`PRAISE`] and [`MARKERS`] it starts, so that a post's words are each looked up once.
#[derive(Default)]
struct Known {
    bits: u8,
    /// Indices into [`PHRASES`].
    starts: Vec<usize>,
}

/// One of [`EXCLAMATIONS`].
const EXCLAMATION: u8 = 1;
/// One of [`ADDRESSES`].
const ADDRESS: u8 = 2;
/// One of [`FAILURES`].
const FAILURE: u8 = 4;
/// One of [`RECOVERIES`].
const RECOVERY: u8 = 8;

/// [`PRAISE`] and [`MARKERS`], split into words, each with whether it is a marker.
static PHRASES: LazyLock<Vec<(Vec<&str>, bool)>> = LazyLock::new(|| {
    let split =
        |list: &'static [&'static str], marker: bool| list.iter().map(move |p| (p.split(' ').collect(), marker));
    split(PRAISE, false).chain(split(MARKERS, true)).collect()
});

/// Every word the rule knows.
static KNOWN: LazyLock<FxHashMap<&str, Known>> = LazyLock::new(|| {
    let mut known: FxHashMap<&str, Known> = FxHashMap::default();
    for (list, bit) in [(EXCLAMATIONS, EXCLAMATION), (ADDRESSES, ADDRESS), (FAILURES, FAILURE), (RECOVERIES, RECOVERY)]
    {
        for word in list {
            known.entry(*word).or_default().bits |= bit;
        }
    }
    for (i, (phrase, _)) in PHRASES.iter().enumerate() {
        known.entry(phrase[0]).or_default().starts.push(i);
    }
    known
});

/// Whether `tokens` read as ironic praise: one of the [`MARKERS`], or praise ([`EXCLAMATIONS`] or [`ADDRESSES`]
/// opening the post or a clause, or one of the [`PRAISE`] phrases) in a post that tells of a failure ([`FAILURES`])
/// and of none put right ([`RECOVERIES`]).
pub(super) fn ironic(tokens: &[Token<'_>]) -> bool {
    let words: SmallVec<[&str; 32]> =
        tokens.iter().filter(|t| matches!(t.kind, Kind::Word | Kind::Number)).map(|t| &*t.norm).collect();
    let (mut praise, mut failures): (SmallVec<[Range<usize>; 2]>, SmallVec<[usize; 4]>) = Default::default();
    let mut recovered = false;
    for (k, w) in words.iter().enumerate() {
        let Some(known) = KNOWN.get(w) else { continue };
        recovered |= known.bits & RECOVERY != 0;
        if known.bits & FAILURE != 0 {
            failures.push(k);
        }
        for (phrase, marker) in known.starts.iter().map(|&i| &PHRASES[i]) {
            if words[k..].starts_with(phrase) {
                if *marker {
                    return true;
                }
                praise.push(k..k + phrase.len());
            }
        }
    }
    // Not within the praise ("never gets old"), nor "again" after "would" or "will", which is coming back, not a
    // repeat ("would still stay again").
    let coming_back = |k: usize| {
        words[k] == "again"
            && words[k.saturating_sub(3)..k].iter().any(|w| matches!(*w, "would" | "will" | "i'd" | "we'd"))
    };
    let failed = failures.iter().any(|&k| !(praise.iter().any(|r| r.contains(&k)) || coming_back(k)));
    if recovered || !failed {
        return false;
    }
    // At the start of the post or of a clause (handles and emoji before it aside).
    let opening = |i: usize| {
        tokens[..i]
            .iter()
            .rev()
            .find(|p| !matches!(p.kind, Kind::Emoji | Kind::Handle))
            .is_none_or(|p| p.kind == Kind::Punct)
    };
    let opens = || {
        tokens.iter().enumerate().any(|(i, t)| {
            let bits = KNOWN.get(&*t.norm).map_or(0, |k| k.bits);
            let exclaims = bits & EXCLAMATION != 0 && tokens.get(i + 1).is_some_and(|n| n.kind == Kind::Punct);
            t.kind == Kind::Word && (exclaims || bits & ADDRESS != 0) && opening(i)
        })
    };
    !praise.is_empty() || opens()
}

#[cfg(test)]
mod tests {
    use super::super::score;
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::tokenize::tokenize;

    #[test]
    fn praise_of_a_failure_is_irony() {
        for text in [
            "great, another Windows update that bricked my laptop. thanks microsoft",
            "wow 3 hour delay AND they lost my bag. stellar work @NorthJet",
            "so glad i pay for Prime to get my package a week late again",
            "Really appreciate Kronos Bank charging me a $35 overdraft fee on a $2 coffee",
            "@SkyLink_Air 40 min on hold just to be told to call back tomorrow. love that for me",
            "sooo Sonos just made my speakers worse with an update. thanks i guess",
        ] {
            assert!(ironic(&tokenize(text)), "{text}");
            assert!(score(&Lexicon::new(), &tokenize(text)).compound < 0.0, "{text}");
        }
    }

    #[test]
    fn sincere_praise_is_not() {
        for text in [
            "shoutout to the Delta gate agent who rebooked me in 2 minutes. absolute legend",
            "v2.3.1 finally fixed the crash on startup, thank u devs",
            "great hotel, terrible wifi. would still stay again",
            "Great Monday night, never a dull moment",
            "Can't wait for the new season, hope it never ends",
            "this song never gets old",
            "nothing says summer like a cold beer on the porch",
            "thanks for the quick reply, all good now",
        ] {
            assert!(!ironic(&tokenize(text)), "{text}");
        }
    }
}
