//! The spans of a phrase with `~n`: every `(start, end)` where its words stand at distinct positions within the
//! window, in any order. All spans are needed, not only the tightest, since NEAR measures from a span's end
//! (`"acme rocket"~3 NEAR/0f launch` holds in "acme rocket and rocket launch" through the span ending at the
//! second "rocket"). Each candidate end is tested by matching words to positions (Kuhn's augmenting paths), which
//! is polynomial, where listing every choice of positions was exponential in the words: `"great great great great
//! great"~1000` over a post saying great 60 times never finished.

use std::collections::HashMap;

/// Every span of a phrase whose words stand at `lists` (one sorted list of positions per word): consecutive
/// positions, or with `slop` any order within the window ([`spans`]). What the matcher and `--explain` both use.
pub(super) fn phrase_spans(lists: &[&[u32]], slop: Option<u32>) -> Vec<(u32, u32)> {
    match slop {
        Some(n) => spans(lists, (lists.len() as u32).saturating_sub(1).saturating_add(n)),
        None => {
            let Some((first, rest)) = lists.split_first() else { return Vec::new() };
            first
                .iter()
                .filter(|&&p| rest.iter().zip(1..).all(|(l, i)| l.binary_search(&(p + i)).is_ok()))
                .map(|&p| (p, p + rest.len() as u32))
                .collect()
        }
    }
}

/// Every span of words whose positions are `lists` (one sorted list per word) within windows of `width` + 1
/// positions: each start `lo` that some word stands at, with each end `e` in `lo..=lo + width` such that the words
/// can take distinct positions in `lo..=e`, one of them `lo` and one `e`. Sorted, without repeats.
pub(super) fn spans(lists: &[&[u32]], width: u32) -> Vec<(u32, u32)> {
    let mut starts: Vec<u32> = lists.concat();
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::new();
    for &lo in &starts {
        let hi = lo.saturating_add(width);
        let ends = starts.iter().copied().skip_while(|p| *p < lo).take_while(|p| *p <= hi);
        out.extend(ends.filter(|&e| feasible(lists, lo, e)).map(|e| (lo, e)));
    }
    out
}

/// Whether the words can take distinct positions in `lo..=e` with one word at `lo` and one at `e`.
fn feasible(lists: &[&[u32]], lo: u32, e: u32) -> bool {
    let has = |i: usize, p: u32| lists[i].binary_search(&p).is_ok();
    if lo == e {
        return lists.len() == 1 && has(0, lo);
    }
    let k = lists.len();
    (0..k).filter(|&a| has(a, lo)).any(|a| {
        (0..k).filter(|&b| b != a && has(b, e)).any(|b| {
            let rest: Vec<usize> = (0..k).filter(|&i| i != a && i != b).collect();
            all_placed(lists, &rest, lo + 1, e - 1)
        })
    })
}

/// Whether each word of `rest` can take its own position in `from..=to`.
fn all_placed(lists: &[&[u32]], rest: &[usize], from: u32, to: u32) -> bool {
    if rest.is_empty() {
        return true;
    }
    if from > to || ((to - from + 1) as usize) < rest.len() {
        return false;
    }
    let mut owner: HashMap<u32, usize> = HashMap::new();
    (0..rest.len()).all(|r| augment(lists, rest, from, to, r, &mut owner, &mut Vec::new()))
}

/// Kuhn's step: places word `rest[r]`, moving already placed words along free alternatives if need be.
fn augment(
    lists: &[&[u32]],
    rest: &[usize],
    from: u32,
    to: u32,
    r: usize,
    owner: &mut HashMap<u32, usize>,
    tried: &mut Vec<u32>,
) -> bool {
    let list = lists[rest[r]];
    let first = list.partition_point(|p| *p < from);
    for &p in list[first..].iter().take_while(|p| **p <= to) {
        if tried.contains(&p) {
            continue;
        }
        tried.push(p);
        let free = match owner.get(&p).copied() {
            None => true,
            Some(other) => augment(lists, rest, from, to, other, owner, tried),
        };
        if free {
            owner.insert(p, r);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every distinct-position choice ([`reference::assignments`], the reference evaluator's), kept where it fits
    /// the window: what `spans` must equal.
    fn listed(lists: &[&[u32]], width: u32) -> Vec<(u32, u32)> {
        let per_word: Vec<Vec<u32>> = lists.iter().map(|l| l.to_vec()).collect();
        let mut out = Vec::new();
        super::super::reference::assignments(&per_word, &mut Vec::new(), &mut |chosen| {
            let (lo, hi) = (chosen.iter().min().copied(), chosen.iter().max().copied());
            if let (Some(lo), Some(hi)) = (lo, hi) {
                if hi - lo <= width {
                    out.push((lo, hi));
                }
            }
        });
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn spans_are_every_distinct_choice() {
        let cases: [(&[&[u32]], u32); 5] = [
            (&[&[0, 3], &[1, 3]], 3),
            (&[&[0, 2, 4], &[0, 2, 4], &[1, 5]], 4),
            (&[&[2], &[2]], 5),
            (&[&[1, 4, 6], &[0, 7], &[3, 4, 5]], 6),
            (&[&[5]], 0),
        ];
        for (lists, width) in cases {
            assert_eq!(spans(lists, width), listed(lists, width), "{lists:?} ~{width}");
        }
    }

    /// One word five times, a window of 1000, 60 positions: every end from each start, found without listing
    /// the ~60^5 choices.
    #[test]
    fn repeated_words_in_a_wide_window() {
        let positions: Vec<u32> = (0..60).map(|i| i * 2).collect();
        let lists = vec![positions.as_slice(); 5];
        let got = spans(&lists, 1000);
        // From each start, every position at least four further on is an end.
        assert_eq!(got.iter().filter(|(lo, _)| *lo == 10).map(|(_, e)| *e).min(), Some(18));
        assert_eq!(got.len(), (0..60).map(|i: usize| 60usize.saturating_sub(i + 4)).sum::<usize>());
    }
}
