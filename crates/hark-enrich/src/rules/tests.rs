//! VADER's rules and hark's own, each by the texts it must and must not move.

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
    // A negated "stop" before a verb in -ing goes on doing it.
    assert!(c("I can't stop laughing at this") > 0.2 && c("couldn't stop smiling all day") > 0.2);
    assert!(c("the app won't stop crashing") < -0.2 && c("this band never stops amazing me") > 0.2);
    assert!(
        !crate::lexicon::affirms("", "won't", "stop", "anything", "")
            && !crate::lexicon::affirms("", "no", "stops", "during", "")
    );
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
            "Chipotle nailed it with the new bowl",
            "our support team crushed it this quarter",
            "you're killing it with these videos",
            "Beyonce killed it last night",
            "Wendy's is killing it on twitter lmao",
            "you killed it last night",
            "Dua Lipa absolutely killed it",
            "she slayed the halftime show",
        ],
    );
    // Certainty and charges spared are no complaint; a stretched phrase word is the word; "nah" answers, it does not
    // negate.
    above(0.2, &["no fees", "No hidden fees!", "zero fees on transfers", "hell yeahhh", "hell yeh dude"]);
    below(0.0, &["what the hell ya doing Comcast, internet out all day"]);
    // Brands' names carry no sentiment of their own.
    for brand in ["Kia", "United", "Amazon", "Marvel", "Spirit"] {
        assert_eq!(c(brand), 0.0, "{brand}");
    }
    above(0.2, &["the Kia is great", "the new Kia is not bad at all"]);
    // Praise in words VADER reads as what they once meant; "like" after a verb of the senses compares.
    above(
        0.2,
        &["these trail shoes are a cheat code on wet rocks", "the scooter looks sick", "the camera is scary good"],
    );
    below(0.0, &["runners fell apart after 50 miles", "8 to 12 they said. it's 5pm. no call no show"]);
    assert!(c("these crisps taste like cardboard") <= 0.0 && c("it smells like a chemistry lab") <= 0.0);
    for sure in ["No doubt!", "no doubt about it"] {
        assert!(c(sure) >= 0.0, "{sure}");
    }
    below(-0.2, &["nah this is bad"]);
    // "Killed it" said of a product ended, or with no one named doing it well, is no praise.
    below(
        0.0,
        &[
            "Google is killing it off next month",
            "loved Inbox, then Google killed it",
            "nobody used the feature so we killed it",
            "the new update is killing it, battery drains in 2 hours",
            "the update is killing it on older phones, battery drains in 2 hours",
        ],
    );
    assert!(c("dropped my new iPhone on concrete and smashed it") <= 0.0);
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
