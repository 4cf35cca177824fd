//! Praise that means the opposite: "great job SwiftDrop, my fragile parcel now comes in 3 pieces", "so glad I pay
//! for Prime to get my 2 day package a week later", "thanks i guess". The words are praise and a lexicon scores them
//! so; what gives the irony away is praise said of a failure (a delay, a fee, a breakage, "again"), or a turn of
//! phrase that is irony on its own. Sincere thanks for a failure put right ("rebooked me in 2 minutes, legend") are
//! told apart by the putting right.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::lexicon::is_negation;
use crate::tokenize::{ends_clause, unelongated, Kind, Token};

/// Exclamations that open a post or a clause with praise, followed by punctuation or "another" ("great, another
/// update that bricked my laptop", "great another outage", "brilliant, charged me to print"; not "Great Monday
/// night").
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
    "fixing",
    "restored",
    "repaired",
    "back",
    "refund",
    "refunded",
    "rebooked",
    "rebooking",
    "refunding",
    "replacing",
    "restoring",
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

/// What a word is to the rule ([`EXCLAMATION`], [`ADDRESS`], [`FAILURE`], [`RECOVERY`] bits, none for a word only
/// inside a phrase) and the phrases of [`PRAISE`] and [`MARKERS`] it starts, so that a post's words are each looked up
/// once.
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
        for word in &phrase[1..] {
            known.entry(word).or_default();
        }
    }
    known
});

/// Whether `tokens` read as ironic praise: one of the [`MARKERS`], or praise ([`EXCLAMATIONS`] or [`ADDRESSES`]
/// opening the post or a clause, or one of the [`PRAISE`] phrases) in a post that tells of a failure ([`FAILURES`])
/// and of none put right ([`RECOVERIES`]); a failure or a recovery said not to have happened ("no fees", "never
/// lets me down", "can't refund it") is none.
pub(super) fn ironic(tokens: &[Token<'_>]) -> bool {
    let words: SmallVec<[Cow<'_, str>; 32]> =
        tokens.iter().filter(|t| matches!(t.kind, Kind::Word | Kind::Number)).map(as_known).collect();
    let word = |k: usize| words.get(k).map_or("", |w| &**w);
    // VADER's negations, and "zero" ("zero fees"), up to three words before.
    let negated = |k: usize| (k.saturating_sub(3)..k).any(|j| is_negation(word(j)) || word(j) == "zero");
    let (mut praise, mut failures): (SmallVec<[Range<usize>; 2]>, SmallVec<[usize; 4]>) = Default::default();
    let mut recovered = false;
    for k in 0..words.len() {
        let Some(known) = KNOWN.get(word(k)) else { continue };
        recovered |= known.bits & RECOVERY != 0
            && !negated(k)
            && !(word(k) == "back" && k.checked_sub(1).is_some_and(|j| word(j) == "call"));
        if known.bits & FAILURE != 0 {
            failures.push(k);
        }
        for (phrase, marker) in known.starts.iter().map(|&i| &PHRASES[i]) {
            if phrase.len() <= words.len() - k && phrase.iter().enumerate().all(|(n, w)| word(k + n) == *w) {
                if *marker {
                    return true;
                }
                praise.push(k..k + phrase.len());
            }
        }
    }
    let failed = failures.iter().any(|&k| !praise.iter().any(|r| r.contains(&k)) && !negated(k) && !plain(&word, k));
    if recovered || !failed {
        return false;
    }
    !praise.is_empty() || opens(tokens)
}

/// A word as the rule knows it: a stretched one ("sooo glad", "thaaanks") as its plain form when that is known.
fn as_known<'t>(t: &'t Token<'_>) -> Cow<'t, str> {
    if !t.elongated || KNOWN.contains_key(&*t.norm) {
        return Cow::Borrowed(&*t.norm);
    }
    Some(unelongated(t.text)).filter(|u| KNOWN.contains_key(u.as_str())).map_or(Cow::Borrowed(&*t.norm), Cow::Owned)
}

/// Whether the failure word `k` of `word` is meant plainly: "again" of coming back ("would still stay again", "i'd
/// fly with you again") or of thanks ("thanks again"), "never" of what the writer never knew ("never heard of it") or
/// of a failure that never happens ("never lets me down", "never get bored"; not "never gets old", the formula of
/// sarcasm), "hold" but "on hold", "raising" awareness or money.
fn plain<'w>(word: &impl Fn(usize) -> &'w str, k: usize) -> bool {
    let before = |n: usize| k.checked_sub(n).map_or("", word);
    match word(k) {
        "again" => {
            (1..=5).any(|n| matches!(before(n), "would" | "will" | "i'd" | "we'd" | "i'll" | "we'll" | "you'll"))
                || matches!(before(1), "thanks" | "thank")
                || matches!(word(k + 1), "thanks" | "thank")
        }
        "never" => {
            matches!(
                word(k + 1),
                "heard"
                    | "knew"
                    | "saw"
                    | "seen"
                    | "thought"
                    | "figured"
                    | "realized"
                    | "realised"
                    | "noticed"
                    | "had"
                    | "fails"
                    | "disappoints"
                    | "lets"
                    | "let"
                    | "failed"
                    | "disappointed"
            ) || (matches!(word(k + 1), "get" | "gets") && matches!(word(k + 2), "bored" | "boring"))
        }
        "hold" => before(1) != "on",
        "raising" => matches!(word(k + 1), "awareness" | "money" | "funds"),
        _ => false,
    }
}

/// Whether praise opens the post or one of its clauses: an exclamation before a clause's end ("great, another
/// update"), or a word addressing the brand ("wow", "thanks X for"), not as a sign-off ("... Thank you.", "Wow! I
/// never saw it that way"), where nothing but filler words follow it in its clause. Handles, hashtags, emoji and
/// emoticons before it aside. Only the words opening a clause are looked up, as the rule knows them ([`as_known`]).
fn opens(tokens: &[Token<'_>]) -> bool {
    let filler = |t: &Token<'_>| {
        t.kind != Kind::Word
            || matches!(&*t.norm, "you" | "u" | "so" | "much" | "again" | "guys" | "man" | "lol" | "very" | "a" | "lot")
    };
    let addresses = |i: usize| {
        let clause = tokens[i + 1..].iter().take_while(|t| !ends_clause(t));
        clause.clone().any(|t| t.kind == Kind::Handle) || !clause.clone().all(filler)
    };
    // Whether the token at hand opens the post or a clause.
    let mut opening = true;
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Emoji | Kind::Emoticon | Kind::Handle | Kind::Hashtag => continue,
            Kind::Word if opening => {
                let bits = KNOWN.get(&*as_known(t)).map_or(0, |k| k.bits);
                let exclaims =
                    bits & EXCLAMATION != 0 && tokens.get(i + 1).is_some_and(|n| ends_clause(n) || n.norm == "another");
                if exclaims || (bits & ADDRESS != 0 && addresses(i)) {
                    return true;
                }
            }
            _ => {}
        }
        opening = ends_clause(t);
    }
    false
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
            "great another update that bricked my laptop",
            "wow 3 hour delay AND they lost my bag. stellar work @NorthJet",
            "so glad i pay for Prime to get my package a week late again",
            "Really appreciate Kronos Bank charging me a $35 overdraft fee on a $2 coffee",
            "@SkyLink_Air 40 min on hold just to be told to call back tomorrow. love that for me",
            "sooo Sonos just made my speakers worse with an update. thanks i guess",
            "sooo glad my train got cancelled again",
            "greaaat, cancelled again",
            "great, charged twice and they say they can't refund it",
            "@SkyLink_Air 40 min on hold, told to call back tomorrow. great job",
        ] {
            assert!(ironic(&tokenize(text)), "{text}");
            assert!(score(&Lexicon::new(), &tokenize(text)).compound < 0.0, "{text}");
        }
    }

    #[test]
    fn sincere_praise_is_not() {
        for text in [
            "Thanks @Verizon for fixing the outage so quickly.",
            "shoutout to the Delta gate agent who rebooked me after my flight got cancelled. absolute legend",
            "v2.3.1 finally fixed the crash on startup, thank u devs",
            "Great, would still stay again",
            "Great Monday night, never a dull moment",
            "Can't wait for the new season, hope it never ends",
            "this song never gets old",
            "nothing says summer like a cold beer on the porch",
            "thanks for the quick reply, all good now",
            "flight delayed, thanks Delta for rebooking me in 2 minutes",
            // Failures said not to happen, and words of failure meant plainly.
            "Amazing, no fees and no delays!",
            "Kudos to Acme, not a single crash since launch",
            "Great, never lets me down",
            "Thanks Delta, i'd fly with you again",
            "Again, thanks Acme!",
            "Wow! I never saw it that way. Thank you so much :)",
            "wow Acme, I never saw it that way",
            "wow wow wow hold my beer!",
            "Thank you for sharing and raising awareness",
            "Great-grandma never forgot a birthday",
            "great another season of Bluey, the kids never get bored",
        ] {
            assert!(!ironic(&tokenize(text)), "{text}");
        }
    }
}
