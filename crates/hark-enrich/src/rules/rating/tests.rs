//! Ratings found and scored, and the dates, shares and numbering that look like them left alone.

use super::super::score;
use super::*;
use crate::lexicon::Lexicon;
use crate::tokenize::tokenize;

fn c(text: &str) -> f32 {
    score(&Lexicon::new(), &tokenize(text)).compound
}

/// The valence of the first rating in `text`, if any.
fn rated(text: &str) -> Option<f32> {
    let toks = tokenize(text);
    (0..toks.len()).find_map(|i| at(&toks, i, &|| thread(&toks)))
}

#[test]
fn scale() {
    let v = |s: f32, b: f32| valence(s, b);
    assert_eq!([v(0.0, 10.0), v(2.0, 10.0), v(1.0, 5.0)], [-2.5; 3]);
    assert_eq!([v(3.0, 10.0), v(4.0, 10.0), v(2.0, 5.0)], [-1.8; 3]);
    assert_eq!([v(5.0, 10.0), v(2.5, 5.0), v(6.0, 10.0), v(3.0, 5.0), v(65.0, 100.0)], [0.0; 5]);
    assert_eq!([v(7.0, 10.0), v(8.0, 10.0), v(4.0, 5.0)], [1.9; 3]);
    assert_eq!([v(8.5, 10.0), v(10.0, 10.0), v(5.0, 5.0), v(4.5, 5.0), v(11.0, 10.0)], [2.8; 5]);
}

#[test]
fn ratings_in_numbers_where_a_rating_stands() {
    for (text, valence) in [
        ("10/10", 2.8),
        ("0/10", -2.5),
        ("the pasta was cold. 3/10.", -1.8),
        ("honestly 8 / 10", 1.9),
        ("7.5/10, fun but short", 1.9),
        ("10/10 would buy again", 2.8),
        ("3/10 at best", -1.8),
        ("rated it 2/5 and moved on", -1.8),
        ("a solid 8/10 for me", 1.9),
        ("9 outta 10", 2.8),
        ("I give it 2 out of 10", -2.5),
        ("the hotel: 85/100 🙂", 2.8),
        ("great food, rude staff (6/10)", 0.0),
        ("4,5/5, delivery was quick", 2.8),
        // At the start of a clause, before what it rates.
        ("10/10 day", 2.8),
        ("1/10 experience with Hertz", -2.5),
        ("fixed it. 4/10 the new start menu", -1.8),
        // After an article.
        ("A 9/10 brunch", 2.8),
        ("Squid Game 2 was a 4 out of 10 for me", -1.8),
        // A fan's score past the top, with a cue or "would".
        ("the trailer alone is an 11/10", 2.8),
        ("11/10 would recommend", 2.8),
        ("8/10 would watch again", 1.9),
        ("10/10 would not recommend, the sole came off on day 3", -2.8),
        ("3/10 would not recommend", -1.8),
        ("the food is 9/10 for me", 2.8),
        ("this burger is 10/10 tbh", 2.8),
    ] {
        assert_eq!(rated(text), Some(valence), "{text}");
    }
}

#[test]
fn dates_shares_and_numbering_are_no_ratings() {
    for text in [
        "see you on 3/10",
        "tickets go on sale Thursday 4/10!",
        "due 4/10/2024",
        "2024/3/10 release",
        "9/10 times it crashes",
        "9 out of 10 dentists recommend it",
        "3/5 of my friends switched",
        "page 4/10",
        "we won 3/5 sets",
        "Like 9/10 I turn him down",
        "12/10 DJ night at the club",
        "11/10 at the club",
        "4/5 of the machines eat coins",
        "9/10 people agree",
        "2/3 cup of flour",
        "scored 7/10 on my driving theory mock",
        "Friday, 3/10",
        "Release date: 4/10",
        "Ep. 3/10 is out now",
        "Update (3/10): servers are back",
        "Concert tonight 3/10!",
        "I have a dentist appointment 3/10 at 9",
        "book a table for 3/10",
        "3/10 would work for the meeting",
        "12/10 would be a great date",
        "the album is 11/10",
        "give 1/10 of your income",
        "a 1/10 chance of rain",
        "odds of winning are 1/10,000",
        "shooting 9/10 from the line",
        "went 3/10 from three",
        "1/5 Here's why our churn doubled",
        "(1/5) a thread on pricing 🧵",
        "pt 1/5",
        "thread: what I learned. 1/5",
    ] {
        assert_eq!(rated(text), None, "{text}");
    }
}

#[test]
fn ratings_in_stars() {
    for (text, valence) in [
        ("1 star", -2.5),
        ("zero stars", -2.5),
        ("would give zero stars if I could", -2.5),
        ("five stars", 2.8),
        ("5-star service", 2.8),
        ("4.5 stars", 2.8),
        ("3 stars, average", 0.0),
        ("two stars", -1.8),
        ("★★★☆☆", 0.0),
        ("⭐⭐⭐⭐⭐", 2.8),
        ("⭐️⭐️⭐️⭐️⭐️ amazing", 2.8),
        ("★☆☆☆☆ never again", -2.5),
        ("⭐⭐⭐⭐ good value", 1.9),
        ("4⭐", 1.9),
        ("5 stars to the chef", 2.8),
        ("gave the hotel five stars", 2.8),
    ] {
        assert_eq!(rated(text), Some(valence), "{text}");
    }
    for text in [
        "Star Wars day",
        "stayed at a 5-star hotel",
        "got all 3 stars on the time trial",
        "each level has 3 stars to collect",
        "the game's 3rd star",
        "2388 stars here",
        "4/5 stars",
        "4 out of 5 stars",
        "⭐ featured",
        "⭐⭐ so cute",
        "⭐⭐⭐⭐⭐⭐⭐",
        "★☆★☆☆",
        "I've seen one Star Wars film",
        "there are no stars out tonight",
        "a 2-star Michelin restaurant",
        "he is a 4-star commit",
        "each level has 3 stars to collect",
    ] {
        // "4/5 stars" is a rating in numbers, read at its "4" (not twice).
        let toks = tokenize(text);
        let word_or_symbol =
            (0..toks.len()).filter(|i| toks[*i].kind != Kind::Number).find_map(|i| at(&toks, i, &|| thread(&toks)));
        assert_eq!(word_or_symbol, None, "{text}");
    }
    assert_eq!(rated("4/5 stars"), Some(1.9));
}

#[test]
fn bare_numbers_on_the_scale_of_a_rating_before() {
    assert!(c("Trustpilot says 4.6 stars but my experience was a 1.") < -0.3);
    assert!(c("not a 10/10 but definitely an 8") > 0.0 && c("not a 10/10 but definitely") < 0.0);
    assert!(c("3/10 for the food, the drinks were a 9 tbh") > c("3/10 for the food, the drinks were ok tbh"));
    // Not without a rating before, after a negation, as a quantity, nor past the scale.
    assert_eq!(c("my experience was a 1."), 0.0);
    assert!(c("8/10 but only because nothing is a 10 lol") > 0.0);
    for text in ["4 stars, a 2 hour wait though", "2/5, a 10 minute walk", "2 stars, a 7 👍", "4 stars, a 2-hour wait"]
    {
        assert_eq!(c(text), c(&text.replace(" a ", " ")), "{text}");
    }
    // Stars after the number are read once, by the rules for stars, and a class stays a class.
    assert!(c("Service 1/5. Shocking for a 5-star hotel.") < -0.3);
    assert_eq!(c("Food 1/5 but the dessert a 5 stars"), c("Food 1/5 but the dessert 5 stars"));
}

#[test]
fn the_overall_rating_decides_among_several() {
    assert!(c("gameplay 9/10 but microtransactions 1/10. overall still a 7 for me") > 0.3);
    assert!(c("gameplay 9/10 but microtransactions 1/10. still a 7 for me") < 0.0);
    assert!(c("new Spider-Man game: 10/10 swinging, 2/10 story, overall 8/10") > 0.3);
    let parts = score(&Lexicon::new(), &tokenize("visuals 8/10 but story 3/10. overall a 5/10 watch"));
    assert!(parts.middling && parts.compound.abs() < 0.2, "{parts:?}");
    assert!(c("the game is 9/10 overall, final boss 3/10") > 0.3);
    assert!(c("Final score: 2/10. The intro was 9/10") < -0.3);
    // "final" or "total" calls a verdict only as a final score, rating or grade.
    assert!(c("soundtrack 10/10, final boss 2/10") > 0.0);
    assert!(c("service 1/10, total bill $80, food 9/10") + 0.3 < c("service 1/10, total bill $80, overall 9/10"));
    // A lone rating after "overall" is one like any; a middling one with nothing else said is middling too.
    assert_eq!(c("overall 8/10"), c("8/10"));
    assert!(score(&Lexicon::new(), &tokenize("Watched Dune last night. 6/10")).middling);
}

#[test]
fn scores_and_stars_received_are_no_ratings() {
    for text in ["got 3 stars on every level in world 4", "got 3/5, no one at the desk knew why", "earned 3 stars"] {
        assert_eq!(rated(text), None, "{text}");
    }
    // Unless the writer gave them.
    assert_eq!(rated("the movie got 2/10 from me"), Some(-2.5));
    assert_eq!(rated("this place got 5 stars from me"), Some(2.8));
}

#[test]
fn rules_score_ratings() {
    assert!(c("5 stars") > 0.5 && c("1 star") < -0.5 && c("10/10") > 0.5 && c("0/10") < -0.5);
    assert!(c("3 stars") == 0.0 && c("6/10") == 0.0 && c("5/10") == 0.0);
    // The words around a rating count half, a tenth beside a middling one: the post stays near neutral.
    assert!(c("great food, rude staff, 6/10").abs() < 0.1 && c("great food, lovely staff, 6/10") < 0.2);
    assert!(c("great food, lovely staff, 9/10") > c("great food, lovely staff, 6/10") + 0.3);
    assert!(c("a generous 3/10") < 0.0 && c("a generous one") > 0.0);
    // A negation does not turn a bad rating into praise; it does take a good one back.
    assert!(c("can't even give it one star") < -0.3 && c("wouldn't give it zero stars") < -0.3);
    assert!(c("not even 1/10") < -0.3 && c("I wouldn't give it 5 stars") < 0.0 && c("not a 10/10") < 0.0);
    // A negation of the word before a rating leaves the rating as it is; "but" does not weigh it.
    assert!(c("not bad 8/10") > 0.3 && c("did not disappoint 10/10") > 0.3);
    // A rating before "but" is the verdict: a remark after it qualifies it, only a rating after it outweighs it.
    assert!(c("1/10 but the staff were lovely") < 0.0 && c("9/10 but the parking was awful") > 0.0);
    assert!(c("Trustpilot says 4.6 stars but my experience was a 1/5") < 0.0);
    assert!(c("the app is a 6/10 but support made it a 9/10") > 0.3);
    // "zero" before a fault is a fix ("zero crashes"), not before stars.
    assert!(c("zero stars") < -0.5 && c("zero crashes since the patch") > 0.0);
    // "at best" is a ceiling, not praise.
    assert!(c("3/10 at best") == c("3/10") && c("meh at best") == c("meh"));
    // Not a rating: scored by its words alone.
    assert_eq!(c("see you on 3/10"), 0.0);
    assert_eq!(c("9/10 times it works"), c("most times it works"));
}
