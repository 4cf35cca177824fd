//! Compiling queries: interned term patterns, a program per query, and the prefilter's literals.
//!
//! Each term contributes one literal: the longest ASCII run of its normalised, lower-cased text before the first
//! wildcard (`#`/`@` kept for hashtags and handles). A term can only match if its literal occurs in the
//! (lower-cased) mention, so a query whose [`Req`] is false on the literals found is skipped without tokenizing.

use super::ast::{run_together, Expr, MetaField, Term, TermKind};
use super::text::normalize;

/// A term pattern, normalised for the match options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    /// Which tokens it may match.
    pub kind: TermKind,
    /// Compare with the token's original case.
    pub case_sensitive: bool,
    /// The pattern chars, normalised like tokens are.
    pub text: String,
    /// Whether `text` has `*` or `?`.
    pub wildcard: bool,
    /// Byte length of `text` before its first wildcard (all of it without one).
    pub prefix_len: usize,
}

impl Pattern {
    /// `text` up to its first wildcard.
    pub(crate) fn literal_prefix(&self) -> &str {
        &self.text[..self.prefix_len]
    }
}

/// A query compiled against interned patterns.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// Pattern index.
    Term(usize),
    /// Pattern indices and the slop.
    Phrase(Vec<usize>, Option<u32>),
    /// All.
    And(Vec<Node>),
    /// Any.
    Or(Vec<Node>),
    /// None.
    Not(Box<Node>),
    /// Proximity.
    Near { left: Box<Node>, right: Box<Node>, distance: u32, ordered: bool },
    /// Evaluated on the title alone.
    Title(Box<Node>),
    /// Metadata filter.
    Meta(MetaField, String),
}

/// What literals a mention needs for a query to have a chance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Req {
    /// Nothing: always evaluate.
    True,
    /// This literal.
    Lit(usize),
    /// All of these.
    All(Vec<Req>),
    /// One of these.
    Any(Vec<Req>),
}

impl Req {
    /// Whether the literals in `hits` (a bit set) satisfy it.
    pub(crate) fn eval(&self, hits: &[u64]) -> bool {
        match self {
            Req::True => true,
            Req::Lit(i) => hits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0),
            Req::All(rs) => rs.iter().all(|r| r.eval(hits)),
            Req::Any(rs) => rs.iter().any(|r| r.eval(hits)),
        }
    }

    /// A set of literals one of which every satisfying mention has, or `None` when it is `True`. Of an AND it
    /// takes the smallest child set, the longest literals on a tie (`"wayne enterprises"` → `enterprises`:
    /// longer words are rarer). A query whose set misses every hit is skipped with one AND per word.
    pub(crate) fn must(&self, lens: &[usize]) -> Option<Vec<usize>> {
        match self {
            Req::True => None,
            Req::Lit(i) => Some(vec![*i]),
            Req::Any(rs) => rs.iter().map(|r| r.must(lens)).try_fold(Vec::new(), |mut acc, m| {
                acc.extend(m?);
                Some(acc)
            }),
            Req::All(rs) => rs.iter().filter_map(|r| r.must(lens)).min_by_key(|set| {
                let shortest = set.iter().map(|i| lens.get(*i).copied().unwrap_or(0)).min().unwrap_or(0);
                (set.len(), std::cmp::Reverse(shortest))
            }),
        }
    }

    fn all(reqs: Vec<Req>) -> Req {
        let mut reqs: Vec<Req> = reqs.into_iter().filter(|r| *r != Req::True).collect();
        reqs.sort_by_key(|r| !matches!(r, Req::Lit(_)));
        if reqs.len() <= 1 {
            reqs.pop().unwrap_or(Req::True)
        } else {
            Req::All(reqs)
        }
    }

    fn any(mut reqs: Vec<Req>) -> Req {
        if reqs.is_empty() || reqs.contains(&Req::True) {
            Req::True
        } else if reqs.len() == 1 {
            reqs.remove(0)
        } else {
            Req::Any(reqs)
        }
    }
}

/// Interned patterns and literals shared by all queries of a matcher.
#[derive(Debug, Default)]
pub(crate) struct Compiler {
    /// Distinct patterns.
    pub patterns: Vec<Pattern>,
    /// Each pattern's literal and whether it starts where the term does, if it has one.
    pub pattern_literal: Vec<Option<(String, bool)>>,
    /// Distinct literals (lower-case ASCII).
    pub literals: Vec<String>,
    /// Whether a literal starts where its term starts, so it must not follow an ASCII letter or digit.
    pub literal_at_start: Vec<bool>,
    /// Options the patterns were normalised for.
    pub fold: bool,
}

impl Compiler {
    fn intern(&mut self, term: &Term) -> usize {
        let text = normalize(&term.text, !term.case_sensitive, self.fold).into_owned();
        let prefix_len = text.find(['*', '?']).unwrap_or(text.len());
        let pattern = Pattern {
            kind: term.kind,
            case_sensitive: term.case_sensitive,
            wildcard: term.has_wildcard(),
            prefix_len,
            text,
        };
        if let Some(i) = self.patterns.iter().position(|p| *p == pattern) {
            return i;
        }
        let mut lit = normalize(&term.text, true, self.fold).into_owned();
        lit.truncate(lit.find(['*', '?']).unwrap_or(lit.len()));
        match term.kind {
            TermKind::Hashtag => lit.insert(0, '#'),
            TermKind::Handle => lit.insert(0, '@'),
            TermKind::Word => {}
        }
        let literal = longest_ascii_run(&lit).map(|(start, run)| (run.to_owned(), start == 0));
        self.patterns.push(pattern);
        self.pattern_literal.push(literal);
        self.patterns.len() - 1
    }

    /// The requirement of pattern `id`: its literal, added to the prefilter's list on first use.
    fn require(&mut self, id: usize) -> Req {
        let Some(Some((run, at_start))) = self.pattern_literal.get(id).cloned() else { return Req::True };
        let found = self.literals.iter().zip(&self.literal_at_start).position(|(l, s)| *l == run && *s == at_start);
        Req::Lit(found.unwrap_or_else(|| {
            self.literals.push(run);
            self.literal_at_start.push(at_start);
            self.literals.len() - 1
        }))
    }

    /// Compiles an expression into a program and its prefilter requirement (none asked for, and no literal
    /// added, under NOT: `neg`).
    pub(crate) fn compile(&mut self, e: &Expr, neg: bool) -> (Node, Req) {
        match e {
            Expr::Term(t) => {
                let i = self.intern(t);
                (Node::Term(i), if neg { Req::True } else { self.require(i) })
            }
            Expr::Phrase { words, slop } => {
                let ids: Vec<usize> = words.iter().map(|w| self.intern(w)).collect();
                // Every word's literal is needed, but 1-2 letter ones ("t" of "t 800") hit everywhere and cost
                // more scan time than they save: those are left out while a longer one remains.
                let len = |c: &Compiler, i: usize| c.pattern_literal[i].as_ref().map_or(0, |(l, _)| l.len());
                let longest = ids.iter().map(|i| len(self, *i)).max().unwrap_or(0);
                let keep: Vec<usize> = ids.iter().copied().filter(|i| len(self, *i) >= longest.min(3)).collect();
                let req = if neg { Req::True } else { Req::all(keep.into_iter().map(|i| self.require(i)).collect()) };
                let phrase = Node::Phrase(ids, *slop);
                // Or the words run together as a hashtag or handle.
                let Some(tags) = run_together(words) else { return (phrase, req) };
                let tags = tags.map(|t| self.intern(&t));
                let tag_reqs = tags.map(|i| if neg { Req::True } else { self.require(i) });
                let nodes = [phrase].into_iter().chain(tags.map(Node::Term)).collect();
                (Node::Or(nodes), Req::any([req].into_iter().chain(tag_reqs).collect()))
            }
            Expr::And(cs) | Expr::Or(cs) => {
                let (nodes, reqs): (Vec<Node>, Vec<Req>) = cs.iter().map(|c| self.compile(c, neg)).unzip();
                if matches!(e, Expr::And(_)) {
                    (Node::And(nodes), Req::all(reqs))
                } else {
                    (Node::Or(nodes), Req::any(reqs))
                }
            }
            Expr::Not(inner) => (Node::Not(Box::new(self.compile(inner, true).0)), Req::True),
            Expr::Near { left, right, distance, ordered } => {
                let (l, lr) = self.compile(left, neg);
                let (r, rr) = self.compile(right, neg);
                let node = Node::Near { left: Box::new(l), right: Box::new(r), distance: *distance, ordered: *ordered };
                (node, Req::all(vec![lr, rr]))
            }
            Expr::Title(inner) => {
                let (n, r) = self.compile(inner, neg);
                (Node::Title(Box::new(n)), r)
            }
            Expr::Meta(field, value) => (Node::Meta(*field, value.clone()), Req::True),
        }
    }
}

/// The longest run of ASCII chars in `s` and its byte start.
fn longest_ascii_run(s: &str) -> Option<(usize, &str)> {
    let mut best: Option<(usize, &str)> = None;
    for (start, run) in s.split(|c: char| !c.is_ascii()).scan(0, |pos, run| {
        let start = *pos;
        *pos += run.len() + s[*pos + run.len()..].chars().next().map_or(0, char::len_utf8);
        Some((start, run))
    }) {
        if !run.is_empty() && best.is_none_or(|(_, b)| run.len() > b.len()) {
            best = Some((start, run));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;

    fn req(q: &str) -> (Req, Vec<String>) {
        let mut c = Compiler::default();
        let (_, r) = c.compile(Query::parse(q).expect("parses").expr(), false);
        (r, c.literals)
    }

    #[test]
    fn literals_and_requirements() {
        let (r, lits) = req("(acme OR #acmelove) NOT cheap site:x.com");
        assert_eq!(lits, ["acme", "#acmelove"], "no literal for NOT terms");
        assert_eq!(r, Req::Any(vec![Req::Lit(0), Req::Lit(1)]));
        assert_eq!(req("NOT acme").0, Req::True);
        let (r, _) = req("acme OR (globex NEAR/2 (review OR launch)) OR \"acme corp\"");
        // The phrase's own requirement, or its run-together tags and handles (#acmecorp, @acmecorp, #acme_corp, ...).
        let lens = [4, 6, 6, 6, 4, 9, 9, 10, 10];
        assert_eq!(r.must(&lens), Some(vec![0, 1, 0, 5, 6, 7, 8]), "one literal of each AND suffices");
        assert_eq!(req("acme OR site:x.com").0, Req::True);
        assert_eq!(req("acme* NEAR/3 {Corp}").0, Req::All(vec![Req::Lit(0), Req::Lit(1)]));
        assert_eq!(req("acme* NEAR/3 {Corp}").1, ["acme", "corp"]);
        assert_eq!(
            req("\"t 800\" OR \"is people\" OR \"a b\"").1,
            [
                "800",
                "#t800",
                "@t800",
                "#t_800",
                "@t_800",
                "people",
                "#ispeople",
                "@ispeople",
                "#is_people",
                "@is_people",
                "a",
                "b",
                "#ab",
                "@ab",
                "#a_b",
                "@a_b"
            ],
            "short words skipped (the tags keep them)"
        );
    }

    #[test]
    fn non_ascii_literals_use_longest_ascii_run() {
        assert_eq!(longest_ascii_run("élanvital"), Some((2, "lanvital")));
        assert_eq!(longest_ascii_run("ab€cde"), Some((5, "cde")));
        assert_eq!(longest_ascii_run("索尼"), None);
        assert_eq!(req("索尼 OR sony").0, Req::True);
    }
}
