//! Lint warnings that need the whole query: lower-case operators between terms and NOT-only queries.
//!
//! The parser itself adds the other two kinds (very short wildcard stems, duplicate terms) as it meets them.

use super::ast::Expr;
use super::error::Lint;
use super::lexer::{Lexeme, Tok};

/// Warns about `and`, `or`, `not` and `near/n` written in lower case between terms: users usually mean the operator.
pub(crate) fn operator_lints(lexemes: &[Lexeme]) -> Vec<Lint> {
    let mut lints = Vec::new();
    for (i, l) in lexemes.iter().enumerate() {
        let Tok::Word(w) = &l.tok else { continue };
        if i > 0 && matches!(lexemes[i - 1].tok, Tok::Field(_)) {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| lexemes.get(p)).map(|l| &l.tok);
        let next = lexemes.get(i + 1).map(|l| &l.tok);
        let lower = w.to_lowercase();
        let is_op = match lower.as_str() {
            "and" | "or" => Tok::ends_operand(prev) && Tok::starts_operand(next),
            "not" => (prev.is_none() || Tok::ends_operand(prev)) && Tok::starts_operand(next),
            _ => lower.starts_with("near/") && Tok::ends_operand(prev) && Tok::starts_operand(next),
        };
        if is_op {
            let upper = w.to_uppercase();
            let message =
                format!("'{w}' is searched as a word; write {upper} for the operator, or \"{w}\" to keep the word");
            lints.push(Lint { offset: l.offset, message });
        }
    }
    lints
}

/// Whether every match needs some positive term or field (false for `NOT x`, `a OR NOT b`); `neg`: under NOT.
pub(crate) fn is_narrow(e: &Expr, neg: bool) -> bool {
    match e {
        Expr::Term(_) | Expr::Phrase { .. } | Expr::Near { .. } | Expr::Meta(..) => !neg,
        Expr::Title(inner) => is_narrow(inner, neg),
        Expr::And(children) if !neg => children.iter().any(|c| is_narrow(c, neg)),
        Expr::Or(children) if neg => children.iter().any(|c| is_narrow(c, neg)),
        Expr::And(children) | Expr::Or(children) => children.iter().all(|c| is_narrow(c, neg)),
        Expr::Not(inner) => is_narrow(inner, !neg),
    }
}

/// The NOT-only warning, if the query matches almost everything.
pub(crate) fn not_only_lint(e: &Expr) -> Option<Lint> {
    (!is_narrow(e, false)).then(|| Lint {
        offset: 0,
        message: "this query matches almost every mention: some branch has only NOT terms; add a positive term".into(),
    })
}

#[cfg(test)]
mod tests {
    use crate::query::Query;

    fn lints(q: &str) -> Vec<String> {
        Query::parse(q)
            .map(|q| q.lint().into_iter().map(|l| format!("{}:{}", l.offset, l.message)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn lower_case_operators_between_terms() {
        let l = lints("acme or globex");
        assert_eq!(l.len(), 1);
        assert!(l[0].starts_with("5:'or' is searched as a word; write OR"), "{l:?}");
        assert!(lints("acme and globex")[0].contains("write AND"));
        assert!(lints("not globex")[0].contains("write NOT"));
        assert!(lints("acme near/3 corp")[0].contains("NEAR/3"));
        assert!(lints("\"rock and roll\"").is_empty());
        assert!(lints("title:and acme").is_empty());
        assert!(lints("acme or").is_empty());
    }

    #[test]
    fn not_only_queries() {
        assert_eq!(lints("NOT acme").len(), 1);
        assert_eq!(lints("acme OR NOT globex").len(), 1);
        assert!(lints("acme NOT globex").is_empty());
        assert!(lints("site:acme.com NOT ad").is_empty());
        assert!(lints("NOT NOT acme").is_empty());
        assert!(lints("NOT (acme OR NOT globex)").is_empty());
        assert!(lints("NOT (acme AND globex)")[0].contains("almost every"));
    }

    #[test]
    fn short_wildcards_and_duplicates() {
        let l = lints("a* OR acme OR ab* OR acm* OR acme");
        assert_eq!(l.len(), 3, "{l:?}");
        assert!(l[0].starts_with("0:the wildcard stem 'a'"));
        assert!(l[1].starts_with("14:the wildcard stem 'ab'"));
        assert!(l[2].starts_with("29:duplicate term acme (already at column 7)"), "{l:?}");
        assert!(lints("acme OR title:acme").is_empty());
        // A NEAR operand repeats a term on purpose (the README's own example): no duplicate lint either way.
        let example = "(acme OR \"acme corp\" OR #acme OR @acme OR acmecorp*) NOT (looney OR coyote OR meme*)\n  OR (acme NEAR/4 (rocket OR skates OR anvil))";
        assert!(lints(example).is_empty(), "{:?}", lints(example));
        assert!(lints("(acme NEAR/2 rocket) OR acme").is_empty());
    }
}
