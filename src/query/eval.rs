//! Evaluating compiled programs on one mention: tokens computed once, each pattern's positions at most once,
//! phrases by binary search on position lists, slop windows only around each start position.

use super::compile::{Node, Pattern};
use super::index::Indexed;
use super::meta::meta_matches;
use super::Doc;

/// Per-mention evaluation state shared by the queries evaluated on it.
pub(crate) struct Ctx<'m, 'd> {
    patterns: &'m [Pattern],
    doc: Doc<'d>,
    fold: bool,
    tokens: Option<Indexed<'d>>,
    positions: Vec<Option<Vec<u32>>>,
}

/// Sorted, without repeats. (All spans are kept: a wider span ends closer to the other NEAR operand, so no
/// span can stand in for another.)
fn distinct(mut spans: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    spans.sort_unstable();
    spans.dedup();
    spans
}

impl<'m, 'd> Ctx<'m, 'd> {
    /// State for `doc`; nothing is tokenized until a term needs it.
    pub(crate) fn new(patterns: &'m [Pattern], doc: Doc<'d>, fold: bool) -> Ctx<'m, 'd> {
        Ctx { patterns, doc, fold, tokens: None, positions: Vec::new() }
    }

    /// Positions of pattern `id`, only the title's when `title`.
    fn positions(&mut self, id: usize, title: bool) -> &[u32] {
        self.fill(id);
        self.cached(id, title)
    }

    /// The positions of several patterns at once (a phrase's words), without copying them.
    fn position_lists(&mut self, ids: &[usize], title: bool) -> Vec<&[u32]> {
        ids.iter().for_each(|id| self.fill(*id));
        ids.iter().map(|id| self.cached(*id, title)).collect()
    }

    /// Looks pattern `id` up in the mention's tokens, once.
    fn fill(&mut self, id: usize) {
        let (doc, fold) = (self.doc, self.fold);
        let indexed = self.tokens.get_or_insert_with(|| Indexed::new(&doc, fold));
        if self.positions.len() <= id {
            self.positions.resize(self.patterns.len().max(id + 1), None);
        }
        self.positions[id].get_or_insert_with(|| match self.patterns.get(id) {
            Some(p) => indexed.lookup(p, fold),
            None => Vec::new(),
        });
    }

    /// The positions [`Ctx::fill`] found for pattern `id`, only the title's when `title`.
    fn cached(&self, id: usize, title: bool) -> &[u32] {
        let list = self.positions.get(id).and_then(Option::as_deref).unwrap_or_default();
        match (&self.tokens, title) {
            (Some(indexed), true) => &list[..list.partition_point(|p| *p < indexed.base)],
            _ => list,
        }
    }

    /// Whether `node` matches (on the title alone when `title`).
    pub(crate) fn eval(&mut self, node: &Node, title: bool) -> bool {
        match node {
            Node::Term(id) => !self.positions(*id, title).is_empty(),
            Node::Phrase(..) | Node::Near { .. } => !self.spans(node, title).is_empty(),
            Node::And(cs) => cs.iter().all(|c| self.eval(c, title)),
            Node::Or(cs) => cs.iter().any(|c| self.eval(c, title)),
            Node::Not(inner) => !self.eval(inner, title),
            Node::Title(inner) => self.eval(inner, true),
            Node::Meta(field, value) => meta_matches(*field, value, &self.doc),
        }
    }

    /// Every span of a positional node (see [`distinct`]: none can stand in for another).
    fn spans(&mut self, node: &Node, title: bool) -> Vec<(u32, u32)> {
        match node {
            Node::Term(id) => self.positions(*id, title).iter().map(|p| (*p, *p)).collect(),
            Node::Phrase(ids, slop) => super::slop::phrase_spans(&self.position_lists(ids, title), *slop),
            Node::Or(cs) => {
                let all = cs.iter().flat_map(|c| self.spans(c, title)).collect();
                distinct(all)
            }
            Node::Near { left, right, distance, ordered } => {
                let (ls, rs) = (self.spans(left, title), self.spans(right, title));
                near(&ls, &rs, *distance, *ordered)
            }
            _ => Vec::new(),
        }
    }
}

/// The spans of `l NEAR/distance r` from the operands' spans (`rs` sorted, as [`distinct`] leaves them): each
/// left span with the right spans that start at most `distance` positions after it ends, and (unless `ordered`)
/// those that end at most `distance` positions before it starts. Found by binary search in the right spans sorted
/// by start and by end, so the work grows with the spans and the pairs found, not with every pair: a spam post
/// repeating the brand words thousands of times made the pairwise loop quadratic, and a NEAR chain worse.
fn near(ls: &[(u32, u32)], rs: &[(u32, u32)], distance: u32, ordered: bool) -> Vec<(u32, u32)> {
    let mut by_end = if ordered { Vec::new() } else { rs.to_vec() };
    by_end.sort_unstable_by_key(|&(s, e)| (e, s));
    let mut out = Vec::new();
    for &(s1, e1) in ls {
        let after = rs.partition_point(|&(s2, _)| s2 <= e1);
        out.extend(rs[after..].iter().take_while(|&&(s2, _)| s2 - e1 - 1 <= distance).map(|&(_, e2)| (s1, e2)));
        let before = by_end.partition_point(|&(_, e2)| u64::from(e2) + 1 + u64::from(distance) < u64::from(s1));
        out.extend(by_end[before..].iter().take_while(|&&(_, e2)| e2 < s1).map(|&(s2, _)| (s2, e1)));
    }
    distinct(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The windowed search finds exactly the pairs the pairwise definition does.
    #[test]
    fn near_agrees_with_every_pair() {
        let pairwise = |ls: &[(u32, u32)], rs: &[(u32, u32)], d: u32, ordered: bool| {
            let mut out = Vec::new();
            for &(s1, e1) in ls {
                for &(s2, e2) in rs {
                    if (e1 < s2 && s2 - e1 - 1 <= d) || (!ordered && e2 < s1 && s1 - e2 - 1 <= d) {
                        out.push((s1.min(s2), e1.max(e2)));
                    }
                }
            }
            distinct(out)
        };
        // Spans from a small linear congruential generator: starts 0..40, lengths 0..4, overlapping and nested.
        let mut seed = 12345u32;
        let mut next = |m: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 16) % m
        };
        for _ in 0..300 {
            let mut spans = |n: u32| {
                let v: Vec<(u32, u32)> = (0..next(n)).map(|_| (next(40), next(4))).map(|(s, l)| (s, s + l)).collect();
                distinct(v)
            };
            let (ls, rs) = (spans(12), spans(12));
            for (d, ordered) in [(0, false), (0, true), (2, false), (5, true), (1000, false)] {
                assert_eq!(near(&ls, &rs, d, ordered), pairwise(&ls, &rs, d, ordered), "{ls:?} {rs:?} {d} {ordered}");
            }
        }
    }

    #[test]
    fn distinct_spans() {
        assert_eq!(distinct(vec![(1, 5), (2, 3), (6, 6), (0, 9), (6, 6)]), [(0, 9), (1, 5), (2, 3), (6, 6)]);
    }
}
