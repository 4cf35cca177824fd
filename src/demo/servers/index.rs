//! One platform's slice of the corpus, ordered by time, with an inverted index from search term to posts,
//! so that a request costs two binary searches plus the page it returns, never a scan of the corpus.
//!
//! Postings are built on a term's first request (one scan of the source's posts) and kept: the crawler
//! asks for a handful of brand terms thousands of times, so a full index of every word would cost memory
//! for nothing.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use crate::demo::model::{Corpus, DemoPost, DemoSource};

use super::text::{has_hashtag, has_word};

/// A source's posts in `(created_at, id)` order and the postings of the terms asked for so far.
///
/// Positions (`u32`) index that order, so a posting list is sorted by time and a time window is a
/// contiguous run of it.
pub struct SourceIndex {
    corpus: Arc<Corpus>,
    /// Corpus indices of this source's posts, oldest first.
    order: Vec<u32>,
    /// `created_at` in epoch seconds, per position.
    times: Vec<i64>,
    /// Every position: the posting of the empty query.
    all: Arc<[u32]>,
    /// Term (`word` or `#tag`, lower-cased) → positions holding it.
    postings: RwLock<HashMap<String, Arc<[u32]>>>,
    /// Held while building postings, so concurrent first requests scan once.
    building: Mutex<()>,
}

impl SourceIndex {
    /// Orders the posts of `source` by time (ties by id, which is Mastodon's snowflake order too).
    pub fn new(corpus: Arc<Corpus>, source: DemoSource) -> SourceIndex {
        let mut order: Vec<u32> =
            (0..corpus.posts.len() as u32).filter(|&i| corpus.posts[i as usize].source == source).collect();
        order.sort_by_key(|&i| {
            let p = &corpus.posts[i as usize];
            (p.created_at, p.id)
        });
        let times = order.iter().map(|&i| corpus.posts[i as usize].created_at.timestamp()).collect();
        let all = (0..order.len() as u32).collect();
        SourceIndex { corpus, order, times, all, postings: RwLock::default(), building: Mutex::default() }
    }

    /// The whole corpus (for lookups across posts, e.g. a comment's story).
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The post at a position.
    pub fn post(&self, pos: u32) -> &DemoPost {
        &self.corpus.posts[self.order[pos as usize] as usize]
    }

    /// Positions of the posts holding every key (AND), oldest first. A key is a lower-cased word or a
    /// `#tag`; no keys match everything. Building a new term's postings runs off the async workers;
    /// `None` only if that task died.
    pub async fn lookup(self: &Arc<Self>, keys: &[String]) -> Option<Arc<[u32]>> {
        let cached = {
            let map = self.postings.read().unwrap_or_else(PoisonError::into_inner);
            keys.iter().all(|k| map.contains_key(k))
        };
        if cached {
            return Some(self.lookup_blocking(keys));
        }
        let (this, keys) = (Arc::clone(self), keys.to_vec());
        tokio::task::spawn_blocking(move || this.lookup_blocking(&keys)).await.ok()
    }

    /// [`lookup`](Self::lookup), building missing postings on this thread.
    pub fn lookup_blocking(&self, keys: &[String]) -> Arc<[u32]> {
        let mut lists: Vec<Arc<[u32]>> = keys.iter().map(|k| self.posting(k)).collect();
        lists.sort_by_key(|l| l.len());
        let Some((first, rest)) = lists.split_first() else { return Arc::clone(&self.all) };
        if rest.is_empty() {
            return Arc::clone(first);
        }
        first.iter().copied().filter(|p| rest.iter().all(|l| l.binary_search(p).is_ok())).collect()
    }

    /// The posting list of one key, scanning the source once the first time.
    fn posting(&self, key: &str) -> Arc<[u32]> {
        if let Some(l) = self.postings.read().unwrap_or_else(PoisonError::into_inner).get(key) {
            return Arc::clone(l);
        }
        let _building = self.building.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(l) = self.postings.read().unwrap_or_else(PoisonError::into_inner).get(key) {
            return Arc::clone(l);
        }
        let holds = |p: &DemoPost| match key.strip_prefix('#') {
            Some(tag) => p.title.as_deref().is_some_and(|t| has_hashtag(t, tag)) || has_hashtag(&p.text, tag),
            None => p.title.as_deref().is_some_and(|t| has_word(t, key)) || has_word(&p.text, key),
        };
        let list: Arc<[u32]> = (0..self.order.len() as u32).filter(|&pos| holds(self.post(pos))).collect();
        self.postings.write().unwrap_or_else(PoisonError::into_inner).insert(key.to_string(), Arc::clone(&list));
        list
    }

    /// The run of `list` created in `[since, until)` (epoch seconds).
    pub fn time_range(&self, list: &[u32], since: i64, until: i64) -> Range<usize> {
        let start = list.partition_point(|&p| self.times[p as usize] < since);
        let end = list.partition_point(|&p| self.times[p as usize] < until);
        start..end.max(start)
    }

    /// The run of `list` with ids strictly between `above` and `below`; valid where ids grow with time,
    /// as Mastodon's snowflakes do.
    pub fn id_range(&self, list: &[u32], above: Option<u64>, below: Option<u64>) -> Range<usize> {
        let start = above.map_or(0, |a| list.partition_point(|&p| self.post(p).id <= a));
        let end = below.map_or(list.len(), |b| list.partition_point(|&p| self.post(p).id < b));
        start..end.max(start)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::demo::model::PostKind;
    use chrono::{DateTime, Utc};

    /// A post of `source` at epoch second `t` with `text`; the other fields are plain defaults.
    pub fn post(source: DemoSource, id: u64, t: i64, title: Option<&str>, text: &str) -> DemoPost {
        DemoPost {
            source,
            id,
            kind: PostKind::Status,
            created_at: DateTime::from_timestamp(t, 0).unwrap(),
            author: "ada".into(),
            author_id: 7,
            title: title.map(String::from),
            text: text.into(),
            thread_id: None,
            parent_id: None,
            post_number: None,
            likes: 1,
            replies: 2,
            reposts: 3,
            score: 4,
            publisher: None,
            link: None,
            lang: Some("en".into()),
            brands: vec![0],
            topic: "pricing",
            sentiment: 0.5,
        }
    }

    /// A corpus of `posts`.
    pub fn corpus(posts: Vec<DemoPost>) -> Arc<Corpus> {
        let (start, end) = (DateTime::<Utc>::from_timestamp(0, 0).unwrap(), Utc::now());
        Arc::new(Corpus { posts, events: Vec::new(), start, end })
    }

    #[test]
    fn looks_up_terms_and_windows() {
        let c = corpus(vec![
            post(DemoSource::Mastodon, 30, 300, None, "#Lumora sync is down"),
            post(DemoSource::HackerNews, 1, 100, Some("Lumora pricing"), "Lumora vs Norvane"),
            post(DemoSource::HackerNews, 2, 200, None, "lumoranotes is fine"),
            post(DemoSource::HackerNews, 3, 150, None, "norvane and LUMORA again"),
        ]);
        let idx = SourceIndex::new(c, DemoSource::HackerNews);
        let ids = |l: &[u32]| l.iter().map(|&p| idx.post(p).id).collect::<Vec<_>>();
        assert_eq!(ids(&idx.lookup_blocking(&["lumora".into()])), [1, 3]);
        assert_eq!(ids(&idx.lookup_blocking(&["lumora".into(), "norvane".into()])), [1, 3]);
        assert_eq!(ids(&idx.lookup_blocking(&["lumoranotes".into()])), [2]);
        assert_eq!(ids(&idx.lookup_blocking(&[])), [1, 3, 2]);
        assert!(idx.lookup_blocking(&["#lumora".into()]).is_empty(), "other sources are not indexed");
        let all = idx.lookup_blocking(&[]);
        assert_eq!(idx.time_range(&all, 150, 200), 1..2);
        assert_eq!(idx.time_range(&all, 300, 100), 3..3);
        assert_eq!(idx.id_range(&all, Some(1), None), 1..3);
    }

    #[tokio::test]
    async fn async_lookup_finds_hashtags() {
        let c = corpus(vec![
            post(DemoSource::Mastodon, 30, 300, None, "#Lumora sync is down"),
            post(DemoSource::Mastodon, 31, 301, None, "lumora"),
        ]);
        let idx = Arc::new(SourceIndex::new(c, DemoSource::Mastodon));
        assert_eq!(idx.lookup(&["#lumora".into()]).await.unwrap().as_ref(), [0]);
        assert_eq!(idx.lookup(&["#lumora".into()]).await.unwrap().as_ref(), [0], "cached");
    }
}
