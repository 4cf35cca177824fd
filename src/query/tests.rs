//! Concrete examples of the language: parsing, printing, errors, and matching (checked against the reference).

use super::*;

fn parse(q: &str) -> Query {
    match Query::parse(q) {
        Ok(q) => q,
        Err(e) => panic!("{}", e.render(q)),
    }
}

fn canon(q: &str) -> String {
    parse(q).expr().to_string()
}

fn err(q: &str) -> (usize, String) {
    match Query::parse(q) {
        Ok(p) => panic!("{q} parsed as {}", p.expr()),
        Err(e) => (e.offset, e.message),
    }
}

/// Matches with the compiled matcher, asserting the reference agrees.
fn doc_matches(q: &str, doc: Doc, fold: bool) -> bool {
    let query = parse(q);
    let options = MatchOptions { fold_accents: fold };
    let fast = !Matcher::new(&[&query], options).matches(&doc).is_empty();
    assert_eq!(fast, reference_matches(&query, &doc, options), "matcher and reference disagree on {q} / {doc:?}");
    fast
}

fn m(q: &str, text: &str) -> bool {
    doc_matches(q, Doc::new(text), false)
}

#[test]
fn precedence_and_canonical_printing() {
    assert_eq!(canon("a b OR c"), "a AND b OR c");
    assert_eq!(canon("a (b OR c)"), "a AND (b OR c)");
    assert_eq!(canon("NOT a b"), "NOT a AND b");
    assert_eq!(canon("NOT (a OR b) OR c"), "NOT (a OR b) OR c");
    assert_eq!(canon("a AND (b AND c)"), "a AND (b AND c)");
    assert_eq!(canon("(a OR b) NEAR/3f \"c d\"~2"), "(a OR b) NEAR/3f \"c d\"~2");
    assert_eq!(canon("a NEAR/1 b NEAR/2 c"), "a NEAR/1 b NEAR/2 c");
    assert_eq!(canon("a NEAR/1 (b NEAR/2 c)"), "a NEAR/1 (b NEAR/2 c)");
    assert_eq!(canon("NOT a NEAR/2 b"), "NOT a NEAR/2 b");
    assert_eq!(canon("Acme {Acme} {\"Big Co\"} #Tag @Who"), "acme AND {Acme} AND {\"Big Co\"} AND #tag AND @who");
    assert_eq!(canon("\"acme\" acme.com co-op"), "acme AND \"acme com\" AND \"co op\"");
    assert_eq!(
        canon("Title:(a OR b) SITE:https://Acme.com/ author:\"@Jane Doe\" lang:EN"),
        "title:(a OR b) AND site:acme.com AND author:\"jane doe\" AND language:en"
    );
    assert_eq!(canon("title:\"a b\" url:acme.com/x?y"), "title:\"a b\" AND url:acme.com/x?y");
    for q in ["a AND b OR c", "NOT (a OR b)", "\"a b\"~3", "{Acme*} OR acme's", "title:(NOT a)", "url:\"a b\""] {
        assert_eq!(canon(&canon(q)), canon(q));
    }
}

#[test]
fn parse_errors_point_at_the_problem() {
    assert_eq!(err(""), (0, "empty query".into()));
    assert_eq!(err("   "), (0, "empty query".into()));
    assert_eq!(err("(acme OR b"), (0, "unclosed '('".into()));
    assert_eq!(err("acme)"), (4, "unbalanced ')'".into()));
    assert_eq!(err("acme ()"), (5, "empty parentheses".into()));
    assert_eq!(err("*acme"), (0, "a word cannot start with a wildcard".into()));
    assert_eq!(err("x #?cme"), (3, "a word cannot start with a wildcard".into()));
    assert_eq!(err("a NEAR b"), (2, "NEAR needs a distance".into()));
    assert_eq!(err("a NEAR/x b"), (2, "bad NEAR distance in 'NEAR/x'".into()));
    assert_eq!(err("a NEAR/1001 b"), (2, "bad NEAR distance in 'NEAR/1001'".into()));
    assert_eq!(err("NEAR/2 b"), (0, "NEAR needs a term before it".into()));
    assert_eq!(err("a NEAR/2"), (2, "NEAR must be followed by a word, phrase or group".into()));
    assert_eq!(err("a NEAR/2 NOT b"), (2, "NEAR must be followed by a word, phrase or group".into()));
    assert_eq!(err("(a b) NEAR/2 c"), (0, "this cannot be an operand of NEAR".into()));
    assert_eq!(err("a NEAR/2 site:x"), (2, "NEAR must be followed by a word, phrase or group".into()));
    assert_eq!(err("acme AND"), (5, "AND must be followed by a term".into()));
    assert_eq!(err("acme OR OR b"), (5, "OR must be followed by a term".into()));
    assert_eq!(err("OR acme"), (0, "OR needs a term before it".into()));
    assert_eq!(err("acme NOT"), (5, "NOT must be followed by a term".into()));
    assert_eq!(err("acme \"big co"), (5, "unclosed quote".into()));
    assert_eq!(err("\"a b\"~ c"), (5, "'~' needs a number of words".into()));
    assert_eq!(err("acme~2"), (4, "'~n' only follows a quoted phrase".into()));
    assert_eq!(err("foo:bar"), (0, "unknown field 'foo:'".into()));
    assert_eq!(err("a https://acme.com"), (2, "unknown field 'https:'".into()));
    assert_eq!(err("site: acme.com"), (0, "site: needs a value".into()));
    assert_eq!(err("site:(a OR b)"), (5, "bad value for site:".into()));
    assert_eq!(err("a {Acme"), (2, "unclosed '{'".into()));
    assert_eq!(err("a {}"), (2, "empty '{}'".into()));
    assert_eq!(err("a }"), (2, "unexpected '}'".into()));
    assert_eq!(err("a && b"), (2, "'&&' is not an operator".into()));
    assert_eq!(err("a -b"), (2, "'-' does not exclude words".into()));
    // Other search boxes' exclusions would become inclusions once the tokenizer drops the sign: all refused.
    for (query, col) in [("a -#cheap", 2), ("a -@troll", 2), ("a !cheap", 2), ("title:-cheap", 6), ("title:!x", 6)] {
        assert_eq!(err(query).0, col, "{query}");
    }
    assert_eq!(err("a -\"cheap stuff\"").1, "'-' does not exclude a phrase");
    // A word processor's dashes and the minus sign too.
    for dash in ['\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}', '\u{2212}'] {
        assert_eq!(err(&format!("a {dash}cheap")), (2, format!("'{dash}' does not exclude words")));
        assert_eq!(err(&format!("a {dash}\"cheap stuff\"")), (2, format!("'{dash}' does not exclude a phrase")));
    }
    // A keyword list's separators would make AND or a phrase of what meant OR.
    for (query, col) in [("acme, globex", 4), ("acme,globex", 4), ("acme|globex", 4), ("(acme, \"acme corp\")", 5)] {
        assert_eq!(err(query), (col, format!("'{}' does not separate alternatives", &query[col..col + 1])), "{query}");
    }
    assert!(Query::parse("\"acme, inc\"").is_ok() && Query::parse("1,000 followers").is_ok());
    for query in ["acme｜globex", "索尼，佳能", "索尼、佳能"] {
        assert!(err(query).1.ends_with("does not separate alternatives"), "{query}: {:?}", err(query));
    }
    assert_eq!(err("acme －cheap").1, "'－' does not exclude words");
    // Every full-width form through one table, and the other dashes: `！`, `‒`, `﹣`, a full-width comma in a site.
    assert_eq!(err("acme ！cheap").1, "'！' is not an operator");
    assert_eq!(
        (err("acme ‒cheap").1, err("acme ﹣cheap").1),
        ("'‒' does not exclude words".into(), "'﹣' does not exclude words".into())
    );
    assert!(err("site:a.com，b.com").1.ends_with("can never match"));
    // Field values that no mention can have.
    for query in [
        "site:*.acme.com",
        "site:acme.com/blog",
        "site:a.com,b.com",
        "url:*acme*",
        "author:jane*",
        "language:english",
        "site:-acme.com",
        "site:!acme.com",
        "source:-reddit",
        "site:–acme.com",
        "site:‐acme.com",
        "source:！reddit",
    ] {
        assert!(err(query).1.ends_with("can never match"), "{query}: {:?}", err(query));
    }
    assert!(Query::parse("language:pt_BR").is_ok() && Query::parse("language:en-us").is_ok());
    // A region tag matches whichever separator the source wrote.
    let us = |lang| Doc { lang: Some(lang), ..Doc::new("acme") };
    assert!(doc_matches("language:en-us", us("en_US"), false) && doc_matches("language:en_us", us("en-US"), false));
    assert!(doc_matches("language:en", us("en_GB"), false) && !doc_matches("language:en-us", us("en-GB"), false));
    assert_eq!(err("title:acme~2").1, "'~n' only follows a quoted phrase");
    // Other fields' values are compared as written: a tilde or a leading dash is theirs.
    assert!(Query::parse("url:cs.example.edu/~alice").is_ok() && Query::parse("author:-edgar-").is_ok());
    // Curly quotes, as pasted from a word processor, make a phrase.
    let curly = Query::parse("“acme corp”").unwrap();
    assert_eq!(curly.expr(), Query::parse("\"acme corp\"").unwrap().expr());
    assert_eq!(err("a !!!"), (2, "'!!!' has no letters or digits to search for".into()));
    assert_eq!(err("a \"...\""), (2, "the phrase has no letters or digits to search for".into()));
    assert_eq!(err("www.acme.com"), (0, "URLs are not matched as words".into()));
    assert_eq!(err("\"a b\"c"), (5, "missing space after the closing quote".into()));
    let e = Query::parse("acme NEAR corp").expect_err("no distance");
    assert_eq!(
        e.render("acme NEAR corp"),
        "acme NEAR corp\n     ^\nerror: NEAR needs a distance\n\
         hint: write NEAR/3 (within 3 words, any order) or NEAR/3f (first term before the second)"
    );
}

#[test]
fn boolean_operators() {
    assert!(m("acme", "I love ACME!"));
    assert!(!m("acme", "pineapple acmes"));
    assert!(m("acme corp", "corp of acme") && !m("acme corp", "acme only"));
    assert!(m("acme AND corp", "corp of acme"));
    assert!(m("acme OR globex", "globex rules") && !m("acme OR globex", "initech"));
    assert!(m("acme NOT cheap", "acme is great") && !m("acme NOT cheap", "acme is cheap"));
    assert!(m("acme OR globex NOT cheap", "acme cheap"), "AND binds tighter than OR");
    assert!(!m("(acme OR globex) NOT cheap", "acme cheap"));
    assert!(m("NOT NOT acme", "acme") && m("NOT acme", "globex"));
}

#[test]
fn phrases_and_proximity() {
    // NEAR measures from a slop phrase's end: the span ending at the second "rocket" is the one that holds.
    assert!(m("\"acme rocket\"~3 NEAR/0f launch", "acme rocket and rocket launch"));
    assert!(m("\"acme corp\"", "Acme, Corp. is here") && !m("\"acme corp\"", "corp acme"));
    assert!(m("\"acme rocket skates\"", "new acme rocket skates!"));
    assert!(m("\"acme skates\"~1", "acme rocket skates") && !m("\"acme skates\"~1", "acme red rocket skates"));
    assert!(m("\"acme skates\"~1", "skates by acme"));
    assert!(m("acme NEAR/2 skates", "skates are from acme") && !m("acme NEAR/1 skates", "skates are from acme"));
    assert!(m("acme NEAR/0 skates", "acme skates") && !m("acme NEAR/0 skates", "acme red skates"));
    assert!(m("acme NEAR/2f skates", "acme red skates") && !m("acme NEAR/2f skates", "skates red acme"));
    assert!(m("(acme OR globex) NEAR/1 (skates OR rockets)", "globex the rockets"));
    assert!(m("\"acme corp\" NEAR/1 love", "love the acme corp"));
    assert!(!m("acme NEAR/3 acme", "acme only") && m("acme NEAR/3 acme", "acme and acme"));
    assert!(m("acme NEAR/1 skates NEAR/1 fast", "acme skates fast"));
    assert!(
        !doc_matches("acme NEAR/5 news", Doc { title: Some("acme"), ..Doc::new("news") }, false),
        "no NEAR across fields"
    );
    assert!(!doc_matches("\"acme news\"", Doc { title: Some("acme"), ..Doc::new("news") }, false));
}

#[test]
fn wildcards_case_and_accents() {
    assert!(m("acme*", "acmecorp rocks") && m("acme*", "acme") && !m("acme*", "theacme"));
    assert!(m("ac?e", "ACME") && !m("ac?e", "ace") && m("a*e", "awesome"));
    assert!(m("{Acme}", "Acme") && !m("{Acme}", "ACME") && !m("{Acme}", "acme"));
    assert!(m("{Acme*}", "Acmeland") && !m("{Acme*}", "acmeland"));
    assert!(m("{\"Big Co\"}", "the Big Co") && !m("{\"Big Co\"}", "the big co"));
    assert!(m("café", "CAFÉ au lait") && !m("café", "cafe") && !m("cafe", "café"));
    assert!(doc_matches("cafe", Doc::new("café"), true) && doc_matches("café", Doc::new("CAFE"), true));
    assert!(doc_matches("{Café}", Doc::new("Cafe"), true) && !doc_matches("{Café}", Doc::new("CAFE"), true));
    assert!(m("café", "cafe\u{301}"), "NFC and NFD forms are the same text");
    // Folding drops accents, not the marks that make another letter.
    assert!(
        doc_matches("ガンダム", Doc::new("ガンダムの新作"), true)
            && !doc_matches("ガンダム", Doc::new("カンタム"), true)
    );
    assert!(!doc_matches("パン", Doc::new("ハン"), true) && doc_matches("パン", Doc::new("ハ\u{309A}ン"), true));
    assert!(!doc_matches("मोबाइल", Doc::new("मबइल"), true) && doc_matches("मोबाइल", Doc::new("नया मोबाइल"), true));
    assert!(doc_matches("שלום", Doc::new("שָׁלוֹם"), true) && doc_matches("Ελλάδα", Doc::new("ελλαδα"), true));
    assert!(doc_matches("мой", Doc::new("мои"), true) && !doc_matches("سئل", Doc::new("سيل"), true));
    assert!(!m("straße", "STRASSE"), "no full case folding: ß is not ss");
    assert!(m("οδοσ", "ΟΔΟΣ") && m("όνομα", "ΌΝΟΜΑ"));
    // A '*' or '?' in a name is escaped: E*Trade is written E\*Trade (the phrase "e trade"), and a one-letter
    // wildcard stem's lint says how.
    assert_eq!(canon(r"E\*Trade"), "\"e trade\"");
    assert!(m(r"E\*Trade", "love my E*TRADE account") && m(r"{E\*Trade}", "E*Trade app") && !m(r"E\*Trade", "etrade"));
    assert!(m(r#""Yahoo\? Answers""#, "RIP Yahoo? Answers") && !m(r"yahoo\?", "yahoos"));
    assert!(parse("e*trade").lint()[0].message.contains(r"write e\*trade"));
    assert!(parse("{E*T}").lint()[0].message.contains(r"write {E\*T}"));
    assert!(parse(r#"{"E*T corp"}"#).lint()[0].message.contains(r#"write {"E\*T corp"}"#));
    assert!(parse("#e*t").lint()[0].message.contains(r"write #e\*t"));
    assert!(parse(r#""is acme down\?""#).lint().is_empty(), "an escaped ? is no wildcard to warn of");
}

#[test]
fn social_tokens() {
    assert!(m("acme", "love #acme") && m("#acme", "love #Acme") && !m("#acme", "love acme"));
    assert!(m("acme", "thanks @acme!") && m("@acme", "thanks @ACME") && !m("@acme", "thanks acme"));
    assert!(!m("#acme", "thanks @acme") && !m("acme", "#acmelove") && m("acme*", "#acmelove"));
    assert!(m("acme", "Acme's new skates") && m("acme's", "ACME’s new skates") && !m("acme's", "acme new"));
    assert!(m("don't", "I don't know") && !m("don", "I don't know"));
    assert!(!m("acme", "see https://acme.com/acme") && m("acme", "see acme.com"));
    assert!(m("🚀", "launch🚀day") && m("acme 🚀", "🚀🚀 Acme!") && !m("🚀", "rocket"));
    assert!(m("acme", "e-mail bob@acme.com") && !m("@acme", "bob@acme.com"));
    // A quoted question's ? is a wildcard, and the lint says so.
    assert!(!m("\"is acme down?\"", "Is Acme down? Again") && m("\"is acme down\"", "Is Acme down? Again"));
    assert!(parse("\"is acme down?\"").lint()[0].message.contains("not a question mark"));
    // Bluesky handles are domains: @acme finds @acme.bsky.social and @acme.com, and the whole handle finds itself.
    assert!(m("@acme", "thanks @acme.bsky.social!") && m("acme", "cc @Acme.com") && !m("@acme", "cc @acmeco.com"));
    assert!(m("@acme.bsky.social", "thanks @acme.bsky.social!") && !m("@acme.bsky.social", "thanks @acme.com"));
    assert!(m("\"acme corp\"", "ACME-Corp") && m("acme-corp", "acme corp"));
    // An exact phrase also matches its words run together as a hashtag or handle (the tag a crawl asks for), not as
    // a word, and not with ~n, wildcards or case it does not have.
    assert!(m("\"acme corp\"", "loving #AcmeCorp today") && m("\"acme corp\"", "cc @acmecorp"));
    assert!(!m("\"acme corp\"", "acmecorp rocks") && !m("\"acme corp\"", "#acmecorporation"));
    assert!(
        m("\"acme corp\"", "love #acme_corp")
            && m("\"acme corp\"", "cc @Acme_Corp")
            && !m("\"acme corp\"", "#acme_corp_fans")
    );
    assert!(m("\"acme corp\"~1", "#acmecorp") && !m("\"acme corp*\"", "#acmecorp"));
    assert_eq!(parse("\"acme corp\"~2 OR \"#acme corp\"").hashtags(), ["acmecorp"], "the tags it matches");
    assert!(m("{\"Acme Corp\"}", "#AcmeCorp") && !m("{\"Acme Corp\"}", "#acmecorp"));
    assert!(m("\"acme corp\" NEAR/1 launch", "#AcmeCorp launch day") && !m("NOT \"acme corp\"", "#AcmeCorp"));
    // French and Italian elisions: the word after the apostrophe stands on its own.
    assert!(m("acme", "J'adore l'Acme") && m("acme", "la qualità dell'Acme") && m("acme", "plus d’Acme"));
    assert!(m("l'oréal", "J'aime L'Oréal") && m("oréal", "L'Oréal Paris") && m("don't", "I don't know"));
    // A possessive is no elision: Dell's and AT&T's keep their 's.
    assert!(m("\"dell xps\"", "Dell's XPS is great") && m("\"at&t fiber\"", "AT&T's fiber plans"));
}

/// Chinese, Japanese and Korean run words together: a brand beside or inside them is found, and a brand written in
/// them matches where it stands, not only as a whole run.
#[test]
fn text_without_spaces_between_words() {
    assert!(m("acme", "Acmeの新製品が出た") && m("acme", "我喜欢Acme产品"));
    // Full-width letters, `＃` and `＠`, as Japanese and Chinese keyboards type them.
    assert!(m("acme", "ＡＣＭＥの新製品") && m("#acme", "＃ａｃｍｅ いいね") && m("@acme", "＠ａｃｍｅ さん"));
    assert!(!m("#acme", "ＡＣＭＥの新製品") && m("ａｃｍｅ", "acme rocks"));
    assert!(m("索尼", "我很喜欢索尼的相机") && !m("索尼", "我很喜欢索的尼相机"));
    assert!(m("삼성", "삼성은 좋다") && m("삼성", "삼성의 새 폰") && m("ソニー", "ソニーの新しいカメラ"));
    assert!(m("索尼 NEAR/3 相机", "我很喜欢索尼的相机"));
    assert!(
        m("삼성*", "삼성전자 주가") && m("索尼*", "索尼的相机") && m("#索尼", "买了 #索尼# 相机") && m("索尼", "#索尼")
    );
    assert!(
        m("\"ソニー ミュージック\"", "ソニー・ミュージック") && m("ソニー NEAR/0 ミュージック", "ソニー・ミュージック")
    );
}

#[test]
fn fields() {
    let doc = Doc {
        title: Some("Acme launches skates"),
        text: "Big news today",
        author: Some("@JaneDoe"),
        source: Some("hackernews"),
        url: Some("https://blog.acme.com/post/1"),
        lang: Some("en-GB"),
    };
    let t = |q: &str| doc_matches(q, doc, false);
    assert!(t("acme") && t("title:acme") && !t("title:news") && t("news NOT title:news"));
    assert!(t("title:(skates OR rockets) news") && t("title:\"acme launches\"") && !t("title:(acme NEAR/0 skates)"));
    assert!(t("site:acme.com") && t("site:blog.acme.com") && !t("site:cme.com") && !t("site:acme.com.au"));
    assert!(t("url:post/1") && !t("url:post/2") && t("url:BLOG.acme"));
    assert!(t("author:janedoe") && t("author:@janedoe") && !t("author:jane"));
    assert!(t("source:hackernews") && !t("source:rss") && t("language:en") && t("lang:en-gb") && !t("language:fr"));
    assert!(!doc_matches("site:acme.com", Doc::new("acme"), false));
}

#[test]
fn search_terms_and_hashtags() {
    let q = parse("(Acme OR \"Acme Corp\" OR #AcmeLove OR @acme_co OR acmes* OR ab* OR {BigCo}) NOT cheap* site:x.com title:rocket");
    assert_eq!(q.search_terms(), ["acme", "acme corp", "acme_co", "acmelove", "acmes", "bigco", "rocket"]);
    assert_eq!(q.hashtags(), ["acme", "acmecorp", "acmelove", "acmes", "bigco", "rocket"]);
    assert_eq!(parse("Acme OR \"acme corp\" OR acme* OR acme NOT globex").hashtags(), ["acme", "acmecorp"]);
    // A tag does not hide the words: #acme OR rocketskates crawls both tags.
    assert_eq!(parse("#acme OR rocketskates").hashtags(), ["acme", "rocketskates"]);
    // A phrase is cut before its first wildcard word (an exact "acme rock" misses "acme rocks"); a phrase with ~n
    // gives its words, as NEAR does, since platforms' phrases are exact.
    assert_eq!(parse("\"acme rock* skates\"").search_terms(), ["acme"]);
    assert_eq!(parse("\"rock* acme\"").search_terms(), ["rock"]);
    assert_eq!(parse("\"acme skates\"~2").search_terms(), ["acme", "skates"]);
    // No single letters or chars as keys (each is a crawl of all history); CJK phrases searched as written.
    assert_eq!(parse("\"at&t fiber\"~2").search_terms(), ["fiber"]);
    assert_eq!(parse("索尼 OR \"索尼 相机\"~3").search_terms(), ["索尼", "索尼相机"]);
    assert_eq!(parse("@acme.bsky.social OR acme").hashtags(), ["acme"]);
    assert_eq!(parse("NOT acme").search_terms(), Vec::<String>::new());
    assert_eq!(parse("NOT NOT acme").search_terms(), ["acme"]);
    assert_eq!(parse("acme").text(), "acme");
}
