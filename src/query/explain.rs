//! Explanations: which terms of a query occur in a mention, in which field, at which token and chars.

use serde::Serialize;

use super::ast::Expr;
use super::meta::{meta_matches, meta_value};
use super::reference::{positions, spans, tag_spans, text_base, DocTokens};
use super::slop::phrase_spans;
use super::{Doc, MatchOptions};

/// Why a query matched a mention (or did not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// Index of the query in the matcher.
    pub query: usize,
    /// Whether the query matches.
    pub matched: bool,
    /// Every occurrence of every term or field of the query, in query order.
    pub hits: Vec<Hit>,
}

/// One occurrence of a query term or field in a mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// The term as canonical query text (`acme*`, `"acme corp"`, `site:acme.com`).
    pub term: String,
    /// Under NOT: its occurrence works against the match.
    pub negated: bool,
    /// `title`, `text`, or the metadata field (`url`, `author`, `source`, `lang`).
    pub field: &'static str,
    /// Index of the first token within the field (absent for metadata).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<usize>,
    /// Char offset of the start within the field (absent for metadata).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// Char offset just past the end within the field (absent for metadata).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// The matched text as written.
    pub text: String,
}

/// Lists the hits of `e` in `doc`.
pub(crate) fn explain(query: usize, e: &Expr, matched: bool, doc: &Doc, options: MatchOptions) -> Explanation {
    let dt = DocTokens::new(doc, options.fold_accents);
    let mut hits = Vec::new();
    collect(e, false, false, &dt, doc, options.fold_accents, &mut hits);
    Explanation { query, matched, hits }
}

fn collect(e: &Expr, neg: bool, title: bool, dt: &DocTokens, doc: &Doc, fold: bool, hits: &mut Vec<Hit>) {
    match e {
        Expr::Term(_) | Expr::Phrase { .. } => {
            let tokens = if title { &dt.tokens[..dt.title_len] } else { &dt.tokens[..] };
            let base = text_base(dt.title_len);
            let mut found = match e {
                // As the matcher finds them: the reference's listing of every choice of positions is exponential
                // in repeated words (`"great great great great great"~1000` never finished under --explain).
                Expr::Phrase { words, slop } => {
                    let lists: Vec<Vec<u32>> = words.iter().map(|w| positions(w, tokens, fold)).collect();
                    let mut found = phrase_spans(&lists.iter().map(Vec::as_slice).collect::<Vec<_>>(), *slop);
                    found.extend(tag_spans(words, tokens, fold));
                    found
                }
                _ => spans(e, tokens, fold),
            };
            found.sort_unstable();
            found.dedup();
            for (first, last) in found {
                let index = |p: u32| dt.tokens.iter().position(|(q, _)| *q == p);
                let (Some(i), Some(j)) = (index(first), index(last)) else { continue };
                let (in_title, field_text) =
                    if first < base { (true, doc.title.unwrap_or("")) } else { (false, doc.text) };
                let (start, end) = (dt.tokens[i].1.start, dt.tokens[j].1.end);
                let text = field_text.chars().skip(start).take(end - start).collect();
                let token = if in_title { i } else { i - dt.title_len };
                let field = if in_title { "title" } else { "text" };
                let term = e.to_string();
                hits.push(Hit {
                    term,
                    negated: neg,
                    field,
                    token: Some(token),
                    start: Some(start),
                    end: Some(end),
                    text,
                });
            }
        }
        Expr::And(cs) | Expr::Or(cs) => cs.iter().for_each(|c| collect(c, neg, title, dt, doc, fold, hits)),
        Expr::Near { left, right, .. } => {
            collect(left, neg, title, dt, doc, fold, hits);
            collect(right, neg, title, dt, doc, fold, hits);
        }
        Expr::Not(inner) => collect(inner, !neg, title, dt, doc, fold, hits),
        Expr::Title(inner) => collect(inner, neg, true, dt, doc, fold, hits),
        Expr::Meta(field, value) => {
            if meta_matches(*field, value, doc) {
                let (name, value) = meta_value(*field, doc);
                let text = value.unwrap_or_default().to_owned();
                let term = e.to_string();
                hits.push(Hit { term, negated: neg, field: name, token: None, start: None, end: None, text });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::query::{Doc, MatchOptions, Matcher, Query};

    /// A slop phrase of repeated words is explained as the matcher finds it, not by listing every choice of
    /// positions (five words over 60 repeats never finished).
    #[test]
    fn a_slop_phrase_of_repeated_words_is_explained_in_time() {
        let q = Query::parse("\"great great great great great\"~1000").expect("parses");
        let m = Matcher::new(&[&q], MatchOptions::default());
        let text = "great ".repeat(60);
        let started = std::time::Instant::now();
        let e = m.explain(0, &Doc::new(&text));
        assert!(e.matched && !e.hits.is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
        // The exact phrase's spans are the consecutive runs: 56 starts.
        let exact = Query::parse("\"great great great great great\"").expect("parses");
        assert_eq!(Matcher::new(&[&exact], MatchOptions::default()).explain(0, &Doc::new(&text)).hits.len(), 56);
    }

    #[test]
    fn explains_terms_phrases_and_fields() {
        let q = Query::parse("(acme OR \"rocket skates\") NOT cheap site:acme.com").expect("parses");
        let m = Matcher::new(&[&q], MatchOptions::default());
        let doc = Doc {
            title: Some("Acme news"),
            url: Some("https://www.acme.com/x"),
            ..Doc::new("I love my Rocket  Skates from ACME's shop")
        };
        let e = m.explain(0, &doc);
        assert!(e.matched);
        let json = serde_json::to_string(&e).expect("serialises");
        assert!(
            json.contains(
                r#"{"term":"acme","negated":false,"field":"title","token":0,"start":0,"end":4,"text":"Acme"}"#
            ),
            "{json}"
        );
        assert!(json.contains(r#""field":"text","token":6,"start":30,"end":36,"text":"ACME's""#), "{json}");
        assert!(json.contains(r#""term":"\"rocket skates\"","negated":false,"field":"text","token":3,"start":10,"end":24,"text":"Rocket  Skates""#), "{json}");
        assert!(
            json.contains(r#"{"term":"site:acme.com","negated":false,"field":"url","text":"https://www.acme.com/x"}"#),
            "{json}"
        );
        assert_eq!(e.hits.len(), 4);
        let none = m.explain(3, &doc);
        assert!(!none.matched && none.hits.is_empty());
    }
}
