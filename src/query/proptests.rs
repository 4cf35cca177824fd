//! Property tests: printing round-trips, matcher = reference (also on NOT/AND/OR combinations), and a parser that
//! never panics. Crashes found here are kept as plain regression tests at the bottom.

use proptest::prelude::*;

use super::*;

const WORDS: [&str; 9] = ["acme", "corp", "rocket", "skates", "café", "über", "big", "co", "pineapple"];
const CASED: [&str; 5] = ["Acme", "ACME", "Café", "Big", "Co"];
const PATTERNS: [&str; 6] = ["ac*", "acme*", "ro?ket", "sk*s", "caf?", "b*g"];

fn word() -> impl Strategy<Value = Term> {
    let lower =
        prop::sample::select(WORDS.iter().chain(&PATTERNS).chain(&["acme's", "🚀"]).copied().collect::<Vec<_>>());
    prop_oneof![
        4 => lower.prop_map(|t| Term { kind: TermKind::Word, text: t.into(), case_sensitive: false }),
        1 => (prop::sample::select(&WORDS[..4]), any::<bool>()).prop_map(|(t, tag)| Term {
            kind: if tag { TermKind::Hashtag } else { TermKind::Handle },
            text: t.into(),
            case_sensitive: false
        }),
        1 => prop::sample::select(&CASED[..]).prop_map(|t| Term { kind: TermKind::Word, text: t.into(), case_sensitive: true }),
    ]
}

fn phrase() -> impl Strategy<Value = Expr> {
    let words = prop::collection::vec(prop::sample::select(&WORDS[..]), 2..=3);
    (words, any::<bool>(), prop::option::of(0u32..4)).prop_map(|(ws, cased, slop)| Expr::Phrase {
        words: ws
            .iter()
            .map(|w| {
                let text = if cased { w.to_uppercase() } else { (*w).to_owned() };
                Term { kind: TermKind::Word, text, case_sensitive: cased }
            })
            .collect(),
        slop,
    })
}

fn positional() -> impl Strategy<Value = Expr> {
    prop_oneof![3 => word().prop_map(Expr::Term), 1 => phrase()].prop_recursive(2, 6, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..=3).prop_map(Expr::Or),
            (inner.clone(), inner, 0u32..4, any::<bool>()).prop_map(|(l, r, distance, ordered)| Expr::Near {
                left: Box::new(l),
                right: Box::new(r),
                distance,
                ordered
            }),
        ]
    })
}

fn meta() -> impl Strategy<Value = Expr> {
    prop::sample::select(vec![
        (MetaField::Site, "acme.com"),
        (MetaField::Url, "acme.com/x"),
        (MetaField::Author, "jane doe"),
        (MetaField::Source, "rss"),
        (MetaField::Language, "en"),
    ])
    .prop_map(|(f, v)| Expr::Meta(f, v.into()))
}

fn expr() -> impl Strategy<Value = Expr> {
    prop_oneof![4 => word().prop_map(Expr::Term), 1 => phrase(), 1 => meta(), 1 => positional()].prop_recursive(
        3,
        12,
        3,
        |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 2..=3).prop_map(Expr::And),
                prop::collection::vec(inner.clone(), 2..=3).prop_map(Expr::Or),
                inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
                inner.prop_map(|e| Expr::Title(Box::new(e))),
            ]
        },
    )
}

fn text() -> impl Strategy<Value = String> {
    const PIECES: [&str; 35] = [
        "acme",
        "Acme",
        "ACME",
        "acme's",
        "Acme’s",
        "acmecorp",
        "corp",
        "Corp",
        "rocket",
        "skates",
        "café",
        "CAFÉ",
        "cafe",
        "cafe\u{301}",
        "über",
        "uber",
        "big",
        "Big",
        "co",
        "CO",
        "#acme",
        "#AcmeLove",
        // The run-together tags a phrase of WORDS also matches.
        "#AcmeCorp",
        "@acme_corp",
        "#BigCo",
        "@bigco",
        "@acme",
        "@corp",
        "🚀",
        "https://acme.com/x",
        "pineapple",
        "the",
        "and",
        "rocker",
        "sks",
    ];
    const SEPS: [&str; 8] = [" ", " ", " ", ", ", ". ", "-", "!", "'"];
    prop::collection::vec((prop::sample::select(&PIECES[..]), prop::sample::select(&SEPS[..])), 0..12)
        .prop_map(|v| v.into_iter().flat_map(|(p, s)| [p, s]).collect())
}

fn owned_doc() -> impl Strategy<Value = (Option<String>, String, Option<&'static str>, Option<&'static str>)> {
    let url = prop::sample::select(vec![None, Some("https://blog.acme.com/x"), Some("http://other.org/acme.com")]);
    let author = prop::sample::select(vec![None, Some("@Jane Doe"), Some("bob")]);
    (prop::option::of(text()), text(), url, author)
}

fn query_of(e: &Expr) -> Query {
    match Query::parse(&e.to_string()) {
        Ok(q) => q,
        Err(err) => panic!("printed AST does not parse:\n{}", err.render(&e.to_string())),
    }
}

fn agree(queries: &[Query], doc: &Doc, fold: bool) -> Result<(), TestCaseError> {
    let options = MatchOptions { fold_accents: fold };
    let refs: Vec<&Query> = queries.iter().collect();
    let fast = Matcher::new(&refs, options).matches(doc);
    let slow: Vec<usize> = (0..queries.len()).filter(|i| reference_matches(&queries[*i], doc, options)).collect();
    prop_assert_eq!(fast, slow, "queries {:?} doc {:?}", queries.iter().map(Query::text).collect::<Vec<_>>(), doc);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn print_parse_round_trip(e in expr()) {
        let q = query_of(&e);
        prop_assert_eq!(q.expr(), &e);
    }

    #[test]
    fn matcher_agrees_on_negated_combinations(a in expr(), b in expr(), d in owned_doc(), fold in any::<bool>()) {
        let (title, body, url, author) = &d;
        let doc = Doc { title: title.as_deref(), url: *url, author: *author, ..Doc::new(body) };
        let not = |e: &Expr| Expr::Not(Box::new(e.clone()));
        let qs = [not(&a), Expr::Or(vec![a.clone(), b.clone()]), Expr::And(vec![not(&a), not(&b)])].map(|e| query_of(&e));
        agree(&qs, &doc, fold)?;
    }

    #[test]
    fn matcher_agrees_with_reference(es in prop::collection::vec(expr(), 1..4), d in owned_doc(), fold in any::<bool>()) {
        let (title, body, url, author) = &d;
        let doc = Doc { title: title.as_deref(), url: *url, author: *author, ..Doc::new(body) };
        agree(&es.iter().map(query_of).collect::<Vec<_>>(), &doc, fold)?;
    }

    #[test]
    fn positional_matcher_agrees(e in positional(), body in text(), fold in any::<bool>()) {
        agree(&[query_of(&e)], &Doc::new(&body), fold)?;
    }

    #[test]
    fn parser_never_panics_on_strings(s in any::<String>()) {
        check_total(&s)?;
    }

    #[test]
    fn parser_never_panics_on_token_soup(parts in prop::collection::vec((prop::sample::select(vec![
        "AND", "OR", "NOT", "NEAR/3", "NEAR/0f", "NEAR", "NEAR/", "(", ")", "\"", "{", "}", "~2", "~", "*", "?", "acme",
        "ac*", "*x", "#a", "@b", "#", "@", "site:", "title:", "url:x", "foo:", ":", "'", "’", "-", "é", "\u{301}",
        "🚀", "https://x.y", "www.", "and", "or", "near/2", "\"a b\"~1", "{\"A\"}", "\t", "\n",
    ]), any::<bool>()), 0..12)) {
        let s: String = parts.into_iter().map(|(p, space)| if space { format!("{p} ") } else { p.to_owned() }).collect();
        check_total(&s)?;
    }
}

/// Parsing `s` never panics; when it parses, its canonical text parses to the same AST, and matching runs.
fn check_total(s: &str) -> Result<(), TestCaseError> {
    match Query::parse(s) {
        Err(e) => {
            prop_assert!(e.offset <= s.chars().count(), "offset {} past the end of {:?}", e.offset, s);
            let _ = e.render(s);
        }
        Ok(q) => {
            let printed = q.expr().to_string();
            let again = Query::parse(&printed);
            prop_assert!(again.as_ref().is_ok_and(|a| a.expr() == q.expr()), "{:?} printed as {:?}", s, printed);
            let _ = (q.search_terms(), q.hashtags(), q.lint());
            agree(&[q], &Doc::new("acme a b x 🚀 #a @b é"), false)?;
        }
    }
    Ok(())
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
    let nots = format!("{}a", "NOT ".repeat(100_000));
    let nears = format!("a{}", " NEAR/1 a".repeat(100_000));
    let titles = format!("{}a{}", "title:(".repeat(100_000), ")".repeat(100_000));
    for q in [deep, nots, nears, titles] {
        let e = Query::parse(&q).expect_err("too deep");
        assert!(e.message.contains("nests more than 100 levels"), "{}", e.message);
    }
    let ok = format!("{}a{}", "(".repeat(99), ")".repeat(99));
    assert_eq!(Query::parse(&ok).map(|q| q.expr().to_string()), Ok("a".to_owned()));
}

#[test]
fn regression_cases() {
    for s in
        ["\"", "{", "{\"", "((", "NEAR/", "title:", "a:b", "#", "\u{301}", "{\"a\"~", "\"a\"~99999999999", "\u{387}"]
    {
        assert!(check_total(s).is_ok(), "{s:?}");
    }
}
